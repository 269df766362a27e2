// mvis — 强制检定计量器具管理信息系统. Command-line entry point.
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>

#include "app/commands.hpp"

namespace {

// Adds --db and --config (with their environment variables) to a subcommand.
void DataOptions(CLI::App* cmd, mvis::app::Overrides& o) {
  cmd->add_option("--db", o.db,
                  "database URL: sqlite:PATH or postgresql://… (default sqlite:data/mvis.db)")
      ->envname("MVIS_DB");
  cmd->add_option("--config", o.config, "TOML configuration file")->envname("MVIS_CONFIG");
}

}  // namespace

int main(int argc, char** argv) {
  spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%l%$ %v");
  CLI::App app{"mvis — mandatory verification information system (强制检定计量器具管理信息系统)"};
  app.require_subcommand(1);
  mvis::app::Overrides o;

  auto* serve = app.add_subcommand("serve", "run the HTTP server and the web UI");
  DataOptions(serve, o);
  serve->add_option("--listen", o.listen, "HOST:PORT to listen on (default 127.0.0.1:8080)")
      ->envname("MVIS_LISTEN");
  serve->add_option("--web", o.web, "directory of the built web UI (default web/dist)")
      ->envname("MVIS_WEB");
  serve->add_option("--threads", o.threads, "I/O threads (default 4)")->check(CLI::Range(1, 64));

  auto* migrate = app.add_subcommand("migrate", "apply database migrations (idempotent)");
  DataOptions(migrate, o);

  auto* demo =
      app.add_subcommand("demo", "seed demo organisations and accounts; print credentials");
  DataOptions(demo, o);

  auto* user = app.add_subcommand("user", "manage accounts");
  user->require_subcommand(1);
  auto* user_add = user->add_subcommand(
      "add", "create an account (prints a generated password unless --password-stdin)");
  DataOptions(user_add, o);
  mvis::app::UserAddArgs ua;
  std::optional<int64_t> org;
  user_add->add_option("--username", ua.username, "login name")->required();
  user_add
      ->add_option("--role", ua.role,
                   "enterprise | district_regulator | city_regulator | drc | institute | sysadmin")
      ->required();
  user_add->add_option("--org", org, "organisation id (all roles but sysadmin)");
  user_add->add_option("--phone", ua.phone, "mobile number for notices");
  user_add->add_option("--display-name", ua.display_name, "name shown in the UI");
  user_add->add_option("--duties", ua.duties, "institute staff duties: verifier checker approver")
      ->delimiter(',');
  user_add->add_flag("--password-stdin", ua.password_stdin,
                     "read the password from the first line of standard input");

  auto* audit = app.add_subcommand("audit", "audit log tools");
  audit->require_subcommand(1);
  auto* verify =
      audit->add_subcommand("verify", "check the audit hash chain; exit 1 at the first broken row");
  DataOptions(verify, o);

  auto* keys = app.add_subcommand("label-keys", "label signing keys (QR tokens)");
  keys->require_subcommand(1);
  auto* rotate = keys->add_subcommand(
      "rotate", "retire the active key and create a new one; printed labels stay valid");
  DataOptions(rotate, o);

  auto* import = app.add_subcommand(
      "import", "import instruments from an .xlsx template or CSV for an enterprise");
  DataOptions(import, o);
  std::string import_org, import_file;
  import->add_option("--org", import_org, "the enterprise's unified social credit code")
      ->required();
  import->add_option("FILE", import_file, "the filled template (.xlsx) or a CSV file")
      ->required()
      ->check(CLI::ExistingFile);

  auto* sampling = app.add_subcommand("sampling", "sampling verification plans (抽样检定)");
  sampling->require_subcommand(1);
  auto* replay = sampling->add_subcommand(
      "replay",
      "recompute a plan's current draw from its stored frame and seed; exit 1 if it differs");
  DataOptions(replay, o);
  int64_t replay_plan = 0;
  replay->add_option("--plan", replay_plan, "the plan's id")->required();

  auto* exchange = app.add_subcommand("exchange", "T/CEC 102 data exchange tools");
  exchange->require_subcommand(1);
  auto* import_orders = exchange->add_subcommand(
      "import-orders",
      "store and judge an operator's charge orders from a JSON Lines file (one ChargeOrderInfo "
      "per line), as the platform delivered them");
  DataOptions(import_orders, o);
  std::string orders_operator, orders_file;
  import_orders->add_option("--operator-id", orders_operator, "the operator account's OperatorID")
      ->required();
  import_orders->add_option("FILE", orders_file, "the orders, one JSON object per line")
      ->required()
      ->check(CLI::ExistingFile);

  auto* run_rules = exchange->add_subcommand(
      "run-rules",
      "run every charge-order rule over the orders starting in a period (at most 31 days) and "
      "keep their alerts, as a run started from the web does");
  DataOptions(run_rules, o);
  std::string rules_from, rules_to;
  run_rules->add_option("--from", rules_from, "the first day, yyyy-MM-dd")->required();
  run_rules->add_option("--to", rules_to, "the last day, yyyy-MM-dd")->required();

  CLI11_PARSE(app, argc, argv);
  ua.org_id = org;

  if (*serve) return mvis::app::CmdServe(o);
  if (*migrate) return mvis::app::CmdMigrate(o);
  if (*demo) return mvis::app::CmdDemo(o);
  if (*user_add) return mvis::app::CmdUserAdd(o, ua);
  if (*verify) return mvis::app::CmdAuditVerify(o);
  if (*rotate) return mvis::app::CmdRotateLabelKey(o);
  if (*import) return mvis::app::CmdImport(o, import_org, import_file);
  if (*replay) return mvis::app::CmdSamplingReplay(o, replay_plan);
  if (*import_orders) return mvis::app::CmdImportOrders(o, orders_operator, orders_file);
  if (*run_rules) return mvis::app::CmdRunRules(o, rules_from, rules_to);
  return 1;
}
