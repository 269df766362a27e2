#include "domain/registry.hpp"

#include "domain/enum_names.hpp"

namespace mvis::domain {
namespace {

constexpr EnumName<VerificationState> kStates[] = {{VerificationState::kNever, "never"},
                                                   {VerificationState::kPassed, "passed"},
                                                   {VerificationState::kFailed, "failed"},
                                                   {VerificationState::kRevoked, "revoked"}};

constexpr EnumName<VerificationFilter> kFilters[] = {{VerificationFilter::kNever, "never"},
                                                     {VerificationFilter::kValid, "valid"},
                                                     {VerificationFilter::kDueSoon, "due_soon"},
                                                     {VerificationFilter::kOverdue, "overdue"},
                                                     {VerificationFilter::kFailed, "failed"}};

}  // namespace

std::string_view ToString(VerificationState s) { return NameIn(kStates, s); }
std::optional<VerificationState> ParseVerificationState(std::string_view s) {
  return ParseIn(kStates, s);
}
std::optional<VerificationFilter> ParseVerificationFilter(std::string_view s) {
  return ParseIn(kFilters, s);
}

}  // namespace mvis::domain
