#include "services/verification/certificate_service.hpp"

#include <sodium.h>

#include <algorithm>

#include "domain/calendar.hpp"
#include "domain/instrument.hpp"
#include "domain/text.hpp"
#include "domain/time.hpp"
#include "domain/verification.hpp"
#include "services/core/audit.hpp"
#include "services/core/notifier.hpp"
#include "store/institutes_store.hpp"
#include "store/instruments_store.hpp"

namespace mvis::services {

using Json = nlohmann::json;

namespace {

constexpr int64_t kKeyVerifyYears = 10;  // a label outlives its key's active period by far

bool IsInstituteUser(const Actor& actor) {
  return actor.Is(domain::Role::kInstitute) && actor.org_id.has_value();
}

bool IsApprover(const Actor& actor) {
  return IsInstituteUser(actor) &&
         std::ranges::find(actor.duties, domain::Duty::kApprover) != actor.duties.end();
}

bool CanSee(const Actor& actor, const store::CertificateRow& c) {
  switch (actor.role) {
    case domain::Role::kInstitute:
      return actor.org_id == c.institute_org_id;
    case domain::Role::kEnterprise:
      return actor.org_id == c.org_id;
    case domain::Role::kDistrictRegulator:
    case domain::Role::kCityRegulator:
      return actor.CoversRegion(c.install_region_code);
    default:
      return false;
  }
}

std::string KindName(const store::CertificateRow& c) {
  return c.kind == "certificate" ? "检定证书" : "检定结果通知书";
}

Status CheckReason(const std::string& reason) {
  if (domain::Trim(reason).empty()) return InvalidField("reason", "reason_required", "请填写原因");
  if (domain::CodePoints(reason) > 500)
    return InvalidField("reason", "reason_too_long", "原因不能超过500字");
  return {};
}

void InstrumentEvent(store::Tx& tx, const Actor& actor, int64_t instrument_id,
                     const std::string& action, const std::string& reason) {
  auto row = store::FindInstrument(tx, instrument_id);
  store::InstrumentEvent e;
  e.instrument_id = instrument_id;
  e.at = domain::NowSeconds();
  if (actor.user_id) e.user_id = actor.user_id;
  e.username = actor.username;
  if (actor.org_id)
    if (auto org = store::FindOrg(tx, *actor.org_id)) e.org_name = org->name;
  e.action = action;
  e.from_status = row ? row->status : "";
  e.to_status = row ? row->status : "";
  e.reason = reason;
  store::InsertInstrumentEvent(tx, e);
}

}  // namespace

domain::LabelKeyPair ActiveLabelKey(store::Tx& tx) {
  if (auto k = store::FindActiveLabelKey(tx)) {
    return {k->kid, *domain::Base64UrlDecode(k->public_key),
            *domain::Base64UrlDecode(k->secret_key)};
  }
  const int64_t now = domain::NowSeconds();
  std::string kid = "k" + domain::ChinaDate(now).substr(0, 4) + "-" +
                    std::to_string(store::ListLabelKeys(tx).size() + 1);
  auto key = domain::GenerateLabelKey(kid);
  store::InsertLabelKey(
      tx, {kid, domain::Base64UrlEncode(key.public_key), domain::Base64UrlEncode(key.secret_key),
           "active", now, now + kKeyVerifyYears * 366 * 86400});
  return key;
}

CertificateService::CertificateService(store::Database& db, const ServiceConfig& config)
    : db_(db), config_(config), public_url_(config.public_url) {}

Result<store::CertificateRow> CertificateService::Issue(store::Tx& tx, const Actor& actor,
                                                        const store::VerificationRow& v) {
  auto profile = store::FindInstituteProfile(tx, v.institute_org_id);
  if (!profile) {
    return Fail(ErrorKind::kFailedPrecondition, "institute_profile_missing",
                "本机构尚未登记机构代码，不能出具证书");
  }
  auto instrument = store::FindInstrument(tx, v.instrument_id);
  auto type = store::FindInstrumentType(tx, instrument->data.type_code);
  const int64_t now = domain::NowSeconds();
  const std::string today = domain::ChinaDate(now);
  bool pass = v.conclusion == "pass";
  store::CertificateRow c;
  c.kind = pass ? "certificate" : "result_notice";
  int year = std::stoi(today.substr(0, 4));
  c.number = domain::CertificateNumber(
      profile->code, year, store::NextCertificateSequence(tx, v.institute_org_id, year, c.kind),
      !pass);
  c.revision = 1;
  c.status = "valid";
  c.verification_id = v.id;
  c.instrument_id = v.instrument_id;
  c.org_id = instrument->org_id;
  c.institute_org_id = v.institute_org_id;
  c.install_region_code = instrument->data.install_region_code;
  c.issue_date = today;
  c.valid_until = pass ? domain::CertificateValidUntil(today, type->period_months) : "";
  c.verified_on = v.verified_on;
  if (pass) c.token = domain::SignLabelToken({c.number, c.valid_until, ""}, ActiveLabelKey(tx));
  c.snapshot = BuildSnapshot(tx, v).dump();
  c.created_by = actor.user_id;
  c.created_at = now;
  c.id = store::InsertCertificate(tx, c);
  store::UpdateVerificationState(tx, v.instrument_id, pass ? "passed" : "failed", v.verified_on,
                                 c.valid_until, c.number, now);
  InstrumentEvent(tx, actor, v.instrument_id, pass ? "verification_pass" : "verification_fail",
                  KindName(c) + " " + c.number);
  Audit(tx, actor,
        {"certificate.issue", "certificate", c.number,
         c.kind + " for instrument " + std::to_string(v.instrument_id) + " from verification " +
             std::to_string(v.id)});
  std::string what = instrument->data.name + "（出厂编号 " + instrument->data.serial_no + "）";
  Notice notice =
      pass ? Notice{"verification_passed", "检定合格",
                    what + "检定合格，证书编号 " + c.number + "，有效期至 " + c.valid_until + "。"}
           : Notice{"verification_failed", "检定不合格",
                    what + "检定不合格（通知书编号 " + c.number +
                        "），该器具须停止用于贸易结算，整改后重新申请检定。"};
  NotifyOrg(tx, c.org_id, notice);
  return *store::FindCertificateRevision(tx, c.number, c.revision);
}

std::string CertificateService::LiveStatus(store::Tx& tx, const store::CertificateRow& c,
                                           const std::string& today) {
  if (c.status == "revoked") return "revoked";
  if (c.kind == "result_notice") return "failed";
  auto latest = store::LatestCertificateOfInstrument(tx, c.instrument_id);
  if (latest && latest->number != c.number && latest->id > c.id) {
    if (latest->kind == "result_notice") return "failed";
    if (latest->status != "revoked") return "superseded";
  }
  if (!c.valid_until.empty() && c.valid_until < today) return "expired";
  return "valid";
}

Result<store::CertificateRow> CertificateService::LoadVisible(store::Tx& tx, const Actor& actor,
                                                              const std::string& number) {
  auto c = store::FindCertificate(tx, number);
  if (!c || !CanSee(actor, *c)) return NotFound("证书");
  return *c;
}

Result<store::Page<CertificateView>> CertificateService::List(const Actor& actor,
                                                              const CertificateQuery& q,
                                                              const store::PageRequest& page) {
  store::CertificateFilter f;
  switch (actor.role) {
    case domain::Role::kInstitute:
      f.institute_org_id = actor.org_id.value_or(-1);
      break;
    case domain::Role::kEnterprise:
      f.org_id = actor.org_id.value_or(-1);
      break;
    case domain::Role::kDistrictRegulator:
    case domain::Role::kCityRegulator:
      f.region_codes = actor.region_codes;
      break;
    default:
      return Forbidden();
  }
  f.kind = q.kind;
  f.status = q.status;
  f.today = domain::TodayChina();
  f.query = q.query;
  f.instrument_id = q.instrument_id;
  return db_.Read([&](store::Tx& tx) -> Result<store::Page<CertificateView>> {
    auto rows = store::ListCertificates(tx, f, page);
    store::Page<CertificateView> out;
    out.total = rows.total;
    const std::string today = domain::TodayChina();
    for (auto& c : rows.items) {
      std::string live = LiveStatus(tx, c, today);
      out.items.push_back({std::move(c), live, {}});
    }
    return out;
  });
}

Result<CertificateView> CertificateService::Get(const Actor& actor, const std::string& number) {
  return db_.Read([&](store::Tx& tx) -> Result<CertificateView> {
    auto c = LoadVisible(tx, actor, number);
    if (!c) return std::unexpected(c.error());
    return CertificateView{*c, LiveStatus(tx, *c, domain::TodayChina()),
                           store::ListCertificateRevisions(tx, number)};
  });
}

Result<std::string> CertificateService::Pdf(const Actor& actor, const std::string& number,
                                            std::optional<int> revision) {
  auto c = db_.Read([&](store::Tx& tx) -> Result<store::CertificateRow> {
    auto latest = LoadVisible(tx, actor, number);
    if (!latest || !revision) return latest;
    auto r = store::FindCertificateRevision(tx, number, *revision);
    if (!r) return NotFound("证书修订版");
    return *r;
  });
  if (!c) return std::unexpected(c.error());
  auto doc = DocumentFromSnapshot(*c, Json::parse(c->snapshot, nullptr, false));
  if (!c->token.empty()) doc.qr_url = QrUrl(c->token);
  return io::RenderCertificatePdf(doc);
}

Result<std::string> CertificateService::Labels(const Actor& actor,
                                               const std::vector<std::string>& numbers,
                                               const io::LabelLayout& layout) {
  if (!IsInstituteUser(actor) && !actor.Is(domain::Role::kEnterprise)) return Forbidden();
  if (numbers.empty()) return InvalidField("numbers", "labels_empty", "请选择要打印标识的证书");
  if (numbers.size() > 500)
    return InvalidField("numbers", "labels_too_many", "一次最多打印500张标识");
  auto labels = db_.Read([&](store::Tx& tx) -> Result<std::vector<io::LabelData>> {
    std::vector<io::LabelData> out;
    for (const auto& n : numbers) {
      auto c = LoadVisible(tx, actor, n);
      if (!c) return std::unexpected(c.error());
      if (c->kind != "certificate" || c->status == "revoked") {
        return Fail(ErrorKind::kFailedPrecondition, "label_not_allowed",
                    "证书 " + n + " 不是有效的检定证书，不能打印合格标识");
      }
      out.push_back({QrUrl(c->token), c->number, c->valid_until, c->institute_name});
    }
    return out;
  });
  if (!labels) return std::unexpected(labels.error());
  return io::RenderLabelsPdf(*labels, layout);
}

Result<CertificateView> CertificateService::Revise(const Actor& actor, const std::string& number,
                                                   const std::string& reason) {
  if (!IsApprover(actor))
    return Fail(ErrorKind::kPermissionDenied, "duty_missing", "只有本机构的批准人可以修订证书");
  if (auto ok = CheckReason(reason); !ok) return std::unexpected(ok.error());
  return db_.Write([&](store::Tx& tx) -> Result<CertificateView> {
    auto c = LoadVisible(tx, actor, number);
    if (!c) return std::unexpected(c.error());
    if (c->status == "revoked")
      return Fail(ErrorKind::kFailedPrecondition, "certificate_revoked", "证书已注销，不能修订");
    auto v = store::FindVerification(tx, c->verification_id);
    store::CertificateRow next = *c;
    next.revision = c->revision + 1;
    next.status = "valid";
    next.reason = reason;
    // The owner's and instrument's current data; the measurement and signatures stay as issued.
    Json fresh = BuildSnapshot(tx, *v);
    Json old = Json::parse(c->snapshot, nullptr, false);
    if (old.is_object()) {
      for (const char* keep : {"signatures", "data", "failed_items", "conclusion", "verified_on"})
        if (old.contains(keep)) fresh[keep] = old[keep];
    }
    next.snapshot = fresh.dump();
    next.created_by = actor.user_id;
    next.created_at = domain::NowSeconds();
    store::SetCertificateStatus(tx, c->id, "superseded", c->reason);
    next.id = store::InsertCertificate(tx, next);
    InstrumentEvent(
        tx, actor, c->instrument_id, "certificate_revise",
        KindName(*c) + " " + number + " 第" + std::to_string(next.revision) + "版：" + reason);
    Audit(tx, actor,
          {"certificate.revise", "certificate", number,
           "revision " + std::to_string(c->revision) + " -> " + std::to_string(next.revision) +
               "; reason: " + reason});
    NotifyOrg(tx, c->org_id,
              {"certificate_revised", "证书已修订",
               KindName(*c) + " " + number + " 已修订（第" + std::to_string(next.revision) +
                   "版），原因：" + reason});
    auto latest = *store::FindCertificate(tx, number);
    return CertificateView{latest, LiveStatus(tx, latest, domain::TodayChina()),
                           store::ListCertificateRevisions(tx, number)};
  });
}

Result<CertificateView> CertificateService::Revoke(const Actor& actor, const std::string& number,
                                                   const std::string& reason) {
  if (!IsApprover(actor))
    return Fail(ErrorKind::kPermissionDenied, "duty_missing", "只有本机构的批准人可以注销证书");
  if (auto ok = CheckReason(reason); !ok) return std::unexpected(ok.error());
  return db_.Write([&](store::Tx& tx) -> Result<CertificateView> {
    auto c = LoadVisible(tx, actor, number);
    if (!c) return std::unexpected(c.error());
    if (c->status == "revoked")
      return Fail(ErrorKind::kFailedPrecondition, "certificate_revoked", "证书已注销");
    store::SetCertificateStatus(tx, c->id, "revoked", reason);
    auto instrument = store::FindInstrument(tx, c->instrument_id);
    if (instrument && instrument->last_certificate_no == number) {
      store::UpdateVerificationState(tx, c->instrument_id, "revoked", instrument->last_verified_on,
                                     "", number, domain::NowSeconds());
    }
    InstrumentEvent(tx, actor, c->instrument_id, "certificate_revoke",
                    KindName(*c) + " " + number + " 注销：" + reason);
    Audit(tx, actor, {"certificate.revoke", "certificate", number, "reason: " + reason});
    NotifyOrg(tx, c->org_id,
              {"certificate_revoked", "证书已注销",
               KindName(*c) + " " + number + " 已被注销，原因：" + reason +
                   "。该器具须重新检定合格后方可用于贸易结算。"});
    auto latest = *store::FindCertificate(tx, number);
    return CertificateView{latest, "revoked", store::ListCertificateRevisions(tx, number)};
  });
}

std::vector<domain::LabelPublicKey> CertificateService::Keys(bool reload) {
  std::lock_guard lock(keys_mu_);
  if (reload || keys_.empty()) {
    auto rows = db_.Read([](store::Tx& tx) -> Result<std::vector<store::LabelKeyRow>> {
      return store::ListLabelKeys(tx);
    });
    if (rows) {
      keys_.clear();
      for (const auto& k : *rows)
        keys_.push_back({k.kid, domain::Base64UrlDecode(k.public_key).value_or(""), k.not_after});
    }
  }
  return keys_;
}

PublicInstrument CertificateService::InstrumentOf(store::Tx& tx, int64_t id) {
  {
    std::lock_guard lock(instruments_mu_);
    if (auto it = instruments_.find(id); it != instruments_.end()) return it->second;
  }
  Json s = Json::parse(store::CertificateSnapshot(tx, id), nullptr, false);
  Json ins = s.is_object() ? s.value("instrument", Json::object()) : Json::object();
  PublicInstrument out{ins.value("type_name", ""), ins.value("model", ""),
                       ins.value("serial_no", ""), ins.value("manufacturer", ""),
                       ins.value("district", "")};
  std::lock_guard lock(instruments_mu_);
  if (instruments_.size() >= 100000) instruments_.clear();
  instruments_.emplace(id, out);
  return out;
}

Result<PublicCheck> CertificateService::Check(const std::string& token) {
  const int64_t now = domain::NowSeconds();
  auto peeked = domain::PeekLabelToken(token);
  if (!peeked) {
    return Fail(ErrorKind::kInvalidArgument, "label_invalid", "标识无效：无法验证此二维码的真伪",
                "malformed");
  }
  return db_.Read([&](store::Tx& tx) -> Result<PublicCheck> {
    auto revisions = store::ListCertificateRevisionsLight(tx, peeked->number);
    auto invalid = [] {
      return Fail(ErrorKind::kInvalidArgument, "label_invalid", "标识无效：无法验证此二维码的真伪");
    };
    if (revisions.empty()) return invalid();
    const auto& latest = revisions.back();
    // A token byte-equal to the one this platform issued is genuine; its key must still be
    // published and unexpired. Anything else gets the full signature check.
    bool issued = latest.token.size() == token.size() &&
                  sodium_memcmp(latest.token.data(), token.data(), token.size()) == 0;
    if (issued) {
      auto keys = Keys(false);
      auto key = std::ranges::find(keys, peeked->kid, &domain::LabelPublicKey::kid);
      if (key == keys.end())
        keys = Keys(true), key = std::ranges::find(keys, peeked->kid, &domain::LabelPublicKey::kid);
      if (key == keys.end() || now > key->not_after) return invalid();
    } else {
      auto claims = domain::VerifyLabelToken(token, Keys(false), now);
      if (!claims && claims.error().field == "unknown_key")
        claims = domain::VerifyLabelToken(token, Keys(true), now);
      if (!claims) return std::unexpected(claims.error());
    }
    PublicCheck out;
    out.status = LiveStatus(tx, latest, domain::ChinaDate(now));
    if (out.status == "valid" && peeked->valid_until != latest.valid_until)
      out.status = "superseded";
    out.instrument = InstrumentOf(tx, latest.id);
    out.certificate = latest;
    out.revisions = std::move(revisions);
    return out;
  });
}

Result<std::vector<store::LabelKeyRow>> CertificateService::PublicKeys() {
  return db_.Read([](store::Tx& tx) -> Result<std::vector<store::LabelKeyRow>> {
    auto keys = store::ListLabelKeys(tx);
    for (auto& k : keys) k.secret_key.clear();
    return keys;
  });
}

Result<std::string> CertificateService::RotateKey(const Actor& actor) {
  if (!actor.Is(domain::Role::kSysadmin)) return Forbidden();
  auto kid = db_.Write([&](store::Tx& tx) -> Result<std::string> {
    store::RetireLabelKeys(tx);
    std::string kid = ActiveLabelKey(tx).kid;
    Audit(tx, actor, {"label_key.rotate", "label_key", kid, "new active key " + kid});
    return kid;
  });
  Keys(true);
  return kid;
}

}  // namespace mvis::services
