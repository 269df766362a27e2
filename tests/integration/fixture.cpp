#include "fixture.hpp"

#include <sodium.h>
#include <spdlog/sinks/ringbuffer_sink.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <regex>
#include <thread>
#include <vector>

#include "demo/demo_seed.hpp"
#include "domain/credit_code.hpp"
#include "domain/phone.hpp"
#include "store/database.hpp"

namespace mvis::testing {

std::string FreshDatabaseUrl() {
  const char* backend = std::getenv("MVIS_TEST_BACKEND");
  if (backend && std::string(backend) == "postgresql") {
    const char* url = std::getenv("MVIS_TEST_PG_URL");
    if (!url) throw std::runtime_error("MVIS_TEST_BACKEND=postgresql needs MVIS_TEST_PG_URL");
    auto db = store::Database::Open(url, 1);
    if (!db)
      throw std::runtime_error("cannot open " + std::string(url) + ": " + db.error().message);
    auto reset = (*db)->Write([](store::Tx& tx) -> Status {
      tx.Exec("DROP SCHEMA public CASCADE");
      tx.Exec("CREATE SCHEMA public");
      return {};
    });
    if (!reset) throw std::runtime_error("cannot reset schema: " + reset.error().message);
    return url;
  }
  static std::atomic<int> counter{0};
  auto dir = std::filesystem::temp_directory_path() / ("mvis-test-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  auto file = dir / ("t" + std::to_string(counter++) + ".db");
  for (const char* ext : {"", "-wal", "-shm"}) std::filesystem::remove(file.string() + ext);
  return "sqlite:" + file.string();
}

namespace {

// The server's log as the tests see it: the last lines written, whatever else logs them.
spdlog::sinks::ringbuffer_sink_mt& LogLines() {
  static auto sink = [] {
    auto s = std::make_shared<spdlog::sinks::ringbuffer_sink_mt>(4000);
    spdlog::default_logger()->sinks().push_back(s);
    return s;
  }();
  return *sink;
}

// A random master key for one test's server (base64 of 32 bytes).
std::string RandomMasterKey() {
  unsigned char key[32];
  randombytes_buf(key, sizeof key);
  char out[sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_ORIGINAL)];
  sodium_bin2base64(out, sizeof out, key, sizeof key, sodium_base64_VARIANT_ORIGINAL);
  return out;
}

}  // namespace

int64_t ApiTest::ClockStart() const { return domain::SystemTime().Now(); }

void ApiTest::SetUp() {
  LogLines();
  if (sodium_init() < 0) FAIL() << "libsodium";
  clock_ = std::make_unique<domain::ManualClock>(ClockStart());
  config_ = app::AppConfig{};
  config_.secret_key = RandomMasterKey();
  config_.db = FreshDatabaseUrl();
  config_.listen = "127.0.0.1:0";
  config_.web = "";
  config_.threads = 2;
  config_.services.daily_jobs = false;  // tests run the reminder job explicitly
  Restart([](app::AppConfig&) {});
}

void ApiTest::TearDown() {
  if (runtime_) runtime_->Stop();
  runtime_.reset();
}

void ApiTest::Restart(const std::function<void(app::AppConfig&)>& tweak) {
  if (runtime_) runtime_->Stop();
  runtime_.reset();
  tweak(config_);
  auto rt = app::Runtime::Create(config_, *clock_);
  ASSERT_TRUE(rt.has_value()) << rt.error().message;
  runtime_ = std::move(*rt);
  // CAPTCHA pictures show kCaptchaText, so tests can answer them (SolvedCaptcha).
  runtime_->auth().SetCaptchaTextSource([] { return std::string(kCaptchaText); });
  ASSERT_TRUE(runtime_->Start().has_value());
  runtime_->RunInBackground();
}

Client ApiTest::Admin() {
  if (admin_password_.empty()) {
    auto created = runtime_->admin().CreateUser(
        services::SystemActor("test"), {"admin", kAdminPassword, "sysadmin", {}, "", "管理员", {}});
    EXPECT_TRUE(created.has_value()) << created.error().message;
    admin_password_ = kAdminPassword;
  }
  return SignIn("admin", admin_password_);
}

void ApiTest::SeedDemo() {
  auto seeded = demo::SeedDemo(runtime_->context(), runtime_->admin());
  ASSERT_TRUE(seeded.has_value()) << seeded.error().message;
  if (admin_password_.empty()) admin_password_ = kDemoPassword;
}

Client ApiTest::SignIn(const std::string& username, const std::string& password) {
  Client c = NewClient();
  auto r = c.Login(username, password);
  EXPECT_EQ(r.status, 200) << username << ": " << r.body;
  return c;
}

int64_t Scalar(store::Database& db, const std::string& sql, std::vector<store::Param> params) {
  return db.Read([&](store::Tx& tx) -> Result<int64_t> { return tx.QueryOne(sql, params)->Int(0); })
      .value();
}

Json ApiTest::SolvedCaptcha(Client& client) {
  auto r = client.Post("/api/v1/auth/captcha", Json::object());
  EXPECT_EQ(r.status, 200) << r.body;
  return {{"captcha_id", r.json().value("id", "")}, {"captcha_answer", kCaptchaText}};
}

std::string ApiTest::LatestSms(const std::string& phone) {
  Client admin = Admin();
  auto items = admin.Get("/api/v1/admin/notifications?phone=" + phone).json()["items"];
  if (!items.is_array() || items.empty()) return {};
  return items[0].value("body", "");
}

namespace {

// Lines the `log` SMS provider wrote for `phone` that carry a one-time code.
std::vector<std::string> CodeLines(const std::string& phone) {
  const std::string to = "to " + domain::MaskPhone(phone) + " (log provider";
  std::vector<std::string> out;
  for (auto& line : LogLines().last_formatted())
    if (line.find(to) != std::string::npos && line.find("验证码为") != std::string::npos)
      out.push_back(std::move(line));
  return out;
}

}  // namespace

std::string ApiTest::RequestSmsCode(Client& client, const std::string& phone,
                                    const std::string& purpose) {
  auto before = CodeLines(phone);
  auto r = client.Post("/api/v1/auth/sms-codes", {{"phone", phone}, {"purpose", purpose}});
  EXPECT_EQ(r.status, 202) << r.body;
  if (r.status != 202) return {};
  const std::regex code("验证码为(\\d{6})");
  for (int i = 0; i < 100; ++i) {  // the dispatcher sends within milliseconds; allow 5 s
    for (const auto& line : CodeLines(phone)) {
      std::smatch m;
      if (std::ranges::find(before, line) == before.end() && std::regex_search(line, m, code))
        return m[1].str();
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ADD_FAILURE() << "no new SMS code to " << domain::MaskPhone(phone) << " in the log";
  return {};
}

std::string ApiTest::RegistrationCode(const std::string& phone, Client& anonymous) {
  return RequestSmsCode(anonymous, phone, "register");
}

HttpResult ApiTest::RegisterEnterprise(const std::string& credit_code, const std::string& username,
                                       const std::string& phone, const std::string& region) {
  Client anon = NewClient();
  std::string code = RegistrationCode(phone, anon);
  return anon.Post("/api/v1/auth/register", {{"credit_code", credit_code},
                                             {"org_name", "测试充电运营有限公司" + username},
                                             {"region_code", region},
                                             {"address", "武汉市江岸区测试路1号"},
                                             {"contact_name", "测试联系人"},
                                             {"phone", phone},
                                             {"sms_code", code},
                                             {"username", username},
                                             {"password", "Str0ng!Passw0rd"},
                                             {"terms_version", "2026-12-01"},
                                             {"privacy_version", "2026-12-01"}});
}

std::string ApiTest::CreditCode(int seed) {
  char prefix[32];
  std::snprintf(prefix, sizeof prefix, "91420102MA4K%05d", seed % 100000);
  return std::string(prefix) + domain::CreditCodeCheckChar(prefix);
}

}  // namespace mvis::testing
