// The mvis subcommands; each returns the process exit code.
#pragma once

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

}  // namespace mvis::app
