#include "domain/phone.hpp"

#include <gtest/gtest.h>

namespace mvis::domain {
namespace {

TEST(Phone, ValidMobiles) {
  EXPECT_TRUE(IsValidMobile("13812341234"));
  EXPECT_TRUE(IsValidMobile("19912341234"));
  EXPECT_FALSE(IsValidMobile("12812341234"));   // second digit 2
  EXPECT_FALSE(IsValidMobile("1381234123"));    // 10 digits
  EXPECT_FALSE(IsValidMobile("138123412345"));  // 12 digits
  EXPECT_FALSE(IsValidMobile("1381234123a"));
  EXPECT_FALSE(IsValidMobile("23812341234"));
  EXPECT_FALSE(IsValidMobile(""));
}

TEST(Phone, Masking) {
  EXPECT_EQ(MaskPhone("13812341234"), "138****1234");
  EXPECT_EQ(MaskPhone(""), "");
  EXPECT_EQ(MaskPhone("1234"), "****");
  EXPECT_EQ(MaskPhone("02788886666"), "027****6666");
  EXPECT_EQ(MaskPhone("+8613812341234"), "+86*********34");
}

TEST(OfficePhone, AcceptsLandlinesHotlinesAndServiceNumbers) {
  for (const char* ok : {"12315", "027-82831234", "400 888 1234", "02782831234", "110"}) {
    EXPECT_TRUE(IsValidOfficePhone(ok)) << ok;
  }
  for (const char* bad : {"", "12", "-027", "027-", "027 8283 1234 ext", "０２７",
                          "1234567890123456789012", "<script>", "027—82831234"}) {
    EXPECT_FALSE(IsValidOfficePhone(bad)) << bad;
  }
}

}  // namespace
}  // namespace mvis::domain
