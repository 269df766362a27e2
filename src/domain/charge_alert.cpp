// The triage of a charge-order alert: see charge_alert.hpp.
#include "domain/charge_alert.hpp"

#include "domain/enum_names.hpp"

namespace mvis::domain {
namespace {

constexpr EnumName<ChargeAlertStatus> kStatuses[] = {
    {ChargeAlertStatus::kOpen, "open"},
    {ChargeAlertStatus::kDismissed, "dismissed"},
    {ChargeAlertStatus::kInspection, "inspection"}};
constexpr EnumName<ChargeAlertStatus> kStatusNames[] = {
    {ChargeAlertStatus::kOpen, "待处理"},
    {ChargeAlertStatus::kDismissed, "已排除"},
    {ChargeAlertStatus::kInspection, "已立案核查"}};
constexpr EnumName<ChargeAlertAction> kActions[] = {{ChargeAlertAction::kDismiss, "dismiss"},
                                                    {ChargeAlertAction::kInspect, "inspect"}};

}  // namespace

std::string_view ToString(ChargeAlertStatus s) { return NameIn(kStatuses, s); }
std::optional<ChargeAlertStatus> ParseChargeAlertStatus(std::string_view s) {
  return ParseIn(kStatuses, s);
}
std::string_view DisplayName(ChargeAlertStatus s) { return NameIn(kStatusNames, s); }
std::string_view ToString(ChargeAlertAction a) { return NameIn(kActions, a); }

Result<ChargeAlertStatus> NextStatus(ChargeAlertStatus from, ChargeAlertAction action) {
  if (from != ChargeAlertStatus::kOpen)
    return Fail(ErrorKind::kFailedPrecondition, "alert_handled",
                from == ChargeAlertStatus::kDismissed ? "该线索已排除" : "该线索已立案核查");
  return action == ChargeAlertAction::kDismiss ? ChargeAlertStatus::kDismissed
                                               : ChargeAlertStatus::kInspection;
}

}  // namespace mvis::domain
