#include "domain/password_policy.hpp"

#include <gtest/gtest.h>

namespace mvis::domain {
namespace {

struct Case {
  const char* password;
  bool ok;
};

TEST(PasswordPolicy, DefaultsNeedTwelveCharactersOfThreeClasses) {
  PasswordPolicy p;
  const Case cases[] = {
      {"Abcdefgh123!", true},           // 12, four classes
      {"abcdefgh1234", false},          // two classes
      {"ABCDEFGH123!", true},           // upper, digit, symbol
      {"Abcdefg123!", false},           // 11 characters
      {"abcdefghijk!", false},          // lower + symbol only
      {"Abcdefghijk1", true},           // lower, upper, digit
      {"密码安全性很重要Ab1", false},   // 11 code points (33 bytes): too short
      {"密码安全性很重要啊Ab1", true},  // 12 code points: Chinese counts as a symbol class
  };
  for (const auto& c : cases) {
    EXPECT_EQ(CheckPassword(p, c.password, "someone").has_value(), c.ok) << c.password;
  }
}

TEST(PasswordPolicy, RejectsUsernameInsidePassword) {
  PasswordPolicy p;
  auto r = CheckPassword(p, "Zhangsan!2024x", "zhangsan");
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, "password_too_weak");
  EXPECT_TRUE(CheckPassword(p, "Zhangsan!2024x", "li").has_value());  // short names ignored
}

TEST(PasswordPolicy, IsConfigurable) {
  PasswordPolicy p{8, 128, 2};
  EXPECT_TRUE(CheckPassword(p, "abcdef12", "u").has_value());
  EXPECT_FALSE(CheckPassword(p, "abcdefgh", "u").has_value());
  PasswordPolicy long_only{16, 128, 1};
  EXPECT_FALSE(CheckPassword(long_only, "Abcdefgh123!xyz", "u").has_value());  // 15
  EXPECT_TRUE(CheckPassword(long_only, "correcthorsebatt", "u").has_value());
  EXPECT_FALSE(CheckPassword(p, std::string(129, 'a') + "1", "u").has_value());  // too long
}

}  // namespace
}  // namespace mvis::domain
