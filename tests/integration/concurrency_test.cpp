// The same request from 8 threads at once, and the invariant that must hold afterwards. These
// tests mean something on PostgreSQL (READ COMMITTED, rows changed by other transactions between
// a read and a write); on SQLite they pass as well, because write transactions exclude each other.
#include <latch>
#include <map>
#include <mutex>
#include <thread>

#include "domain/phone.hpp"
#include "store/migrate.hpp"
#include "verification_fixture.hpp"

namespace mvis::testing {
namespace {

constexpr int kThreads = 8;

// Runs fn(i) on `n` threads released together; returns the answers in thread order.
std::vector<HttpResult> Together(int n, const std::function<HttpResult(int)>& fn) {
  std::vector<HttpResult> out(n);
  std::latch start(n);
  std::vector<std::jthread> threads;
  for (int i = 0; i < n; ++i) {
    threads.emplace_back([&, i] {
      start.arrive_and_wait();
      out[i] = fn(i);
    });
  }
  threads.clear();
  return out;
}

// How many answers had each (status, error code).
std::map<std::string, int> Tally(const std::vector<HttpResult>& results) {
  std::map<std::string, int> t;
  for (const auto& r : results) t[std::to_string(r.status) + " " + r.error_code()]++;
  return t;
}

std::string Describe(const std::map<std::string, int>& tally) {
  std::string s;
  for (const auto& [k, n] : tally) s += k + " x" + std::to_string(n) + "; ";
  return s;
}

class ConcurrencyTest : public VerificationTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    Restart([](app::AppConfig& c) { c.threads = kThreads; });
    VerificationTest::SetUpStaff();
  }

  std::vector<Client> Sessions(const std::string& user, int n) {
    std::vector<Client> out;
    for (int i = 0; i < n; ++i) out.push_back(SignIn(user));
    return out;
  }
};

TEST_F(ConcurrencyTest, ApproversSigningOneRecordAtOnceIssueOneCertificate) {
  auto ids = Filed(1);
  int64_t record = AwaitingApproval(Scheduled(ids), ids[0]);
  auto approvers = Sessions("approver", kThreads);
  std::string path = "/api/v1/verifications/" + std::to_string(record) + "/sign";
  auto results = Together(kThreads, [&](int i) {
    return approvers[i].Post(path, {{"duty", "approver"}, {"password", kDemoPassword}});
  });
  auto tally = Tally(results);
  EXPECT_EQ(tally["200 "], 1) << Describe(tally);
  // The losers were turned away by the conditional update (or saw the record approved), never
  // by a duplicate certificate.
  EXPECT_EQ(tally["409 state_changed"] + tally["409 sign_out_of_order"], kThreads - 1)
      << Describe(tally);
  EXPECT_EQ(Scalar(runtime_->db(), "SELECT COUNT(*) FROM certificates WHERE verification_id = ?",
                   {record}),
            1);
  EXPECT_EQ(
      Scalar(runtime_->db(), "SELECT COUNT(*) FROM audit_log WHERE action = 'certificate.issue'"),
      1);
}

TEST_F(ConcurrencyTest, ARevokedCertificateStaysRevokedWhateverRevisesRaceIt) {
  auto ids = Filed(3);
  int64_t appointment = Scheduled(ids);
  auto approvers = Sessions("approver", kThreads);
  for (int64_t id : ids) {
    std::string number = Verified(appointment, id)["certificate"]["number"];
    std::string path = "/api/v1/certificates/" + number;
    auto results = Together(kThreads, [&](int i) {
      return approvers[i].Post(
          path + (i % 2 ? "/revoke" : "/revise"),
          {{"reason", "并发测试 " + std::to_string(i)}, {"password", kDemoPassword}});
    });
    int revoked = 0;
    for (int i = 1; i < kThreads; i += 2) revoked += results[i].status == 200;
    EXPECT_LE(revoked, 1);
    json now = approvers[0].Get(path).json();
    EXPECT_EQ(now["live_status"] == "revoked", revoked == 1) << now.dump();
    for (const auto& r : results)
      if (r.status != 200)
        EXPECT_TRUE(r.error_code() == "state_changed" || r.error_code() == "certificate_revoked")
            << r.body;
  }
}

TEST_F(ConcurrencyTest, AnImportIsSavedOnceHoweverOftenSaveIsClicked) {
  std::string csv =
      "器具类型*,器具名称*,型号规格*,出厂编号*,制造单位*,品牌*,准确度等级*,测量范围,安装地址*,"
      "安装区域*,用途*,投入使用日期*,资产编号,备注,交直流,额定功率(kW),额定电压(V),最大电流(A),"
      "最小电流(A),接口数量,充电站名称,设备编码,分时计费,经度,纬度\n";
  for (const char* serial : {"CC-1", "CC-2", "CC-3"}) {
    csv += std::string("电动汽车交流充电桩,交流充电桩,AC7-X,") + serial +
           ",武汉某电气有限公司,某品牌,2,,武汉市江汉区某路1号,江汉区,贸易结算,2024-03-01,,,AC,7,"
           "220,32,6,1,某充电站,EQ" +
           serial + ",是,,\n";
  }
  auto up = enterprise_->Upload("/api/v1/instruments/imports", "file", "c.csv", csv);
  ASSERT_EQ(up.status, 201) << up.body;
  std::string path = "/api/v1/instruments/imports/" + std::to_string(up.json()["id"].get<int>());
  auto clerks = Sessions("charger", kThreads);
  auto results = Together(kThreads, [&](int i) { return clerks[i].Post(path + "/commit"); });
  auto tally = Tally(results);
  EXPECT_EQ(tally["200 "], 1) << Describe(tally);
  EXPECT_EQ(tally["409 import_already_committed"] + tally["409 state_changed"], kThreads - 1)
      << Describe(tally);
  EXPECT_EQ(Scalar(runtime_->db(), "SELECT COUNT(*) FROM instruments WHERE serial_no LIKE 'CC-%'"),
            3);
}

TEST_F(ConcurrencyTest, AnInstrumentIsBookedOnceWhenBookingsRace) {
  auto ids = Filed(1);
  auto clerks = Sessions("charger", kThreads);
  auto results = Together(
      kThreads, [&](int i) { return clerks[i].Post("/api/v1/appointments", Booking(ids)); });
  auto tally = Tally(results);
  EXPECT_EQ(tally["201 "], 1) << Describe(tally);
  EXPECT_EQ(tally["409 instrument_already_booked"], kThreads - 1) << Describe(tally);
}

TEST_F(ConcurrencyTest, CaptchaAfterThreeAndLockoutAfterExactlyFiveFailures) {
  std::vector<Client> clients;
  for (int i = 0; i < kThreads; ++i) clients.push_back(NewClient());
  auto results = Together(kThreads, [&](int i) {
    return clients[i].Post("/api/v1/auth/login",
                           {{"username", "kuaichong"}, {"password", "Wrong!Passw0rd1"}});
  });
  auto tally = Tally(results);
  EXPECT_EQ(tally["401 login_failed"], 3) << Describe(tally);
  EXPECT_EQ(tally["401 captcha_required"], kThreads - 3) << Describe(tally);
  // With answered CAPTCHAs: two more failures lock the account, the rest find it locked.
  std::vector<Json> bodies;
  for (int i = 0; i < kThreads; ++i) {
    bodies.push_back(SolvedCaptcha(clients[i]));
    bodies.back()["username"] = "kuaichong";
    bodies.back()["password"] = "Wrong!Passw0rd1";
  }
  results =
      Together(kThreads, [&](int i) { return clients[i].Post("/api/v1/auth/login", bodies[i]); });
  tally = Tally(results);
  EXPECT_EQ(tally["401 login_failed"], 2) << Describe(tally);
  EXPECT_EQ(tally["429 account_locked"], kThreads - 2) << Describe(tally);
  EXPECT_EQ(Scalar(runtime_->db(),
                   "SELECT COUNT(*) FROM audit_log WHERE action = 'auth.login' AND result = "
                   "'failed' AND username = 'kuaichong'"),
            5);
  EXPECT_EQ(NewClient().Login("kuaichong", kDemoPassword).error_code(), "account_locked");
}

TEST_F(ConcurrencyTest, SmsCodeLimitsHoldPerPhoneAndPerAddress) {
  std::vector<Client> clients;
  for (int i = 0; i < kThreads; ++i) clients.push_back(NewClient());
  auto same_phone = Together(kThreads, [&](int i) {
    return clients[i].Post("/api/v1/auth/sms-codes",
                           {{"phone", "13911117001"}, {"purpose", "register"}});
  });
  auto tally = Tally(same_phone);
  EXPECT_EQ(tally["202 "], 1) << Describe(tally);
  EXPECT_EQ(tally["429 sms_rate_limited"], kThreads - 1) << Describe(tally);

  Restart([](app::AppConfig& c) { c.services.sms_per_ip_per_hour = 3; });
  std::vector<Client> others;
  for (int i = 0; i < kThreads; ++i) others.push_back(NewClient());
  auto one_address = Together(kThreads, [&](int i) {
    return others[i].Post("/api/v1/auth/sms-codes",
                          {{"phone", "1391111710" + std::to_string(i)}, {"purpose", "register"}});
  });
  tally = Tally(one_address);
  // One code went out above from this address already.
  EXPECT_EQ(tally["202 "], 2) << Describe(tally);
  EXPECT_EQ(tally["429 sms_rate_limited"], kThreads - 2) << Describe(tally);
}

TEST_F(ConcurrencyTest, ResetCodeGuessesStopAtTheCap) {
  Client anonymous = NewClient();
  const std::string phone = "13900000006";  // charger's
  std::string code = RequestSmsCode(anonymous, phone, "reset_password");
  std::vector<Client> clients;
  for (int i = 0; i < kThreads; ++i) clients.push_back(NewClient());
  auto results = Together(kThreads, [&](int i) {
    std::string wrong = std::to_string(100000 + i);
    if (wrong == code) wrong = "999999";
    return clients[i].Post("/api/v1/auth/password-reset", {{"username", "charger"},
                                                           {"phone", phone},
                                                           {"sms_code", wrong},
                                                           {"new_password", "Reset!Passw0rd9"}});
  });
  EXPECT_EQ(Tally(results)["400 reset_failed"], kThreads);
  EXPECT_EQ(Scalar(runtime_->db(),
                   "SELECT attempts FROM one_time_codes WHERE phone = ? AND purpose = "
                   "'reset_password' ORDER BY id DESC LIMIT 1",
                   {phone}),
            5);  // the cap, not one per guess
  auto right = anonymous.Post("/api/v1/auth/password-reset", {{"username", "charger"},
                                                              {"phone", phone},
                                                              {"sms_code", code},
                                                              {"new_password", "Reset!Passw0rd9"}});
  EXPECT_EQ(right.error_code(), "reset_failed");
}

TEST_F(ConcurrencyTest, TwoInstancesIssuingTheirFirstCertificatesShareOneSigningKey) {
  auto ids = Filed(2);
  int64_t appointment = Scheduled(ids);
  int64_t first = AwaitingApproval(appointment, ids[0]);
  int64_t second = AwaitingApproval(appointment, ids[1]);
  ASSERT_EQ(Scalar(runtime_->db(), "SELECT COUNT(*) FROM label_keys"), 0);
  // A second server instance on the same database.
  auto other = app::Runtime::Create(config_, *clock_);
  ASSERT_TRUE(other.has_value()) << other.error().message;
  ASSERT_TRUE((*other)->Start().has_value());
  (*other)->RunInBackground();
  Client here = SignIn("approver");
  Client there((*other)->port());
  ASSERT_EQ(there.Login("approver", kDemoPassword).status, 200);
  auto results = Together(2, [&](int i) {
    Client& c = i == 0 ? here : there;
    return c.Post("/api/v1/verifications/" + std::to_string(i == 0 ? first : second) + "/sign",
                  {{"duty", "approver"}, {"password", kDemoPassword}});
  });
  EXPECT_EQ(results[0].status, 200) << results[0].body;
  EXPECT_EQ(results[1].status, 200) << results[1].body;
  EXPECT_EQ(Scalar(runtime_->db(), "SELECT COUNT(*) FROM label_keys WHERE status = 'active'"), 1);
  // Each instance's label verifies on the other.
  for (const auto& r : results) {
    std::string qr = r.json()["certificate"]["qr_url"];
    auto page_here = NewClient().Get(TokenPath(qr));
    auto page_there = Client((*other)->port()).Get(TokenPath(qr));
    EXPECT_NE(page_here.body.find("检定合格 · 有效"), std::string::npos);
    EXPECT_NE(page_there.body.find("检定合格 · 有效"), std::string::npos);
  }
  (*other)->Stop();
}

// Not a VerificationTest: these start from empty databases.
class StartupTest : public ApiTest {};

TEST_F(StartupTest, ServersStartedTogetherMigrateOnce) {
  runtime_->Stop();
  runtime_.reset();
  // Two `mvis migrate` processes on a fresh database.
  config_.db = FreshDatabaseUrl();
  std::string cmd = std::string(MVIS_BINARY) + " migrate --db '" + config_.db + "' > /dev/null";
  std::vector<int> codes(2);
  {
    std::latch start(2);
    std::vector<std::jthread> both;
    for (int i = 0; i < 2; ++i)
      both.emplace_back([&, i] {
        start.arrive_and_wait();
        codes[i] = std::system(cmd.c_str());
      });
  }
  EXPECT_EQ(codes[0], 0);
  EXPECT_EQ(codes[1], 0);
  {
    auto db = store::Database::Open(config_.db, 1);
    ASSERT_TRUE(db.has_value());
    EXPECT_EQ(Scalar(**db, "SELECT COUNT(*) FROM schema_migrations"),
              static_cast<int64_t>(store::kMigrations.size()));
  }

  // Two servers starting together on another fresh database, sharing the key.
  config_.db = FreshDatabaseUrl();
  std::vector<Result<std::unique_ptr<app::Runtime>>> servers;
  for (int i = 0; i < 2; ++i) servers.emplace_back(std::unexpected(Error{}));
  {
    std::latch start(2);
    std::vector<std::jthread> both;
    for (int i = 0; i < 2; ++i)
      both.emplace_back([&, i] {
        start.arrive_and_wait();
        servers[i] = app::Runtime::Create(config_, *clock_);
      });
  }
  for (auto& s : servers) {
    ASSERT_TRUE(s.has_value()) << s.error().message;
    ASSERT_TRUE((*s)->Start().has_value());
    (*s)->RunInBackground();
    EXPECT_EQ(Client((*s)->port()).Get("/healthz").status, 200);
    (*s)->Stop();
  }
  servers.clear();
  Restart([](app::AppConfig&) {});
}

}  // namespace
}  // namespace mvis::testing
