// Assess: a measurement's conclusion under JJG 1148/1149 (working and clock error at every limit,
// preconditions, checklist, failed items); kind names, certificate numbers and validity.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "domain/verification.hpp"
#include "verification_rules_fixture.hpp"

namespace mvis::domain {
namespace {

using verification_fixture::kAc;
using verification_fixture::kDc;
using verification_fixture::kKinds;
using verification_fixture::RealRules;

std::vector<CheckItem> RealItems() {
  return {
      {"nameplate", "铭牌标志（名称、型号、制造单位、出厂编号、电压/电流、准确度等级）"},
      {"display", "显示功能（电能、时间、金额示值清晰完整）"},
      {"anti_tamper", "防作弊及封印（计量部件封印完好、参数不可随意修改）"},
      {"charging_control", "充电控制与结算功能"},
  };
}

// A measurement that passes: every item answered and passed, one exact load point, no clock.
Measurement Passing(const char* regulation = kAc, const char* accuracy_class = "1",
                    VerificationKind kind = VerificationKind::kFirst) {
  Measurement m;
  m.regulation = regulation;
  m.kind = kind;
  m.accuracy_class = accuracy_class;
  m.insulation_mohm = 50;
  for (const auto& item : RealItems()) m.checklist.push_back({item.item, true, ""});
  m.load_points.push_back({32, 220, 10.0, 10.0});
  return m;
}

bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// ---- Assess: working error -------------------------------------------------------------------

struct WorkCase {
  const char* accuracy_class;
  double standard_kwh;
  double charger_kwh;
  double rounded_pct;
  bool pass;
};

// error % = (E_charger − E_standard) / E_standard × 100, rounded by GB/T 8170 to 0.1 % (class 1)
// or 0.2 % (class 2), then |rounded| ≤ 1.0 % or 2.0 % passes. Comments: error → error/interval →
// multiple → rounded.
const WorkCase kWorkCases[] = {
    // class 1, limit 1.0 %, interval 0.1 %
    {"1", 10.0, 10.000, 0.0, true},
    {"1", 10.0, 10.050, 0.5, true},
    {"1", 10.0, 10.085, 0.8, true},   // 0.85 → 8.5 → 8 (even)
    {"1", 10.0, 10.095, 1.0, true},   // 0.95 → 9.5 → 10 (even)
    {"1", 10.0, 10.099, 1.0, true},   // 0.99 → 9.9 → 10
    {"1", 10.0, 10.100, 1.0, true},   // 1.00 on the limit
    {"1", 10.0, 10.104, 1.0, true},   // 1.04 → 10.4 → 10
    {"1", 10.0, 10.105, 1.0, true},   // 1.05 → 10.5 → 10 (even): passes
    {"1", 10.0, 10.106, 1.1, false},  // 1.06 → 10.6 → 11
    {"1", 10.0, 10.110, 1.1, false},  // 1.10
    {"1", 10.0, 10.115, 1.2, false},  // 1.15 → 11.5 → 12 (even)
    {"1", 10.0, 9.900, -1.0, true},   // −1.00 on the limit
    {"1", 10.0, 9.896, -1.0, true},   // −1.04 → −10.4 → −10
    {"1", 10.0, 9.895, -1.0, true},   // −1.05 → −10.5 → −10 (even)
    {"1", 10.0, 9.894, -1.1, false},  // −1.06 → −10.6 → −11
    {"1", 10.0, 9.890, -1.1, false},  // −1.10
    {"1", 2.0, 2.021, 1.0, true},     // 1.05 of a smaller energy → 10.5 → 10
    {"1", 2.0, 2.022, 1.1, false},    // 1.10
    {"1", 40.0, 40.42, 1.0, true},    // 1.05 → 10.5 → 10
    {"1", 40.0, 40.43, 1.1, false},   // 1.075 → 10.75 → 11
    {"1", 10.0, 0.0, -100.0, false},  // the charger counted nothing
    // class 2, limit 2.0 %, interval 0.2 %
    {"2", 10.0, 10.000, 0.0, true},
    {"2", 10.0, 10.105, 1.0, true},   // 1.05 → 5.25 → 5
    {"2", 10.0, 10.150, 1.6, true},   // 1.5 → 7.5 → 8 (even)
    {"2", 10.0, 10.190, 2.0, true},   // 1.9 → 9.5 → 10 (even)
    {"2", 10.0, 10.200, 2.0, true},   // 2.0 on the limit
    {"2", 10.0, 10.209, 2.0, true},   // 2.09 → 10.45 → 10
    {"2", 10.0, 10.210, 2.0, true},   // 2.1 → 10.5 → 10 (even): passes
    {"2", 10.0, 10.211, 2.2, false},  // 2.11 → 10.55 → 11
    {"2", 10.0, 10.220, 2.2, false},  // 2.2 → 11
    {"2", 10.0, 10.230, 2.4, false},  // 2.3 → 11.5 → 12 (even)
    {"2", 10.0, 9.800, -2.0, true},   // −2.0 on the limit
    {"2", 10.0, 9.790, -2.0, true},   // −2.1 → −10.5 → −10 (even)
    {"2", 10.0, 9.789, -2.2, false},  // −2.11 → −10.55 → −11
    {"2", 10.0, 9.780, -2.2, false},  // −2.2 → −11
};

TEST(VerificationAssess, WorkingErrorAtAndAroundEveryLimit) {
  for (const char* reg : {kAc, kDc}) {
    for (auto kind : kKinds) {
      for (const auto& c : kWorkCases) {
        SCOPED_TRACE(testing::Message()
                     << reg << " " << ToString(kind) << " class " << c.accuracy_class << " "
                     << c.standard_kwh << " → " << c.charger_kwh);
        Measurement m = Passing(reg, c.accuracy_class, kind);
        m.load_points = {{32, 220, c.standard_kwh, c.charger_kwh}};
        auto a = Assess(m, RealRules(), RealItems());
        ASSERT_TRUE(a.has_value()) << a.error().code;
        ASSERT_EQ(a->load_points.size(), 1u);
        const auto& p = a->load_points[0];
        double raw = (c.charger_kwh - c.standard_kwh) / c.standard_kwh * 100;
        EXPECT_NEAR(p.error_pct, raw, 1e-12);
        EXPECT_DOUBLE_EQ(p.rounded_error_pct, c.rounded_pct);
        EXPECT_EQ(p.limit_pct, c.accuracy_class == std::string("1") ? 1.0 : 2.0);
        EXPECT_EQ(p.pass, c.pass);
        EXPECT_EQ(a->pass, c.pass);
        if (c.pass) {
          EXPECT_TRUE(a->failed_items.empty());
        } else {
          ASSERT_EQ(a->failed_items.size(), 1u);
          EXPECT_EQ(a->failed_items[0].item, "working_error");
          EXPECT_EQ(a->failed_items[0].name, "工作误差");
          EXPECT_TRUE(Contains(a->failed_items[0].detail, "负载点1")) << a->failed_items[0].detail;
        }
      }
    }
  }
}

TEST(VerificationAssess, WorkingErrorDetailNamesThePointAndTheRoundedError) {
  Measurement m = Passing(kAc, "1");
  m.load_points = {{32, 220, 10, 10}, {16, 220, 10, 10.106}, {63, 380, 10, 9.89}};
  auto a = Assess(m, RealRules(), RealItems());
  ASSERT_TRUE(a);
  EXPECT_FALSE(a->pass);
  ASSERT_EQ(a->load_points.size(), 3u);
  EXPECT_TRUE(a->load_points[0].pass);
  EXPECT_FALSE(a->load_points[1].pass);
  EXPECT_FALSE(a->load_points[2].pass);
  ASSERT_EQ(a->failed_items.size(), 2u);
  EXPECT_EQ(a->failed_items[0].detail, "负载点2（16.0 A）误差 +1.1%，超出 ±1.0%");
  EXPECT_EQ(a->failed_items[1].detail, "负载点3（63.0 A）误差 -1.1%，超出 ±1.0%");

  Measurement m2 = Passing(kDc, "2");
  m2.load_points = {{125, 750, 10, 10.23}};
  auto a2 = Assess(m2, RealRules(), RealItems());
  ASSERT_TRUE(a2);
  ASSERT_EQ(a2->failed_items.size(), 1u);
  EXPECT_EQ(a2->failed_items[0].detail, "负载点1（125.0 A）误差 +2.4%，超出 ±2.0%");
}

// ---- Assess: clock error ---------------------------------------------------------------------

struct ClockCase {
  VerificationKind kind;
  double error_s;
  double rounded_s;
  bool pass;
};

// Rounded to 1 s by GB/T 8170 (x.5 → even), then |rounded| ≤ 5 s (first) or 180 s.
const ClockCase kClockCases[] = {
    {VerificationKind::kFirst, 0, 0, true},
    {VerificationKind::kFirst, 3.5, 4, true},  // 3.5 → 4 (even)
    {VerificationKind::kFirst, 4.5, 4, true},  // 4.5 → 4 (even)
    {VerificationKind::kFirst, 5.0, 5, true},  // on the limit
    {VerificationKind::kFirst, 5.4, 5, true},
    {VerificationKind::kFirst, 5.5, 6, false},  // 5.5 → 6 (even)
    {VerificationKind::kFirst, 6.0, 6, false},
    {VerificationKind::kFirst, -4.5, -4, true},
    {VerificationKind::kFirst, -5.4, -5, true},
    {VerificationKind::kFirst, -5.5, -6, false},
    {VerificationKind::kSubsequent, 5.5, 6, true},  // the first-verification limit is not used
    {VerificationKind::kSubsequent, 179.5, 180, true},
    {VerificationKind::kSubsequent, 180, 180, true},
    {VerificationKind::kSubsequent, 180.4, 180, true},
    {VerificationKind::kSubsequent, 180.5, 180, true},  // 180.5 → 180 (even)
    {VerificationKind::kSubsequent, 180.6, 181, false},
    {VerificationKind::kSubsequent, 181, 181, false},
    {VerificationKind::kSubsequent, 181.5, 182, false},
    {VerificationKind::kSubsequent, -180.5, -180, true},
    {VerificationKind::kSubsequent, -181, -181, false},
    {VerificationKind::kInService, 5.5, 6, true},
    {VerificationKind::kInService, 180, 180, true},
    {VerificationKind::kInService, 180.5, 180, true},
    {VerificationKind::kInService, 180.6, 181, false},
    {VerificationKind::kInService, 181, 181, false},
    {VerificationKind::kInService, -180.5, -180, true},
    {VerificationKind::kInService, -181.5, -182, false},
};

TEST(VerificationAssess, ClockErrorAtAndAroundEveryLimit) {
  for (const char* reg : {kAc, kDc}) {
    for (const char* accuracy_class : {"1", "2"}) {
      for (const auto& c : kClockCases) {
        SCOPED_TRACE(testing::Message() << reg << " class " << accuracy_class << " "
                                        << ToString(c.kind) << " " << c.error_s << " s");
        Measurement m = Passing(reg, accuracy_class, c.kind);
        m.tou_billing = true;
        m.clock_error_s = c.error_s;
        auto a = Assess(m, RealRules(), RealItems());
        ASSERT_TRUE(a.has_value()) << a.error().code;
        ASSERT_TRUE(a->clock_rounded_s);
        EXPECT_DOUBLE_EQ(*a->clock_rounded_s, c.rounded_s);
        ASSERT_TRUE(a->clock_limit_s);
        EXPECT_EQ(*a->clock_limit_s, c.kind == VerificationKind::kFirst ? 5 : 180);
        EXPECT_EQ(a->clock_pass, c.pass);
        EXPECT_EQ(a->pass, c.pass);
        if (c.pass) {
          EXPECT_TRUE(a->failed_items.empty());
        } else {
          ASSERT_EQ(a->failed_items.size(), 1u);
          EXPECT_EQ(a->failed_items[0].item, "clock_error");
          EXPECT_EQ(a->failed_items[0].name, "时钟示值误差");
        }
      }
    }
  }
}

TEST(VerificationAssess, ClockErrorDetail) {
  Measurement m = Passing(kAc, "1", VerificationKind::kFirst);
  m.tou_billing = true;
  m.clock_error_s = 5.5;
  auto a = Assess(m, RealRules(), RealItems());
  ASSERT_TRUE(a);
  ASSERT_EQ(a->failed_items.size(), 1u);
  EXPECT_EQ(a->failed_items[0].detail, "6 s，超出 ±5 s");
}

TEST(VerificationAssess, ClockIsIgnoredWithoutTimeOfUseBilling) {
  for (auto kind : kKinds) {
    SCOPED_TRACE(ToString(kind));
    Measurement m = Passing(kAc, "1", kind);
    m.tou_billing = false;
    auto without = Assess(m, RealRules(), RealItems());
    ASSERT_TRUE(without);
    EXPECT_TRUE(without->pass);
    EXPECT_FALSE(without->clock_rounded_s);
    EXPECT_FALSE(without->clock_limit_s);
    EXPECT_TRUE(without->clock_pass);

    m.clock_error_s = 1000;  // far beyond any limit, and still not an item
    auto ignored = Assess(m, RealRules(), RealItems());
    ASSERT_TRUE(ignored);
    EXPECT_TRUE(ignored->pass);
    EXPECT_FALSE(ignored->clock_rounded_s);
    EXPECT_TRUE(ignored->clock_pass);
    EXPECT_TRUE(ignored->failed_items.empty());
  }
}

TEST(VerificationAssess, ClockRequiredWithTimeOfUseBilling) {
  for (auto kind : kKinds) {
    SCOPED_TRACE(ToString(kind));
    Measurement m = Passing(kDc, "2", kind);
    m.tou_billing = true;
    auto a = Assess(m, RealRules(), RealItems());
    ASSERT_FALSE(a);
    EXPECT_EQ(a.error().kind, ErrorKind::kInvalidArgument);
    EXPECT_EQ(a.error().code, "clock_error_required");
    EXPECT_EQ(a.error().field, "clock_error_s");
  }
}

TEST(VerificationAssess, ClockLimitMissing) {
  std::vector<LimitRule> rules;
  for (const auto& r : RealRules())
    if (r.item != "clock_error") rules.push_back(r);
  Measurement m = Passing();
  m.tou_billing = true;
  m.clock_error_s = 1;
  auto a = Assess(m, rules, RealItems());
  ASSERT_FALSE(a);
  EXPECT_EQ(a.error().kind, ErrorKind::kFailedPrecondition);
  EXPECT_EQ(a.error().code, "limit_missing");
}

// ---- Assess: preconditions and checklist -----------------------------------------------------

TEST(VerificationAssess, InsulationIsAPrecondition) {
  struct Case {
    double mohm;
    bool ok;
  };
  const Case cases[] = {{0, false},  {4.99, false}, {4.999999, false},
                        {5.0, true}, {5.01, true},  {500, true}};
  for (const char* reg : {kAc, kDc}) {
    for (const auto& c : cases) {
      SCOPED_TRACE(testing::Message() << reg << " " << c.mohm << " MΩ");
      Measurement m = Passing(reg);
      m.insulation_mohm = c.mohm;
      auto a = Assess(m, RealRules(), RealItems());
      if (c.ok) {
        ASSERT_TRUE(a.has_value()) << a.error().code;
        EXPECT_TRUE(a->pass);
      } else {
        ASSERT_FALSE(a.has_value());
        EXPECT_EQ(a.error().kind, ErrorKind::kInvalidArgument);
        EXPECT_EQ(a.error().code, "insulation_precondition_failed");
        EXPECT_EQ(a.error().field, "insulation_mohm");
      }
    }
  }
}

TEST(VerificationAssess, ChecklistMustAnswerEveryItem) {
  const auto items = RealItems();
  for (size_t skip = 0; skip < items.size(); ++skip) {
    SCOPED_TRACE(items[skip].item);
    Measurement m = Passing();
    m.checklist.erase(m.checklist.begin() + static_cast<std::ptrdiff_t>(skip));
    auto a = Assess(m, RealRules(), items);
    ASSERT_FALSE(a);
    EXPECT_EQ(a.error().kind, ErrorKind::kInvalidArgument);
    EXPECT_EQ(a.error().code, "checklist_incomplete");
    EXPECT_EQ(a.error().field, "checklist");
    EXPECT_TRUE(Contains(a.error().message, items[skip].name)) << a.error().message;
  }
  Measurement empty = Passing();
  empty.checklist.clear();
  auto a = Assess(empty, RealRules(), items);
  ASSERT_FALSE(a);
  EXPECT_EQ(a.error().code, "checklist_incomplete");
}

TEST(VerificationAssess, AnyFailedChecklistItemFailsTheWholeRecord) {
  const auto items = RealItems();
  for (size_t bad = 0; bad < items.size(); ++bad) {
    SCOPED_TRACE(items[bad].item);
    Measurement m = Passing();
    m.checklist[bad].pass = false;
    m.checklist[bad].note = "封印缺失";
    auto a = Assess(m, RealRules(), items);
    ASSERT_TRUE(a);
    EXPECT_FALSE(a->pass);
    EXPECT_TRUE(a->load_points[0].pass);  // the measurement itself was fine
    ASSERT_EQ(a->failed_items.size(), 1u);
    EXPECT_EQ(a->failed_items[0].item, items[bad].item);
    EXPECT_EQ(a->failed_items[0].name, items[bad].name);
    EXPECT_EQ(a->failed_items[0].detail, "封印缺失");
  }
}

TEST(VerificationAssess, SeveralFailuresAreAllNamed) {
  const auto items = RealItems();
  Measurement m = Passing(kAc, "1", VerificationKind::kFirst);
  // Answer the checklist in another order than the regulation's.
  m.checklist = {{"charging_control", true, ""},
                 {"anti_tamper", false, "封印破损"},
                 {"nameplate", true, ""},
                 {"display", false, "显示缺段"}};
  m.load_points = {{32, 220, 10, 10.2}, {16, 220, 10, 10}, {63, 220, 10, 9.8}};
  m.tou_billing = true;
  m.clock_error_s = -7;
  auto a = Assess(m, RealRules(), items);
  ASSERT_TRUE(a);
  EXPECT_FALSE(a->pass);
  EXPECT_FALSE(a->clock_pass);
  std::vector<std::string> named;
  for (const auto& f : a->failed_items) named.push_back(f.item);
  // Checklist items in the regulation's order, then the load points, then the clock.
  const std::vector<std::string> expected = {"display", "anti_tamper", "working_error",
                                             "working_error", "clock_error"};
  EXPECT_EQ(named, expected);
  EXPECT_TRUE(Contains(a->failed_items[2].detail, "负载点1"));
  EXPECT_TRUE(Contains(a->failed_items[3].detail, "负载点3"));
  EXPECT_EQ(a->failed_items[4].detail, "-7 s，超出 ±5 s");
}

TEST(VerificationAssess, LoadPointsRequired) {
  Measurement m = Passing();
  m.load_points.clear();
  auto a = Assess(m, RealRules(), RealItems());
  ASSERT_FALSE(a);
  EXPECT_EQ(a.error().kind, ErrorKind::kInvalidArgument);
  EXPECT_EQ(a.error().code, "load_points_required");
  EXPECT_EQ(a.error().field, "load_points");
}

TEST(VerificationAssess, InvalidLoadPoints) {
  const LoadPoint cases[] = {
      {32, 220, 0, 10},                         // standard energy 0 (would divide by zero)
      {32, 220, -10, 10},                       // negative standard energy
      {32, 220, NAN, 10},                       // not a number
      {32, 220, 10, -0.001},                    // negative charger energy
      {32, 220, 10, NAN},    {0, 220, 10, 10},  // no current
      {-32, 220, 10, 10},    {32, 0, 10, 10},   // no voltage
      {32, -220, 10, 10},
  };
  for (const auto& p : cases) {
    SCOPED_TRACE(testing::Message() << p.current_a << " A " << p.voltage_v << " V "
                                    << p.standard_energy_kwh << " / " << p.charger_energy_kwh);
    Measurement m = Passing();
    m.load_points = {{32, 220, 10, 10}, p};  // one bad point spoils the set
    auto a = Assess(m, RealRules(), RealItems());
    ASSERT_FALSE(a);
    EXPECT_EQ(a.error().kind, ErrorKind::kInvalidArgument);
    EXPECT_EQ(a.error().code, "load_point_invalid");
    EXPECT_EQ(a.error().field, "load_points");
  }
}

TEST(VerificationAssess, UnknownAccuracyClassHasNoLimit) {
  for (const char* accuracy_class : {"3", "0.5", "", "1 "}) {
    SCOPED_TRACE(accuracy_class);
    auto a = Assess(Passing(kAc, accuracy_class), RealRules(), RealItems());
    ASSERT_FALSE(a);
    EXPECT_EQ(a.error().kind, ErrorKind::kFailedPrecondition);
    EXPECT_EQ(a.error().code, "limit_missing");
  }
  auto unknown_regulation = Assess(Passing("JJG 596-2012"), RealRules(), RealItems());
  ASSERT_FALSE(unknown_regulation);
  EXPECT_EQ(unknown_regulation.error().code, "limit_missing");
}

TEST(VerificationAssess, PassingMeasurementPassesUnderEveryRegulationKindAndClass) {
  for (const char* reg : {kAc, kDc}) {
    for (const char* accuracy_class : {"1", "2"}) {
      for (auto kind : kKinds) {
        SCOPED_TRACE(testing::Message() << reg << " " << accuracy_class << " " << ToString(kind));
        Measurement m = Passing(reg, accuracy_class, kind);
        m.tou_billing = true;
        m.clock_error_s = 2;
        auto a = Assess(m, RealRules(), RealItems());
        ASSERT_TRUE(a.has_value()) << a.error().code;
        EXPECT_TRUE(a->pass);
        EXPECT_TRUE(a->clock_pass);
        EXPECT_TRUE(a->failed_items.empty());
      }
    }
  }
}

// ---- Kinds, certificate numbers and validity -------------------------------------------------

TEST(VerificationKindNames, RoundTrip) {
  for (auto kind : kKinds) {
    EXPECT_EQ(ParseVerificationKind(ToString(kind)), kind);
    EXPECT_FALSE(DisplayName(kind).empty());
  }
  EXPECT_EQ(ToString(VerificationKind::kInService), "in_service");
  EXPECT_EQ(DisplayName(VerificationKind::kFirst), "首次检定");
  EXPECT_FALSE(ParseVerificationKind("First"));
  EXPECT_FALSE(ParseVerificationKind(""));
  EXPECT_FALSE(ParseVerificationKind("*"));
}

TEST(VerificationCertificate, Numbers) {
  struct Case {
    const char* code;
    int year;
    int64_t sequence;
    bool notice;
    const char* expected;
  };
  const Case cases[] = {
      {"WHJL", 2026, 123, false, "WHJL-2026-000123"},
      {"WHJL", 2026, 123, true, "WHJL-2026-N000123"},
      {"WHJL", 2026, 1, false, "WHJL-2026-000001"},
      {"WHJL", 2027, 999999, false, "WHJL-2027-999999"},
      {"WHJL", 2026, 1000000, false, "WHJL-2026-1000000"},  // past six digits: widens
      {"WHJL", 2026, 1234567, true, "WHJL-2026-N1234567"},
      {"HBJL", 2030, 42, true, "HBJL-2030-N000042"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(CertificateNumber(c.code, c.year, c.sequence, c.notice), c.expected);
  }
}

TEST(VerificationCertificate, ValidUntil) {
  struct Case {
    const char* issued;
    int months;
    const char* expected;
  };
  const Case cases[] = {
      {"2026-11-27", 36, "2029-11-27"}, {"2024-02-29", 36, "2027-02-28"},
      {"2024-02-29", 48, "2028-02-29"}, {"2026-01-31", 1, "2026-02-28"},
      {"2026-12-31", 12, "2027-12-31"}, {"2026-08-31", 6, "2027-02-28"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.issued);
    EXPECT_EQ(CertificateValidUntil(c.issued, c.months), c.expected);
  }
}

}  // namespace
}  // namespace mvis::domain
