// The compact label token: short enough for a version-7 QR code, URL-safe, signed, offline.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "domain/label_token.hpp"

namespace mvis::domain {
namespace {

constexpr int64_t kNow = 1'790'000'000;  // 2026-09
constexpr std::string_view kBase32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
// The QR code alphanumeric set: a URL made only of these is encoded at 5.5 bits a character.
constexpr std::string_view kQrAlphanumeric = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

LabelClaims Claims(std::string number = "WHJL-2026-000123") {
  return {std::move(number), "2029-11-27", "", ""};
}

class CompactLabel : public testing::Test {
 protected:
  LabelKeyPair key_ = GenerateLabelKey("k2026-abcdef");
  std::vector<LabelPublicKey> keys_ = {{key_.kid, key_.public_key, kNow + 86400 * 3650}};
  std::string token_ = SignCompactLabelToken(Claims(), key_);
};

TEST_F(CompactLabel, RoundTripsWithTheKeyFoundByItsTag) {
  EXPECT_EQ(token_.find_first_not_of(kBase32), std::string::npos) << token_;
  EXPECT_EQ(token_.size(), 124u);  // 77 bytes: 9 fixed, "WHJL", 64 signature
  auto peeked = PeekLabelToken(token_);
  ASSERT_TRUE(peeked);
  EXPECT_EQ(peeked->number, "WHJL-2026-000123");
  EXPECT_EQ(peeked->valid_until, "2029-11-27");
  EXPECT_EQ(peeked->key_tag, LabelKeyTag(key_.public_key));
  auto verified = VerifyLabelToken(token_, keys_, kNow);
  ASSERT_TRUE(verified) << verified.error().field;
  EXPECT_EQ(verified->number, "WHJL-2026-000123");
  EXPECT_EQ(verified->valid_until, "2029-11-27");
  EXPECT_EQ(verified->kid, "k2026-abcdef");
  // Scanners may lower-case what they read; the token still decodes.
  std::string lower = token_;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  EXPECT_TRUE(VerifyLabelToken(lower, keys_, kNow));
}

TEST_F(CompactLabel, LabelUrlFitsVersionSevenAtLevelM) {
  // 154 alphanumeric characters fit a version-7 QR code at error correction M.
  for (const char* base : {"http://127.0.0.1:8080", "https://jl.whscjg.gov.cn"}) {
    std::string url = LabelUrl(base, token_);
    SCOPED_TRACE(url);
    EXPECT_LE(url.size(), 154u);
    EXPECT_EQ(url.find_first_not_of(kQrAlphanumeric), std::string::npos);
  }
  EXPECT_EQ(LabelUrl("https://jl.whscjg.gov.cn", "ABC"), "HTTPS://JL.WHSCJG.GOV.CN/V/ABC");
  // A path prefix is routed case-sensitively, so only scheme and host change.
  EXPECT_EQ(LabelUrl("https://a.cn/mvis", "ABC"), "HTTPS://A.CN/mvis/V/ABC");
  // Long tokens keep their lower-case /v/ URL.
  EXPECT_EQ(LabelUrl("https://a.cn", "eDE.c2ln"), "https://a.cn/v/eDE.c2ln");
}

TEST_F(CompactLabel, EveryChangedCharacterIsRejected) {
  int tried = 0;
  for (size_t i = 0; i < token_.size(); ++i) {
    for (char replacement : kBase32) {
      if (replacement == token_[i]) continue;
      std::string altered = token_;
      altered[i] = replacement;
      auto r = VerifyLabelToken(altered, keys_, kNow);
      ++tried;
      ASSERT_FALSE(r) << "position " << i << " → " << replacement;
      const std::string& reason = r.error().field;
      ASSERT_TRUE(reason == "malformed" || reason == "unknown_key" || reason == "bad_signature")
          << reason;
    }
  }
  EXPECT_EQ(tried, static_cast<int>(token_.size()) * 31);
}

TEST_F(CompactLabel, ExpiredAndUnknownKeysAreRefused) {
  std::vector<LabelPublicKey> expired = {{key_.kid, key_.public_key, kNow - 1}};
  EXPECT_EQ(VerifyLabelToken(token_, expired, kNow).error().field, "key_expired");
  auto other = GenerateLabelKey("k2027-zzzzzz");
  std::vector<LabelPublicKey> others = {{other.kid, other.public_key, kNow + 86400}};
  // Another key with the same tag would be tried and fail; a different tag is unknown.
  std::string reason = VerifyLabelToken(token_, others, kNow).error().field;
  EXPECT_TRUE(reason == "unknown_key" || reason == "bad_signature") << reason;
  // With both keys published the right one is found whatever the order.
  std::vector<LabelPublicKey> both = {others[0], keys_[0]};
  EXPECT_TRUE(VerifyLabelToken(token_, both, kNow));
}

TEST_F(CompactLabel, NumbersOutsideThePlatformFormFallBackToTheLongToken) {
  for (const char* number :
       {"WHJL-2026-12", "WHJL2026000123", "A-1999-000001", "ABCDEFGHIJKLMNOPQ-2026-000001",
        "WHJL-2026-N000123", "WHJL-2026-16777216"}) {
    SCOPED_TRACE(number);
    std::string token = SignCompactLabelToken(Claims(number), key_);
    EXPECT_NE(token.find('.'), std::string::npos);
    auto verified = VerifyLabelToken(token, keys_, kNow);
    ASSERT_TRUE(verified);
    EXPECT_EQ(verified->number, number);
  }
  // Codes with a hyphen and 7-digit sequences still round-trip compactly.
  for (const char* number : {"WH-JL-2026-000001", "WHJL-2026-1234567"}) {
    std::string token = SignCompactLabelToken(Claims(number), key_);
    EXPECT_EQ(token.find('.'), std::string::npos) << number;
    EXPECT_EQ(VerifyLabelToken(token, keys_, kNow)->number, number);
  }
}

TEST(LabelBase32, KnownVectorsAndStrictDecoding) {
  // RFC 4648 section 10, without padding.
  const std::pair<const char*, const char*> vectors[] = {{"", ""},
                                                         {"f", "MY"},
                                                         {"fo", "MZXQ"},
                                                         {"foo", "MZXW6"},
                                                         {"foob", "MZXW6YQ"},
                                                         {"fooba", "MZXW6YTB"},
                                                         {"foobar", "MZXW6YTBOI"}};
  for (const auto& [plain, encoded] : vectors) {
    EXPECT_EQ(Base32Encode(plain), encoded);
    EXPECT_EQ(Base32Decode(encoded), plain);
  }
  for (const char* bad : {"MZ=", "MZXW6YT1", "M", "MZX", "MZXW6YTBO", "MZ XQ", "MZ"}) {
    SCOPED_TRACE(bad);
    EXPECT_FALSE(Base32Decode(bad).has_value());
  }
}

}  // namespace
}  // namespace mvis::domain
