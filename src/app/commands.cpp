#include "app/commands.hpp"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>

#include "app/runtime.hpp"
#include "demo/demo_seed.hpp"
#include "domain/audit_chain.hpp"
#include "services/exchange/exchange_service.hpp"
#include "store/audit_store.hpp"
#include "store/migrate.hpp"
#include "store/orgs_store.hpp"
#include "store/users_store.hpp"

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
  auto rt = Runtime::Create(*config);
  if (!rt) return Report(rt.error());
  auto& r = **rt;
  auto accounts = demo::SeedDemo(r.context(), r.admin());
  if (!accounts) return Report(accounts.error());
  auto registry = demo::SeedDemoInstruments(r.context(), r.instruments());
  if (!registry) return Report(registry.error());
  if (*registry)
    std::cout << "Demo registry: " << *registry << " instruments in every filing state\n";
  auto issued = demo::SeedDemoVerifications(r.context(), r.appointments(), r.verifications());
  if (!issued) return Report(issued.error());
  if (auto notices = demo::SeedDemoAnnouncements(r.context(), r.announcements()); !notices)
    return Report(notices.error());
  auto sample = demo::SeedDemoSampling(r.context(), r.sampling(), r.appointments(),
                                       r.verifications(), r.rectifications());
  if (!sample) return Report(sample.error());
  if (*sample) std::cout << "Demo sampling plan: " << *sample << " chargers drawn\n";
  auto inspected = demo::SeedDemoInspections(r.context(), r.inspections());
  if (!inspected) return Report(inspected.error());
  if (*inspected)
    std::cout << "Demo 双随机 inspections: a task in every state, " << *inspected
              << " enterprises drawn\n";
  auto documents = demo::SeedDemoReports(r.context(), r.reports());
  if (!documents) return Report(documents.error());
  if (*documents)
    std::cout << "Demo reporting: milestones, annual reports, 重大问题 reports and a 通报 ("
              << *documents << " documents)\n";
  auto stations = demo::SeedDemoExchange(r.context(), r.exchange(), r.instruments());
  if (!stations) return Report(stations.error());
  if (*stations)
    std::cout << "Demo exchange: the charging platform reported " << *stations
              << " stations of 武汉新能源充电科技有限公司 (3 chargers in use but not filed, 1 "
                 "mismatch), a month of charge orders with planted anomalies (计量作弊线索 in "
                 "江岸区), a time-of-use tariff and a registered meter key (OCMF)\n";
  if (*issued)
    std::cout << "Demo verification: appointments in every state, " << *issued
              << " certificates / result notices issued\n";
  std::cout << "Demo accounts (" << config->db << "):\n";
  for (const auto& a : *accounts) {
    std::cout << "  " << a.username
              << std::string(12 - std::min<size_t>(11, a.username.size()), ' ')
              << (a.password.empty() ? "(existing account, password unchanged)" : a.password)
              << "  " << a.role << (a.org_name.empty() ? "" : "  " + a.org_name) << "\n";
  }
  return 0;
}

int CmdUserAdd(const Overrides& overrides, const UserAddArgs& args) {
  auto config = LoadConfig(overrides);
  if (!config) return Report(config.error());
  std::string password;
  if (args.password_stdin) {
    std::getline(std::cin, password);
    if (!password.empty() && password.back() == '\r') password.pop_back();
    if (password.empty()) {
      std::cerr << "mvis: --password-stdin given but no password was read\n";
      return 2;
    }
  }
  auto rt = Runtime::Create(*config);
  if (!rt) return Report(rt.error());
  auto created = (*rt)->admin().CreateUser(
      services::SystemActor("cli"), {args.username, password, args.role, args.org_id, args.phone,
                                     args.display_name, args.duties});
  if (!created) return Report(created.error());
  std::cout << "created user " << created->user.username << " (id " << created->user.id << ", role "
            << domain::ToString(created->user.role) << ")\n";
  if (!created->generated_password.empty()) {
    std::cout << "password: " << created->generated_password << "\n";
  }
  return 0;
}

int CmdImport(const Overrides& overrides, const std::string& credit_code, const std::string& file) {
  auto config = LoadConfig(overrides);
  if (!config) return Report(config.error());
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    std::cerr << "mvis: cannot read " << file << "\n";
    return 2;
  }
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto rt = Runtime::Create(*config);
  if (!rt) return Report(rt.error());
  // The import is made in the name of the enterprise's first active account.
  auto actor = (*rt)->db().Read([&](store::Tx& tx) -> Result<services::Actor> {
    auto org = store::FindOrgByCreditCode(tx, credit_code);
    if (!org || org->kind != domain::OrgKind::kEnterprise)
      return NotFound("统一社会信用代码为 " + credit_code + " 的企业");
    auto users = store::ActiveUsersOfOrg(tx, org->id);
    if (users.empty())
      return Fail(ErrorKind::kFailedPrecondition, "org_without_users", "该企业没有可用账号");
    auto a = services::MakeActor(tx, users.front());
    a.request.ip = "cli";
    return a;
  });
  if (!actor) return Report(actor.error());
  auto& imports = (*rt)->imports();
  auto started = std::chrono::steady_clock::now();
  const bool tty = isatty(STDERR_FILENO);
  auto summary = imports.Upload(*actor, std::filesystem::path(file).filename().string(),
                                std::move(bytes), true, [tty](int64_t rows) {
                                  if (tty)
                                    std::cerr << "\r解析校验中… " << rows << " 行" << std::flush;
                                });
  if (tty) std::cerr << "\r" << std::string(40, ' ') << "\r";
  if (!summary) return Report(summary.error());
  const auto& r = summary->record;
  std::cout << "文件 " << r.filename << "：共 " << r.rows_total << " 行，有效 " << r.rows_valid
            << " 行，已登记（跳过） " << r.rows_existing << " 行，错误 " << summary->rows_error
            << " 行\n";
  if (summary->rows_error > 0) {
    for (const auto& e : summary->errors) {
      std::cout << "  第" << e.row << "行 [" << e.column << "] " << e.message << " (" << e.code
                << ")\n";
    }
    if (summary->rows_error > static_cast<int64_t>(summary->errors.size())) std::cout << "  …\n";
    std::cout << "未导入任何数据：请修改以上错误后重新导入。\n";
    return 1;
  }
  auto created = imports.Commit(*actor, r.id);
  if (!created) return Report(created.error());
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::cout << "已保存 " << *created << " 台器具（待申报），用时 " << std::fixed
            << std::setprecision(2) << seconds << " 秒\n";
  return 0;
}

int CmdImportOrders(const Overrides& overrides, const std::string& operator_id,
                    const std::string& file) {
  auto config = LoadConfig(overrides);
  if (!config) return Report(config.error());
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    std::cerr << "mvis: cannot read " << file << "\n";
    return 2;
  }
  auto rt = Runtime::Create(*config);
  if (!rt) return Report(rt.error());
  const auto started = std::chrono::steady_clock::now();
  const bool tty = isatty(STDERR_FILENO);
  auto report = (*rt)->exchange().ImportOrders(operator_id, in, [tty](int64_t lines) {
    if (tty) std::cerr << "\r已读取 " << lines << " 行" << std::flush;
  });
  if (tty) std::cerr << "\r" << std::string(40, ' ') << "\r";
  if (!report) return Report(report.error());
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::cout << "文件共 " << report->lines << " 行：新保存订单 " << report->stored
            << " 笔，已接收过 " << report->duplicates << " 笔，错误 " << report->rejected
            << " 行；产生计量作弊线索 " << report->alerts << " 条；用时 " << std::fixed
            << std::setprecision(2) << seconds << " 秒（" << std::setprecision(0)
            << (seconds > 0 ? static_cast<double>(report->lines) / seconds : 0.0) << " 行/秒）\n";
  for (const auto& [n, why] : report->errors) std::cout << "  第" << n << "行：" << why << "\n";
  if (report->rejected > static_cast<int64_t>(report->errors.size())) std::cout << "  …\n";
  return report->rejected > 0 ? 1 : 0;
}

int CmdRunRules(const Overrides& overrides, const std::string& from, const std::string& to) {
  auto config = LoadConfig(overrides);
  if (!config) return Report(config.error());
  auto rt = Runtime::Create(*config);
  if (!rt) return Report(rt.error());
  const auto started = std::chrono::steady_clock::now();
  auto report = (*rt)->exchange().RunRulesNow(from, to);
  if (!report) return Report(report.error());
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::cout << from << " 至 " << to << "：分析订单 " << report->orders << " 笔，新增计量作弊线索 "
            << report->alerts << " 条；用时 " << std::fixed << std::setprecision(2) << seconds
            << " 秒（" << std::setprecision(0)
            << (seconds > 0 ? static_cast<double>(report->orders) / seconds : 0.0) << " 笔/秒）\n";
  if (report->placed > 0)
    std::cout << "其中 " << report->placed << " 笔订单（及其线索）补全了所在辖区\n";
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

int CmdRotateLabelKey(const Overrides& overrides) {
  auto config = LoadConfig(overrides);
  if (!config) return Report(config.error());
  auto rt = Runtime::Create(*config);
  if (!rt) return Report(rt.error());
  auto kid = (*rt)->certificates().RotateKey(services::SystemActor("cli"));
  if (!kid) return Report(kid.error());
  std::cout << "new active label key: " << *kid << "\n";
  return 0;
}

int CmdSamplingReplay(const Overrides& overrides, int64_t plan_id) {
  auto config = LoadConfig(overrides);
  if (!config) return Report(config.error());
  auto rt = Runtime::Create(*config);
  if (!rt) return Report(rt.error());
  auto r = (*rt)->sampling().ReplayLocally(plan_id);
  if (!r) return Report(r.error());
  std::cout << "plan " << plan_id << " draw " << r->seq << " seed " << r->seed << " algorithm "
            << r->algorithm << "\n";
  for (const auto& u : r->items) std::cout << "  " << u.instrument_id << "  " << u.stratum << "\n";
  std::cout << (r->matches ? "matches the stored draw\n" : "DIFFERS from the stored draw\n");
  return r->matches ? 0 : 1;
}

}  // namespace mvis::app
