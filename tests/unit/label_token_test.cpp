#include "domain/label_token.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

namespace mvis::domain {
namespace {

constexpr std::string_view kAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
constexpr int64_t kNow = 1'790'000'000;  // 2026-09
constexpr int64_t kNotAfter = kNow + 10 * 365 * 86400;

LabelClaims Claims() { return {"WHJL-2026-000123", "2029-11-27", ""}; }

LabelPublicKey Public(const LabelKeyPair& key, int64_t not_after = kNotAfter) {
  return {key.kid, key.public_key, not_after};
}

// The precise reason a token is refused, or "" when it verifies.
std::string Reason(std::string_view token, const std::vector<LabelPublicKey>& keys,
                   int64_t now = kNow) {
  auto r = VerifyLabelToken(token, keys, now);
  if (r) return "";
  EXPECT_EQ(r.error().kind, ErrorKind::kInvalidArgument);
  EXPECT_EQ(r.error().code, "label_invalid");
  EXPECT_FALSE(r.error().message.empty());
  return r.error().field;
}

class LabelToken : public testing::Test {
 protected:
  LabelKeyPair key_ = GenerateLabelKey("k2026");
  std::vector<LabelPublicKey> keys_ = {Public(key_)};
  std::string token_ = SignLabelToken(Claims(), key_);
};

TEST_F(LabelToken, GeneratedKeysHaveLibsodiumSizesAndDiffer) {
  EXPECT_EQ(key_.kid, "k2026");
  EXPECT_EQ(key_.public_key.size(), 32u);
  EXPECT_EQ(key_.secret_key.size(), 64u);
  auto other = GenerateLabelKey("k2026");
  EXPECT_NE(other.public_key, key_.public_key);
  EXPECT_NE(other.secret_key, key_.secret_key);
}

TEST_F(LabelToken, SignThenVerifyRoundTrips) {
  auto claims = VerifyLabelToken(token_, keys_, kNow);
  ASSERT_TRUE(claims.has_value()) << claims.error().field;
  EXPECT_EQ(claims->number, "WHJL-2026-000123");
  EXPECT_EQ(claims->valid_until, "2029-11-27");
  EXPECT_EQ(claims->kid, "k2026");

  // The token is URL-safe: base64url payload, a dot, base64url signature.
  EXPECT_EQ(token_.find_first_not_of(std::string(kAlphabet) + "."), std::string::npos);
  auto dot = token_.find('.');
  ASSERT_NE(dot, std::string::npos);
  EXPECT_EQ(token_.find('.', dot + 1), std::string::npos);
  EXPECT_EQ(Base64UrlDecode(token_.substr(0, dot)), "v1|WHJL-2026-000123|2029-11-27|k2026");
  EXPECT_EQ(Base64UrlDecode(token_.substr(dot + 1))->size(), 64u);
}

TEST_F(LabelToken, TheKidComesFromTheKeyNotTheClaims) {
  LabelClaims claims = Claims();
  claims.kid = "someone-else";
  auto verified = VerifyLabelToken(SignLabelToken(claims, key_), keys_, kNow);
  ASSERT_TRUE(verified);
  EXPECT_EQ(verified->kid, "k2026");
}

TEST_F(LabelToken, RetiredKeysStillVerifyAmongSeveral) {
  auto old_key = GenerateLabelKey("k2020");
  auto newer = GenerateLabelKey("k2030");
  std::vector<LabelPublicKey> keys = {Public(old_key), Public(key_), Public(newer)};
  EXPECT_EQ(Reason(SignLabelToken(Claims(), old_key), keys), "");
  EXPECT_EQ(Reason(token_, keys), "");
  EXPECT_EQ(Reason(SignLabelToken(Claims(), newer), keys), "");
}

TEST_F(LabelToken, EveryChangedCharacterIsRejected) {
  auto dot = token_.find('.');
  int tried = 0;
  for (size_t i = 0; i < token_.size(); ++i) {
    if (i == dot) continue;
    for (char replacement : kAlphabet) {
      if (replacement == token_[i]) continue;
      std::string altered = token_;
      altered[i] = replacement;
      std::string reason = Reason(altered, keys_);
      ++tried;
      // A changed payload may no longer parse, name another key, or not match the signature;
      // a changed signature may not decode or not match. None may verify.
      if (i < dot) {
        ASSERT_TRUE(reason == "malformed" || reason == "unknown_key" || reason == "bad_signature")
            << "payload position " << i << " → '" << replacement << "': '" << reason << "'";
      } else {
        ASSERT_TRUE(reason == "malformed" || reason == "bad_signature")
            << "signature position " << i << " → '" << replacement << "': '" << reason << "'";
      }
    }
  }
  EXPECT_EQ(tried, static_cast<int>(token_.size() - 1) * 63);
}

TEST_F(LabelToken, AlteredPayloadWithTheOriginalSignatureIsABadSignature) {
  auto signature = token_.substr(token_.find('.') + 1);
  for (const char* payload : {
           "v1|WHJL-2026-000123|2099-12-31|k2026",  // a later valid-until
           "v1|WHJL-2026-000124|2029-11-27|k2026",  // another certificate
           "v1|WHJL-2026-000123|2029-11-28|k2026",  // one day later
       }) {
    SCOPED_TRACE(payload);
    EXPECT_EQ(Reason(Base64UrlEncode(payload) + "." + signature, keys_), "bad_signature");
  }
  // The same signature over a payload naming another known key is still a bad signature.
  auto other = GenerateLabelKey("k2027");
  std::vector<LabelPublicKey> both = {Public(key_), Public(other)};
  EXPECT_EQ(Reason(Base64UrlEncode("v1|WHJL-2026-000123|2029-11-27|k2027") + "." + signature, both),
            "bad_signature");
}

TEST_F(LabelToken, UnknownKey) {
  EXPECT_EQ(Reason(token_, {}), "unknown_key");
  auto other = GenerateLabelKey("k2027");
  EXPECT_EQ(Reason(token_, {Public(other)}), "unknown_key");
  // Key ids match exactly.
  EXPECT_EQ(Reason(token_, {{"K2026", key_.public_key, kNotAfter}}), "unknown_key");
  EXPECT_EQ(Reason(token_, {{"k2026 ", key_.public_key, kNotAfter}}), "unknown_key");
  // A published key of the wrong size is no key.
  EXPECT_EQ(Reason(token_, {{"k2026", key_.public_key.substr(0, 31), kNotAfter}}), "unknown_key");
  EXPECT_EQ(Reason(token_, {{"k2026", "", kNotAfter}}), "unknown_key");
}

TEST_F(LabelToken, KeyPastItsNotAfterIsExpired) {
  EXPECT_EQ(Reason(token_, {Public(key_, kNow - 1)}), "key_expired");
  EXPECT_EQ(Reason(token_, {Public(key_, 0)}), "key_expired");
  EXPECT_EQ(Reason(token_, {Public(key_, kNow)}), "");  // up to and including not_after
  EXPECT_EQ(Reason(token_, {Public(key_, kNow + 1)}), "");
}

TEST_F(LabelToken, KidMappedToAnotherKeysPublicKeyIsABadSignature) {
  auto b = GenerateLabelKey("kB");
  EXPECT_EQ(Reason(token_, {{key_.kid, b.public_key, kNotAfter}}), "bad_signature");
  // Token signed by B under A's kid: B's key pair renamed.
  LabelKeyPair b_as_a = b;
  b_as_a.kid = key_.kid;
  EXPECT_EQ(Reason(SignLabelToken(Claims(), b_as_a), keys_), "bad_signature");
}

TEST_F(LabelToken, GarbageIsMalformed) {
  const std::string sig = token_.substr(token_.find('.') + 1);
  const std::string payload = token_.substr(0, token_.find('.'));
  const std::vector<std::string> garbage = {
      "",
      ".",
      "..",
      "abc",
      "abc.",
      ".abc",
      "abc.def",              // signature too short
      std::string(600, 'A'),  // too long
      std::string(600, 'A') + "." + sig,
      "a+b/c.d+e/f",  // standard base64, not base64url
      "YWJj.ZGVm==",  // padding
      payload + "=." + sig,
      payload + "." + sig + "=",
      payload + "." + sig + " ",
      " " + token_,
      payload + "." + sig + ".x",  // two dots
      payload + ".." + sig,
      payload + "%2E" + sig,
      payload,    // no signature
      "." + sig,  // no payload
      payload + "." + sig.substr(0, sig.size() - 1),
      "令牌.签名",
      std::string("v1\0|x", 5),
  };
  for (const auto& token : garbage) {
    SCOPED_TRACE(token);
    EXPECT_EQ(Reason(token, keys_), "malformed");
  }
}

TEST_F(LabelToken, WellSignedButMalformedPayloadsAreRejected) {
  struct Case {
    LabelClaims claims;
    const char* why;
  };
  const Case cases[] = {
      {{"", "2029-11-27", ""}, "empty number"},
      {{"WHJL|2026", "2029-11-27", ""}, "separator in the number"},
      {{"WHJL-2026-000123", "2029-1-1", ""}, "short date"},
      {{"WHJL-2026-000123", "", ""}, "no date"},
      {{"WHJL-2026-000123", "2029-11-27|x", ""}, "separator in the date"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.why);
    EXPECT_EQ(Reason(SignLabelToken(c.claims, key_), keys_), "malformed");
  }
  // A validly signed token over 512 characters is refused before any work.
  LabelClaims huge = Claims();
  huge.number = std::string(400, 'N');
  auto token = SignLabelToken(huge, key_);
  ASSERT_GT(token.size(), 512u);
  EXPECT_EQ(Reason(token, keys_), "malformed");
}

TEST(LabelBase64Url, KnownVectors) {
  struct Case {
    std::string bytes;
    const char* text;
  };
  const Case cases[] = {
      {"", ""},
      {"f", "Zg"},
      {"fo", "Zm8"},
      {"foo", "Zm9v"},
      {"foob", "Zm9vYg"},
      {"fooba", "Zm9vYmE"},
      {"foobar", "Zm9vYmFy"},
      {"\xfb\xff", "-_8"},  // "+/8=" in standard base64
      {std::string("\0\0\0", 3), "AAAA"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    EXPECT_EQ(Base64UrlEncode(c.bytes), c.text);
    EXPECT_EQ(Base64UrlDecode(c.text), c.bytes);
  }
}

TEST(LabelBase64Url, BinaryRoundTrip) {
  std::string all;
  for (int b = 0; b < 256; ++b) all.push_back(static_cast<char>(b));
  EXPECT_EQ(Base64UrlDecode(Base64UrlEncode(all)), all);

  // Every length 0..100 of pseudo-random bytes (a fixed LCG, so failures reproduce).
  uint32_t state = 12345;
  for (size_t len = 0; len <= 100; ++len) {
    std::string bytes;
    for (size_t i = 0; i < len; ++i) {
      state = state * 1664525u + 1013904223u;
      bytes.push_back(static_cast<char>(state >> 24));
    }
    auto text = Base64UrlEncode(bytes);
    EXPECT_EQ(text.size(), (len * 4 + 2) / 3) << len;
    EXPECT_EQ(text.find_first_not_of(kAlphabet), std::string::npos) << text;
    EXPECT_EQ(Base64UrlDecode(text), bytes) << len;
  }
}

TEST(LabelBase64Url, DecodeRejectsAnythingElse) {
  for (const char* text :
       {"Zg==", "Zm8=", "Z", "Zm9vY", "+/8", "Zm 9v", "Zm9v\n", "Zm9v.", "Zm9v!", "Zh"}) {
    SCOPED_TRACE(text);
    EXPECT_FALSE(Base64UrlDecode(text).has_value());
  }
}

}  // namespace
}  // namespace mvis::domain
