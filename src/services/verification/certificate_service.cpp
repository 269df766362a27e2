// Issuing, revising and revoking certificates and result notices.
#include "services/verification/certificate_service.hpp"

#include "domain/access_resources.hpp"
#include "domain/calendar.hpp"
#include "domain/reason.hpp"
#include "domain/text.hpp"
#include "domain/time.hpp"
#include "domain/verification.hpp"
#include "services/core/audit.hpp"
#include "services/core/reauth.hpp"
#include "services/core/workflow.hpp"
#include "services/verification/detail_views.hpp"
#include "store/institutes_store.hpp"
#include "store/instrument_types_store.hpp"
#include "store/instruments_store.hpp"
#include "store/verifications_store.hpp"

namespace mvis::services {

using Json = nlohmann::json;
using domain::CertificateAction;
using domain::CertificateStatus;
using domain::DocumentKind;
using domain::access::Kind;
using domain::access::Op;

namespace {

std::string KindName(const domain::Certificate& c) { return std::string(DisplayName(c.kind)); }

ObjectRef RefOf(const domain::Certificate& c) { return {Kind::kCertificate, c.number}; }

// A line on the instrument's timeline for a step of its document (its filing status unchanged).
RelatedEvent InstrumentLine(store::Tx& tx, int64_t instrument_id, std::string action,
                            std::string reason) {
  auto row = store::FindInstrument(tx, instrument_id);
  std::string status = row ? std::string(domain::ToString(row->status)) : "";
  return {{Kind::kInstrument, std::to_string(instrument_id)},
          std::move(action),
          status,
          status,
          std::move(reason)};
}

// The latest revision of `number` if `actor` may do `op` to it (the access policy).
Result<domain::Certificate> LoadCertificate(store::Tx& tx, const Actor& actor,
                                            const std::string& number, Op op) {
  auto c = store::FindCertificate(tx, number);
  if (!c) return NotFound("证书");
  if (auto ok = domain::access::Check(SubjectOf(actor), domain::access::ResourceOf(*c), op, "证书");
      !ok)
    return std::unexpected(ok.error());
  return *c;
}

Result<CertificateView> ViewOf(store::Tx& tx, const std::string& number, const std::string& today) {
  auto latest = store::FindCertificate(tx, number);
  if (!latest) return Internal("certificate " + number + " vanished in its transaction");
  auto live = verification::LiveStatusOf(tx, *latest, today);
  return CertificateView{std::move(*latest), live, store::ListCertificateRevisions(tx, number)};
}

// The current revision of `c` moves by `action` (conditionally: a concurrent revision or
// revocation wins once); `write` then writes what the new state implies.
Result<CertificateStatus> MoveCertificate(Work& w, const domain::Certificate& c,
                                          CertificateAction action, const std::string& reason,
                                          const std::function<bool()>& write,
                                          RelatedEvent instrument_line, Notice notice) {
  return Advance(w, Step<CertificateStatus>{
                        RefOf(c),
                        std::string(domain::ToString(action)),
                        "证书",
                        c.status,
                        domain::NextStatus(c.status, action),
                        [&](CertificateStatus to) {
                          return store::SetCertificateStatus(
                                     w.tx, c.id, to,
                                     action == CertificateAction::kRevoke ? reason : c.reason,
                                     c.status) &&
                                 write();
                        },
                        reason,
                        "第" + std::to_string(c.revision) + "版（已验证密码）",
                        {std::move(instrument_line)},
                        {{ToOrg{c.org_id}, std::move(notice)}}});
}

}  // namespace

CertificateService::CertificateService(const ServiceContext& ctx, LabelKeyring& keys)
    : ctx_(ctx), keys_(keys), public_url_(ctx.config.public_url) {}

Result<domain::Certificate> CertificateService::Issue(Work& w,
                                                      const domain::VerificationRecord& v) {
  auto profile = store::FindInstituteProfile(w.tx, v.institute_org_id);
  if (!profile) {
    return Fail(ErrorKind::kFailedPrecondition, "institute_profile_missing",
                "本机构尚未登记机构代码，不能出具证书");
  }
  auto instrument = store::FindInstrument(w.tx, v.instrument_id);
  if (!instrument) return Internal("instrument " + std::to_string(v.instrument_id) + " missing");
  auto type = store::FindInstrumentType(w.tx, instrument->data.type_code);
  if (!type) return Internal("instrument type " + instrument->data.type_code + " missing");
  auto snapshot = BuildSnapshot(w.tx, v);
  if (!snapshot) return std::unexpected(snapshot.error());
  const std::string today = w.Today();
  const bool pass = v.conclusion == domain::Conclusion::kPass;
  domain::Certificate c;
  c.kind = pass ? DocumentKind::kCertificate : DocumentKind::kResultNotice;
  int year = std::stoi(today.substr(0, 4));
  c.number = domain::CertificateNumber(
      profile->code, year, store::NextCertificateSequence(w.tx, v.institute_org_id, year, c.kind),
      !pass);
  c.revision = 1;
  c.status = CertificateStatus::kValid;
  c.verification_id = v.id;
  c.instrument_id = v.instrument_id;
  c.org_id = instrument->org_id;
  c.institute_org_id = v.institute_org_id;
  c.install_region_code = instrument->data.install_region_code;
  c.issue_date = today;
  c.valid_until = pass ? domain::CertificateValidUntil(today, type->period_months) : "";
  c.verified_on = v.verified_on;
  if (pass) {
    auto key = keys_.Active(w.tx, w.now);
    if (!key) return std::unexpected(key.error());
    c.token = domain::SignCompactLabelToken({c.number, c.valid_until, "", ""}, *key);
  }
  c.snapshot = snapshot->dump();
  c.created_by = w.actor.user_id;
  c.created_at = w.now;
  c.id = store::InsertCertificate(w.tx, c);
  store::UpdateVerificationState(
      w.tx, v.instrument_id,
      pass ? domain::VerificationState::kPassed : domain::VerificationState::kFailed, v.verified_on,
      c.valid_until, c.number, w.now);
  std::string what = instrument->data.name + "（出厂编号 " + instrument->data.serial_no + "）";
  Notice notice =
      pass ? Notice{"verification_passed", "检定合格",
                    what + "检定合格，证书编号 " + c.number + "，有效期至 " + c.valid_until + "。"}
           : Notice{"verification_failed", "检定不合格",
                    what + "检定不合格（通知书编号 " + c.number +
                        "），该器具须停止用于贸易结算，整改后重新申请检定。"};
  Record(w,
         {RefOf(c),
          "issue",
          "",
          std::string(domain::ToString(c.status)),
          "",
          KindName(c) + "（器具 #" + std::to_string(v.instrument_id) + "，检定记录 #" +
              std::to_string(v.id) + "）",
          {InstrumentLine(w.tx, v.instrument_id, pass ? "verification_pass" : "verification_fail",
                          KindName(c) + " " + c.number)},
          {{ToOrg{c.org_id}, notice}}});
  auto issued = store::FindCertificateRevision(w.tx, c.number, c.revision);
  if (!issued) return Internal("certificate " + c.number + " vanished in its transaction");
  return *issued;
}

Result<CertificateView> CertificateService::Revise(const Actor& actor, const std::string& number,
                                                   const std::string& reason,
                                                   const std::string& password) {
  if (auto ok = domain::access::CheckRole(SubjectOf(actor), Kind::kCertificate, Op::kRevise); !ok)
    return std::unexpected(ok.error());
  if (auto ok = domain::CheckReason(reason); !ok) return std::unexpected(ok.error());
  if (auto ok =
          Reauthenticate(ctx_, actor, password, {"certificate.revise", "certificate", number});
      !ok)
    return std::unexpected(ok.error());
  return WriteAs(ctx_, actor, [&](Work& w) -> Result<CertificateView> {
    auto c = LoadCertificate(w.tx, actor, number, Op::kRevise);
    if (!c) return std::unexpected(c.error());
    auto v = store::FindVerification(w.tx, c->verification_id);
    if (!v) return Internal("verification " + std::to_string(c->verification_id) + " missing");
    // The owner's and instrument's current data; the measurement and signatures stay as issued.
    auto fresh = BuildSnapshot(w.tx, *v);
    if (!fresh) return std::unexpected(fresh.error());
    Json old = Json::parse(c->snapshot, nullptr, false);
    if (old.is_object()) {
      for (const char* keep : {"signatures", "data", "failed_items", "conclusion", "verified_on"})
        if (old.contains(keep)) (*fresh)[keep] = old[keep];
    }
    domain::Certificate next = *c;
    next.revision = c->revision + 1;
    next.status = CertificateStatus::kValid;
    next.reason = reason;
    next.snapshot = fresh->dump();
    next.created_by = actor.user_id;
    next.created_at = w.now;
    const std::string revision = "第" + std::to_string(next.revision) + "版";
    auto moved = MoveCertificate(
        w, *c, CertificateAction::kRevise, reason,
        [&] {
          next.id = store::InsertCertificate(w.tx, next);
          return true;
        },
        InstrumentLine(w.tx, c->instrument_id, "certificate_revise",
                       KindName(*c) + " " + number + " " + revision + "：" + reason),
        {"certificate_revised", "证书已修订",
         KindName(*c) + " " + number + " 已修订（" + revision + "），原因：" + reason});
    if (!moved) return std::unexpected(moved.error());
    return ViewOf(w.tx, number, w.Today());
  });
}

Result<CertificateView> CertificateService::Revoke(const Actor& actor, const std::string& number,
                                                   const std::string& reason,
                                                   const std::string& password) {
  if (auto ok = domain::access::CheckRole(SubjectOf(actor), Kind::kCertificate, Op::kRevise); !ok)
    return std::unexpected(ok.error());
  if (auto ok = domain::CheckReason(reason); !ok) return std::unexpected(ok.error());
  if (auto ok =
          Reauthenticate(ctx_, actor, password, {"certificate.revoke", "certificate", number});
      !ok)
    return std::unexpected(ok.error());
  return WriteAs(ctx_, actor, [&](Work& w) -> Result<CertificateView> {
    auto c = LoadCertificate(w.tx, actor, number, Op::kRevise);
    if (!c) return std::unexpected(c.error());
    auto moved =
        MoveCertificate(w, *c, CertificateAction::kRevoke, reason,
                        [&] {
                          auto instrument = store::FindInstrument(w.tx, c->instrument_id);
                          if (instrument && instrument->last_certificate_no == number) {
                            store::UpdateVerificationState(
                                w.tx, c->instrument_id, domain::VerificationState::kRevoked,
                                instrument->last_verified_on, "", number, w.now);
                          }
                          return true;
                        },
                        InstrumentLine(w.tx, c->instrument_id, "certificate_revoke",
                                       KindName(*c) + " " + number + " 注销：" + reason),
                        {"certificate_revoked", "证书已注销",
                         KindName(*c) + " " + number + " 已被注销，原因：" + reason +
                             "。该器具须重新检定合格后方可用于贸易结算。"});
    if (!moved) return std::unexpected(moved.error());
    return ViewOf(w.tx, number, w.Today());
  });
}

Result<std::string> CertificateService::RotateKey(const Actor& actor) {
  if (auto ok = domain::access::CheckRole(SubjectOf(actor), Kind::kPlatform, Op::kAdminister); !ok)
    return std::unexpected(ok.error());
  auto kid = WriteAs(ctx_, actor, [&](Work& w) -> Result<std::string> {
    auto created = keys_.Rotate(w.tx, w.now);
    if (!created) return created;
    Audit(w, {"label_key.rotate", "label_key", *created, "新的在用密钥 " + *created});
    return created;
  });
  keys_.Keys(true);
  return kid;
}

}  // namespace mvis::services
