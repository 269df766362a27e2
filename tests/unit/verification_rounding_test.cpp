// GB/T 8170 rounding to a limit's interval and the choice of limit row (FindLimit) for a
// regulation, kind and accuracy class.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "domain/verification.hpp"
#include "verification_rules_fixture.hpp"

namespace mvis::domain {
namespace {

using verification_fixture::kAc;
using verification_fixture::kDc;
using verification_fixture::kKinds;
using verification_fixture::RealRules;

// ---- RoundToInterval -------------------------------------------------------------------------

struct RoundCase {
  double value;
  double interval;
  double expected;
};

// GB/T 8170: round to the nearest multiple of the interval; when value / interval lies exactly
// halfway, take the even multiple. Each comment gives value / interval → chosen multiple.
const RoundCase kRoundCases[] = {
    // interval 0.1 (class 1 working error)
    {0.0, 0.1, 0.0},
    {0.24, 0.1, 0.2},    // 2.4 → 2
    {0.25, 0.1, 0.2},    // 2.5 → 2 (even)
    {0.26, 0.1, 0.3},    // 2.6 → 3
    {0.35, 0.1, 0.4},    // 3.5 → 4 (even)
    {0.45, 0.1, 0.4},    // 4.5 → 4
    {0.55, 0.1, 0.6},    // 5.5 → 6
    {0.15, 0.1, 0.2},    // 1.5 → 2
    {0.05, 0.1, 0.0},    // 0.5 → 0
    {-0.05, 0.1, 0.0},   // −0.5 → 0
    {-0.25, 0.1, -0.2},  // −2.5 → −2
    {-0.35, 0.1, -0.4},  // −3.5 → −4
    {0.95, 0.1, 1.0},    // 9.5 → 10
    {1.04, 0.1, 1.0},    // 10.4 → 10
    {1.05, 0.1, 1.0},    // 10.5 → 10
    {1.06, 0.1, 1.1},    // 10.6 → 11
    {1.15, 0.1, 1.2},    // 11.5 → 12
    {1.25, 0.1, 1.2},    // 12.5 → 12
    {-1.05, 0.1, -1.0},  // −10.5 → −10
    {-1.15, 0.1, -1.2},  // −11.5 → −12
    {1.0499, 0.1, 1.0},  // just under a half
    {1.0501, 0.1, 1.1},  // just over a half
    // interval 0.2 (class 2 working error)
    {1.0, 0.2, 1.0},    // 5 → 5
    {0.1, 0.2, 0.0},    // 0.5 → 0
    {0.3, 0.2, 0.4},    // 1.5 → 2
    {1.1, 0.2, 1.2},    // 5.5 → 6
    {1.3, 0.2, 1.2},    // 6.5 → 6
    {1.5, 0.2, 1.6},    // 7.5 → 8
    {1.9, 0.2, 2.0},    // 9.5 → 10
    {2.09, 0.2, 2.0},   // 10.45 → 10
    {2.1, 0.2, 2.0},    // 10.5 → 10
    {2.11, 0.2, 2.2},   // 10.55 → 11
    {2.3, 0.2, 2.4},    // 11.5 → 12
    {-2.1, 0.2, -2.0},  // −10.5 → −10
    {-2.3, 0.2, -2.4},  // −11.5 → −12
    // interval 0.5
    {1.25, 0.5, 1.0},  // 2.5 → 2
    {1.75, 0.5, 2.0},  // 3.5 → 4
    // interval 1 (clock error, seconds)
    {0.5, 1, 0.0},
    {-0.5, 1, 0.0},
    {1.5, 1, 2.0},
    {2.5, 1, 2.0},
    {-2.5, 1, -2.0},
    {-3.5, 1, -4.0},
    {2.4999, 1, 2.0},
    {2.5001, 1, 3.0},
    {4.5, 1, 4.0},
    {5.5, 1, 6.0},
    {180.5, 1, 180.0},
    {181.5, 1, 182.0},
    {-180.5, 1, -180.0},
    // interval 0: no rounding
    {4.99, 0, 4.99},
    {-1.23456, 0, -1.23456},
};

TEST(RoundToInterval, Gbt8170Table) {
  for (const auto& c : kRoundCases) {
    SCOPED_TRACE(testing::Message() << c.value << " to " << c.interval);
    EXPECT_DOUBLE_EQ(RoundToInterval(c.value, c.interval), c.expected);
  }
}

TEST(RoundToInterval, FloatingPointNoiseNeitherDecidesAHalfNorLeaksIntoTheResult) {
  // 0.1 * 3 is 0.30000000000000004: it is 0.3 on the grid, not "a bit above".
  EXPECT_EQ(RoundToInterval(0.1 * 3, 0.1), 0.3);
  // 0.35 / 0.1 is 3.4999999999999996 in binary: still an exact half, rounded to even 4.
  EXPECT_EQ(RoundToInterval(0.35, 0.1), 0.4);
  // 3 * 0.1 would be 0.30000000000000004; the result is the literal 0.3.
  EXPECT_EQ(RoundToInterval(0.31, 0.1), 0.3);
  EXPECT_EQ(RoundToInterval(0.7, 0.1), 0.7);
  EXPECT_EQ(RoundToInterval(2.2, 0.2), 2.2);
  // A value that rounds to zero from below is +0, not −0 (it would print as "-0").
  EXPECT_FALSE(std::signbit(RoundToInterval(-0.04, 0.1)));
  EXPECT_FALSE(std::signbit(RoundToInterval(-0.5, 1)));
}

TEST(RoundToInterval, NonPositiveIntervalReturnsTheValue) {
  EXPECT_EQ(RoundToInterval(1.234, 0), 1.234);
  EXPECT_EQ(RoundToInterval(1.234, -0.1), 1.234);
}

// ---- FindLimit -------------------------------------------------------------------------------

TEST(VerificationFindLimit, RealRules) {
  auto rules = RealRules();
  for (const char* reg : {kAc, kDc}) {
    SCOPED_TRACE(reg);
    for (auto kind : kKinds) {
      auto w1 = FindLimit(rules, reg, "working_error", kind, "1");
      ASSERT_TRUE(w1);
      EXPECT_EQ(w1->limit, 1.0);
      EXPECT_EQ(w1->rounding, 0.1);
      auto w2 = FindLimit(rules, reg, "working_error", kind, "2");
      ASSERT_TRUE(w2);
      EXPECT_EQ(w2->limit, 2.0);
      EXPECT_EQ(w2->rounding, 0.2);
      auto ins = FindLimit(rules, reg, "insulation", kind, "1");
      ASSERT_TRUE(ins);
      EXPECT_EQ(ins->limit, 5);
      EXPECT_FALSE(FindLimit(rules, reg, "working_error", kind, "3"));
      EXPECT_FALSE(FindLimit(rules, reg, "working_error", kind, ""));
    }
    EXPECT_EQ(FindLimit(rules, reg, "clock_error", VerificationKind::kFirst, "1")->limit, 5);
    EXPECT_EQ(FindLimit(rules, reg, "clock_error", VerificationKind::kSubsequent, "1")->limit, 180);
    EXPECT_EQ(FindLimit(rules, reg, "clock_error", VerificationKind::kInService, "2")->limit, 180);
  }
  EXPECT_FALSE(FindLimit(rules, "JJG 596-2012", "working_error", VerificationKind::kFirst, "1"));
  EXPECT_FALSE(FindLimit(rules, kAc, "temperature", VerificationKind::kFirst, "1"));
}

TEST(VerificationFindLimit, ExactKindOrClassWinsOverAnyRegardlessOfOrder) {
  const LimitRule any{"R", "working_error", "*", "*", 9, 0};
  const LimitRule class1{"R", "working_error", "*", "1", 1, 0};
  const LimitRule first{"R", "working_error", "first", "*", 3, 0};
  const LimitRule first1{"R", "working_error", "first", "1", 0.5, 0};
  const LimitRule other_reg{"S", "working_error", "first", "1", 7, 0};
  const LimitRule other_item{"R", "clock_error", "first", "1", 8, 0};

  struct Case {
    VerificationKind kind;
    const char* accuracy_class;
    double limit;
  };
  const Case all_rows[] = {
      {VerificationKind::kFirst, "1", 0.5},     // kind and class exact
      {VerificationKind::kSubsequent, "1", 1},  // class exact
      {VerificationKind::kFirst, "2", 3},       // kind exact
      {VerificationKind::kSubsequent, "2", 9},  // neither
  };
  std::vector<LimitRule> rules = {other_reg, other_item, any, class1, first, first1};
  for (int pass = 0; pass < 2; ++pass) {
    for (const auto& c : all_rows) {
      SCOPED_TRACE(testing::Message()
                   << "order " << pass << " " << ToString(c.kind) << " " << c.accuracy_class);
      auto found = FindLimit(rules, "R", "working_error", c.kind, c.accuracy_class);
      ASSERT_TRUE(found);
      EXPECT_EQ(found->limit, c.limit);
    }
    std::reverse(rules.begin(), rules.end());
  }

  // Without the row exact in both, an exact kind outranks an exact class.
  std::vector<LimitRule> no_both = {class1, first, any};
  EXPECT_EQ(FindLimit(no_both, "R", "working_error", VerificationKind::kFirst, "1")->limit, 3);
  std::reverse(no_both.begin(), no_both.end());
  EXPECT_EQ(FindLimit(no_both, "R", "working_error", VerificationKind::kFirst, "1")->limit, 3);

  // A row for another kind or class never applies.
  std::vector<LimitRule> only_first1 = {first1};
  EXPECT_FALSE(FindLimit(only_first1, "R", "working_error", VerificationKind::kInService, "1"));
  EXPECT_FALSE(FindLimit(only_first1, "R", "working_error", VerificationKind::kFirst, "2"));
  EXPECT_FALSE(FindLimit({}, "R", "working_error", VerificationKind::kFirst, "1"));
}

}  // namespace
}  // namespace mvis::domain
