#include "app/runtime.hpp"

#include <spdlog/spdlog.h>

#include "app/master_key.hpp"
#include "services/exchange/exchange_service.hpp"
#include "services/exchange/platform_pull.hpp"
#include "services/reporting/acceptance_service.hpp"
#include "services/reporting/report_service.hpp"
#include "services/reporting/statistics_service.hpp"
#include "services/supervision/inspection_service.hpp"
#include "store/migrate.hpp"

namespace mvis::app {

Result<std::unique_ptr<store::Database>> OpenAndMigrate(const AppConfig& config) {
  auto db = store::Database::Open(config.db, config.threads + 4);
  if (!db) return std::unexpected(db.error());
  auto applied = store::Migrate(**db);
  if (!applied) return std::unexpected(applied.error());
  return std::move(*db);
}

Result<std::unique_ptr<Runtime>> Runtime::Create(const AppConfig& config,
                                                 const domain::Clock& clock) {
  std::unique_ptr<Runtime> rt(new Runtime());
  rt->config_ = config;
  auto master = LoadMasterKey(config);
  if (!master) return std::unexpected(master.error());
  auto secrets = services::SecretKeys::FromMaster(*master);
  if (!secrets) return std::unexpected(secrets.error());
  rt->secrets_ = std::make_unique<services::SecretKeys>(std::move(*secrets));
  auto db = OpenAndMigrate(config);
  if (!db) return std::unexpected(db.error());
  rt->db_ = std::move(*db);
  rt->context_ = std::make_unique<services::ServiceContext>(
      services::ServiceContext{*rt->db_, clock, rt->config_.services});
  const auto& ctx = *rt->context_;

  rt->label_keys_ = std::make_unique<services::LabelKeyring>(ctx, *rt->secrets_);
  auto sealed = rt->label_keys_->SealPlainKeys();
  if (!sealed) return std::unexpected(sealed.error());
  if (*sealed) spdlog::info("sealed {} label signing key(s) stored in plain text", *sealed);

  std::unique_ptr<io::SmsProvider> provider =
      config.sms_provider == "http"
          ? io::MakeHttpSmsProvider({config.sms_url, config.sms_secret, 5000})
          : io::MakeLogSmsProvider();
  rt->dispatcher_ = std::make_unique<services::SmsDispatcher>(*rt->db_, clock, *rt->secrets_,
                                                              std::move(provider));
  auto* dispatcher = rt->dispatcher_.get();
  rt->auth_ = std::make_unique<services::AuthService>(ctx, *rt->secrets_,
                                                      [dispatcher] { dispatcher->Wake(); });
  rt->admin_ = std::make_unique<services::AdminService>(ctx);
  rt->orgs_ = std::make_unique<services::OrgService>(ctx);
  rt->inbox_ = std::make_unique<services::InboxService>(ctx);
  rt->announcements_ = std::make_unique<services::AnnouncementService>(ctx);
  rt->sampling_ = std::make_unique<services::SamplingService>(ctx);
  rt->credit_ = std::make_unique<services::CreditService>(ctx);
  rt->rectifications_ = std::make_unique<services::RectificationService>(ctx);
  rt->inspections_ = std::make_unique<services::InspectionService>(ctx);
  rt->statistics_ = std::make_unique<services::StatisticsService>(ctx);
  rt->instruments_ = std::make_unique<services::InstrumentService>(ctx);
  rt->institutes_ = std::make_unique<services::InstituteService>(ctx);
  rt->appointments_ = std::make_unique<services::AppointmentService>(ctx);
  rt->certificates_ = std::make_unique<services::CertificateService>(ctx, *rt->label_keys_);
  rt->verifications_ = std::make_unique<services::VerificationService>(ctx, *rt->certificates_);
  rt->acceptance_ =
      std::make_unique<services::AcceptanceService>(ctx, *rt->label_keys_, *rt->certificates_);
  rt->reports_ = std::make_unique<services::ReportService>(ctx, *rt->statistics_);
  rt->jobs_ = std::make_unique<services::JobRunner>(2);
  rt->exchange_ = std::make_unique<services::ExchangeService>(ctx, *rt->secrets_, *rt->inspections_,
                                                              *rt->jobs_);
  rt->reminders_ = std::make_unique<services::ReminderService>(ctx);
  rt->housekeeping_ = std::make_unique<services::Housekeeping>(ctx);
  rt->home_ = std::make_unique<services::HomeService>(ctx, *rt->inbox_, *rt->instruments_,
                                                      *rt->appointments_, *rt->verifications_);
  io::SheetLimits limits;
  limits.max_file_bytes = config.upload_max_bytes;
  rt->imports_ = std::make_unique<services::ImportService>(ctx, *rt->jobs_, limits);
  rt->api_ = std::make_unique<http::Api>(
      http::AppServices{clock,
                        *rt->auth_,
                        *rt->admin_,
                        *rt->orgs_,
                        *rt->inbox_,
                        *rt->instruments_,
                        *rt->home_,
                        *rt->imports_,
                        *rt->institutes_,
                        *rt->appointments_,
                        *rt->verifications_,
                        *rt->certificates_,
                        *rt->reminders_,
                        *rt->announcements_,
                        *rt->sampling_,
                        *rt->credit_,
                        *rt->rectifications_,
                        *rt->inspections_,
                        *rt->statistics_,
                        *rt->acceptance_,
                        *rt->reports_,
                        *rt->exchange_},
      http::ApiOptions{config.web, config.cookie_secure, config.trust_proxy,
                       config.public_rate_per_minute, config.access_log,
                       config.login_rate_per_minute});

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
  if (config_.services.daily_jobs && !scheduler_) {
    auto* reminders = reminders_.get();
    auto* housekeeping = housekeeping_.get();
    auto* credit = credit_.get();
    auto* statistics = statistics_.get();
    auto* exchange = exchange_.get();
    scheduler_ = std::make_unique<services::Scheduler>(std::vector<services::ScheduledJob>{
        {"verification reminders",
         [reminders] {
           auto report = reminders->RunDaily();
           if (report && !report->already_done) {
             spdlog::info("verification reminders: {} reminded, {} overdue listed",
                          report->reminded, report->overdue_listed);
           } else if (!report) {
             spdlog::warn("verification reminders failed: {}", report.error().code);
           }
         }},
        {"credit classes",
         [credit] {
           auto report = credit->RunMonthly();
           if (report && !report->already_done) {
             spdlog::info("credit classes: {} enterprises classed", report->enterprises);
           } else if (!report) {
             spdlog::warn("credit classes failed: {}", report.error().code);
           }
         }},
        {"statistics tallies",
         [statistics] {
           auto folded = statistics->Compact();
           if (!folded) spdlog::warn("statistics compaction failed: {}", folded.error().code);
           // Load (or reload, after the fold) the dashboards' copy here rather than in the
           // first request that needs it.
           auto fresh = statistics->mirror().Refresh();
           if (!fresh) spdlog::warn("statistics copy failed: {}", fresh.error().code);
         }},
        {"platform pull",
         [exchange] {
           // Before the rules: yesterday's station stats are what rule 6 balances.
           auto pulled = exchange->platform().RunDaily();
           if (!pulled) spdlog::warn("platform pull failed: {}", pulled.error().code);
         }},
        {"charge-order rules",
         [exchange] {
           auto report = exchange->RunDailyRules();
           if (report && !report->already_done) {
             spdlog::info("charge-order rules: {} orders, {} new alerts", report->orders,
                          report->alerts);
           } else if (!report) {
             spdlog::warn("charge-order rules failed: {}", report.error().code);
           }
         }},
        {"housekeeping", [housekeeping] {
           auto purged = housekeeping->Purge();
           if (!purged) {
             spdlog::warn("housekeeping failed: {}", purged.error().code);
           } else if (purged->sessions || purged->codes || purged->sms || purged->captchas) {
             spdlog::info(
                 "housekeeping: purged {} sessions, {} one-time codes, {} SMS, {} CAPTCHAs",
                 purged->sessions, purged->codes, purged->sms, purged->captchas);
           }
         }}});
  }
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
