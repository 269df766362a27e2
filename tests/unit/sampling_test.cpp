// The sampling draw against vectors computed independently (scripts/replay-draw.py, Python's
// hashlib), the stratum normalisation and the ratio arithmetic.
#include "domain/sampling.hpp"

#include <gtest/gtest.h>

namespace mvis::domain {
namespace {

std::vector<int64_t> Ids(const std::vector<FrameUnit>& units) {
  std::vector<int64_t> out;
  for (const auto& u : units) out.push_back(u.instrument_id);
  return out;
}

constexpr char kSeed[] = "12345678901234567890";

TEST(Sampling, NumbersAreSha256OfSeedAndCounterModM) {
  EXPECT_EQ(DrawNumber(kSeed, 1, 7), 6u);
  EXPECT_EQ(DrawNumber(kSeed, 2, 1000003), 88734u);
  EXPECT_EQ(DrawNumber(kSeed, 5, 1), 0u);
}

TEST(Sampling, OnePerStratumWhenTheRatioGivesNoMore) {
  std::vector<FrameUnit> frame;
  const char* strata[] = {"a|x", "b|y", "c|z"};
  for (int i = 1; i <= 60; ++i) frame.push_back({i, strata[i % 3]});
  // 0.05 × 60 = 3 exactly, the number of strata: phase 1 only.
  EXPECT_EQ(SampleSize(500, 60, 3), 3);
  EXPECT_EQ(Ids(Draw(frame, 500, kSeed)), (std::vector<int64_t>{18, 1, 26}));
}

TEST(Sampling, StratumOfOneAndASecondPhase) {
  std::vector<FrameUnit> frame{{1, "solo|one"}};
  for (int i = 0; i < 4; ++i) frame.push_back({10 + i, "four|m"});
  for (int i = 0; i < 5; ++i) frame.push_back({20 + i, "five|m"});
  // Strata in byte order five, four, solo; then two more from the rest.
  EXPECT_EQ(Ids(Draw(frame, 5000, kSeed)), (std::vector<int64_t>{20, 10, 1, 12, 13}));
}

TEST(Sampling, EveryStratumCoveredEvenWhenTheRatioWouldPickFewer) {
  std::vector<FrameUnit> frame;
  for (int i = 0; i < 20; ++i) frame.push_back({100 + i, "s" + std::to_string(i / 2) + "|m"});
  EXPECT_EQ(SampleSize(500, 20, 10), 10);  // ⌈1.0⌉ = 1, raised to 10 strata
  EXPECT_EQ(Ids(Draw(frame, 500, "98765432109876543210")),
            (std::vector<int64_t>{100, 103, 104, 106, 109, 111, 113, 114, 117, 118}));
}

TEST(Sampling, FrameOrderIsByUtf8BytesThenId) {
  std::vector<FrameUnit> frame{
      {5, "特来电|tcdz-ac7"}, {3, "abb|ac22"}, {4, "特来电|tcdz-ac7"}, {9, "星星充电|x7"}};
  EXPECT_EQ(Ids(FrameOrder(frame)), (std::vector<int64_t>{3, 9, 4, 5}));
  EXPECT_EQ(Ids(Draw(frame, 10000, kSeed)), (std::vector<int64_t>{3, 9, 4, 5}));
  // The input order does not matter.
  std::reverse(frame.begin(), frame.end());
  EXPECT_EQ(Ids(Draw(frame, 10000, kSeed)), (std::vector<int64_t>{3, 9, 4, 5}));
}

TEST(Sampling, StrataAreNormalised) {
  EXPECT_EQ(StratumKey("  ＡＢＢ　", "AC22  Pro"), "abb|ac22 pro");
  EXPECT_EQ(StratumKey("特来电", "ＴＣＤＺ－ＡＣ７"), "特来电|tcdz-ac7");
  EXPECT_EQ(StratumKey("Star\tCharge", "X７\n"), "star charge|x7");
  EXPECT_EQ(StratumKey("", ""), "|");
}

TEST(Sampling, RatiosAreExactDecimals) {
  EXPECT_EQ(ParseRatio("0.05").value(), 500);
  EXPECT_EQ(ParseRatio("0.0525").value(), 525);
  EXPECT_EQ(ParseRatio("1").value(), 10000);
  EXPECT_EQ(ParseRatio(".1").value(), 1000);
  EXPECT_EQ(ParseRatio("0.0499").error().code, "ratio_too_low");
  EXPECT_EQ(ParseRatio("0.01").error().code, "ratio_too_low");
  for (const char* bad : {"", "0", "1.5", "0.05001", "abc", "-0.1", "0.", "2", "1e-1"})
    EXPECT_EQ(ParseRatio(bad).error().code, "ratio_invalid") << bad;
  EXPECT_EQ(RatioText(500), "0.05");
  EXPECT_EQ(RatioText(10000), "1");
  EXPECT_EQ(RatioText(525), "0.0525");
  // 0.05 × 60 = 3 exactly; 0.05 × 61 = 3.05 → 4.
  EXPECT_EQ(SampleSize(500, 60, 1), 3);
  EXPECT_EQ(SampleSize(500, 61, 1), 4);
  EXPECT_EQ(SampleSize(10000, 5, 9), 5);  // never more than the frame
}

TEST(Sampling, SeedsAreLongDecimalStrings) {
  EXPECT_TRUE(CheckSeed("12345678901234567890").has_value());
  EXPECT_FALSE(CheckSeed("1234567890123456789").has_value());
  EXPECT_FALSE(CheckSeed("1234567890123456789a").has_value());
  EXPECT_FALSE(CheckSeed(std::string(101, '1')).has_value());
}

}  // namespace
}  // namespace mvis::domain
