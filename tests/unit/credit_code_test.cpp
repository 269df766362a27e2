#include "domain/credit_code.hpp"

#include <gtest/gtest.h>

namespace mvis::domain {
namespace {

TEST(CreditCode, AcceptsRealCodes) {
  // Published codes of well-known companies.
  EXPECT_TRUE(IsValidCreditCode("9144030071526726XG"));
  EXPECT_TRUE(IsValidCreditCode("91330100799655058B"));
  EXPECT_TRUE(IsValidCreditCode("91110000802100433B"));
}

TEST(CreditCode, RejectsWrongCheckCharacter) {
  EXPECT_FALSE(IsValidCreditCode("9144030071526726XH"));
  EXPECT_FALSE(IsValidCreditCode("91330100799655058C"));
}

TEST(CreditCode, RejectsBadLengthAndCharset) {
  EXPECT_FALSE(IsValidCreditCode(""));
  EXPECT_FALSE(IsValidCreditCode("9144030071526726X"));    // 17
  EXPECT_FALSE(IsValidCreditCode("9144030071526726XGG"));  // 19
  EXPECT_FALSE(IsValidCreditCode("9144030071526726xg"));   // lower case
  EXPECT_FALSE(IsValidCreditCode("91440300715267I6XG"));   // I is not in the charset
  EXPECT_FALSE(IsValidCreditCode("91440300715267O6XG"));   // nor O
}

TEST(CreditCode, CheckCharacterRoundTrips) {
  EXPECT_EQ(CreditCodeCheckChar("9144030071526726X"), 'G');
  EXPECT_EQ(CreditCodeCheckChar("short"), '\0');
  EXPECT_EQ(CreditCodeCheckChar("9144030071526726Z"), '\0');  // Z not allowed
  // Every prefix's check character validates, and every other character does not.
  const std::string charset = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  std::string prefix = "91420102MA4K1234";
  for (char c : charset) {
    std::string p = prefix + c;
    char check = CreditCodeCheckChar(p);
    for (char other : charset) EXPECT_EQ(IsValidCreditCode(p + other), other == check);
  }
}

}  // namespace
}  // namespace mvis::domain
