// The compact label token (label_token.hpp): binary claims and the Ed25519 signature in base32.
#include <fmt/format.h>
#include <sodium.h>

#include <charconv>

#include "domain/calendar.hpp"
#include "domain/label_token.hpp"
#include "domain/label_token_parts.hpp"

namespace mvis::domain {

namespace {

constexpr char kBase32[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
constexpr unsigned char kCompactVersion = 0x02;
constexpr size_t kFixedBytes = 9;  // version, tag (2), valid until (2), year, sequence (3)
constexpr size_t kMaxCodeBytes = 16;
constexpr int64_t kEpochDay = 10957;  // 2000-01-01 as days since 1970-01-01

struct NumberParts {
  std::string code;
  int year = 0;
  uint32_t sequence = 0;
};

// "WHJL-2026-000123" → {WHJL, 2026, 123}, only when it formats back to exactly the same text.
std::optional<NumberParts> SplitNumber(std::string_view number) {
  size_t last = number.rfind('-');
  if (last == std::string_view::npos || last == 0) return std::nullopt;
  size_t middle = number.rfind('-', last - 1);
  if (middle == std::string_view::npos || middle == 0) return std::nullopt;
  NumberParts p{std::string(number.substr(0, middle)), 0, 0};
  std::string_view year = number.substr(middle + 1, last - middle - 1);
  std::string_view seq = number.substr(last + 1);
  if (std::from_chars(year.data(), year.data() + year.size(), p.year).ec != std::errc{} ||
      std::from_chars(seq.data(), seq.data() + seq.size(), p.sequence).ec != std::errc{}) {
    return std::nullopt;
  }
  if (p.code.size() > kMaxCodeBytes || p.year < 2000 || p.year > 2255 || p.sequence > 0xFFFFFF)
    return std::nullopt;
  if (fmt::format("{}-{}-{:06}", p.code, p.year, p.sequence) != number) return std::nullopt;
  return p;
}

}  // namespace

std::string Base32Encode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() * 8 + 4) / 5);
  uint32_t buffer = 0;
  int bits = 0;
  for (unsigned char b : bytes) {
    buffer = (buffer << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += kBase32[(buffer >> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += kBase32[(buffer << (5 - bits)) & 31];
  return out;
}

std::optional<std::string> Base32Decode(std::string_view text) {
  std::string out;
  out.reserve(text.size() * 5 / 8);
  uint32_t buffer = 0;
  int bits = 0;
  for (char ch : text) {
    int v = -1;
    if (ch >= 'A' && ch <= 'Z') v = ch - 'A';
    if (ch >= 'a' && ch <= 'z') v = ch - 'a';
    if (ch >= '2' && ch <= '7') v = ch - '2' + 26;
    if (v < 0) return std::nullopt;
    buffer = (buffer << 5) | static_cast<uint32_t>(v);
    bits += 5;
    if (bits >= 8) {
      out += static_cast<char>((buffer >> (bits - 8)) & 0xFF);
      bits -= 8;
    }
  }
  // Unpadded base32 leaves fewer than 5 bits over, all zero.
  if (bits >= 5 || (buffer & ((1u << bits) - 1)) != 0) return std::nullopt;
  return out;
}

std::string LabelKeyTag(std::string_view public_key) {
  unsigned char hash[32];
  crypto_generichash(hash, sizeof hash, reinterpret_cast<const unsigned char*>(public_key.data()),
                     public_key.size(), nullptr, 0);
  return std::string(reinterpret_cast<char*>(hash), 2);
}

std::string SignCompactLabelToken(const LabelClaims& claims, const LabelKeyPair& key) {
  auto parts = SplitNumber(claims.number);
  auto day = DayNumber(claims.valid_until);
  if (!parts || !day || *day < kEpochDay || *day - kEpochDay > 0xFFFF)
    return SignLabelToken(claims, key);
  const auto days = static_cast<uint32_t>(*day - kEpochDay);
  std::string payload;
  payload += static_cast<char>(kCompactVersion);
  payload += LabelKeyTag(key.public_key);
  payload += static_cast<char>(days >> 8);
  payload += static_cast<char>(days & 0xFF);
  payload += static_cast<char>(parts->year - 2000);
  payload += static_cast<char>(parts->sequence >> 16);
  payload += static_cast<char>((parts->sequence >> 8) & 0xFF);
  payload += static_cast<char>(parts->sequence & 0xFF);
  payload += parts->code;
  unsigned char sig[crypto_sign_BYTES];
  crypto_sign_detached(sig, nullptr, reinterpret_cast<const unsigned char*>(payload.data()),
                       payload.size(),
                       reinterpret_cast<const unsigned char*>(key.secret_key.data()));
  return Base32Encode(payload + std::string(reinterpret_cast<char*>(sig), sizeof sig));
}

std::optional<SignedLabel> ParseCompactLabel(std::string_view token) {
  if (token.size() > 200) return std::nullopt;
  auto bytes = Base32Decode(token);
  if (!bytes || bytes->size() < kFixedBytes + 1 + crypto_sign_BYTES ||
      bytes->size() > kFixedBytes + kMaxCodeBytes + crypto_sign_BYTES ||
      static_cast<unsigned char>((*bytes)[0]) != kCompactVersion) {
    return std::nullopt;
  }
  auto u = [&](size_t i) { return static_cast<uint32_t>(static_cast<unsigned char>((*bytes)[i])); };
  SignedLabel out;
  out.payload = bytes->substr(0, bytes->size() - crypto_sign_BYTES);
  out.signature = bytes->substr(bytes->size() - crypto_sign_BYTES);
  out.claims.key_tag = bytes->substr(1, 2);
  out.claims.valid_until = DateOfDay(kEpochDay + ((u(3) << 8) | u(4)));
  const uint32_t sequence = (u(6) << 16) | (u(7) << 8) | u(8);
  out.claims.number =
      fmt::format("{}-{}-{:06}", out.payload.substr(kFixedBytes), 2000 + u(5), sequence);
  return out;
}

std::string LabelUrl(std::string_view public_url, std::string_view token) {
  if (token.find('.') != std::string_view::npos) {
    return fmt::format("{}/v/{}", public_url, token);
  }
  // Upper-case the scheme and host only: a path prefix stays as the server routes it.
  std::string base(public_url);
  size_t host = base.find("://");
  size_t host_end = host == std::string::npos ? 0 : base.find('/', host + 3);
  if (host_end == std::string::npos) host_end = base.size();
  for (size_t i = 0; i < host_end; ++i) {
    if (base[i] >= 'a' && base[i] <= 'z') base[i] = static_cast<char>(base[i] - 'a' + 'A');
  }
  return fmt::format("{}/V/{}", base, token);
}

}  // namespace mvis::domain
