// The Ed25519 keys that sign pass labels' QR tokens: one active key (created on first use, sealed
// with the server's data key before it is stored), retired keys whose labels keep verifying, and
// a cache of the public keys for the public check.
//
// Thread safety: one instance serves all threads; the cache is guarded. Creating the first key is
// serialised across server instances (a lock held in the creating transaction).
#pragma once

#include <mutex>
#include <string>
#include <vector>

#include "domain/label_token.hpp"
#include "services/core/context.hpp"
#include "services/core/secrets.hpp"
#include "services/verification/verification_views.hpp"

namespace mvis::services {

class LabelKeyring {
 public:
  LabelKeyring(const ServiceContext& ctx, const SecretKeys& secrets)
      : ctx_(ctx), secrets_(secrets) {}

  // The active key pair inside the caller's transaction, created when there is none.
  Result<domain::LabelKeyPair> Active(store::Tx& tx, int64_t now);
  // Retires the active key and creates a new one in the caller's transaction; its key id.
  Result<std::string> Rotate(store::Tx& tx, int64_t now);
  // Seals any secret key still stored in plain text (databases from before sealing). Idempotent;
  // run at start-up. Returns how many were sealed.
  Result<int> SealPlainKeys();

  // Public keys (cached; `reload` rereads them).
  std::vector<domain::LabelPublicKey> Keys(bool reload);
  // Public keys as published, newest last.
  Result<std::vector<PublicKeyView>> Published();

 private:
  Result<domain::LabelKeyPair> Create(store::Tx& tx, int64_t now);

  const ServiceContext& ctx_;
  const SecretKeys& secrets_;
  std::mutex mu_;
  std::vector<domain::LabelPublicKey> cache_;
};

}  // namespace mvis::services
