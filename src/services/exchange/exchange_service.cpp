// T/CEC 102 exchange: see exchange_service.hpp.
#include "services/exchange/exchange_service.hpp"

#include <openssl/evp.h>
#include <sodium.h>

#include <algorithm>
#include <cctype>

#include "domain/access_policy.hpp"
#include "exchange/tcec_codec.hpp"
#include "services/core/workflow.hpp"
#include "services/exchange/exchange_internal.hpp"
#include "services/exchange/order_writer.hpp"
#include "services/exchange/peer_cache.hpp"
#include "services/exchange/platform_pull.hpp"
#include "store/orgs_store.hpp"
#include "store/regions_store.hpp"

namespace mvis::services {

using domain::access::Kind;
using domain::access::Op;
using json = nlohmann::json;
namespace tcec = exchange::tcec;

namespace exchange_internal {

constexpr char kAlphabet[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

std::string RandomText(size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out += kAlphabet[randombytes_uniform(sizeof kAlphabet - 1)];
  return out;
}

std::string Sha256Hex(std::string_view text) {
  // OpenSSL's SHA-256 (the CPU's SHA instructions where it has them: a fifth of libsodium's
  // portable one's time on an envelope), the digest fetched from the provider once.
  static EVP_MD* const sha256 = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (!sha256 || EVP_Digest(text.data(), text.size(), digest, &len, sha256, nullptr) != 1 ||
      len != crypto_hash_sha256_BYTES)
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, crypto_hash_sha256_BYTES);
  return hex;
}

bool IsOperatorId(const std::string& s) {
  return s.size() == 9 && std::all_of(s.begin(), s.end(), [](char c) {
           return std::isdigit(static_cast<unsigned char>(c)) ||
                  std::isupper(static_cast<unsigned char>(c));
         });
}

// A 16-character secret: printable ASCII, no spaces.
bool IsSecret(const std::string& s) {
  return s.size() == 16 &&
         std::all_of(s.begin(), s.end(), [](char c) { return c > ' ' && c < 127; });
}

}  // namespace exchange_internal

using namespace exchange_internal;

namespace {

constexpr char kWhat[] = "对接运营商";

}  // namespace

ExchangeService::ExchangeService(const ServiceContext& ctx, const SecretKeys& keys,
                                 InspectionService& inspections, JobRunner& jobs)
    : ctx_(ctx),
      keys_(keys),
      inspections_(inspections),
      jobs_(jobs),
      platform_(std::make_unique<PlatformPull>(ctx, keys, jobs)),
      cache_(std::make_unique<PeerCache>()),
      writer_(std::make_unique<OrderWriter>(ctx.db)) {}

ExchangeService::~ExchangeService() = default;

Result<TcecOperatorIssued> ExchangeService::CreateOperator(const Actor& actor,
                                                           const TcecOperatorInput& in) {
  if (auto ok = domain::access::CheckRole(SubjectOf(actor), Kind::kPlatform, Op::kAdminister); !ok)
    return std::unexpected(ok.error());
  TcecOperatorIssued out;
  out.org_id = in.org_id;
  out.operator_secret = in.operator_secret.empty() ? RandomText(16) : in.operator_secret;
  out.data_secret = in.data_secret.empty() ? RandomText(16) : in.data_secret;
  out.data_secret_iv = in.data_secret_iv.empty() ? RandomText(16) : in.data_secret_iv;
  out.sig_secret = in.sig_secret.empty() ? RandomText(16) : in.sig_secret;
  for (const auto& [field, value] :
       {std::pair<const char*, const std::string*>{"operator_secret", &out.operator_secret},
        {"data_secret", &out.data_secret},
        {"data_secret_iv", &out.data_secret_iv},
        {"sig_secret", &out.sig_secret}})
    if (!IsSecret(*value)) return InvalidField(field, "secret_invalid", "密钥应为16位可见字符");
  return WriteAs(ctx_, actor, [&](Work& w) -> Result<TcecOperatorIssued> {
    auto org = store::FindOrg(w.tx, in.org_id);
    if (!org || org->kind != domain::OrgKind::kEnterprise)
      return InvalidField("org_id", "org_invalid", "请选择充电运营企业");
    out.org_name = org->name;
    out.operator_id = in.operator_id;
    if (out.operator_id.empty() && org->credit_code.size() == 18)
      out.operator_id = org->credit_code.substr(8, 9);  // the organisation code in the credit code
    if (!IsOperatorId(out.operator_id))
      return InvalidField("operator_id", "operator_id_invalid",
                          "运营商标识应为9位组织机构代码（数字或大写字母）");
    store::TcecOperatorRow row;
    row.operator_id = out.operator_id;
    row.org_id = in.org_id;
    row.secrets_sealed = keys_.Seal(json{
        {"operator_secret", out.operator_secret},
        {"data_secret", out.data_secret},
        {"data_secret_iv", out.data_secret_iv},
        {"sig_secret", out.sig_secret}}.dump());
    row.status = "active";
    row.created_by = actor.user_id;
    row.created_at = row.rotated_at = w.now;
    auto id = store::InsertTcecOperator(w.tx, row);
    if (!id) return Fail(ErrorKind::kConflict, "operator_exists", "该运营商标识已开通对接");
    out.id = *id;
    // The audit row names the account, never a secret.
    Record(w, Transition{{Kind::kPlatform, "tcec_operator:" + std::to_string(*id)},
                         "tcec_operator_create",
                         "",
                         "active",
                         "",
                         out.org_name + "（运营商标识 " + out.operator_id + "）",
                         {},
                         {}});
    return out;
  });
}

Result<TcecOperatorIssued> ExchangeService::RotateOperator(const Actor& actor, int64_t id) {
  if (auto ok = domain::access::CheckRole(SubjectOf(actor), Kind::kPlatform, Op::kAdminister); !ok)
    return std::unexpected(ok.error());
  TcecOperatorIssued out;
  out.operator_secret = RandomText(16);
  out.data_secret = RandomText(16);
  out.data_secret_iv = RandomText(16);
  out.sig_secret = RandomText(16);
  return WriteAs(ctx_, actor, [&](Work& w) -> Result<TcecOperatorIssued> {
    auto row = store::FindTcecOperatorById(w.tx, id);
    if (!row) return NotFound(kWhat);
    out.id = row->id;
    out.org_id = row->org_id;
    out.org_name = row->org_name;
    out.operator_id = row->operator_id;
    if (!store::RotateTcecSecrets(w.tx, id, row->secrets_sealed,
                                  keys_.Seal(json{{"operator_secret", out.operator_secret},
                                                  {"data_secret", out.data_secret},
                                                  {"data_secret_iv", out.data_secret_iv},
                                                  {"sig_secret", out.sig_secret}}
                                                 .dump()),
                                  w.now))
      return StateChanged(kWhat);
    // A record the platform pull made (仅平台同步) has secrets now: an account, off until enabled.
    const bool issued = row->status == "platform";
    if (issued && !store::SetTcecOperatorStatus(w.tx, id, "platform", "disabled"))
      return StateChanged(kWhat);
    Record(w, Transition{{Kind::kPlatform, "tcec_operator:" + std::to_string(id)},
                         "tcec_operator_rotate",
                         issued ? "platform" : "",
                         issued ? "disabled" : "",
                         "",
                         row->org_name + "（运营商标识 " + row->operator_id + "）",
                         {},
                         {}});
    return out;
  });
}

Result<TcecOperatorView> ExchangeService::SetOperatorActive(const Actor& actor, int64_t id,
                                                            bool active) {
  if (auto ok = domain::access::CheckRole(SubjectOf(actor), Kind::kPlatform, Op::kAdminister); !ok)
    return std::unexpected(ok.error());
  return WriteAs(ctx_, actor, [&](Work& w) -> Result<TcecOperatorView> {
    auto row = store::FindTcecOperatorById(w.tx, id);
    if (!row) return NotFound(kWhat);
    const std::string from = row->status, to = active ? "active" : "disabled";
    if (from == to)
      return Fail(ErrorKind::kFailedPrecondition, active ? "operator_active" : "operator_disabled",
                  active ? "该运营商对接已启用" : "该运营商对接已停用");
    if (from == "platform" && active)
      return Fail(ErrorKind::kFailedPrecondition, "rotate_first",
                  "该运营商仅经监管平台同步，请先轮换密钥（签发对接密钥）再启用");
    if (!store::SetTcecOperatorStatus(w.tx, id, from, to)) return StateChanged(kWhat);
    Record(w, Transition{{Kind::kPlatform, "tcec_operator:" + std::to_string(id)},
                         active ? "tcec_operator_enable" : "tcec_operator_disable",
                         from,
                         to,
                         "",
                         row->org_name + "（运营商标识 " + row->operator_id + "）",
                         {},
                         {}});
    return TcecOperatorView{row->id, row->org_id,     row->org_name,  row->operator_id,
                            to,      row->created_at, row->rotated_at};
  });
}

Result<std::vector<TcecOperatorView>> ExchangeService::ListOperators(const Actor& actor) {
  if (auto ok = domain::access::CheckRole(SubjectOf(actor), Kind::kPlatform, Op::kRead); !ok)
    return std::unexpected(ok.error());
  return ctx_.db.Read([&](store::Tx& tx) -> Result<std::vector<TcecOperatorView>> {
    std::vector<TcecOperatorView> out;
    for (const auto& r : store::ListTcecOperators(tx))
      out.push_back(
          {r.id, r.org_id, r.org_name, r.operator_id, r.status, r.created_at, r.rotated_at});
    return out;
  });
}

Result<std::vector<std::string>> ExchangeService::Regions(const Actor& actor, Kind kind,
                                                          const std::string& region_code,
                                                          store::Tx& tx) {
  auto scope = domain::access::ScopeFor(SubjectOf(actor), kind);
  if (!scope.allowed)
    return std::unexpected(
        domain::access::DenialError(domain::access::Decision::kForbidden, kind, Op::kRead, "数据"));
  std::vector<std::string> regions;
  if (scope.region_codes) {
    regions = *scope.region_codes;
  } else {
    for (const auto& r : store::ListRegions(tx, "")) regions.push_back(r.code);
  }
  if (region_code.empty()) return regions;
  if (std::find(regions.begin(), regions.end(), region_code) == regions.end())
    return Fail(ErrorKind::kPermissionDenied, "permission_denied", "无权查看该辖区的数据",
                "region_code");
  return store::RegionSubtree(tx, region_code);
}

Result<store::Page<store::ReconciliationItem>> ExchangeService::Reconciliation(
    const Actor& actor, const std::string& kind, const std::string& region_code,
    const store::PageRequest& page) {
  if (kind != "unfiled" && kind != "not_on_platform" && kind != "mismatch")
    return InvalidField("kind", "kind_invalid", "核查类别无效");
  return ctx_.db.Read([&](store::Tx& tx) -> Result<store::Page<store::ReconciliationItem>> {
    auto regions = Regions(actor, Kind::kReconciliation, region_code, tx);
    if (!regions) return std::unexpected(regions.error());
    return store::ListReconciliation(tx, kind, *regions, page);
  });
}

}  // namespace mvis::services
