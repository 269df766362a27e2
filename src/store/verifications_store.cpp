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

VerificationRow ToVerification(const Row& r) {
  VerificationRow v;
  v.id = r.Int(0);
  v.institute_org_id = r.Int(1);
  v.appointment_id = r.Int(2);
  v.instrument_id = r.Int(3);
  v.kind = r.Str(4);
  v.regulation = r.Str(5);
  v.accuracy_class = r.Str(6);
  v.verified_on = r.Str(7);
  v.status = r.Str(8);
  v.data = r.Str(9);
  v.conclusion = r.Str(10);
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
  if (!f.statuses.empty()) w.AddIn("v.status", f.statuses);
  if (f.appointment_id) w.Add("v.appointment_id = ?", {*f.appointment_id});
  if (f.instrument_id) w.Add("v.instrument_id = ?", {*f.instrument_id});
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

CertificateRow ToCertificate(const Row& r) {
  CertificateRow c;
  c.id = r.Int(0);
  c.number = r.Str(1);
  c.revision = static_cast<int>(r.Int(2));
  c.kind = r.Str(3);
  c.status = r.Str(4);
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

std::optional<CertificateRow> One(Tx& tx, const std::string& where, std::vector<Param> params) {
  auto r = tx.QueryOne(std::string(kCertSelect) + where, params);
  if (!r) return std::nullopt;
  return ToCertificate(*r);
}

}  // namespace

int64_t InsertVerification(Tx& tx, const VerificationRow& v) {
  return tx
      .QueryOne(
          "INSERT INTO verifications (institute_org_id, appointment_id, instrument_id, kind, "
          "regulation, accuracy_class, verified_on, status, data, conclusion, failed_items, "
          "created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
          "RETURNING id",
          {v.institute_org_id, v.appointment_id, v.instrument_id, v.kind, v.regulation,
           v.accuracy_class, v.verified_on, v.status, v.data, v.conclusion, v.failed_items,
           v.created_by, v.created_at, v.updated_at})
      ->Int(0);
}

void UpdateVerification(Tx& tx, const VerificationRow& v) {
  tx.Exec(
      "UPDATE verifications SET kind = ?, verified_on = ?, status = ?, data = ?, conclusion = ?, "
      "failed_items = ?, verifier_user_id = ?, verifier_signed_at = ?, checker_user_id = ?, "
      "checker_signed_at = ?, approver_user_id = ?, approver_signed_at = ?, last_reason = ?, "
      "updated_at = ? WHERE id = ?",
      {v.kind, v.verified_on, v.status, v.data, v.conclusion, v.failed_items,
       OptParam(v.verifier_user_id), OptParam(v.verifier_signed_at), OptParam(v.checker_user_id),
       OptParam(v.checker_signed_at), OptParam(v.approver_user_id), OptParam(v.approver_signed_at),
       v.last_reason, v.updated_at, v.id});
}

std::optional<VerificationRow> FindVerification(Tx& tx, int64_t id) {
  auto r = tx.QueryOne(std::string(kSelect) + " WHERE v.id = ?", {id});
  if (!r) return std::nullopt;
  return ToVerification(*r);
}

Page<VerificationRow> ListVerifications(Tx& tx, const VerificationFilter& f,
                                        const PageRequest& page) {
  Where w = BuildWhere(f);
  Page<VerificationRow> out;
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

int64_t NextCertificateSequence(Tx& tx, int64_t institute_org_id, int year,
                                const std::string& kind) {
  return tx
      .QueryOne(
          "INSERT INTO certificate_sequences (institute_org_id, year, kind, last_value) VALUES (?, "
          "?, ?, 1) ON CONFLICT (institute_org_id, year, kind) DO UPDATE SET last_value = "
          "certificate_sequences.last_value + 1 RETURNING last_value",
          {institute_org_id, int64_t{year}, kind})
      ->Int(0);
}

int64_t InsertCertificate(Tx& tx, const CertificateRow& c) {
  return tx
      .QueryOne(
          "INSERT INTO certificates (number, revision, kind, status, verification_id, "
          "instrument_id, org_id, institute_org_id, install_region_code, issue_date, valid_until, "
          "verified_on, reason, token, snapshot, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, "
          "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
          {c.number, int64_t{c.revision}, c.kind, c.status, c.verification_id, c.instrument_id,
           c.org_id, c.institute_org_id, c.install_region_code, c.issue_date, c.valid_until,
           c.verified_on, c.reason, c.token, c.snapshot, c.created_by, c.created_at})
      ->Int(0);
}

void SetCertificateStatus(Tx& tx, int64_t id, const std::string& status,
                          const std::string& reason) {
  tx.Exec("UPDATE certificates SET status = ?, reason = ? WHERE id = ?", {status, reason, id});
}

std::optional<CertificateRow> FindCertificate(Tx& tx, const std::string& number) {
  return One(tx, " WHERE c.number = ? ORDER BY c.revision DESC LIMIT 1", {number});
}

std::optional<CertificateRow> FindCertificateRevision(Tx& tx, const std::string& number,
                                                      int revision) {
  return One(tx, " WHERE c.number = ? AND c.revision = ?", {number, int64_t{revision}});
}

std::vector<CertificateRow> ListCertificateRevisions(Tx& tx, const std::string& number) {
  std::vector<CertificateRow> out;
  for (const auto& r :
       tx.Query(std::string(kCertSelect) + " WHERE c.number = ? ORDER BY c.revision", {number}))
    out.push_back(ToCertificate(r));
  return out;
}

std::vector<CertificateRow> ListCertificateRevisionsLight(Tx& tx, const std::string& number) {
  static const std::string select = [] {
    std::string sql = kCertSelect;
    sql.replace(sql.find("c.snapshot"), 10, "''");
    return sql;
  }();
  std::vector<CertificateRow> out;
  for (const auto& r : tx.Query(select + " WHERE c.number = ? ORDER BY c.revision", {number}))
    out.push_back(ToCertificate(r));
  return out;
}

std::string CertificateSnapshot(Tx& tx, int64_t certificate_id) {
  auto r = tx.QueryOne("SELECT snapshot FROM certificates WHERE id = ?", {certificate_id});
  return r ? r->Str(0) : "";
}

std::optional<CertificateRow> FindCertificateOfVerification(Tx& tx, int64_t verification_id) {
  return One(tx, " WHERE c.verification_id = ? ORDER BY c.revision DESC LIMIT 1",
             {verification_id});
}

Page<CertificateRow> ListCertificates(Tx& tx, const CertificateFilter& f, const PageRequest& page) {
  Where w;
  w.Add(kLatestOnly);
  if (f.institute_org_id) w.Add("c.institute_org_id = ?", {*f.institute_org_id});
  if (f.org_id) w.Add("c.org_id = ?", {*f.org_id});
  if (f.region_codes) w.AddIn("c.install_region_code", *f.region_codes);
  if (f.instrument_id) w.Add("c.instrument_id = ?", {*f.instrument_id});
  if (!f.kind.empty()) w.Add("c.kind = ?", {f.kind});
  if (f.status == "valid" || f.status == "expired") {
    w.Add(std::string("c.kind = 'certificate' AND c.status = 'valid' AND c.valid_until ") +
              (f.status == "valid" ? ">=" : "<") + " ?",
          {f.today});
  } else if (f.status == "failed") {
    w.Add("c.kind = 'result_notice' AND c.status <> 'revoked'");
  } else if (!f.status.empty()) {
    w.Add("c.status = ?", {f.status});
  }
  if (!f.query.empty()) {
    auto p = LikePattern(f.query);
    w.Add("(LOWER(c.number) LIKE ? ESCAPE '!' OR LOWER(o.name) LIKE ? ESCAPE '!')", {p, p});
  }
  Page<CertificateRow> out;
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

std::optional<CertificateRow> LatestCertificateOfInstrument(Tx& tx, int64_t instrument_id) {
  auto r = tx.QueryOne(
      "SELECT c.id, c.number, c.kind, c.status FROM certificates c WHERE c.instrument_id = ? "
      "ORDER BY c.id DESC LIMIT 1",
      {instrument_id});
  if (!r) return std::nullopt;
  CertificateRow c;
  c.id = r->Int(0);
  c.number = r->Str(1);
  c.kind = r->Str(2);
  c.status = r->Str(3);
  c.instrument_id = instrument_id;
  return c;
}

}  // namespace mvis::store
