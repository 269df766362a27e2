// In-process server on a fresh database for each test. The backend comes from the environment:
// MVIS_TEST_BACKEND=sqlite (default; a temporary file) or postgresql (MVIS_TEST_PG_URL, whose
// public schema is emptied before each test).
#pragma once

#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <string>

#include "app/runtime.hpp"
#include "domain/clock.hpp"
#include "http_client.hpp"

namespace mvis::testing {

inline constexpr char kAdminPassword[] = "Adm1n!Passw0rd#";
inline constexpr char kDemoPassword[] = "Mvis@Demo2026";
inline constexpr char kCaptchaText[] = "K7PX";  // what every CAPTCHA picture shows in tests

// The first column of the first row of `sql` as a number (COUNT(*) and the like).
int64_t Scalar(store::Database& db, const std::string& sql, std::vector<store::Param> params = {});

// A fresh, empty database URL for the configured backend.
std::string FreshDatabaseUrl();

class ApiTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  // Restarts the server with `tweak` applied to the configuration (same database).
  void Restart(const std::function<void(app::AppConfig&)>& tweak);

  Client NewClient() { return Client(runtime_->port()); }
  // A client signed in as the sysadmin "admin" (created on first use unless SeedDemo made it).
  Client Admin();
  // Seeds the demo organisations and accounts (password kDemoPassword).
  void SeedDemo();
  Client SignIn(const std::string& username, const std::string& password = kDemoPassword);
  // The newest SMS text for `phone` in the outbox (read through the admin API). A text that
  // carried a one-time code shows it starred out there: read codes with SmsCodeFromLog.
  std::string LatestSms(const std::string& phone);
  // Asks for a login CAPTCHA and answers it: {"captcha_id", "captcha_answer"} to merge into a
  // login body (the tests' CAPTCHA pictures show kCaptchaText).
  Json SolvedCaptcha(Client& client);
  // Asks for a one-time code for `phone` and `purpose` (register, reset_password) and returns it
  // as the `log` SMS provider wrote it to the server's log — where a `make demo` user reads it on
  // the terminal. Waits for the dispatcher; a test failure when no new code shows up.
  std::string RequestSmsCode(Client& client, const std::string& phone, const std::string& purpose);
  // Sends a registration code to `phone` and returns the 6 digits.
  std::string RegistrationCode(const std::string& phone, Client& anonymous);
  // Registers an enterprise through the API and returns the 201 response.
  HttpResult RegisterEnterprise(const std::string& credit_code, const std::string& username,
                                const std::string& phone, const std::string& region = "420102");
  // A valid credit code whose 17-character prefix ends in `seed` digits.
  static std::string CreditCode(int seed);

  // Where clock_ starts: the real time, unless a fixture whose data carry fixed dates needs its
  // registry to be older than them (ExchangeTest).
  virtual int64_t ClockStart() const;

  app::AppConfig config_;
  // Every service reads the time here: it starts at ClockStart() and tests move it (expiry,
  // reminders, lockout) instead of writing dates in the past.
  std::unique_ptr<domain::ManualClock> clock_;
  std::unique_ptr<app::Runtime> runtime_;
  std::string admin_password_;  // set once the sysadmin "admin" exists
};

}  // namespace mvis::testing
