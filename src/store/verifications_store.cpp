#include "store/verifications_store.hpp"

#include "store/sql_builder.hpp"

namespace mvis::store {
namespace {

constexpr char kSelect[] =
    "SELECT v.id, v.institute_org_id, v.appointment_id, v.instrument_id, v.kind, v.regulation, "
    "v.accuracy_class, v.verified_on, v.status, v.data, v.conclusion, v.failed_items, "
    "v.verifier_user_id, v.verifier_signed_at, v.checker_user_id, v.checker_signed_at, "
    "v.approver_user_id, v.approver_signed_at, v.last_reason, v.created_by, v.created_at, "
    "v.updated_at, i.org_id, o.name, n.name, i.install_region_code, "
    "COALESCE(u1.display_name, ''), COALESCE(u2.display_name, ''), COALESCE(u3.display_name, ''), "
    "i.type_code, t.name, i.name, i.model, i.serial_no, i.manufacturer, i.tou_billing "
    "FROM verifications v JOIN instruments i ON i.id = v.instrument_id "
    "JOIN instrument_types t ON t.code = i.type_code "
    "JOIN orgs o ON o.id = i.org_id JOIN orgs n ON n.id = v.institute_org_id "
    "LEFT JOIN users u1 ON u1.id = v.verifier_user_id "
    "LEFT JOIN users u2 ON u2.id = v.checker_user_id "
    "LEFT JOIN users u3 ON u3.id = v.approver_user_id";

constexpr char kFrom[] =
    " FROM verifications v JOIN instruments i ON i.id = v.instrument_id "
    "JOIN orgs o ON o.id = i.org_id";

domain::VerificationRecord ToVerification(const Row& r) {
  domain::VerificationRecord v;
  v.id = r.Int(0);
  v.institute_org_id = r.Int(1);
  v.appointment_id = r.Int(2);
  v.instrument_id = r.Int(3);
  v.kind = Stored(domain::ParseVerificationKind(r.Str(4)), "verifications.kind", r.Str(4));
  v.regulation = r.Str(5);
  v.accuracy_class = r.Str(6);
  v.verified_on = r.Str(7);
  v.status = Stored(domain::ParseRecordStatus(r.Str(8)), "verifications.status", r.Str(8));
  v.data = r.Str(9);
  v.conclusion = Stored(domain::ParseConclusion(r.Str(10)), "verifications.conclusion", r.Str(10));
  v.failed_items = r.Str(11);
  v.verifier_user_id = r.OptInt(12);
  v.verifier_signed_at = r.OptInt(13);
  v.checker_user_id = r.OptInt(14);
  v.checker_signed_at = r.OptInt(15);
  v.approver_user_id = r.OptInt(16);
  v.approver_signed_at = r.OptInt(17);
  v.last_reason = r.Str(18);
  v.created_by = r.Int(19);
  v.created_at = r.Int(20);
  v.updated_at = r.Int(21);
  v.org_id = r.Int(22);
  v.org_name = r.Str(23);
  v.institute_name = r.Str(24);
  v.install_region_code = r.Str(25);
  v.verifier_name = r.Str(26);
  v.checker_name = r.Str(27);
  v.approver_name = r.Str(28);
  v.type_code = r.Str(29);
  v.type_name = r.Str(30);
  v.instrument_name = r.Str(31);
  v.model = r.Str(32);
  v.serial_no = r.Str(33);
  v.manufacturer = r.Str(34);
  v.tou_billing = r.OptInt(35).value_or(0) != 0;
  return v;
}

Where BuildWhere(const VerificationFilter& f) {
  Where w;
  if (f.institute_org_id) w.Add("v.institute_org_id = ?", {*f.institute_org_id});
  if (f.org_id) w.Add("i.org_id = ?", {*f.org_id});
  if (f.region_codes) w.AddIn("i.install_region_code", *f.region_codes);
  if (!f.statuses.empty()) {
    std::vector<std::string> names;
    for (auto s : f.statuses) names.emplace_back(domain::ToString(s));
    w.AddIn("v.status", names);
  }
  if (f.appointment_id) w.Add("v.appointment_id = ?", {*f.appointment_id});
  if (f.instrument_id) w.Add("v.instrument_id = ?", {*f.instrument_id});
  if (!f.verified_from.empty()) w.Add("v.verified_on >= ?", {f.verified_from});
  if (!f.verified_to.empty()) w.Add("v.verified_on <= ?", {f.verified_to});
  if (!f.query.empty()) {
    auto p = LikePattern(f.query);
    w.Add(
        "(LOWER(i.serial_no) LIKE ? ESCAPE '!' OR LOWER(i.model) LIKE ? ESCAPE '!' OR "
        "LOWER(o.name) LIKE ? ESCAPE '!')",
        {p, p, p});
  }
  return w;
}

constexpr char kCertSelect[] =
    "SELECT c.id, c.number, c.revision, c.kind, c.status, c.verification_id, c.instrument_id, "
    "c.org_id, c.institute_org_id, c.install_region_code, c.issue_date, c.valid_until, "
    "c.verified_on, c.reason, c.token, c.snapshot, c.created_by, c.created_at, o.name, n.name "
    "FROM certificates c JOIN orgs o ON o.id = c.org_id JOIN orgs n ON n.id = c.institute_org_id";

constexpr char kLatestOnly[] =
    "c.revision = (SELECT MAX(x.revision) FROM certificates x WHERE x.number = c.number)";

domain::Certificate ToCertificate(const Row& r) {
  domain::Certificate c;
  c.id = r.Int(0);
  c.number = r.Str(1);
  c.revision = static_cast<int>(r.Int(2));
  c.kind = Stored(domain::ParseDocumentKind(r.Str(3)), "certificates.kind", r.Str(3));
  c.status = Stored(domain::ParseCertificateStatus(r.Str(4)), "certificates.status", r.Str(4));
  c.verification_id = r.Int(5);
  c.instrument_id = r.Int(6);
  c.org_id = r.Int(7);
  c.institute_org_id = r.Int(8);
  c.install_region_code = r.Str(9);
  c.issue_date = r.Str(10);
  c.valid_until = r.Str(11);
  c.verified_on = r.Str(12);
  c.reason = r.Str(13);
  c.token = r.Str(14);
  c.snapshot = r.Str(15);
  c.created_by = r.Int(16);
  c.created_at = r.Int(17);
  c.org_name = r.Str(18);
  c.institute_name = r.Str(19);
  return c;
}

std::optional<domain::Certificate> One(Tx& tx, const std::string& where,
                                       std::vector<Param> params) {
  auto r = tx.QueryOne(std::string(kCertSelect) + where, params);
  if (!r) return std::nullopt;
  return ToCertificate(*r);
}

}  // namespace

int64_t InsertVerification(Tx& tx, const domain::VerificationRecord& v) {
  return tx
      .QueryOne(
          "INSERT INTO verifications (institute_org_id, appointment_id, instrument_id, kind, "
          "regulation, accuracy_class, verified_on, status, data, conclusion, failed_items, "
          "created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
          "RETURNING id",
          {v.institute_org_id, v.appointment_id, v.instrument_id,
           std::string(domain::ToString(v.kind)), v.regulation, v.accuracy_class, v.verified_on,
           std::string(domain::ToString(v.status)), v.data,
           std::string(domain::ToString(v.conclusion)), v.failed_items, v.created_by, v.created_at,
           v.updated_at})
      ->Int(0);
}

bool UpdateVerification(Tx& tx, const domain::VerificationRecord& v,
                        domain::RecordStatus expected) {
  return tx.Exec(
             "UPDATE verifications SET kind = ?, verified_on = ?, status = ?, data = ?, "
             "conclusion = ?, failed_items = ?, verifier_user_id = ?, verifier_signed_at = ?, "
             "checker_user_id = ?, checker_signed_at = ?, approver_user_id = ?, "
             "approver_signed_at = ?, last_reason = ?, updated_at = ? WHERE id = ? AND status = ?",
             {std::string(domain::ToString(v.kind)), v.verified_on,
              std::string(domain::ToString(v.status)), v.data,
              std::string(domain::ToString(v.conclusion)), v.failed_items,
              OptParam(v.verifier_user_id), OptParam(v.verifier_signed_at),
              OptParam(v.checker_user_id), OptParam(v.checker_signed_at),
              OptParam(v.approver_user_id), OptParam(v.approver_signed_at), v.last_reason,
              v.updated_at, v.id, std::string(domain::ToString(expected))}) == 1;
}

std::optional<domain::VerificationRecord> FindVerification(Tx& tx, int64_t id) {
  auto r = tx.QueryOne(std::string(kSelect) + " WHERE v.id = ?", {id});
  if (!r) return std::nullopt;
  return ToVerification(*r);
}

Page<domain::VerificationRecord> ListVerifications(Tx& tx, const VerificationFilter& f,
                                                   const PageRequest& page) {
  Where w = BuildWhere(f);
  Page<domain::VerificationRecord> out;
  out.total = tx.QueryOne(std::string("SELECT COUNT(*)") + kFrom + w.sql(), w.params())->Int(0);
  auto params = w.params();
  params.push_back(int64_t{page.page_size});
  params.push_back(page.offset());
  for (const auto& r :
       tx.Query(std::string(kSelect) + w.sql() + " ORDER BY v.id DESC LIMIT ? OFFSET ?", params))
    out.items.push_back(ToVerification(r));
  return out;
}

int64_t CountVerifications(Tx& tx, const VerificationFilter& f) {
  Where w = BuildWhere(f);
  return tx.QueryOne(std::string("SELECT COUNT(*)") + kFrom + w.sql(), w.params())->Int(0);
}

std::optional<int64_t> FindOpenVerification(Tx& tx, int64_t appointment_id, int64_t instrument_id) {
  auto r = tx.QueryOne(
      "SELECT id FROM verifications WHERE appointment_id = ? AND instrument_id = ? AND status <> "
      "'approved' ORDER BY id LIMIT 1",
      {appointment_id, instrument_id});
  if (!r) return std::nullopt;
  return r->Int(0);
}

bool HasApprovedVerification(Tx& tx, int64_t appointment_id, int64_t instrument_id) {
  return tx
      .QueryOne(
          "SELECT id FROM verifications WHERE appointment_id = ? AND instrument_id = ? AND status "
          "= 'approved' LIMIT 1",
          {appointment_id, instrument_id})
      .has_value();
}

int64_t NextCertificateSequence(Tx& tx, int64_t institute_org_id, int year,
                                domain::DocumentKind kind) {
  return tx
      .QueryOne(
          "INSERT INTO certificate_sequences (institute_org_id, year, kind, last_value) VALUES (?, "
          "?, ?, 1) ON CONFLICT (institute_org_id, year, kind) DO UPDATE SET last_value = "
          "certificate_sequences.last_value + 1 RETURNING last_value",
          {institute_org_id, int64_t{year}, std::string(domain::ToString(kind))})
      ->Int(0);
}

int64_t InsertCertificate(Tx& tx, const domain::Certificate& c) {
  return tx
      .QueryOne(
          "INSERT INTO certificates (number, revision, kind, status, verification_id, "
          "instrument_id, org_id, institute_org_id, install_region_code, issue_date, valid_until, "
          "verified_on, reason, token, snapshot, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, "
          "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
          {c.number, int64_t{c.revision}, std::string(domain::ToString(c.kind)),
           std::string(domain::ToString(c.status)), c.verification_id, c.instrument_id, c.org_id,
           c.institute_org_id, c.install_region_code, c.issue_date, c.valid_until, c.verified_on,
           c.reason, c.token, c.snapshot, c.created_by, c.created_at})
      ->Int(0);
}

bool SetCertificateStatus(Tx& tx, int64_t id, domain::CertificateStatus status,
                          const std::string& reason, domain::CertificateStatus expected) {
  return tx.Exec("UPDATE certificates SET status = ?, reason = ? WHERE id = ? AND status = ?",
                 {std::string(domain::ToString(status)), reason, id,
                  std::string(domain::ToString(expected))}) == 1;
}

std::optional<domain::Certificate> FindCertificate(Tx& tx, const std::string& number) {
  return One(tx, " WHERE c.number = ? ORDER BY c.revision DESC LIMIT 1", {number});
}

std::optional<domain::Certificate> FindCertificateRevision(Tx& tx, const std::string& number,
                                                           int revision) {
  return One(tx, " WHERE c.number = ? AND c.revision = ?", {number, int64_t{revision}});
}

std::vector<domain::Certificate> ListCertificateRevisions(Tx& tx, const std::string& number) {
  std::vector<domain::Certificate> out;
  for (const auto& r :
       tx.Query(std::string(kCertSelect) + " WHERE c.number = ? ORDER BY c.revision", {number}))
    out.push_back(ToCertificate(r));
  return out;
}

std::vector<domain::Certificate> ListCertificateRevisionsLight(Tx& tx, const std::string& number) {
  static const std::string select = [] {
    std::string sql = kCertSelect;
    sql.replace(sql.find("c.snapshot"), 10, "''");
    return sql;
  }();
  std::vector<domain::Certificate> out;
  for (const auto& r : tx.Query(select + " WHERE c.number = ? ORDER BY c.revision", {number}))
    out.push_back(ToCertificate(r));
  return out;
}

std::string CertificateSnapshot(Tx& tx, int64_t certificate_id) {
  auto r = tx.QueryOne("SELECT snapshot FROM certificates WHERE id = ?", {certificate_id});
  return r ? r->Str(0) : "";
}

std::optional<domain::Certificate> FindCertificateOfVerification(Tx& tx, int64_t verification_id) {
  return One(tx, " WHERE c.verification_id = ? ORDER BY c.revision DESC LIMIT 1",
             {verification_id});
}

Page<domain::Certificate> ListCertificates(Tx& tx, const CertificateFilter& f,
                                           const PageRequest& page) {
  Where w;
  w.Add(kLatestOnly);
  if (f.institute_org_id) w.Add("c.institute_org_id = ?", {*f.institute_org_id});
  if (f.org_id) w.Add("c.org_id = ?", {*f.org_id});
  if (f.region_codes) w.AddIn("c.install_region_code", *f.region_codes);
  if (f.instrument_id) w.Add("c.instrument_id = ?", {*f.instrument_id});
  if (f.kind) w.Add("c.kind = ?", {std::string(domain::ToString(*f.kind))});
  if (!f.issued_from.empty()) w.Add("c.issue_date >= ?", {f.issued_from});
  if (!f.issued_to.empty()) w.Add("c.issue_date <= ?", {f.issued_to});
  if (f.status) {
    using L = domain::LiveStatus;
    switch (*f.status) {
      case L::kValid:
      case L::kExpired:
        w.Add(std::string("c.kind = 'certificate' AND c.status = 'valid' AND c.valid_until ") +
                  (*f.status == L::kValid ? ">=" : "<") + " ?",
              {f.today});
        break;
      case L::kFailed:
        w.Add("c.kind = 'result_notice' AND c.status <> 'revoked'");
        break;
      case L::kRevoked:
        w.Add("c.status = 'revoked'");
        break;
      case L::kSuperseded:
        w.Add("c.status = 'superseded'");
        break;
    }
  }
  if (!f.query.empty()) {
    auto p = LikePattern(f.query);
    w.Add("(LOWER(c.number) LIKE ? ESCAPE '!' OR LOWER(o.name) LIKE ? ESCAPE '!')", {p, p});
  }
  Page<domain::Certificate> out;
  out.total =
      tx.QueryOne("SELECT COUNT(*) FROM certificates c JOIN orgs o ON o.id = c.org_id" + w.sql(),
                  w.params())
          ->Int(0);
  auto params = w.params();
  params.push_back(int64_t{page.page_size});
  params.push_back(page.offset());
  for (const auto& r : tx.Query(
           std::string(kCertSelect) + w.sql() + " ORDER BY c.id DESC LIMIT ? OFFSET ?", params))
    out.items.push_back(ToCertificate(r));
  return out;
}

std::optional<domain::Certificate> LatestCertificateOfInstrument(Tx& tx, int64_t instrument_id) {
  auto r = tx.QueryOne(
      "SELECT c.id, c.number, c.kind, c.status FROM certificates c WHERE c.instrument_id = ? "
      "ORDER BY c.id DESC LIMIT 1",
      {instrument_id});
  if (!r) return std::nullopt;
  domain::Certificate c;
  c.id = r->Int(0);
  c.number = r->Str(1);
  c.kind = Stored(domain::ParseDocumentKind(r->Str(2)), "certificates.kind", r->Str(2));
  c.status = Stored(domain::ParseCertificateStatus(r->Str(3)), "certificates.status", r->Str(3));
  c.instrument_id = instrument_id;
  return c;
}

}  // namespace mvis::store
