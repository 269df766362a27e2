#include "services/core/secrets.hpp"

#include <sodium.h>

#include "domain/label_token.hpp"

namespace mvis::services {
namespace {

constexpr char kContext[crypto_kdf_CONTEXTBYTES + 1] = "mvis-key";
constexpr uint64_t kCodeHashId = 1;
constexpr uint64_t kSealingId = 2;

std::string Derive(std::string_view master, uint64_t id) {
  std::string key(32, '\0');
  crypto_kdf_derive_from_key(reinterpret_cast<unsigned char*>(key.data()), key.size(), id, kContext,
                             reinterpret_cast<const unsigned char*>(master.data()));
  return key;
}

}  // namespace

Result<SecretKeys> SecretKeys::FromMaster(std::string_view master) {
  static_assert(crypto_kdf_KEYBYTES == 32);
  if (master.size() != crypto_kdf_KEYBYTES)
    return InvalidField("key", "secret_key_invalid", "主密钥应为32字节");
  if (sodium_init() < 0) return Internal("libsodium failed to initialise");
  SecretKeys keys;
  keys.code_hash_key_ = Derive(master, kCodeHashId);
  keys.sealing_key_ = Derive(master, kSealingId);
  return keys;
}

std::string SecretKeys::NewMaster() {
  std::string master(crypto_kdf_KEYBYTES, '\0');
  crypto_kdf_keygen(reinterpret_cast<unsigned char*>(master.data()));
  return master;
}

std::string SecretKeys::Seal(std::string_view plaintext) const {
  std::string out(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + plaintext.size(), '\0');
  auto* nonce = reinterpret_cast<unsigned char*>(out.data());
  randombytes_buf(nonce, crypto_secretbox_NONCEBYTES);
  crypto_secretbox_easy(nonce + crypto_secretbox_NONCEBYTES,
                        reinterpret_cast<const unsigned char*>(plaintext.data()), plaintext.size(),
                        nonce, reinterpret_cast<const unsigned char*>(sealing_key_.data()));
  return domain::Base64UrlEncode(out);
}

Result<std::string> SecretKeys::Open(std::string_view sealed) const {
  auto raw = domain::Base64UrlDecode(std::string(sealed));
  if (!raw || raw->size() < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES)
    return Internal("sealed value is not well-formed");
  const auto* nonce = reinterpret_cast<const unsigned char*>(raw->data());
  std::string out(raw->size() - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES, '\0');
  if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(out.data()),
                                 nonce + crypto_secretbox_NONCEBYTES,
                                 raw->size() - crypto_secretbox_NONCEBYTES, nonce,
                                 reinterpret_cast<const unsigned char*>(sealing_key_.data())) != 0)
    return Internal("sealed value does not open with this server's key");
  return out;
}

}  // namespace mvis::services
