// The regulator's triage of an alert of the charge-order rules (计量作弊线索): an open alert is
// either dismissed with a reason (排除) or turned into a targeted inspection (立案核查). Both end
// its triage; neither can be undone (a new finding raises a new alert).
#pragma once

#include <optional>
#include <string_view>

#include "domain/error.hpp"

namespace mvis::domain {

enum class ChargeAlertStatus { kOpen, kDismissed, kInspection };
enum class ChargeAlertAction { kDismiss, kInspect };

std::string_view ToString(ChargeAlertStatus s);
std::optional<ChargeAlertStatus> ParseChargeAlertStatus(std::string_view s);
std::string_view DisplayName(ChargeAlertStatus s);  // 待处理 / 已排除 / 已立案核查
std::string_view ToString(ChargeAlertAction a);
// Both actions from open only (else failed precondition `alert_handled`).
Result<ChargeAlertStatus> NextStatus(ChargeAlertStatus from, ChargeAlertAction action);

}  // namespace mvis::domain
