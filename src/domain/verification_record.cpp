#include "domain/verification_record.hpp"

#include "domain/enum_names.hpp"

namespace mvis::domain {
namespace {

constexpr EnumName<Conclusion> kConclusions[] = {{Conclusion::kPass, "pass"},
                                                 {Conclusion::kFail, "fail"}};

}  // namespace

std::string_view ToString(Conclusion c) { return NameIn(kConclusions, c); }
std::optional<Conclusion> ParseConclusion(std::string_view s) { return ParseIn(kConclusions, s); }

}  // namespace mvis::domain
