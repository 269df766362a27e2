// Credit classes at their thresholds.
#include "domain/credit.hpp"

#include <gtest/gtest.h>

namespace mvis::domain {
namespace {

const std::vector<CreditThreshold> kThresholds = {{"D", 50}, {"A", 0}, {"C", 25}, {"B", 10}};

TEST(Credit, ClassesAtTheirThresholds) {
  EXPECT_EQ(ClassFor(0, kThresholds), "A");
  EXPECT_EQ(ClassFor(9.99, kThresholds), "A");
  EXPECT_EQ(ClassFor(10, kThresholds), "B");
  EXPECT_EQ(ClassFor(24.9999999999, kThresholds), "C") << "rounding of shares reaches 25";
  EXPECT_EQ(ClassFor(25, kThresholds), "C");
  EXPECT_EQ(ClassFor(49.9, kThresholds), "C");
  EXPECT_EQ(ClassFor(50, kThresholds), "D");
  EXPECT_EQ(ClassFor(100, kThresholds), "D");
}

TEST(Credit, IndicatorsAreWeightedShares) {
  CreditIndicatorDef overdue{"overdue_or_unverified", "逾期", 40};
  auto m = Measure(overdue, 1, 3, "");
  EXPECT_NEAR(m.points, 40.0 / 3, 1e-9);
  EXPECT_EQ(Measure(overdue, 0, 0, "").points, 0) << "nothing counted: no points";
  EXPECT_EQ(Measure(overdue, 5, 3, "").share, 1.0) << "never above 100 %";
  EXPECT_NEAR(Score({m, Measure({"failed_verification", "不合格", 30}, 1, 2, "")}), 40.0 / 3 + 15,
              1e-9);
  EXPECT_TRUE(CheckCreditClass("D").has_value());
  EXPECT_EQ(CheckCreditClass("E").error().code, "credit_class_invalid");
}

}  // namespace
}  // namespace mvis::domain
