// The mvis subcommands; each returns the process exit code.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/config.hpp"

namespace mvis::app {

int CmdServe(const Overrides& overrides);
int CmdMigrate(const Overrides& overrides);
int CmdDemo(const Overrides& overrides);

struct UserAddArgs {
  std::string username;
  std::string role;
  std::optional<int64_t> org_id;
  std::string phone;
  std::string display_name;
  std::vector<std::string> duties;
  bool password_stdin = false;
};
int CmdUserAdd(const Overrides& overrides, const UserAddArgs& args);
int CmdAuditVerify(const Overrides& overrides);
// Retires the active label signing key and creates a new one (labels already printed stay valid).
int CmdRotateLabelKey(const Overrides& overrides);
// Replays a sampling plan's current draw; prints the seed, the picks and whether they match.
int CmdSamplingReplay(const Overrides& overrides, int64_t plan_id);
// Imports FILE for the enterprise with CREDIT_CODE: parse, validate, and on success commit the
// rows as drafts. Exit 0 with a summary; 1 with the row errors (nothing written).
int CmdImport(const Overrides& overrides, const std::string& credit_code, const std::string& file);
// `mvis exchange import-orders`: exit 0 when every line was stored or known, 1 when some were
// rejected (listed; the others are kept).
int CmdImportOrders(const Overrides& overrides, const std::string& operator_id,
                    const std::string& file);
// `mvis exchange run-rules`: ExchangeService::RunRulesNow over [from, to]; prints the orders
// judged, the new alerts and the time taken.
int CmdRunRules(const Overrides& overrides, const std::string& from, const std::string& to);

}  // namespace mvis::app
