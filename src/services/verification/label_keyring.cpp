#include "services/verification/label_keyring.hpp"

#include "domain/time.hpp"
#include "services/core/passwords.hpp"
#include "store/label_keys_store.hpp"

namespace mvis::services {
namespace {

constexpr int64_t kKeyVerifyYears = 10;  // a label outlives its key's active period by far

}  // namespace

Result<domain::LabelKeyPair> LabelKeyring::Active(store::Tx& tx, int64_t now) {
  auto k = store::FindActiveLabelKey(tx);
  if (!k) {
    // Two instances issuing their first certificate at once: the second waits here and then
    // finds the key the first created.
    store::LockKey(tx, "label-keys");
    k = store::FindActiveLabelKey(tx);
    if (!k) return Create(tx, now);
  }
  std::string encoded = k->secret_key;  // plain only in databases not yet sealed
  if (!k->secret_sealed.empty()) {
    auto opened = secrets_.Open(k->secret_sealed);
    if (!opened) return Internal("label key " + k->kid + ": " + opened.error().detail);
    encoded = std::move(*opened);
  }
  auto public_key = domain::Base64UrlDecode(k->public_key);
  auto secret = domain::Base64UrlDecode(encoded);
  if (!public_key || !secret) return Internal("label key " + k->kid + " is not well-formed");
  return domain::LabelKeyPair{k->kid, *public_key, *secret};
}

Result<domain::LabelKeyPair> LabelKeyring::Create(store::Tx& tx, int64_t now) {
  // A random suffix: key ids never collide, whichever instance creates a key.
  std::string kid = "k" + domain::ChinaDate(now).substr(0, 4) + "-" + RandomToken(6);
  auto key = domain::GenerateLabelKey(kid);
  store::LabelKeyRow row{kid,
                         domain::Base64UrlEncode(key.public_key),
                         "",
                         secrets_.Seal(domain::Base64UrlEncode(key.secret_key)),
                         true,
                         now,
                         now + kKeyVerifyYears * 366 * 86400};
  if (!store::InsertLabelKey(tx, row)) return Internal("label key id " + kid + " taken");
  return key;
}

Result<std::string> LabelKeyring::Rotate(store::Tx& tx, int64_t now) {
  store::LockKey(tx, "label-keys");
  store::RetireLabelKeys(tx);
  auto key = Create(tx, now);
  if (!key) return std::unexpected(key.error());
  return key->kid;
}

Result<int> LabelKeyring::SealPlainKeys() {
  return ctx_.db.Write([&](store::Tx& tx) -> Result<int> {
    int sealed = 0;
    for (const auto& k : store::ListLabelKeys(tx)) {
      if (k.secret_key.empty()) continue;
      store::SetSealedSecret(tx, k.kid, secrets_.Seal(k.secret_key));
      ++sealed;
    }
    return sealed;
  });
}

std::vector<domain::LabelPublicKey> LabelKeyring::Keys(bool reload) {
  std::lock_guard lock(mu_);
  if (reload || cache_.empty()) {
    auto rows = ctx_.db.Read([](store::Tx& tx) -> Result<std::vector<store::LabelKeyRow>> {
      return store::ListLabelKeys(tx);
    });
    if (rows) {
      cache_.clear();
      for (const auto& k : *rows)
        cache_.push_back({k.kid, domain::Base64UrlDecode(k.public_key).value_or(""), k.not_after});
    }
  }
  return cache_;
}

Result<std::vector<PublicKeyView>> LabelKeyring::Published() {
  return ctx_.db.Read([](store::Tx& tx) -> Result<std::vector<PublicKeyView>> {
    std::vector<PublicKeyView> out;
    for (const auto& k : store::ListLabelKeys(tx))
      out.push_back({k.kid, k.public_key, k.active, k.created_at, k.not_after});
    return out;
  });
}

}  // namespace mvis::services
