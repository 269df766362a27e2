// Rule 4 judges an order by the registry as it stood at its StartTime: a charger's steps folded up
// to a moment (domain::RegistryAt).
#include "domain/charger_registry.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace mvis::domain {
namespace {

std::string Verdict(const std::vector<RegistryStep>& steps, int64_t at) {
  const auto s = RegistryAt(steps, at);
  return s.filed ? s.verification_state + (s.valid_until.empty() ? "" : " " + s.valid_until)
                 : "unfiled";
}

TEST(ChargerRegistry, OneFilingThroughItsLife) {
  const std::vector<RegistryStep> steps{
      {1, 100, "submitted", "never", ""},           {1, 200, "approved", "never", ""},
      {1, 300, "approved", "passed", "2027-12-01"}, {1, 400, "approved", "revoked", ""},
      {1, 500, "approved", "failed", ""},           {1, 600, "deregistered", "failed", ""},
  };
  EXPECT_EQ(Verdict(steps, 99), "unfiled") << "before it was filed";
  EXPECT_EQ(Verdict(steps, 100), "never") << "a step is in force from its own second";
  EXPECT_EQ(Verdict(steps, 250), "never");
  EXPECT_EQ(Verdict(steps, 399), "passed 2027-12-01");
  EXPECT_EQ(Verdict(steps, 400), "revoked");
  EXPECT_EQ(Verdict(steps, 599), "failed");
  EXPECT_EQ(Verdict(steps, 600), "unfiled") << "deregistered";
  EXPECT_EQ(Verdict({}, 600), "unfiled");
}

TEST(ChargerRegistry, ReturnedFilingsCountAsFiledDraftsDoNot) {
  EXPECT_TRUE(IsFiledStatus("submitted"));
  EXPECT_TRUE(IsFiledStatus("returned"));
  EXPECT_TRUE(IsFiledStatus("approved"));
  EXPECT_FALSE(IsFiledStatus("draft"));
  EXPECT_FALSE(IsFiledStatus("deregistered"));
  EXPECT_FALSE(IsFiledStatus(""));
  EXPECT_EQ(Verdict({{1, 100, "returned", "never", ""}, {1, 200, "draft", "never", ""}}, 150),
            "never");
  EXPECT_EQ(Verdict({{1, 100, "returned", "never", ""}, {1, 200, "draft", "never", ""}}, 200),
            "unfiled");
}

TEST(ChargerRegistry, ALaterFilingOfTheSameChargerWins) {
  // Instrument 1 names the charger until it is deregistered; instrument 2 files it again;
  // instrument 3 named it once and moved to another EquipmentID (status "").
  const std::vector<RegistryStep> steps{
      {1, 100, "approved", "passed", "2026-06-30"},
      {3, 150, "approved", "never", ""},
      {3, 180, "", "", ""},
      {2, 200, "submitted", "never", ""},
      {1, 300, "deregistered", "passed", "2026-06-30"},
      {2, 400, "approved", "passed", "2027-03-31"},
  };
  EXPECT_EQ(Verdict(steps, 120), "passed 2026-06-30");
  EXPECT_EQ(Verdict(steps, 160), "never") << "instrument 3 is the later filing";
  EXPECT_EQ(Verdict(steps, 190), "passed 2026-06-30") << "instrument 3 no longer names it";
  EXPECT_EQ(Verdict(steps, 250), "never") << "both filed: the later one (2) wins";
  EXPECT_EQ(Verdict(steps, 350), "never");
  EXPECT_EQ(Verdict(steps, 400), "passed 2027-03-31");
}

TEST(ChargerRegistry, OrderTimesAreChinasWallClock) {
  EXPECT_EQ(ChinaWallClockSeconds("1970-01-01 08:00:00"), 0);
  EXPECT_EQ(ChinaWallClockSeconds("2026-11-29 20:00:00"), 1795953600);
  EXPECT_FALSE(ChinaWallClockSeconds("2026-11-29T20:00:00").has_value());
  EXPECT_FALSE(ChinaWallClockSeconds("").has_value());
}

}  // namespace
}  // namespace mvis::domain
