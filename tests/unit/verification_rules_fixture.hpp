// Shared by the verification rule tests: the two regulation editions, the three kinds, and the
// limit rows the migration seeds.
#pragma once

#include <string>
#include <vector>

#include "domain/verification.hpp"

namespace mvis::domain::verification_fixture {

inline constexpr const char* kAc = "JJG 1148-2022";
inline constexpr const char* kDc = "JJG 1149-2022";

// The rows of src/store/migrations/0005_verification.sql for both regulation editions.
inline std::vector<LimitRule> RealRules() {
  std::vector<LimitRule> rules;
  for (std::string reg : {kAc, kDc}) {
    rules.push_back({reg, "working_error", "*", "1", 1.0, 0.1});
    rules.push_back({reg, "working_error", "*", "2", 2.0, 0.2});
    rules.push_back({reg, "clock_error", "first", "*", 5, 1});
    rules.push_back({reg, "clock_error", "subsequent", "*", 180, 1});
    rules.push_back({reg, "clock_error", "in_service", "*", 180, 1});
    rules.push_back({reg, "insulation", "*", "*", 5, 0});
  }
  return rules;
}

inline constexpr VerificationKind kKinds[] = {
    VerificationKind::kFirst, VerificationKind::kSubsequent, VerificationKind::kInService};

}  // namespace mvis::domain::verification_fixture
