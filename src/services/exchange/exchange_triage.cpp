// The regulators' side of the exchange's findings: the alerts of the charge-order rules and their
// triage (dismiss, or a targeted inspection), and the notice to an enterprise whose chargers are
// in use but not filed. See exchange_service.hpp.
#include <algorithm>
#include <set>

#include "domain/access_policy.hpp"
#include "domain/charge_alert.hpp"
#include "domain/reason.hpp"
#include "domain/text.hpp"
#include "services/core/workflow.hpp"
#include "services/exchange/exchange_service.hpp"
#include "services/supervision/inspection_service.hpp"
#include "store/events_store.hpp"
#include "store/orgs_store.hpp"

namespace mvis::services {

using domain::ChargeAlertAction;
using domain::ChargeAlertStatus;
using domain::access::Kind;
using domain::access::Op;
using json = nlohmann::json;

namespace {

constexpr char kAlertWhat[] = "计量作弊线索";

domain::access::Resource ResourceOf(const store::ChargeAlertRow& a) {
  domain::access::Resource r;
  r.kind = Kind::kChargeAlert;
  r.id = a.id;
  r.region_codes = {a.region_code};
  return r;
}

Result<store::ChargeAlertRow> LoadAlert(store::Tx& tx, const Actor& actor, int64_t id, Op op,
                                        bool lock) {
  if (auto ok = domain::access::CheckRole(SubjectOf(actor), Kind::kChargeAlert, op); !ok)
    return std::unexpected(ok.error());
  auto a = store::FindChargeAlert(tx, id, lock);
  if (!a) return NotFound(kAlertWhat);
  if (auto ok = domain::access::Check(SubjectOf(actor), ResourceOf(*a), op, kAlertWhat); !ok)
    return std::unexpected(ok.error());
  return *a;
}

ChargeAlertStatus StatusOf(const store::ChargeAlertRow& a) {
  return store::Stored(domain::ParseChargeAlertStatus(a.status), "charge_alerts.status", a.status);
}

AlertView ViewOf(store::Tx& tx, store::ChargeAlertRow row) {
  AlertView v;
  v.order = json::parse(row.order_body, nullptr, false);
  if (v.order.is_discarded()) v.order = json::object();
  v.events = store::ListEvents(tx, "charge_alert", std::to_string(row.id));
  row.order_body.clear();
  v.row = std::move(row);
  return v;
}

// The evidence of an alert as one line: "name value; …" (for an inspection's basis).
std::string EvidenceLine(const std::string& evidence) {
  const auto items = json::parse(evidence, nullptr, false);
  std::string out;
  if (!items.is_array()) return out;
  for (const auto& pair : items) {
    if (!pair.is_array() || pair.size() != 2 || !pair[0].is_string() || !pair[1].is_string())
      continue;
    if (!out.empty()) out += "；";
    std::string value = pair[1].get<std::string>();
    if (pair[0] == "verification_state")  // a state code: in words
      value = value == "never"     ? "未检定"
              : value == "revoked" ? "证书已撤销"
              : value == "failed"  ? "不合格"
                                   : "合格";
    out += std::string(domain::EvidenceLabelZh(pair[0].get<std::string>())) + " " + value;
  }
  return out;
}

}  // namespace

Result<store::Page<store::ChargeAlertRow>> ExchangeService::Alerts(const Actor& actor,
                                                                   const AlertQuery& q,
                                                                   const store::PageRequest& page) {
  if (!q.status.empty() && !domain::ParseChargeAlertStatus(q.status))
    return InvalidField("status", "status_invalid", "处理状态无效");
  return ctx_.db.Read([&](store::Tx& tx) -> Result<store::Page<store::ChargeAlertRow>> {
    auto regions = Regions(actor, Kind::kChargeAlert, q.region_code, tx);
    if (!regions) return std::unexpected(regions.error());
    return store::ListChargeAlerts(
        tx, {*regions, q.rule, q.status, std::string(domain::Trim(q.query))}, page);
  });
}

Result<AlertView> ExchangeService::Alert(const Actor& actor, int64_t id) {
  return ctx_.db.Read([&](store::Tx& tx) -> Result<AlertView> {
    auto a = LoadAlert(tx, actor, id, Op::kRead, false);
    if (!a) return std::unexpected(a.error());
    return ViewOf(tx, std::move(*a));
  });
}

Status ExchangeService::Dismiss(Work& w, const Actor& actor, int64_t id,
                                const std::string& reason) {
  auto a = LoadAlert(w.tx, actor, id, Op::kEdit, true);
  if (!a) return std::unexpected(a.error());
  const ChargeAlertStatus from = StatusOf(*a);
  auto done =
      Advance(w, Step<ChargeAlertStatus>{{Kind::kChargeAlert, std::to_string(id)},
                                         std::string(domain::ToString(ChargeAlertAction::kDismiss)),
                                         kAlertWhat,
                                         from,
                                         domain::NextStatus(from, ChargeAlertAction::kDismiss),
                                         [&](ChargeAlertStatus to) {
                                           return store::SetChargeAlertStatus(
                                               w.tx, id, std::string(domain::ToString(from)),
                                               std::string(domain::ToString(to)), reason,
                                               std::nullopt, actor.user_id, w.now);
                                         },
                                         reason,
                                         a->equipment_id + " / " + a->start_charge_seq,
                                         {},
                                         {}});
  if (!done) return std::unexpected(done.error());
  return {};
}

Result<AlertView> ExchangeService::DismissAlert(const Actor& actor, int64_t id,
                                                const std::string& reason) {
  if (auto ok = domain::CheckReason(reason, true, "请填写排除理由"); !ok)
    return std::unexpected(ok.error());
  return WriteAs(ctx_, actor, [&](Work& w) -> Result<AlertView> {
    if (auto ok = Dismiss(w, actor, id, reason); !ok) return std::unexpected(ok.error());
    return ViewOf(w.tx, *store::FindChargeAlert(w.tx, id));
  });
}

Result<int64_t> ExchangeService::DismissAlerts(const Actor& actor, const std::vector<int64_t>& ids,
                                               const std::string& reason) {
  if (auto ok = domain::CheckReason(reason, true, "请填写排除理由"); !ok)
    return std::unexpected(ok.error());
  // Locks in id order, so that two batches over the same alerts cannot deadlock.
  std::vector<int64_t> sorted(ids);
  std::ranges::sort(sorted);
  sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
  return WriteAs(ctx_, actor, [&](Work& w) -> Result<int64_t> {
    for (int64_t id : sorted)
      if (auto ok = Dismiss(w, actor, id, reason); !ok) return std::unexpected(ok.error());
    return static_cast<int64_t>(sorted.size());
  });
}

Result<AlertInspection> ExchangeService::InspectAlert(const Actor& actor, int64_t id,
                                                      InspectionTaskInput in) {
  return WriteAs(ctx_, actor, [&](Work& w) -> Result<AlertInspection> {
    auto a = LoadAlert(w.tx, actor, id, Op::kEdit, true);
    if (!a) return std::unexpected(a.error());
    const ChargeAlertStatus from = StatusOf(*a);
    auto next = domain::NextStatus(from, ChargeAlertAction::kInspect);
    if (!next) return std::unexpected(next.error());
    if (a->org_id == 0)
      return Fail(ErrorKind::kFailedPrecondition, "org_unknown", "该线索没有对应的运营企业");
    in.target_org_id = a->org_id;
    in.region_code = a->region_code;
    in.directed = false;
    if (domain::Trim(in.name).empty()) in.name = "线索核查：" + a->org_name + " " + a->equipment_id;
    in.basis = "计量作弊线索“" + std::string(domain::RuleNameZh(a->rule)) + "”：充电设备 " +
               a->equipment_id + "，订单 " + a->start_charge_seq + "；" + EvidenceLine(a->evidence);
    auto task = inspections_.CreateTaskIn(w, actor, in);
    if (!task) return std::unexpected(task.error());
    auto done = Advance(
        w, Step<ChargeAlertStatus>{{Kind::kChargeAlert, std::to_string(id)},
                                   std::string(domain::ToString(ChargeAlertAction::kInspect)),
                                   kAlertWhat,
                                   from,
                                   next,
                                   [&](ChargeAlertStatus to) {
                                     return store::SetChargeAlertStatus(
                                         w.tx, id, std::string(domain::ToString(from)),
                                         std::string(domain::ToString(to)), "", *task,
                                         actor.user_id, w.now);
                                   },
                                   "核查任务 " + in.name,
                                   a->equipment_id + " / " + a->start_charge_seq,
                                   {},
                                   {}});
    if (!done) return std::unexpected(done.error());
    return AlertInspection{ViewOf(w.tx, *store::FindChargeAlert(w.tx, id)), *task};
  });
}

Result<int64_t> ExchangeService::NotifyUnfiled(const Actor& actor, int64_t org_id,
                                               const std::string& region_code) {
  if (auto ok = domain::access::CheckRole(SubjectOf(actor), Kind::kReconciliation, Op::kSubmit);
      !ok)
    return std::unexpected(ok.error());
  return WriteAs(ctx_, actor, [&](Work& w) -> Result<int64_t> {
    auto regions = Regions(actor, Kind::kReconciliation, region_code, w.tx);
    if (!regions) return std::unexpected(regions.error());
    auto org = store::FindOrg(w.tx, org_id);
    if (!org || org->kind != domain::OrgKind::kEnterprise)
      return InvalidField("org_id", "org_invalid", "请选择运营企业");
    store::PageRequest all;
    all.page_size = 100000;
    std::vector<std::string> ids;
    for (const auto& item : store::ListReconciliation(w.tx, "unfiled", *regions, all).items)
      if (item.org_id == org_id) ids.push_back(item.equipment_id);
    if (ids.empty())
      return Fail(ErrorKind::kFailedPrecondition, "nothing_to_notify",
                  "该企业在辖区内没有在用未备案的充电桩");
    std::string listed;
    for (size_t i = 0; i < ids.size() && i < 10; ++i) listed += (i ? "、" : "") + ids[i];
    if (ids.size() > 10) listed += " 等";
    const std::string count = std::to_string(ids.size());
    Notice notice{"unfiled_chargers", "在用充电桩未备案",
                  "充电设施监管平台显示，贵单位有 " + count +
                      " 台在用充电桩尚未办理强制检定备案（" + listed +
                      "）。请在30日内登录系统办理备案并申请检定。",
                  "instruments", ""};  // the inbox links to the enterprise's chargers
    Record(w, Transition{{Kind::kReconciliation, "org:" + std::to_string(org_id)},
                         "notify",
                         "",
                         "",
                         "",
                         org->name + "，在用未备案 " + count + " 台",
                         {},
                         {{ToOrg{org_id}, notice}}});
    return static_cast<int64_t>(ids.size());
  });
}

}  // namespace mvis::services
