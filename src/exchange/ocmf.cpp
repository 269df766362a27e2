// OCMF signed meter values: see ocmf.hpp. OpenSSL EVP for the keys and ECDSA.
#include "exchange/ocmf.hpp"

#include <openssl/core_names.h>
#include <openssl/ecdsa.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include <memory>
#include <nlohmann/json.hpp>

namespace mvis::exchange::ocmf {

namespace {

using json = nlohmann::json;

bool FromHex(std::string_view hex, std::string& out) {
  if (hex.size() % 2 != 0) return false;
  out.clear();
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  for (size_t i = 0; i < hex.size(); i += 2) {
    const int hi = nibble(hex[i]), lo = nibble(hex[i + 1]);
    if (hi < 0 || lo < 0) return false;
    out += static_cast<char>(hi * 16 + lo);
  }
  return true;
}

std::string Str(const json& o, const char* key) {
  auto it = o.find(key);
  return it != o.end() && it->is_string() ? it->get<std::string>() : "";
}

using Key = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;

// The key's curve under the name OCMF uses, "" when it is not one of the three.
std::string CurveOf(EVP_PKEY* key) {
  if (EVP_PKEY_get_base_id(key) != EVP_PKEY_EC) return "";
  char name[64] = {};
  size_t len = 0;
  if (EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME, name, sizeof name, &len) != 1)
    return "";
  const std::string group(name, len);
  if (group == "prime256v1" || group == "secp256r1") return "secp256r1";
  if (group == "secp384r1") return "secp384r1";
  if (group == "brainpoolP256r1") return "brainpoolP256r1";
  return "";
}

// A raw r‖s signature (as some meters send) as DER; DER input is returned unchanged.
std::string AsDer(const std::string& sig, size_t field_bytes) {
  if (!sig.empty() && static_cast<unsigned char>(sig[0]) == 0x30) return sig;
  if (sig.size() != 2 * field_bytes) return sig;
  ECDSA_SIG* s = ECDSA_SIG_new();
  const auto* p = reinterpret_cast<const unsigned char*>(sig.data());
  BIGNUM* r = BN_bin2bn(p, static_cast<int>(field_bytes), nullptr);
  BIGNUM* t = BN_bin2bn(p + field_bytes, static_cast<int>(field_bytes), nullptr);
  std::string out;
  if (s && r && t && ECDSA_SIG_set0(s, r, t) == 1) {
    r = t = nullptr;  // owned by s now
    const int len = i2d_ECDSA_SIG(s, nullptr);
    if (len > 0) {
      out.resize(static_cast<size_t>(len));
      auto* q = reinterpret_cast<unsigned char*>(out.data());
      i2d_ECDSA_SIG(s, &q);
    }
  }
  BN_free(r);
  BN_free(t);
  ECDSA_SIG_free(s);
  return out.empty() ? sig : out;
}

bool IsEnd(const std::string& tx) {
  return tx == "E" || tx == "L" || tx == "R" || tx == "A" || tx == "P";
}

// "T32" → {'T', 32}; {0, -1} when malformed.
std::pair<char, long> Page(const std::string& pg) {
  if (pg.size() < 2 || (pg[0] != 'T' && pg[0] != 'F')) return {0, -1};
  for (size_t i = 1; i < pg.size(); ++i)
    if (pg[i] < '0' || pg[i] > '9') return {0, -1};
  return {pg[0], std::stol(pg.substr(1))};
}

}  // namespace

Verdict Parse(std::string_view text) {
  Verdict v;
  // Whitespace around a pasted string is not part of it.
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
    text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
    text.remove_suffix(1);
  const size_t last = text.rfind('|');
  if (text.substr(0, 5) != "OCMF|" || last == std::string_view::npos || last < 5) {
    v.reason = "format_invalid";
    return v;
  }
  auto& r = v.record;
  r.payload = std::string(text.substr(5, last - 5));
  auto payload = json::parse(r.payload, nullptr, false);
  auto signature = json::parse(text.substr(last + 1), nullptr, false);
  if (!payload.is_object() || !signature.is_object()) {
    v.reason = "payload_invalid";
    return v;
  }
  r.signature_hex = Str(signature, "SD");
  r.declared_algorithm = Str(signature, "SA");
  r.pagination = Str(payload, "PG");
  r.meter_serial = Str(payload, "MS").empty() ? Str(payload, "GS") : Str(payload, "MS");
  r.meter_vendor = Str(payload, "MV");
  r.meter_model = Str(payload, "MM");
  auto rd = payload.find("RD");
  if (rd != payload.end() && rd->is_array()) {
    Reading previous;
    for (const auto& item : *rd) {
      if (!item.is_object()) continue;
      Reading reading;
      reading.time = Str(item, "TM");
      reading.type = Str(item, "TX");
      auto rv = item.find("RV");
      reading.value = rv != item.end() && rv->is_number() ? rv->get<double>() : 0;
      // RI and RU may be left out after the first reading: they carry forward.
      reading.obis = item.contains("RI") ? Str(item, "RI") : previous.obis;
      reading.unit = item.contains("RU") ? Str(item, "RU") : previous.unit;
      reading.status = Str(item, "ST");
      reading.error_flags = Str(item, "EF");
      previous = reading;
      r.readings.push_back(std::move(reading));
    }
  }
  return v;
}

std::string KeyCurve(std::string_view public_key_hex, std::string* reason) {
  std::string der;
  auto fail = [&](const char* why) {
    if (reason) *reason = why;
    return std::string();
  };
  if (!FromHex(public_key_hex, der) || der.empty()) return fail("key_invalid");
  const auto* p = reinterpret_cast<const unsigned char*>(der.data());
  Key key(d2i_PUBKEY(nullptr, &p, static_cast<long>(der.size())), EVP_PKEY_free);
  if (!key || p != reinterpret_cast<const unsigned char*>(der.data()) + der.size())
    return fail("key_invalid");
  std::string curve = CurveOf(key.get());
  if (curve.empty()) return fail("key_unsupported");
  return curve;
}

Verdict Verify(std::string_view text, std::string_view public_key_hex) {
  Verdict v = Parse(text);
  if (!v.reason.empty()) return v;
  std::string der, sig;
  if (!FromHex(public_key_hex, der) || der.empty()) {
    v.reason = "key_invalid";
    return v;
  }
  const auto* p = reinterpret_cast<const unsigned char*>(der.data());
  Key key(d2i_PUBKEY(nullptr, &p, static_cast<long>(der.size())), EVP_PKEY_free);
  if (!key) {
    v.reason = "key_invalid";
    return v;
  }
  v.curve = CurveOf(key.get());
  if (v.curve.empty()) {
    v.reason = "key_unsupported";
    return v;
  }
  if (!FromHex(v.record.signature_hex, sig) || sig.empty()) {
    v.reason = "signature_invalid";
    return v;
  }
  sig = AsDer(sig, v.curve == "secp384r1" ? 48 : 32);
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  const auto& payload = v.record.payload;
  const bool signed_ok =
      ctx && EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key.get()) == 1 &&
      EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(sig.data()), sig.size(),
                       reinterpret_cast<const unsigned char*>(payload.data()), payload.size()) == 1;
  if (!signed_ok) {
    v.reason = "signature_invalid";
    return v;
  }
  v.reason = CheckReadings(v.record.readings);
  v.valid = v.reason.empty();
  return v;
}

std::string CheckReadings(const std::vector<Reading>& readings) {
  if (readings.empty()) return "readings_empty";
  if (readings.front().type != "B") return "begin_missing";
  if (readings.size() > 1 && !IsEnd(readings.back().type)) return "end_invalid";
  for (size_t i = 0; i < readings.size(); ++i) {
    if (readings[i].status != "G") return "status_not_good";
    if (i > 0 && readings[i].value < readings[i - 1].value) return "readings_decreasing";
  }
  return "";
}

std::string CheckTransaction(const std::vector<Record>& records) {
  std::vector<Reading> all;
  for (size_t i = 0; i < records.size(); ++i) {
    if (records[i].meter_serial != records.front().meter_serial) return "meter_changed";
    if (i > 0) {
      auto [kind, n] = Page(records[i].pagination);
      auto [prev_kind, prev_n] = Page(records[i - 1].pagination);
      if (n < 0 || prev_n < 0 || kind != prev_kind || n != prev_n + 1) return "pagination_gap";
    }
    all.insert(all.end(), records[i].readings.begin(), records[i].readings.end());
  }
  return CheckReadings(all);
}

}  // namespace mvis::exchange::ocmf
