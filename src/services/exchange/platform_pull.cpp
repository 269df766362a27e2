// See platform_pull.hpp. The conversation with the platform (Session) signs and encrypts each
// request with the codec, checks each reply's signature before opening it, and retries what may
// succeed on a second try; the pull writes each page of stations in its own transaction.
#include "services/exchange/platform_pull.hpp"

#include <spdlog/spdlog.h>

#include <chrono>
#include <map>
#include <set>
#include <thread>

#include "domain/access_policy.hpp"
#include "domain/calendar.hpp"
#include "exchange/tcec_codec.hpp"
#include "io/http_client.hpp"
#include "services/core/job_runner.hpp"
#include "services/core/workflow.hpp"
#include "services/exchange/exchange_internal.hpp"
#include "store/label_keys_store.hpp"
#include "store/regions_store.hpp"

namespace mvis::services {

using json = nlohmann::json;
namespace tcec = exchange::tcec;
using domain::access::Kind;
using domain::access::Op;
using exchange_internal::NumberOf;
using exchange_internal::TextOf;

namespace {

constexpr int64_t kStaleRunSeconds = 6 * 3600;
constexpr char kWhat[] = "监管平台对接配置";

// "yyyy-MM-dd HH:mm:ss" in China time (LastQueryTime).
std::string QueryTimeText(int64_t now) {
  const std::string t = tcec::TimeStamp(now);
  return t.substr(0, 4) + "-" + t.substr(4, 2) + "-" + t.substr(6, 2) + " " + t.substr(8, 2) + ":" +
         t.substr(10, 2) + ":" + t.substr(12, 2);
}

bool IsUrl(const std::string& s) {
  if (s.size() > 500 || !(s.starts_with("http://") || s.starts_with("https://"))) return false;
  const size_t host = s.find("://") + 3;
  if (host >= s.size() || s[host] == '/') return false;
  for (char c : s)
    if (c <= ' ' || c >= 127) return false;
  return true;
}

struct PeerValues {
  std::string operator_secret;
  tcec::Secrets secrets;
};

// A failed call: the text for the run log (Chinese), and whether the platform answered with a
// refusal of the request's content (Ret 4004) rather than failing.
struct CallError {
  std::string text;
  bool refused = false;
};

// One pull's conversation with the platform.
class Session {
 public:
  Session(const store::TcecPlatformRow& p, PeerValues v, const domain::Clock& clock,
          const PullOptions& o, store::PullRunRow& counts)
      : p_(p), v_(std::move(v)), clock_(clock), o_(o), counts_(counts) {}

  // The Data of `endpoint`'s successful reply (a token asked for first when there is none).
  std::expected<json, CallError> Call(const std::string& endpoint, const json& data) {
    if (token_.empty()) {
      if (auto t = Token(); !t) return std::unexpected(t.error());
    }
    bool renewed = false;
    for (;;) {
      auto r = Attempts(endpoint, data);
      if (r || r.error().ret != static_cast<int>(tcec::Ret::kToken) || renewed)
        return r ? std::expected<json, CallError>(std::move(r->data))
                 : std::unexpected(CallError{r.error().text, r.error().ret == 4004});
      renewed = true;  // the token expired meanwhile: one new one
      if (auto t = Token(); !t) return std::unexpected(t.error());
    }
  }

 private:
  struct Failed {
    std::string text;
    int ret = 0;
  };

  std::expected<void, CallError> Token() {
    token_.clear();
    auto r = Attempts("query_token",
                      {{"OperatorID", p_.operator_id}, {"OperatorSecret", v_.operator_secret}});
    if (!r) return std::unexpected(CallError{r.error().text});
    const std::string token = TextOf(r->data, {"AccessToken"});
    if (NumberOf(r->data, {"SuccStat"}).value_or(1) != 0 || token.empty())
      return std::unexpected(CallError{
          "query_token：平台拒绝签发令牌（FailReason " +
          std::to_string(static_cast<int>(NumberOf(r->data, {"FailReason"}).value_or(0))) +
          "），请核对运营商标识和运营商密钥"});
    token_ = token;
    return {};
  }

  // The request with its retries: a reply with Ret 0, or what failed last.
  std::expected<tcec::Reply, Failed> Attempts(const std::string& endpoint, const json& data) {
    Failed last;
    int attempt = 1;
    for (;; ++attempt) {
      bool transient = false;
      ++counts_.requests;
      auto r = Once(endpoint, data, transient);
      if (r) return r;
      last = r.error();
      if (!transient || attempt >= o_.attempts) break;
      ++counts_.retries;
      std::this_thread::sleep_for(std::chrono::milliseconds(o_.retry_ms << (attempt - 1)));
    }
    if (attempt > 1) last.text += "（已重试 " + std::to_string(attempt - 1) + " 次）";
    return std::unexpected(last);
  }

  std::expected<tcec::Reply, Failed> Once(const std::string& endpoint, const json& data,
                                          bool& transient) {
    const std::string label = endpoint + "：";
    seq_ = seq_ % 9999 + 1;
    const json envelope =
        tcec::Request(p_.operator_id, v_.secrets, data.dump(), clock_.Now(), seq_);
    std::vector<std::string> headers;
    if (endpoint != "query_token") headers.push_back("Authorization: Bearer " + token_);
    auto http = io::PostJson(p_.base_url + "/" + endpoint, envelope.dump(), headers, o_.timeout_ms);
    if (!http) {
      transient = http.error().code == "http_unreachable";
      return std::unexpected(Failed{label + http.error().message});
    }
    if (http->status != 200) {
      transient = http->status >= 500 || http->status == 429;
      return std::unexpected(Failed{label + "平台应答 HTTP " + std::to_string(http->status)});
    }
    auto reply = tcec::OpenResponse(v_.secrets, http->body);
    if (!reply) return std::unexpected(Failed{label + reply.error().msg});
    if (reply->ret == 0) return std::move(*reply);
    transient = reply->ret == static_cast<int>(tcec::Ret::kBusy) ||
                reply->ret == static_cast<int>(tcec::Ret::kSystem);
    return std::unexpected(Failed{label + "平台返回 Ret " + std::to_string(reply->ret) +
                                      (reply->msg.empty() ? "" : "（" + reply->msg + "）"),
                                  reply->ret});
  }

  const store::TcecPlatformRow& p_;
  const PeerValues v_;
  const domain::Clock& clock_;
  const PullOptions& o_;
  store::PullRunRow& counts_;
  std::string token_;
  int seq_ = 0;
};

PlatformView ViewOf(const std::optional<store::TcecPlatformRow>& row) {
  PlatformView v;
  if (!row) return v;
  v.configured = true;
  v.base_url = row->base_url;
  v.operator_id = row->operator_id;
  v.enabled = row->enabled;
  v.page_size = row->page_size;
  v.last_query_time = row->last_query_time;
  v.updated_at = row->updated_at;
  return v;
}

// The operator account stations of `operator_id` are kept under (see platform_pull.hpp).
std::optional<int64_t> OperatorRef(store::Tx& tx, const SecretKeys& keys,
                                   const std::string& operator_id, int64_t created_by,
                                   int64_t now) {
  if (auto op = store::FindTcecOperator(tx, operator_id)) return op->id;
  if (!exchange_internal::IsOperatorId(operator_id)) return std::nullopt;
  auto org = store::EnterpriseOfOperatorId(tx, operator_id);
  if (!org) return std::nullopt;
  using exchange_internal::RandomText;
  store::TcecOperatorRow row;
  row.operator_id = operator_id;
  row.org_id = *org;
  // Values nobody knows: the record cannot be used until the sysadmin issues secrets.
  row.secrets_sealed = keys.Seal(json{
      {"operator_secret", RandomText(16)},
      {"data_secret", RandomText(16)},
      {"data_secret_iv", RandomText(16)},
      {"sig_secret", RandomText(16)}}.dump());
  row.status = "platform";
  row.created_by = created_by;
  row.created_at = row.rotated_at = now;
  if (auto id = store::InsertTcecOperator(tx, row)) return *id;
  auto op = store::FindTcecOperator(tx, operator_id);  // made meanwhile
  return op ? std::optional<int64_t>(op->id) : std::nullopt;
}

}  // namespace

Result<PlatformView> PlatformPull::Get(const Actor& actor) {
  if (auto ok = domain::access::CheckRole(SubjectOf(actor), Kind::kPlatform, Op::kAdminister); !ok)
    return std::unexpected(ok.error());
  return ctx_.db.Read(
      [&](store::Tx& tx) -> Result<PlatformView> { return ViewOf(store::FindTcecPlatform(tx)); });
}

Result<PlatformView> PlatformPull::Save(const Actor& actor, const PlatformInput& in) {
  if (auto ok = domain::access::CheckRole(SubjectOf(actor), Kind::kPlatform, Op::kAdminister); !ok)
    return std::unexpected(ok.error());
  std::string base_url = in.base_url;
  while (base_url.ends_with('/')) base_url.pop_back();
  if (!IsUrl(base_url))
    return InvalidField("base_url", "base_url_invalid",
                        "平台地址应为 http:// 或 https:// 开头的完整地址");
  if (!exchange_internal::IsOperatorId(in.operator_id))
    return InvalidField("operator_id", "operator_id_invalid",
                        "运营商标识应为9位组织机构代码（数字或大写字母）");
  if (in.page_size < 1 || in.page_size > 1000)
    return InvalidField("page_size", "page_size_invalid", "每页条数应在 1–1000 之间");
  return WriteAs(ctx_, actor, [&](Work& w) -> Result<PlatformView> {
    const auto old = store::FindTcecPlatform(w.tx);
    json values = json::object();
    if (old) {
      auto opened = keys_.Open(old->secrets_sealed);
      if (!opened) return std::unexpected(opened.error());
      values = json::parse(*opened, nullptr, false);
    }
    for (const auto& [field, given] :
         {std::pair<const char*, const std::string*>{"operator_secret", &in.operator_secret},
          {"data_secret", &in.data_secret},
          {"data_secret_iv", &in.data_secret_iv},
          {"sig_secret", &in.sig_secret}}) {
      if (!given->empty()) {
        if (!exchange_internal::IsSecret(*given))
          return InvalidField(field, "secret_invalid", "密钥应为16位可见字符");
        values[field] = *given;
      } else if (!values.contains(field)) {
        return InvalidField(field, "secret_required", "首次配置须填写平台分配的全部密钥");
      }
    }
    store::TcecPlatformRow row{base_url,      in.operator_id, keys_.Seal(values.dump()),
                               in.enabled,    in.page_size,   "",
                               actor.user_id, w.now};
    const bool reset = !old || old->base_url != base_url || old->operator_id != in.operator_id;
    store::SaveTcecPlatform(w.tx, row, reset);
    // The audit row names the address and the OperatorID, never a secret.
    Record(w, Transition{{Kind::kPlatform, "tcec_platform"},
                         "tcec_platform_save",
                         "",
                         "",
                         "",
                         base_url + "（运营商标识 " + in.operator_id + "，" +
                             (in.enabled ? "每日同步" : "不自动同步") + "）",
                         {},
                         {}});
    return ViewOf(store::FindTcecPlatform(w.tx));
  });
}

Result<store::PullRunRow> PlatformPull::Start(const Actor& actor,
                                              std::optional<std::string> stats_day) {
  if (auto ok = domain::access::CheckRole(SubjectOf(actor), Kind::kPlatform, Op::kAdminister); !ok)
    return std::unexpected(ok.error());
  store::PullRunRow row;
  row.trigger_kind = "manual";
  row.stats_day = stats_day.value_or(domain::AddDays(ctx_.clock.Today(), -1));
  if (!row.stats_day.empty() && !domain::DayNumber(row.stats_day))
    return InvalidField("stats_day", "date_invalid", "统计日期格式应为 YYYY-MM-DD");
  row.created_by = actor.user_id;
  auto id = WriteAs(ctx_, actor, [&](Work& w) -> Result<int64_t> {
    auto platform = store::FindTcecPlatform(w.tx);
    if (!platform)
      return Fail(ErrorKind::kFailedPrecondition, "not_configured", "请先配置监管平台对接参数");
    row.last_query_time = platform->last_query_time;
    row.started_at = w.now;
    auto started = store::StartPullRun(w.tx, row, w.now - kStaleRunSeconds);
    if (!started)
      return Fail(ErrorKind::kConflict, "run_in_progress", "已有同步任务正在运行，请稍后再试");
    Record(w, Transition{{Kind::kPlatform, "pull:" + std::to_string(*started)},
                         "platform_pull",
                         "",
                         "",
                         "",
                         row.stats_day.empty() ? "同步充电站信息"
                                               : "同步充电站信息及 " + row.stats_day + " 场站电量",
                         {},
                         {}});
    return *started;
  });
  if (!id) return std::unexpected(id.error());
  row.id = *id;
  row.status = "running";
  jobs_.Submit([this, row] { Run(row); });
  return row;
}

Result<std::vector<store::PullRunRow>> PlatformPull::Runs(const Actor& actor) {
  if (auto ok = domain::access::CheckRole(SubjectOf(actor), Kind::kPlatform, Op::kAdminister); !ok)
    return std::unexpected(ok.error());
  return ctx_.db.Read([&](store::Tx& tx) -> Result<std::vector<store::PullRunRow>> {
    return store::ListPullRuns(tx, 50);
  });
}

Result<std::optional<store::PullRunRow>> PlatformPull::RunDaily() {
  const std::string today = ctx_.clock.Today();
  auto started = ctx_.db.Write([&](store::Tx& tx) -> Result<std::optional<store::PullRunRow>> {
    auto platform = store::FindTcecPlatform(tx);
    if (!platform || !platform->enabled) return std::nullopt;
    const int64_t now = ctx_.clock.Now();
    if (!store::ClaimJobRun(tx, "platform_pull", today, now)) return std::nullopt;
    store::PullRunRow row;
    row.trigger_kind = "schedule";
    row.last_query_time = platform->last_query_time;
    row.stats_day = domain::AddDays(today, -1);
    row.started_at = now;
    auto id = store::StartPullRun(tx, row, now - kStaleRunSeconds);
    if (!id) {
      spdlog::warn("platform pull: a pull is in progress, the daily pull is skipped");
      return std::nullopt;
    }
    row.id = *id;
    row.status = "running";
    return row;
  });
  if (!started) return std::unexpected(started.error());
  if (!*started) return std::nullopt;
  return Run(**started);
}

store::PullRunRow PlatformPull::Run(store::PullRunRow row) {
  std::string error;
  std::set<std::string> unknown;
  try {
    auto loaded = ctx_.db.Read([&](store::Tx& tx) -> Result<std::optional<store::TcecPlatformRow>> {
      return store::FindTcecPlatform(tx);
    });
    if (!loaded || !*loaded) throw std::runtime_error("监管平台对接参数已被删除");
    const store::TcecPlatformRow platform = **loaded;
    auto opened = keys_.Open(platform.secrets_sealed);
    if (!opened) throw std::runtime_error("对接密钥无法解密");
    const json v = json::parse(*opened, nullptr, false);
    Session session(
        platform,
        {v.value("operator_secret", ""),
         {v.value("data_secret", ""), v.value("data_secret_iv", ""), v.value("sig_secret", "")}},
        ctx_.clock, options_, row);
    const std::string began = QueryTimeText(ctx_.clock.Now());
    std::map<std::string, std::optional<int64_t>> refs;  // OperatorID → account
    int64_t page_count = 1;
    for (int64_t page = 1; page <= page_count; ++page) {
      auto data = session.Call("query_stations_info", {{"LastQueryTime", platform.last_query_time},
                                                       {"PageNo", page},
                                                       {"PageSize", platform.page_size}});
      if (!data) throw std::runtime_error(data.error().text);
      const auto count = NumberOf(*data, {"PageCount"});
      if (count && (*count < 0 || *count > static_cast<double>(options_.max_pages)))
        throw std::runtime_error("query_stations_info：PageCount 无效");
      page_count = count ? static_cast<int64_t>(*count) : page_count;
      const auto* infos = tcec::Member(*data, {"StationInfos"});
      std::vector<std::pair<std::string, exchange_internal::StationRecord>> records;
      for (const auto& info : infos && infos->is_array() ? *infos : json::array()) {
        auto read = exchange_internal::ReadStationInfo(info);
        const std::string op = TextOf(info, {"OperatorID"});
        if (!read || op.empty()) {
          ++row.skipped;
          continue;
        }
        records.emplace_back(op, std::move(*read));
      }
      auto kept = ctx_.db.Write([&](store::Tx& tx) -> Result<bool> {
        const int64_t now = ctx_.clock.Now();
        for (auto& [op, rec] : records) {
          if (!refs.contains(op)) refs[op] = OperatorRef(tx, keys_, op, platform.updated_by, now);
          const auto ref = refs[op];
          if (!ref) {
            unknown.insert(op);
            ++row.skipped;
            continue;
          }
          rec.SetRegion(store::FindRegion(tx, rec.station.area_code) ? rec.station.area_code : "");
          store::UpsertPlatformStation(tx, *ref, rec.station, now);
          for (const auto& e : rec.equipment) store::UpsertPlatformEquipment(tx, *ref, e, now);
          ++row.stations;
          row.equipment += static_cast<int64_t>(rec.equipment.size());
        }
        return true;
      });
      if (!kept) throw std::runtime_error("保存充电站信息失败：" + kept.error().message);
      ++row.pages;
    }
    auto moved = ctx_.db.Write([&](store::Tx& tx) -> Result<bool> {
      store::SetPlatformCursor(tx, began);
      return true;
    });
    if (!moved) throw std::runtime_error(moved.error().message);

    // The metered energy of each station with orders on the stats day.
    if (!row.stats_day.empty()) {
      auto stations =
          ctx_.db.Read([&](store::Tx& tx) -> Result<std::vector<std::pair<int64_t, std::string>>> {
            return store::StationsWithOrders(tx, row.stats_day);
          });
      if (!stations) throw std::runtime_error(stations.error().message);
      for (const auto& [ref, station_id] : *stations) {
        auto data = session.Call(
            "query_station_stats",
            {{"StationID", station_id}, {"StartTime", row.stats_day}, {"EndTime", row.stats_day}});
        if (!data && data.error().refused) {
          ++row.skipped;  // the platform has no stats for that station
          continue;
        }
        if (!data) throw std::runtime_error(data.error().text);
        const auto* stats = tcec::Member(*data, {"StationStats"});
        const json& s = stats && stats->is_object() ? *stats : *data;
        const auto energy = NumberOf(s, {"StationElectricity"});
        const std::string id = TextOf(s, {"StationID"});
        if (!energy || *energy < 0 || (!id.empty() && id != station_id)) {
          ++row.skipped;
          continue;
        }
        auto kept = ctx_.db.Write([&](store::Tx& tx) -> Result<bool> {
          store::UpsertStationEnergy(tx, ref, station_id, row.stats_day, *energy, ctx_.clock.Now());
          return true;
        });
        if (!kept) throw std::runtime_error(kept.error().message);
        ++row.stats;
      }
    }
  } catch (const std::exception& e) {
    error = e.what();
  }
  for (const auto& op : unknown)
    row.unknown_operators += (row.unknown_operators.empty() ? "" : ",") + op;
  row.status = error.empty() ? "done" : "failed";
  row.error = error;
  row.finished_at = ctx_.clock.Now();
  auto done = ctx_.db.Write([&](store::Tx& tx) -> Result<bool> {
    store::FinishPullRun(tx, row);
    return true;
  });
  if (!done) spdlog::warn("platform pull {}: not recorded: {}", row.id, done.error().code);
  if (error.empty())
    spdlog::info(
        "platform pull {}: {} pages, {} stations, {} equipment, {} station stats, {} skipped",
        row.id, row.pages, row.stations, row.equipment, row.stats, row.skipped);
  else
    spdlog::warn("platform pull {} failed: {}", row.id, error);
  return row;
}

}  // namespace mvis::services
