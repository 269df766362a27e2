// 工作节点: the city bureau sets campaign milestones (a measure, a target percentage, a deadline);
// every regulator and the DRC follow each district's progress against them.
#include <map>
#include <set>

#include "domain/calendar.hpp"
#include "domain/report.hpp"
#include "domain/text.hpp"
#include "domain/time.hpp"
#include "services/core/workflow.hpp"
#include "services/reporting/report_service.hpp"
#include "store/regions_store.hpp"
#include "store/statistics_store.hpp"

namespace mvis::services {

using domain::MilestoneKind;
using domain::access::Kind;
using domain::access::Op;
using nlohmann::json;

namespace {

constexpr char kWhat[] = "工作节点";

Result<store::MilestoneRow> Validated(const MilestoneInput& in, store::MilestoneRow row) {
  row.title = domain::Trim(in.title);
  row.note = domain::Trim(in.note);
  if (row.title.empty()) return InvalidField("title", "title_required", "请填写节点名称");
  if (domain::CodePoints(row.title) > domain::kReportTitleMax)
    return InvalidField("title", "title_too_long", "节点名称不能超过100字");
  if (domain::CodePoints(row.note) > 2000)
    return InvalidField("note", "text_too_long", "说明不能超过2000字");
  const auto kind = domain::ParseMilestoneKind(in.kind);
  if (!kind) return InvalidField("kind", "kind_invalid", "请选择考核指标");
  row.kind = std::string(domain::ToString(*kind));
  if (!domain::DayNumber(in.deadline) || in.deadline.size() != 10)
    return InvalidField("deadline", "date_invalid", "截止日期格式应为 YYYY-MM-DD");
  row.deadline = in.deadline;
  if (in.target_pct < 1 || in.target_pct > 100)
    return InvalidField("target_pct", "target_invalid", "目标应为1%至100%");
  row.target_pct = in.target_pct;
  row.since.clear();
  if (*kind == MilestoneKind::kFirstVerification) {
    if (!domain::DayNumber(in.since) || in.since.size() != 10)
      return InvalidField("since", "date_invalid", "请填写投入使用的起始日期（YYYY-MM-DD）");
    row.since = in.since;
  }
  return row;
}

Result<store::MilestoneRow> Load(store::Tx& tx, const Actor& actor, int64_t id, Op op) {
  auto m = store::FindMilestone(tx, id);
  if (!m) return NotFound(kWhat);
  domain::access::Resource res;
  res.kind = Kind::kMilestone;
  res.id = id;
  if (auto ok = domain::access::Check(SubjectOf(actor), res, op, kWhat); !ok)
    return std::unexpected(ok.error());
  return *m;
}

void Recorded(Work& w, const store::MilestoneRow& m, const std::string& action,
              const std::string& from) {
  Record(w, Transition{{Kind::kMilestone, std::to_string(m.id)},
                       action,
                       from,
                       m.status,
                       "",
                       m.title + "（" +
                           std::string(domain::DisplayName(*domain::ParseMilestoneKind(m.kind))) +
                           " ≥ " + std::to_string(m.target_pct) + "%，截止 " + m.deadline + "）",
                       {},
                       {}});
}

}  // namespace

Result<domain::Page<store::MilestoneRow>> ReportService::ListMilestones(
    const Actor& actor, const std::string& status, const domain::PageRequest& page) {
  if (auto ok = domain::access::CheckRole(SubjectOf(actor), Kind::kMilestone, Op::kRead); !ok)
    return std::unexpected(ok.error());
  if (!status.empty() && status != "active" && status != "withdrawn")
    return InvalidField("status", "status_invalid", "状态无效");
  return ctx_.db.Read([&](store::Tx& tx) -> Result<domain::Page<store::MilestoneRow>> {
    return store::ListMilestones(tx, status, page);
  });
}

Result<store::MilestoneRow> ReportService::CreateMilestone(const Actor& actor,
                                                           const MilestoneInput& in) {
  if (auto ok = domain::access::CheckRole(SubjectOf(actor), Kind::kMilestone, Op::kCreate); !ok)
    return std::unexpected(ok.error());
  auto row = Validated(in, {});
  if (!row) return std::unexpected(row.error());
  return WriteAs(ctx_, actor, [&](Work& w) -> Result<store::MilestoneRow> {
    row->created_by = actor.user_id;
    row->created_at = row->updated_at = w.now;
    row->id = store::InsertMilestone(w.tx, *row);
    Recorded(w, *row, "create", "");
    return *row;
  });
}

Result<store::MilestoneRow> ReportService::UpdateMilestone(const Actor& actor, int64_t id,
                                                           const MilestoneInput& in) {
  return WriteAs(ctx_, actor, [&](Work& w) -> Result<store::MilestoneRow> {
    auto m = Load(w.tx, actor, id, Op::kEdit);
    if (!m) return std::unexpected(m.error());
    if (m->status != "active")
      return Fail(ErrorKind::kFailedPrecondition, "milestone_withdrawn", "该工作节点已撤销");
    auto row = Validated(in, *m);
    if (!row) return std::unexpected(row.error());
    row->updated_at = w.now;
    if (!store::SaveMilestone(w.tx, *row)) return StateChanged(kWhat);
    Recorded(w, *row, "edit", "active");
    return *row;
  });
}

Result<store::MilestoneRow> ReportService::WithdrawMilestone(const Actor& actor, int64_t id) {
  return WriteAs(ctx_, actor, [&](Work& w) -> Result<store::MilestoneRow> {
    auto m = Load(w.tx, actor, id, Op::kWithdraw);
    if (!m) return std::unexpected(m.error());
    if (m->status != "active")
      return Fail(ErrorKind::kFailedPrecondition, "milestone_withdrawn", "该工作节点已撤销");
    m->status = "withdrawn";
    m->updated_at = w.now;
    if (!store::SaveMilestone(w.tx, *m)) return StateChanged(kWhat);
    Recorded(w, *m, "withdraw", "active");
    return *m;
  });
}

Result<json> ReportService::MilestoneProgress(const Actor& actor, const std::string& region_code) {
  const auto subject = SubjectOf(actor);
  auto scope = domain::access::ScopeFor(subject, Kind::kMilestone);
  if (!scope.allowed) {
    return std::unexpected(domain::access::DenialError(domain::access::Decision::kForbidden,
                                                       Kind::kMilestone, Op::kRead, kWhat));
  }
  const std::string today = domain::ChinaDate(ctx_.clock.Now());
  return ctx_.db.Read([&](store::Tx& tx) -> Result<json> {
    // The districts shown: those of the caller's scope (or the one asked for).
    std::vector<domain::Region> districts;
    for (const auto& code : actor.region_codes)
      if (auto r = store::FindRegion(tx, code); r && r->IsDistrictLike()) districts.push_back(*r);
    std::ranges::sort(districts, {}, &domain::Region::code);
    if (!region_code.empty()) {
      std::erase_if(districts, [&](const auto& d) { return d.code != region_code; });
      if (districts.empty())
        return Fail(ErrorKind::kPermissionDenied, "permission_denied", "无权查看该辖区的进度",
                    "region_code");
    }
    std::vector<std::string> codes;
    for (const auto& d : districts) codes.push_back(d.code);
    // Registry counts per district, read once for the two registry measures.
    store::StatFilter f;
    f.regions = codes;
    f.today = today;
    f.soon = domain::AddDays(today, 30);
    std::map<std::string, store::StateCounts> registry;
    for (const auto& g : store::TallyCounts(tx, f, store::StatDimension::kRegion))
      registry[g.key] = g.counts;

    json milestones = json::array();
    for (const auto& m : store::ListMilestones(tx, "active", {1, 100}).items) {
      const auto kind = *domain::ParseMilestoneKind(m.kind);
      const int year = std::stoi(m.deadline.substr(0, 4));
      std::map<std::string, std::pair<int64_t, int64_t>> ratio;  // region → numerator, denominator
      switch (kind) {
        case MilestoneKind::kFilingReview:
          for (const auto& [code, c] : registry) ratio[code] = {c.approved, c.filed};
          break;
        case MilestoneKind::kPeriodicVerification:
          for (const auto& [code, c] : registry) ratio[code] = {c.valid, c.approved};
          break;
        case MilestoneKind::kFirstVerification:
          for (const auto& r : store::FirstVerificationSince(tx, m.since))
            ratio[r.region_code] = {r.numerator, r.denominator};
          break;
        case MilestoneKind::kInspection:
          for (const auto& r : store::InspectionsPublished(tx, year))
            ratio[r.region_code] = {r.numerator, r.denominator};
          break;
        case MilestoneKind::kSampling: {
          std::map<int64_t, std::string> drawn;  // instrument → draw date
          for (const auto& d : store::CurrentSamplingDraws(tx, year)) {
            auto items = json::parse(d.items, nullptr, false);
            if (!items.is_array()) continue;
            for (const auto& it : items)
              if (it.is_array() && !it.empty() && it[0].is_number_integer())
                drawn[it[0].get<int64_t>()] = domain::ChinaDate(d.drawn_at);
          }
          std::vector<int64_t> ids;
          for (const auto& [id, _] : drawn) ids.push_back(id);
          for (const auto& s : store::StatSampledInstruments(tx, ids)) {
            auto& [num, den] = ratio[s.region_code];
            ++den;
            if (!s.last_verified_on.empty() && s.last_verified_on >= drawn[s.id]) ++num;
          }
          break;
        }
      }
      json rows = json::array();
      int64_t num_all = 0, den_all = 0, met = 0;
      auto row_json = [&](const std::string& code, const std::string& name, int64_t num,
                          int64_t den) {
        const bool reached = den > 0 && num * 100 >= m.target_pct * den;
        return json{{"region_code", code},
                    {"name", name},
                    {"numerator", num},
                    {"denominator", den},
                    {"pct", den > 0 ? json(std::round(1000.0 * num / den) / 10) : json(nullptr)},
                    {"met", reached},
                    {"overdue", !reached && den > 0 && today > m.deadline}};
      };
      for (const auto& d : districts) {
        const auto [num, den] = ratio[d.code];
        num_all += num;
        den_all += den;
        json row = row_json(d.code, d.name, num, den);
        if (row["met"].get<bool>()) ++met;
        rows.push_back(std::move(row));
      }
      json overall = row_json("", "合计", num_all, den_all);
      milestones.push_back({{"id", m.id},
                            {"title", m.title},
                            {"kind", m.kind},
                            {"deadline", m.deadline},
                            {"target_pct", m.target_pct},
                            {"since", m.since.empty() ? json(nullptr) : json(m.since)},
                            {"note", m.note},
                            {"days_left", domain::DaysBetween(today, m.deadline)},
                            {"districts_met", met},
                            {"overall", overall},
                            {"districts", rows}});
    }
    return json{{"as_of", today}, {"milestones", milestones}};
  });
}

}  // namespace mvis::services
