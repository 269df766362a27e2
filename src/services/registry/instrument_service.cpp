#include "services/registry/instrument_service.hpp"

#include <algorithm>
#include <set>

#include "domain/filing.hpp"
#include "domain/time.hpp"
#include "services/core/audit.hpp"
#include "services/core/notifier.hpp"
#include "services/registry/instrument_codec.hpp"
#include "store/orgs_store.hpp"
#include "store/regions_store.hpp"

namespace mvis::services {
namespace {

using domain::FilingAction;
using domain::FilingStatus;

constexpr size_t kMaxBatch = 5000;

Status RequireEnterprise(const Actor& actor) {
  if (!actor.Is(domain::Role::kEnterprise) || !actor.org_id) {
    return Fail(ErrorKind::kPermissionDenied, "permission_denied",
                "只有运营企业可以登记和申报器具");
  }
  return {};
}

bool IsInstallRegion(store::Tx& tx, const std::string& code) {
  auto r = store::FindRegion(tx, code);
  return r && (r->level == "district" || r->level == "zone");
}

std::unexpected<Error> NotMandatory() {
  return Fail(
      ErrorKind::kFailedPrecondition, "not_mandatory",
      "该器具的用途不属于贸易结算、安全防护、医疗卫生、环境监测，不在强制检定范围内，无需备案；"
      "如有需要，可自愿申请非强制检定或校准");
}

// Validates `data` (already normalised) against the catalogue, regions and the registry.
Status CheckData(store::Tx& tx, const Actor& actor, domain::InstrumentData& data,
                 int64_t exclude_id) {
  domain::DeriveLegacyChargerCurrents(data);
  auto type = store::FindInstrumentType(tx, data.type_code);
  auto errors = domain::ValidateInstrument(
      data, type ? &*type : nullptr, [&](const std::string& c) { return IsInstallRegion(tx, c); },
      domain::TodayChina());
  if (!errors.empty()) return domain::ValidationFailed(std::move(errors));
  if (auto dup = store::FindActiveDuplicate(tx, data.manufacturer, data.model, data.serial_no,
                                            exclude_id)) {
    std::string who = dup->org_id == actor.org_id ? "本单位的“" + dup->data.name + "”（编号 " +
                                                        std::to_string(dup->id) + "）"
                                                  : std::string("其他单位");
    return Fail(ErrorKind::kConflict, "instrument_duplicate",
                "制造单位、型号规格和出厂编号相同的器具已由" + who + "登记，不能重复登记",
                "serial_no");
  }
  return {};
}

bool Mandatory(store::Tx& tx, const domain::InstrumentData& data) {
  auto type = store::FindInstrumentType(tx, data.type_code);
  return type && domain::IsMandatory(*type, data.use);
}

std::string OrgName(store::Tx& tx, const Actor& actor) {
  if (!actor.org_id) return {};
  auto org = store::FindOrg(tx, *actor.org_id);
  return org ? org->name : std::string();
}

void Record(store::Tx& tx, const Actor& actor, const store::InstrumentRow& row, FilingAction action,
            const std::string& from, const std::string& to, const std::string& reason) {
  store::InstrumentEvent e;
  e.instrument_id = row.id;
  e.at = domain::NowSeconds();
  if (actor.user_id) e.user_id = actor.user_id;
  e.username = actor.username;
  e.org_name = OrgName(tx, actor);
  e.action = std::string(domain::ToString(action));
  e.from_status = from;
  e.to_status = to;
  e.reason = reason;
  store::InsertInstrumentEvent(tx, e);
  Audit(tx, actor,
        {"instrument." + e.action, "instrument", std::to_string(row.id),
         row.data.serial_no + " " + from + " -> " + to +
             (reason.empty() ? "" : "; reason: " + reason)});
}

Result<store::InstrumentRow> LoadVisible(store::Tx& tx, const Actor& actor, int64_t id) {
  auto row = store::FindInstrument(tx, id);
  if (!row || !CanSeeInstrument(actor, *row)) return NotFound("器具");
  return *row;
}

Result<int64_t> DayStart(const std::string& date, const char* field) {
  if (!domain::IsIsoDate(date))
    return InvalidField(field, "date_invalid", "日期格式应为 YYYY-MM-DD");
  std::tm tm{};
  tm.tm_year = std::stoi(date.substr(0, 4)) - 1900;
  tm.tm_mon = std::stoi(date.substr(5, 2)) - 1;
  tm.tm_mday = std::stoi(date.substr(8, 2));
  return static_cast<int64_t>(timegm(&tm)) - 8 * 3600;  // midnight in China
}

Status CheckIds(const std::vector<int64_t>& ids) {
  if (ids.empty()) return InvalidField("ids", "ids_required", "请至少选择一台器具");
  if (ids.size() > kMaxBatch) return InvalidField("ids", "ids_too_many", "一次最多处理5000台器具");
  return {};
}

std::string StatusName(const std::string& s) {
  auto st = domain::ParseFilingStatus(s);
  return st ? std::string(domain::DisplayName(*st)) : s;
}

}  // namespace

bool CanSeeInstrument(const Actor& actor, const store::InstrumentRow& row) {
  switch (actor.scope) {
    case domain::ScopeKind::kOrg:
      return actor.org_id == row.org_id;
    case domain::ScopeKind::kDistrict:
    case domain::ScopeKind::kCity:
      return (actor.Is(domain::Role::kDistrictRegulator) ||
              actor.Is(domain::Role::kCityRegulator)) &&
             row.mandatory && row.status != "draft" &&
             actor.CoversRegion(row.data.install_region_code);
    default:
      return false;
  }
}

Result<store::InstrumentRow> InstrumentService::Create(const Actor& actor,
                                                       domain::InstrumentData data, bool submit) {
  if (auto ok = RequireEnterprise(actor); !ok) return std::unexpected(ok.error());
  domain::Normalize(data);
  return db_.Write([&](store::Tx& tx) -> Result<store::InstrumentRow> {
    if (auto ok = CheckData(tx, actor, data, 0); !ok) return std::unexpected(ok.error());
    const int64_t now = domain::NowSeconds();
    store::InstrumentRow row;
    row.org_id = *actor.org_id;
    row.data = data;
    row.mandatory = Mandatory(tx, data);
    if (submit && !row.mandatory) return NotMandatory();
    row.status = "draft";
    row.created_at = row.updated_at = now;
    row.id = store::InsertInstrument(tx, row);
    Record(tx, actor, row, FilingAction::kEdit, "", "draft", "登记");
    if (submit) {
      row.status = "submitted";
      row.submitted_at = now;
      store::UpdateFilingState(tx, row, now);
      Record(tx, actor, row, FilingAction::kSubmit, "draft", "submitted", "");
      NotifyBureaus(tx, data.install_region_code,
                    {"filing_submitted", "新的备案申请",
                     OrgName(tx, actor) + "提交了1台器具的备案申请，请及时审核。"});
    }
    return *store::FindInstrument(tx, row.id);
  });
}

Result<store::InstrumentRow> InstrumentService::Update(const Actor& actor, int64_t id,
                                                       domain::InstrumentData data, bool submit) {
  if (auto ok = RequireEnterprise(actor); !ok) return std::unexpected(ok.error());
  domain::Normalize(data);
  return db_.Write([&](store::Tx& tx) -> Result<store::InstrumentRow> {
    auto row = LoadVisible(tx, actor, id);
    if (!row) return std::unexpected(row.error());
    auto from = *domain::ParseFilingStatus(row->status);
    const int64_t now = domain::NowSeconds();
    if (from == FilingStatus::kApproved) {
      auto next = domain::NextStatus(from, FilingAction::kRequestChange, row->change_pending);
      if (!next) return std::unexpected(next.error());
      if (auto ok = CheckData(tx, actor, data, id); !ok) return std::unexpected(ok.error());
      if (!Mandatory(tx, data)) return NotMandatory();
      row->change_pending = true;
      row->pending_change = InstrumentDataToJson(data).dump();
      row->last_reason.clear();
      store::UpdateFilingState(tx, *row, now);
      Record(tx, actor, *row, FilingAction::kRequestChange, "approved", "approved", "");
      NotifyBureaus(
          tx, row->data.install_region_code,
          {"change_submitted", "新的变更申请",
           OrgName(tx, actor) + "申请变更已备案器具“" + row->data.name + "”，请及时审核。"});
      return *store::FindInstrument(tx, id);
    }
    auto edited = domain::NextStatus(from, FilingAction::kEdit, row->change_pending);
    if (!edited) return std::unexpected(edited.error());
    if (auto ok = CheckData(tx, actor, data, id); !ok) return std::unexpected(ok.error());
    bool mandatory = Mandatory(tx, data);
    if (submit && !mandatory) return NotMandatory();
    store::UpdateInstrumentData(tx, id, data, mandatory, now);
    Record(tx, actor, *row, FilingAction::kEdit, row->status, row->status, "");
    if (submit) {
      auto next = domain::NextStatus(from, FilingAction::kSubmit, false);
      if (!next) return std::unexpected(next.error());
      auto fresh = *store::FindInstrument(tx, id);
      fresh.status = "submitted";
      fresh.submitted_at = now;
      store::UpdateFilingState(tx, fresh, now);
      Record(tx, actor, fresh, FilingAction::kSubmit, row->status, "submitted", "");
      NotifyBureaus(tx, data.install_region_code,
                    {"filing_submitted", "新的备案申请",
                     OrgName(tx, actor) + "提交了1台器具的备案申请，请及时审核。"});
    }
    return *store::FindInstrument(tx, id);
  });
}

Status InstrumentService::Delete(const Actor& actor, int64_t id) {
  if (auto ok = RequireEnterprise(actor); !ok) return ok;
  return db_.Write([&](store::Tx& tx) -> Status {
    auto row = LoadVisible(tx, actor, id);
    if (!row) return std::unexpected(row.error());
    auto ok =
        domain::NextStatus(*domain::ParseFilingStatus(row->status), FilingAction::kDelete, false);
    if (!ok) return std::unexpected(ok.error());
    store::DeleteInstrument(tx, id);
    Audit(tx, actor,
          {"instrument.delete", "instrument", std::to_string(id),
           row->data.serial_no + " draft deleted"});
    return {};
  });
}

Result<int> InstrumentService::Apply(const Actor& actor, const std::vector<int64_t>& ids) {
  if (auto ok = RequireEnterprise(actor); !ok) return std::unexpected(ok.error());
  if (auto ok = CheckIds(ids); !ok) return std::unexpected(ok.error());
  return db_.Write([&](store::Tx& tx) -> Result<int> {
    std::set<int64_t> seen;
    std::map<std::string, int> per_region;
    const int64_t now = domain::NowSeconds();
    for (int64_t id : ids) {
      if (!seen.insert(id).second) continue;
      auto row = LoadVisible(tx, actor, id);
      if (!row)
        return Fail(ErrorKind::kNotFound, "not_found",
                    "器具（编号 " + std::to_string(id) + "）不存在或无权访问");
      auto next =
          domain::NextStatus(*domain::ParseFilingStatus(row->status), FilingAction::kSubmit, false);
      if (!next) {
        Error e = next.error();
        e.message =
            "器具“" + row->data.name + "”（出厂编号 " + row->data.serial_no + "）：" + e.message;
        return std::unexpected(e);
      }
      if (!row->mandatory) {
        Error e = NotMandatory().error();
        e.message =
            "器具“" + row->data.name + "”（出厂编号 " + row->data.serial_no + "）：" + e.message;
        return std::unexpected(e);
      }
      std::string from = row->status;
      row->status = "submitted";
      row->submitted_at = now;
      store::UpdateFilingState(tx, *row, now);
      Record(tx, actor, *row, FilingAction::kSubmit, from, "submitted", "");
      per_region[row->data.install_region_code]++;
    }
    for (const auto& [region, count] : per_region) {
      NotifyBureaus(tx, region,
                    {"filing_submitted", "新的备案申请",
                     OrgName(tx, actor) + "提交了" + std::to_string(count) +
                         "台器具的备案申请，请及时审核。"});
    }
    return static_cast<int>(seen.size());
  });
}

Result<int> InstrumentService::Review(const Actor& actor, const ReviewInput& in) {
  if (!actor.Is(domain::Role::kDistrictRegulator)) {
    return Fail(ErrorKind::kPermissionDenied, "permission_denied",
                "只有器具安装地所在区的市场监管局可以审核备案");
  }
  if (auto ok = CheckIds(in.ids); !ok) return std::unexpected(ok.error());
  bool approve = in.decision == "approve";
  if (!approve && in.decision != "return") {
    return InvalidField("decision", "decision_invalid",
                        "审核结论应为通过（approve）或退回（return）");
  }
  std::string reason = in.reason;
  if (!approve && reason.find_first_not_of(" \t\r\n") == std::string::npos) {
    return InvalidField("reason", "reason_required", "退回时须填写退回原因");
  }
  if (reason.size() > 1500) return InvalidField("reason", "reason_too_long", "原因不能超过500字");
  return db_.Write([&](store::Tx& tx) -> Result<int> {
    struct OrgTally {
      int filed = 0, returned = 0, changed = 0, change_rejected = 0;
    };
    std::map<int64_t, OrgTally> tally;
    std::set<int64_t> seen;
    const int64_t now = domain::NowSeconds();
    for (int64_t id : in.ids) {
      if (!seen.insert(id).second) continue;
      auto row = LoadVisible(tx, actor, id);
      if (!row)
        return Fail(ErrorKind::kNotFound, "not_found",
                    "器具（编号 " + std::to_string(id) + "）不存在或无权访问");
      bool change = row->change_pending;
      FilingAction action =
          change ? (approve ? FilingAction::kApproveChange : FilingAction::kRejectChange)
                 : (approve ? FilingAction::kApprove : FilingAction::kReturn);
      auto next = domain::NextStatus(*domain::ParseFilingStatus(row->status), action, change);
      if (!next) {
        Error e = next.error();
        e.message =
            "器具“" + row->data.name + "”（出厂编号 " + row->data.serial_no + "）：" + e.message;
        return std::unexpected(e);
      }
      std::string from = row->status;
      auto& t = tally[row->org_id];
      if (change && approve) {
        auto data =
            InstrumentDataFromJson(nlohmann::json::parse(row->pending_change, nullptr, false));
        if (!data) return Internal("pending change unreadable");
        store::UpdateInstrumentData(tx, id, *data, Mandatory(tx, *data), now);
        row = *store::FindInstrument(tx, id);
        row->change_pending = false;
        row->pending_change.clear();
        row->last_reason.clear();
        ++t.changed;
      } else if (change) {
        row->change_pending = false;
        row->pending_change.clear();
        row->last_reason = reason;
        ++t.change_rejected;
      } else if (approve) {
        row->approved_at = now;
        row->last_reason.clear();
        ++t.filed;
      } else {
        row->last_reason = reason;
        ++t.returned;
      }
      row->status = std::string(domain::ToString(*next));
      store::UpdateFilingState(tx, *row, now);
      Record(tx, actor, *row, action, from, row->status, approve ? "" : reason);
    }
    std::string bureau = OrgName(tx, actor);
    for (const auto& [org_id, t] : tally) {
      std::string text = bureau + "审核结果：";
      if (t.filed) text += std::to_string(t.filed) + "台器具备案通过；";
      if (t.returned) text += std::to_string(t.returned) + "台器具备案被退回；";
      if (t.changed) text += std::to_string(t.changed) + "台器具变更通过；";
      if (t.change_rejected) text += std::to_string(t.change_rejected) + "台器具变更被退回；";
      if (!approve)
        text += "原因：" + reason + "。请登录系统查看并修改后重新申报。";
      else
        text += "请登录系统查看。";
      NotifyOrg(tx, org_id, {"review_decision", approve ? "备案审核通过" : "备案审核退回", text});
    }
    return static_cast<int>(seen.size());
  });
}

Result<store::InstrumentRow> InstrumentService::Deregister(const Actor& actor, int64_t id,
                                                           const DeregisterInput& in) {
  if (auto ok = RequireEnterprise(actor); !ok) return std::unexpected(ok.error());
  auto kind = domain::ParseDeregisterKind(in.kind);
  if (!kind)
    return InvalidField("kind", "deregister_kind_invalid", "请选择注销类型：停用、报废或迁出");
  if (in.reason.find_first_not_of(" \t\r\n") == std::string::npos) {
    return InvalidField("reason", "reason_required", "请填写注销原因");
  }
  if (!domain::IsIsoDate(in.date) || in.date > domain::TodayChina()) {
    return InvalidField("date", "date_invalid", "请填写不晚于今天的注销日期（YYYY-MM-DD）");
  }
  return db_.Write([&](store::Tx& tx) -> Result<store::InstrumentRow> {
    auto row = LoadVisible(tx, actor, id);
    if (!row) return std::unexpected(row.error());
    auto next = domain::NextStatus(*domain::ParseFilingStatus(row->status),
                                   FilingAction::kDeregister, row->change_pending);
    if (!next) return std::unexpected(next.error());
    row->status = "deregistered";
    row->deregister_kind = in.kind;
    row->deregister_date = in.date;
    row->last_reason = in.reason;
    store::UpdateFilingState(tx, *row, domain::NowSeconds());
    Record(tx, actor, *row, FilingAction::kDeregister, "approved", "deregistered",
           std::string(domain::DisplayName(*kind)) + "：" + in.reason);
    NotifyBureaus(
        tx, row->data.install_region_code,
        {"deregistered", "器具注销",
         OrgName(tx, actor) + "已将器具“" + row->data.name + "”（出厂编号 " + row->data.serial_no +
             "）" + std::string(domain::DisplayName(*kind)) + "。"});
    return *store::FindInstrument(tx, id);
  });
}

Result<store::InstrumentRow> InstrumentService::Get(const Actor& actor, int64_t id) {
  return db_.Read([&](store::Tx& tx) { return LoadVisible(tx, actor, id); });
}

Result<std::vector<store::InstrumentEvent>> InstrumentService::History(const Actor& actor,
                                                                       int64_t id) {
  return db_.Read([&](store::Tx& tx) -> Result<std::vector<store::InstrumentEvent>> {
    auto row = LoadVisible(tx, actor, id);
    if (!row) return std::unexpected(row.error());
    return store::ListInstrumentEvents(tx, id);
  });
}

Result<store::InstrumentFilter> InstrumentService::ScopedFilter(const Actor& actor,
                                                                const InstrumentQuery& q) {
  store::InstrumentFilter f;
  if (actor.scope == domain::ScopeKind::kOrg) {
    f.org_id = actor.org_id;
  } else if ((actor.Is(domain::Role::kDistrictRegulator) ||
              actor.Is(domain::Role::kCityRegulator))) {
    f.region_codes = actor.region_codes;
    if (!q.region_code.empty()) {
      // A district outside the scope simply matches nothing.
      f.region_codes = actor.CoversRegion(q.region_code) ? std::vector<std::string>{q.region_code}
                                                         : std::vector<std::string>{};
    }
    f.exclude_never_submitted = true;
    f.mandatory = true;
    if (q.org_id) f.org_id = q.org_id;
  } else {
    return Fail(ErrorKind::kPermissionDenied, "permission_denied", "当前角色无权查看器具登记信息");
  }
  if (q.status == "needs_review") {
    f.needs_review = true;
  } else if (q.status == "change_pending") {
    f.change_pending = true;
  } else if (!q.status.empty()) {
    if (!domain::ParseFilingStatus(q.status))
      return InvalidField("status", "status_invalid", "状态筛选无效");
    f.statuses = {q.status};
  }
  if (q.mandatory && actor.scope == domain::ScopeKind::kOrg) f.mandatory = q.mandatory;
  f.type_code = q.type_code;
  f.brand = q.brand;
  f.query = q.query;
  if (!q.date_from.empty()) {
    auto from = DayStart(q.date_from, "date_from");
    if (!from) return std::unexpected(from.error());
    f.submitted_from = *from;
  }
  if (!q.date_to.empty()) {
    auto to = DayStart(q.date_to, "date_to");
    if (!to) return std::unexpected(to.error());
    f.submitted_before = *to + 86400;
  }
  if (!q.verification.empty()) {
    static const std::set<std::string> kKnown = {"never", "valid", "due_soon", "overdue", "failed"};
    if (!kKnown.contains(q.verification))
      return InvalidField("verification", "verification_filter_invalid", "检定状态筛选条件无效");
    f.verification = q.verification;
    f.today = domain::TodayChina();
    f.due_days = due_soon_days_;
  }
  f.sort = q.sort;
  f.descending = q.descending;
  return f;
}

Result<store::Page<store::InstrumentRow>> InstrumentService::List(const Actor& actor,
                                                                  const InstrumentQuery& q,
                                                                  const store::PageRequest& page) {
  auto f = ScopedFilter(actor, q);
  if (!f) return std::unexpected(f.error());
  return db_.Read([&](store::Tx& tx) -> Result<store::Page<store::InstrumentRow>> {
    return store::ListInstruments(tx, *f, page);
  });
}

Result<std::map<std::string, int64_t>> InstrumentService::StatusCounts(const Actor& actor) {
  auto f = ScopedFilter(actor, {});
  if (!f) return std::unexpected(f.error());
  return db_.Read([&](store::Tx& tx) -> Result<std::map<std::string, int64_t>> {
    auto counts = store::CountInstrumentsByStatus(tx, *f);
    auto changes = *f;
    changes.change_pending = true;
    counts["change_pending"] = store::CountInstruments(tx, changes);
    return counts;
  });
}

Result<int64_t> InstrumentService::ReviewQueueSize(const Actor& actor) {
  InstrumentQuery q;
  q.status = "needs_review";
  auto f = ScopedFilter(actor, q);
  if (!f) return std::unexpected(f.error());
  return db_.Read(
      [&](store::Tx& tx) -> Result<int64_t> { return store::CountInstruments(tx, *f); });
}

}  // namespace mvis::services
