// mvis as a client of the city's charging platform: a fake platform (tests/fake_platform, Node's
// crypto, independent of mvis's codec) serves query_token, query_stations_info in pages and
// query_station_stats; the sysadmin configures it; a pull retries a failed request, fills the
// inventory the reconciliation reads (stations of operators known only to the platform too), goes
// on from LastQueryTime next time, and brings the stations' metered energy rule 6 balances the
// orders against. Failures end in the log with a reason.
#include "services/exchange/platform_pull.hpp"

#include <signal.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "app/runtime.hpp"
#include "exchange_fixture.hpp"
#include "services/exchange/exchange_service.hpp"

namespace mvis::testing {
namespace {

// The values the platform issued to mvis.
const json kIssued = {{"operator_id", "MVIS00001"},
                      {"operator_secret", "Pull#Operator-01"},
                      {"data_secret", "PullDataSecret01"},
                      {"data_secret_iv", "PullDataIvec0001"},
                      {"sig_secret", "PullSigSecret001"}};

// The Node platform on a loopback port, for one test.
class FakePlatform {
 public:
  explicit FakePlatform(json config) : dir_(std::filesystem::temp_directory_path()) {
    dir_ /= "mvis-fake-platform-" + std::to_string(::getpid()) + "-" + std::to_string(++count_);
    std::filesystem::create_directories(dir_);
    config["log"] = (dir_ / "requests.jsonl").string();
    Write(config);
    const std::string cmd = std::string("node ") + MVIS_SOURCE_DIR +
                            "/tests/fake_platform/platform.mjs " + (dir_ / "config.json").string();
    pipe_ = ::popen(cmd.c_str(), "r");
    if (pipe_ && std::fscanf(pipe_, "%d %d", &port_, &pid_) != 2) port_ = 0;
  }
  ~FakePlatform() {
    if (pid_ > 0) ::kill(pid_, SIGTERM);
    if (pipe_) ::pclose(pipe_);
    std::filesystem::remove_all(dir_);
  }
  int port() const { return port_; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/evcs/v1"; }
  void Write(const json& config) {
    json c = config;
    if (!c.contains("log")) c["log"] = (dir_ / "requests.jsonl").string();
    std::ofstream(dir_ / "config.json") << c.dump();
    config_ = c;
  }
  json config() const { return config_; }
  // The requests served, in order: {endpoint, data (decrypted), ret} or {endpoint, http}.
  std::vector<json> Requests() const {
    std::vector<json> out;
    std::ifstream in(dir_ / "requests.jsonl");
    for (std::string line; std::getline(in, line);) out.push_back(json::parse(line));
    return out;
  }

 private:
  static inline int count_ = 0;
  std::filesystem::path dir_;
  FILE* pipe_ = nullptr;
  int port_ = 0, pid_ = 0;
  json config_;
};

json StationInfo(const std::string& operator_id, const std::string& station,
                 const std::vector<json>& equipment, const std::string& updated = "2000-01-01") {
  return {
      {"OperatorID", operator_id}, {"StationID", station},      {"StationName", "充电站" + station},
      {"AreaCode", "420102"},      {"Address", "武汉市江岸区"}, {"EquipmentInfos", equipment},
      {"_updated", updated}};
}

class PlatformPullTest : public ExchangeTest {
 protected:
  void SetUp() override {
    ExchangeTest::SetUp();
    runtime_->exchange().platform().SetOptions({3, 10, 5000, 10000});
  }

  json Configure(const std::string& url, const json& secrets = kIssued) {
    json body = secrets;
    body["base_url"] = url;
    body["enabled"] = true;
    body["page_size"] = 2;
    auto r = Admin().Send("PUT", "/api/v1/admin/tcec-platform", body.dump());
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json();
  }

  // Starts a pull and waits for its end.
  json Pull(const json& body = json::object()) {
    Client admin = Admin();
    auto started = admin.Post("/api/v1/admin/tcec-platform/pulls", body);
    EXPECT_EQ(started.status, 202) << started.body;
    const int64_t id = started.json()["id"];
    for (int i = 0; i < 400; ++i) {
      const json runs = admin.Get("/api/v1/admin/tcec-platform/pulls").json();
      for (const auto& r : runs["items"])
        if (r["id"] == id && r["status"] != "running") return r;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ADD_FAILURE() << "pull " << id << " did not finish";
    return json();
  }

  std::string EnterpriseOperatorId() {
    const std::string code = enterprise_->Get("/api/v1/me").json()["org"]["credit_code"];
    return code.substr(8, 9);
  }
};

TEST_F(PlatformPullTest, SysadminConfiguresThePlatformSecretsWriteOnly) {
  Client admin = Admin();
  EXPECT_FALSE(admin.Get("/api/v1/admin/tcec-platform").json()["configured"]);
  EXPECT_TRUE(admin.Get("/api/v1/admin/tcec-platform").json()["updated_at"].is_null());
  EXPECT_EQ(admin.Post("/api/v1/admin/tcec-platform/pulls", json::object()).error_code(),
            "not_configured");
  json body = kIssued;
  body["base_url"] = "ftp://platform.example";
  EXPECT_EQ(admin.Send("PUT", "/api/v1/admin/tcec-platform", body.dump()).error_code(),
            "base_url_invalid");
  body["base_url"] = "https://platform.example/evcs/v1/";
  body.erase("sig_secret");
  EXPECT_EQ(admin.Send("PUT", "/api/v1/admin/tcec-platform", body.dump()).error_code(),
            "secret_required");
  body["sig_secret"] = "short";
  EXPECT_EQ(admin.Send("PUT", "/api/v1/admin/tcec-platform", body.dump()).error_code(),
            "secret_invalid");
  body["sig_secret"] = kIssued["sig_secret"];
  EXPECT_EQ(enterprise_->Send("PUT", "/api/v1/admin/tcec-platform", body.dump()).status, 403);
  EXPECT_EQ(SignIn("city").Get("/api/v1/admin/tcec-platform").status, 403);
  auto saved = admin.Send("PUT", "/api/v1/admin/tcec-platform", body.dump());
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(saved.json()["base_url"], "https://platform.example/evcs/v1");
  EXPECT_EQ(saved.body.find("PullSigSecret001"), std::string::npos) << "secrets never shown";
  // Saved again without the secrets: they are kept.
  json again = {{"base_url", "https://platform.example/evcs/v1"},
                {"operator_id", "MVIS00001"},
                {"enabled", false}};
  EXPECT_EQ(admin.Send("PUT", "/api/v1/admin/tcec-platform", again.dump()).status, 200);
  EXPECT_FALSE(admin.Get("/api/v1/admin/tcec-platform").json()["enabled"]);
  EXPECT_EQ(
      Scalar(runtime_->db(),
             "SELECT COUNT(*) FROM audit_log WHERE action = 'platform.tcec_platform_save' AND "
             "summary NOT LIKE '%PullSigSecret001%'"),
      2);
}

TEST_F(PlatformPullTest, PullFillsTheInventoryPageByPageAndGoesOnFromLastQueryTime) {
  Filed(2);  // EQVT1-1 and EQVT2-1 in 江岸区, 7 kW AC, model AC7-V
  const std::string op = EnterpriseOperatorId();
  json config = kIssued;
  config["fail_first"] = 1;  // the first request (query_token) answers 503: retried
  config["stations"] = {
      StationInfo(op, "P-1", {Equipment("EQVT1-1", 2, 7), Equipment("EQVT2-1", 1, 60, "DC60")}),
      StationInfo(op, "P-2", {Equipment("EQ-PULL-1", 1, 120, "DC120")}), StationInfo(op, "P-3", {}),
      StationInfo("ZZZZZZZZZ", "Z-1", {Equipment("EQ-Z-1", 2, 7)})};
  FakePlatform platform(config);
  ASSERT_GT(platform.port(), 0) << "node could not start the fake platform";
  Configure(platform.url());

  const json run = Pull();
  EXPECT_EQ(run["status"], "done") << run.dump();
  EXPECT_EQ(run["pages"], 2);
  EXPECT_EQ(run["stations"], 3);
  EXPECT_EQ(run["equipment"], 3);
  EXPECT_EQ(run["skipped"], 1);
  EXPECT_EQ(run["unknown_operators"], json({"ZZZZZZZZZ"}));
  EXPECT_EQ(run["retries"], 1);
  EXPECT_EQ(run["last_query_time"], "");
  auto requests = platform.Requests();
  ASSERT_GE(requests.size(), 4u);
  EXPECT_EQ(requests[0]["http"], 503);
  EXPECT_EQ(requests[1]["endpoint"], "query_token");
  EXPECT_EQ(requests[2]["data"]["PageNo"], 1);
  EXPECT_EQ(requests[2]["data"]["LastQueryTime"], "");
  EXPECT_EQ(requests[3]["data"]["PageNo"], 2);

  // The operator reports to the platform only: a record without usable secrets.
  json ops = Admin().Get("/api/v1/admin/tcec-operators").json()["items"];
  ASSERT_EQ(ops.size(), 1u);
  EXPECT_EQ(ops[0]["operator_id"], op);
  EXPECT_EQ(ops[0]["status"], "platform");
  Peer guess{op, "x", {"PullDataSecret01", "PullDataIvec0001", "PullSigSecret001"}};
  EXPECT_EQ(Send(guess, "query_token", {{"OperatorID", op}}).first["Ret"], 4003);
  // Enabled only once the sysadmin has issued it secrets (rotation makes it a disabled account).
  Client admin = Admin();
  const std::string base =
      "/api/v1/admin/tcec-operators/" + std::to_string(ops[0]["id"].get<int64_t>());
  EXPECT_EQ(admin.Post(base + "/enable").error_code(), "rotate_first");
  const json issued = admin.Post(base + "/rotate").json();
  EXPECT_EQ(admin.Get("/api/v1/admin/tcec-operators").json()["items"][0]["status"], "disabled");
  ASSERT_EQ(admin.Post(base + "/enable").status, 200);
  Peer real{op,
            issued["operator_secret"],
            {issued["data_secret"], issued["data_secret_iv"], issued["sig_secret"]}};
  EXPECT_FALSE(Token(real).empty());

  // The reconciliation reads the pulled inventory.
  Client jiangan = SignIn("jiangan");
  auto unfiled = jiangan.Get("/api/v1/reconciliation?kind=unfiled").json();
  ASSERT_EQ(unfiled["total"], 1) << unfiled.dump();
  EXPECT_EQ(unfiled["items"][0]["equipment_id"], "EQ-PULL-1");
  auto mismatch = jiangan.Get("/api/v1/reconciliation?kind=mismatch").json();
  ASSERT_EQ(mismatch["total"], 1);
  EXPECT_EQ(mismatch["items"][0]["equipment_id"], "EQVT2-1");

  // The next pull asks from the last one's start and stores what changed since.
  config["fail_first"] = 0;
  config["stations"].push_back(
      StationInfo(op, "P-4", {Equipment("EQ-PULL-2", 2, 7)}, "2099-01-01 00:00:00"));
  platform.Write(config);
  const json next = Pull(json{{"stats_day", ""}});
  EXPECT_EQ(next["status"], "done") << next.dump();
  EXPECT_EQ(next["stations"], 1);
  EXPECT_EQ(next["last_query_time"].get<std::string>().size(), 19u);
  requests = platform.Requests();
  EXPECT_EQ(requests.back()["data"]["LastQueryTime"], next["last_query_time"]);
  EXPECT_EQ(jiangan.Get("/api/v1/reconciliation?kind=unfiled").json()["total"], 2);

  // One at a time; the sysadmin's only.
  EXPECT_EQ(enterprise_->Post("/api/v1/admin/tcec-platform/pulls", json::object()).status, 403);
  EXPECT_EQ(
      Admin().Post("/api/v1/admin/tcec-platform/pulls", {{"stats_day", "2026-13-01"}}).error_code(),
      "date_invalid");
}

TEST_F(PlatformPullTest, StationStatsFeedTheBalanceRule) {
  Filed(1);  // EQVT1-1 in 江岸区
  Peer p = Open();
  const std::string token = Token(p);
  ASSERT_EQ(Send(p, "notification_stationInfo", Station({Equipment("EQVT1-1", 2, 7)}), token)
                .first["Ret"],
            0);
  for (const auto& o : {Order("S1", "EQVT1-1-1", "01:00", "03:00", 12.0),
                        Order("S2", "EQVT1-1-1", "04:00", "06:00", 13.0),
                        Order("S3", "EQVT1-1-1", "08:00", "09:30", 5.0)})
    ASSERT_EQ(Send(p, "notification_charge_order_info", o, token).first["Ret"], 0);

  json config = kIssued;
  config["stats"] = {{"ST-0001", 25.0}};  // 30 kWh billed against 25 metered
  FakePlatform platform(config);
  ASSERT_GT(platform.port(), 0);
  Configure(platform.url());
  const json run = Pull(json{{"stats_day", "2026-12-01"}});
  EXPECT_EQ(run["status"], "done") << run.dump();
  EXPECT_EQ(run["stats"], 1);
  auto requests = platform.Requests();
  EXPECT_EQ(requests.back()["endpoint"], "query_station_stats");
  EXPECT_EQ(requests.back()["data"]["StationID"], "ST-0001");
  EXPECT_EQ(requests.back()["data"]["StartTime"], "2026-12-01");

  Client jiangan = SignIn("jiangan");
  auto started = jiangan.Post("/api/v1/alert-runs", {{"from", "2026-12-01"}, {"to", "2026-12-01"}});
  ASSERT_EQ(started.status, 202);
  json alerts;
  for (int i = 0; i < 200; ++i) {
    alerts = jiangan.Get("/api/v1/alerts?rule=station_balance").json();
    if (alerts["total"] == 1) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_EQ(alerts["total"], 1) << alerts.dump();
  EXPECT_EQ(alerts["items"][0]["start_charge_seq"], "S2") << "on the order with the most energy";
  const std::string evidence = alerts["items"][0]["evidence"].dump();
  EXPECT_NE(evidence.find("\"30.000\""), std::string::npos) << evidence;
  EXPECT_NE(evidence.find("\"25.000\""), std::string::npos) << evidence;

  // Metered energy within the bounds: nothing more.
  config["stats"] = {{"ST-0001", 30.0}};
  platform.Write(config);
  EXPECT_EQ(Pull(json{{"stats_day", "2026-12-01"}})["stats"], 1);
  EXPECT_EQ(Scalar(runtime_->db(), "SELECT energy_kwh FROM station_energy"), 30);
}

TEST_F(PlatformPullTest, FailuresEndInTheLogWithAReason) {
  json config = kIssued;
  FakePlatform platform(config);
  ASSERT_GT(platform.port(), 0);
  // Another signature secret than the platform's: its replies are not trusted.
  json wrong = kIssued;
  wrong["sig_secret"] = "WrongSigSecret01";
  Configure(platform.url(), wrong);
  json run = Pull();
  EXPECT_EQ(run["status"], "failed");
  EXPECT_NE(run["error"].get<std::string>().find("签名"), std::string::npos) << run.dump();
  EXPECT_EQ(run["retries"], 0) << "a refusal is not retried";

  // Nobody listening: retried twice, then failed.
  Configure("http://127.0.0.1:9/evcs/v1");
  run = Pull();
  EXPECT_EQ(run["status"], "failed");
  EXPECT_EQ(run["requests"], 3);
  EXPECT_EQ(run["retries"], 2);
  EXPECT_NE(run["error"].get<std::string>().find("已重试 2 次"), std::string::npos) << run.dump();

  // The scheduler pulls once a day when enabled.
  Configure(platform.url());
  auto daily = runtime_->exchange().platform().RunDaily();
  ASSERT_TRUE(daily.has_value());
  ASSERT_TRUE(daily->has_value());
  EXPECT_EQ((*daily)->status, "done");
  EXPECT_EQ((*daily)->trigger_kind, "schedule");
  EXPECT_EQ((*daily)->stats_day, domain::AddDays(clock_->Today(), -1));
  auto twice = runtime_->exchange().platform().RunDaily();
  ASSERT_TRUE(twice.has_value());
  EXPECT_FALSE(twice->has_value());
}

}  // namespace
}  // namespace mvis::testing
