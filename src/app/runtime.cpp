#include "app/runtime.hpp"

#include <spdlog/spdlog.h>

#include "services/core/passwords.hpp"
#include "store/migrate.hpp"
#include "store/settings_store.hpp"

namespace mvis::app {

Result<std::unique_ptr<store::Database>> OpenAndMigrate(const AppConfig& config) {
  auto db = store::Database::Open(config.db, config.threads + 4);
  if (!db) return std::unexpected(db.error());
  auto applied = store::Migrate(**db);
  if (!applied) return std::unexpected(applied.error());
  return std::move(*db);
}

Result<std::unique_ptr<Runtime>> Runtime::Create(const AppConfig& config) {
  std::unique_ptr<Runtime> rt(new Runtime());
  rt->config_ = config;
  auto db = OpenAndMigrate(config);
  if (!db) return std::unexpected(db.error());
  rt->db_ = std::move(*db);

  auto secret = rt->db_->Write([](store::Tx& tx) -> Result<std::string> {
    return store::EnsureSetting(tx, "otp_key", services::RandomToken(32));
  });
  if (!secret) return std::unexpected(secret.error());

  std::unique_ptr<io::SmsProvider> provider =
      config.sms_provider == "http"
          ? io::MakeHttpSmsProvider({config.sms_url, config.sms_secret, 5000})
          : io::MakeLogSmsProvider();
  rt->dispatcher_ = std::make_unique<services::SmsDispatcher>(*rt->db_, std::move(provider));
  auto* dispatcher = rt->dispatcher_.get();
  rt->auth_ = std::make_unique<services::AuthService>(*rt->db_, config.services, *secret,
                                                      [dispatcher] { dispatcher->Wake(); });
  rt->admin_ = std::make_unique<services::AdminService>(*rt->db_, config.services);
  rt->orgs_ = std::make_unique<services::OrgService>(*rt->db_);
  rt->inbox_ = std::make_unique<services::InboxService>(*rt->db_);
  rt->instruments_ =
      std::make_unique<services::InstrumentService>(*rt->db_, config.services.due_soon_days);
  rt->institutes_ = std::make_unique<services::InstituteService>(*rt->db_);
  rt->appointments_ = std::make_unique<services::AppointmentService>(*rt->db_);
  rt->certificates_ =
      std::make_unique<services::CertificateService>(*rt->db_, rt->config_.services);
  rt->verifications_ =
      std::make_unique<services::VerificationService>(*rt->db_, *rt->certificates_);
  rt->reminders_ = std::make_unique<services::ReminderService>(*rt->db_, rt->config_.services);
  rt->home_ = std::make_unique<services::HomeService>(*rt->db_, *rt->inbox_, *rt->instruments_,
                                                      *rt->appointments_, *rt->verifications_);
  rt->jobs_ = std::make_unique<services::JobRunner>(2);
  io::SheetLimits limits;
  limits.max_file_bytes = config.upload_max_bytes;
  rt->imports_ = std::make_unique<services::ImportService>(*rt->db_, *rt->jobs_, limits);
  rt->api_ = std::make_unique<http::Api>(
      http::AppServices{*rt->db_, *rt->auth_, *rt->admin_, *rt->orgs_, *rt->inbox_,
                        *rt->instruments_, *rt->home_, *rt->imports_, *rt->institutes_,
                        *rt->appointments_, *rt->verifications_, *rt->certificates_,
                        *rt->reminders_},
      http::ApiOptions{config.web, config.cookie_secure, config.trust_proxy,
                       config.public_rate_per_minute, config.access_log});

  auto listen = SplitListen(config.listen);
  if (!listen) return std::unexpected(listen.error());
  http::ServerOptions options;
  options.address = listen->first;
  options.port = listen->second;
  options.threads = config.threads;
  options.upload_body_limit = config.upload_max_bytes + 64 * 1024;  // multipart framing
  auto* api = rt->api_.get();
  rt->server_ = std::make_unique<http::Server>(
      options, [api](http::Request& request) { return api->Handle(request); });
  return rt;
}

Runtime::~Runtime() { Stop(); }

Status Runtime::Start() {
  if (auto ok = server_->Start(); !ok) return ok;
  if (config_.services.public_url.empty()) {
    auto listen = SplitListen(config_.listen);
    std::string host = listen && listen->first != "0.0.0.0" ? listen->first : "127.0.0.1";
    certificates_->set_public_url("http://" + host + ":" + std::to_string(server_->port()));
  }
  dispatcher_->Start();
  if (config_.services.daily_jobs && !scheduler_)
    scheduler_ = std::make_unique<services::DailyScheduler>(*reminders_);
  return {};
}

void Runtime::Run() {
  server_->Run();
  dispatcher_->Stop();
}

void Runtime::RunInBackground() { server_->RunInBackground(); }

void Runtime::Stop() {
  if (server_) server_->Stop();
  if (dispatcher_) dispatcher_->Stop();
  scheduler_.reset();
}

}  // namespace mvis::app
