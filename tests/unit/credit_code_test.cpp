#include <gtest/gtest.h>
#include "domain/credit_code.hpp"
TEST(CreditCode, Placeholder) { EXPECT_FALSE(mvis::domain::IsValidCreditCode("x")); }
