#include "app/commands.hpp"

#include <spdlog/spdlog.h>

#include <iostream>

#include "app/runtime.hpp"
#include "domain/audit_chain.hpp"
#include "services/admin_service.hpp"
#include "services/demo_seed.hpp"
#include "services/instrument_service.hpp"
#include "store/audit_store.hpp"
#include "store/migrate.hpp"

namespace mvis::app {
namespace {

int Report(const Error& e) {
  std::cerr << "mvis: " << e.message << " [" << e.code << "]\n";
  for (const auto& f : e.fields) std::cerr << "  " << f.field << ": " << f.message << "\n";
  return e.kind == ErrorKind::kInvalidArgument ? 2 : 1;
}

}  // namespace

int CmdServe(const Overrides& overrides) {
  auto config = LoadConfig(overrides);
  if (!config) return Report(config.error());
  auto rt = Runtime::Create(*config);
  if (!rt) return Report(rt.error());
  if (auto ok = (*rt)->Start(); !ok) return Report(ok.error());
  spdlog::info("mvis listening on http://{} (db {}, web {})", config->listen,
               config->db.starts_with("sqlite:") ? config->db : "postgresql", config->web);
  (*rt)->Run();
  return 0;
}

int CmdMigrate(const Overrides& overrides) {
  auto config = LoadConfig(overrides);
  if (!config) return Report(config.error());
  auto db = store::Database::Open(config->db, 1);
  if (!db) return Report(db.error());
  auto applied = store::Migrate(**db);
  if (!applied) return Report(applied.error());
  std::cout << "migrations applied: " << *applied << "\n";
  return 0;
}

int CmdDemo(const Overrides& overrides) {
  auto config = LoadConfig(overrides);
  if (!config) return Report(config.error());
  auto db = OpenAndMigrate(*config);
  if (!db) return Report(db.error());
  services::AdminService admin(**db, config->services);
  auto accounts = services::SeedDemo(**db, admin);
  if (!accounts) return Report(accounts.error());
  services::InstrumentService instruments(**db);
  auto registry = services::SeedDemoInstruments(**db, instruments);
  if (!registry) return Report(registry.error());
  if (*registry) std::cout << "Demo registry: " << *registry << " instruments in every filing state\n";
  std::cout << "Demo accounts (" << config->db << "):\n";
  for (const auto& a : *accounts) {
    std::cout << "  " << a.username << std::string(12 - std::min<size_t>(11, a.username.size()), ' ')
              << (a.password.empty() ? "(existing account, password unchanged)" : a.password)
              << "  " << a.role << (a.org_name.empty() ? "" : "  " + a.org_name) << "\n";
  }
  return 0;
}

int CmdUserAdd(const Overrides& overrides, const UserAddArgs& args) {
  auto config = LoadConfig(overrides);
  if (!config) return Report(config.error());
  auto db = OpenAndMigrate(*config);
  if (!db) return Report(db.error());
  std::string password;
  if (args.password_stdin) {
    std::getline(std::cin, password);
    if (!password.empty() && password.back() == '\r') password.pop_back();
    if (password.empty()) {
      std::cerr << "mvis: --password-stdin given but no password was read\n";
      return 2;
    }
  }
  services::AdminService admin(**db, config->services);
  auto created = admin.CreateUser(services::SystemActor("cli"),
                                  {args.username, password, args.role, args.org_id, args.phone,
                                   args.display_name, args.duties});
  if (!created) return Report(created.error());
  std::cout << "created user " << created->user.username << " (id " << created->user.id
            << ", role " << created->user.role << ")\n";
  if (!created->generated_password.empty()) {
    std::cout << "password: " << created->generated_password << "\n";
  }
  return 0;
}

int CmdAuditVerify(const Overrides& overrides) {
  auto config = LoadConfig(overrides);
  if (!config) return Report(config.error());
  auto db = store::Database::Open(config->db, 1);
  if (!db) return Report(db.error());
  struct Chain {
    std::vector<domain::AuditEntry> rows;
    std::pair<int64_t, std::string> head;
  };
  auto chain = (*db)->Read([](store::Tx& tx) -> Result<Chain> {
    return Chain{store::AllAudit(tx), store::AuditHead(tx)};
  });
  if (!chain) return Report(chain.error());
  auto broken = domain::VerifyAuditChain(chain->rows, chain->head.second, chain->head.first);
  if (broken) {
    std::cout << "audit chain BROKEN at row " << broken->seq << ": " << broken->reason << "\n";
    return 1;
  }
  std::cout << "audit chain intact: " << chain->rows.size() << " rows\n";
  return 0;
}

}  // namespace mvis::app
