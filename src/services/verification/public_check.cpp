// The public check of a pass label (二维码查询): anyone, no sign-in, no personal data.
#include <sodium.h>

#include <algorithm>

#include "domain/time.hpp"
#include "services/verification/certificate_service.hpp"
#include "services/verification/detail_views.hpp"
#include "store/orgs_store.hpp"
#include "store/verifications_store.hpp"

namespace mvis::services {

using Json = nlohmann::json;

PublicInstrument CertificateService::InstrumentOf(store::Tx& tx, const domain::Certificate& c) {
  {
    std::lock_guard lock(instruments_mu_);
    if (auto it = instruments_.find(c.id); it != instruments_.end()) return it->second;
  }
  Json s = Json::parse(store::CertificateSnapshot(tx, c.id), nullptr, false);
  Json ins = s.is_object() ? s.value("instrument", Json::object()) : Json::object();
  PublicInstrument out{ins.value("type_name", ""),
                       ins.value("model", ""),
                       ins.value("serial_no", ""),
                       ins.value("manufacturer", ""),
                       ins.value("district", ""),
                       ins.value("station_name", ""),
                       ins.value("install_address", ""),
                       "",
                       ""};
  store::OrgFilter bureaus{domain::OrgKind::kDistrictBureau, "", {c.install_region_code}};
  auto bureau = store::ListOrgs(tx, bureaus, store::PageRequest{1, 1});
  if (!bureau.items.empty() && bureau.items[0].status == domain::AccountStatus::kActive) {
    out.bureau_name = bureau.items[0].name;
    out.bureau_phone = bureau.items[0].public_phone;
  }
  std::lock_guard lock(instruments_mu_);
  if (instruments_.size() >= 100000) instruments_.clear();
  instruments_.emplace(c.id, out);
  return out;
}

Result<PublicCheck> CertificateService::Check(const std::string& token) {
  const int64_t now = ctx_.clock.Now();
  auto peeked = domain::PeekLabelToken(token);
  if (!peeked) {
    return Fail(ErrorKind::kInvalidArgument, "label_invalid", "标识无效：无法验证此二维码的真伪",
                "malformed");
  }
  return ctx_.db.Read([&](store::Tx& tx) -> Result<PublicCheck> {
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
      auto keys = keys_.Keys(false);
      auto names = [&](const domain::LabelPublicKey& k) {
        return peeked->key_tag.empty() ? k.kid == peeked->kid
                                       : domain::LabelKeyTag(k.public_key) == peeked->key_tag;
      };
      auto key = std::ranges::find_if(keys, names);
      if (key == keys.end()) {
        keys = keys_.Keys(true);
        key = std::ranges::find_if(keys, names);
      }
      if (key == keys.end() || now > key->not_after) return invalid();
    } else {
      auto claims = domain::VerifyLabelToken(token, keys_.Keys(false), now);
      if (!claims && claims.error().field == "unknown_key")
        claims = domain::VerifyLabelToken(token, keys_.Keys(true), now);
      if (!claims) return std::unexpected(claims.error());
    }
    PublicCheck out;
    out.status = verification::LiveStatusOf(tx, latest, domain::ChinaDate(now));
    if (out.status == domain::LiveStatus::kValid && peeked->valid_until != latest.valid_until)
      out.status = domain::LiveStatus::kSuperseded;
    out.instrument = InstrumentOf(tx, latest);
    out.checked_at = now;
    out.complaint_phone = ctx_.config.site.complaint_phone;
    out.certificate = latest;
    out.revisions = std::move(revisions);
    return out;
  });
}

Result<std::vector<PublicKeyView>> CertificateService::PublicKeys() { return keys_.Published(); }

}  // namespace mvis::services
