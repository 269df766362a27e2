// The Chinese words of the audit log: what each action code, object type and stored state is
// called, so the log reads in the users' language and can be searched with those words.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace mvis::domain {

// "instrument.approve" → "备案审核通过"; an unknown code is returned as it is.
std::string AuditActionName(std::string_view action);
// "instrument" → "器具"; an unknown type is returned as it is.
std::string AuditObjectName(std::string_view object_type);
// The Chinese name of state `status` of an object of `object_type` ("instrument", "submitted" →
// "待审核"); "" stays "", an unknown state is returned as it is.
std::string StateName(std::string_view object_type, std::string_view status);
// Every known action code whose Chinese name contains `words` (e.g. "审核").
std::vector<std::string> AuditActionsNamed(std::string_view words);
// Every known action code (for tests and documentation).
std::vector<std::string> AuditActionCodes();

}  // namespace mvis::domain
