// 抽检分析报告: the figures of a sampling plan's current draw per district, brand and model, and
// operator, its failures and coverage (SamplingService::Report; io/sampling_report lays it out).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>

#include "domain/text.hpp"
#include "domain/time.hpp"
#include "services/supervision/sampling_internal.hpp"

namespace mvis::services {

using domain::access::Op;
using Json = nlohmann::json;
using sampling::DrawOf;
using sampling::LoadPlan;
using sampling::ViewOf;

namespace {

std::string Fixed(double pct) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f %%", pct);
  return buf;
}

// Adds a verified unit's results to a breakdown line.
void Tally(io::SamplingReportLine& line, const store::SampleTask* task,
           std::map<std::string, int>& failed_items) {
  ++line.sampled;
  if (!task) return;
  if (!task->unverifiable_reason.empty()) ++line.unverifiable;
  if (task->record_status != "approved") return;
  ++line.verified;
  ++(task->conclusion == "pass" ? line.passed : line.failed);
  auto data = Json::parse(task->record_data, nullptr, false);
  if (data.is_object() && data.contains("load_points")) {
    for (const auto& p : data["load_points"]) {
      if (!p.contains("error_pct") || !p["error_pct"].is_number()) continue;
      const double e = std::abs(p["error_pct"].get<double>());
      const auto k = static_cast<double>(line.error_points++);
      line.mean_error_pct = (line.mean_error_pct * k + e) / (k + 1);  // running mean
      line.max_error_pct = std::max(line.max_error_pct, e);
    }
  }
  for (const auto& f : Json::parse(task->failed_items, nullptr, false))
    if (f.is_object()) ++failed_items[f.value("name", std::string("其他"))];
}

std::string ItemsText(const std::map<std::string, int>& items) {
  std::string out;
  for (const auto& [name, n] : items)
    out += (out.empty() ? "" : "、") + name + " " + std::to_string(n);
  return out;
}

}  // namespace

Result<io::SamplingReportDocument> SamplingService::Report(const Actor& actor, int64_t id) {
  return ctx_.db.Read([&](store::Tx& tx) -> Result<io::SamplingReportDocument> {
    auto plan = LoadPlan(tx, actor, id, Op::kRead);
    if (!plan) return std::unexpected(plan.error());
    auto draws = store::ListDraws(tx, id);
    if (draws.empty())
      return Fail(ErrorKind::kFailedPrecondition, "plan_not_drawn", "该计划尚未抽取");
    const SamplingDraw draw = DrawOf(draws.back(), true);
    const SamplingPlanView view = ViewOf(tx, *plan, false);
    const auto subject = SubjectOf(actor);
    const bool district_only = actor.role == domain::Role::kDistrictRegulator;
    auto in_scope = [&](const store::SampledInstrument& u) {
      return !district_only || subject.Covers(u.region_code);
    };

    io::SamplingReportDocument doc;
    doc.plan_name = plan->name;
    doc.year = std::to_string(plan->year);
    doc.institute_name = plan->institute_name;
    for (const auto& n : view.region_names) doc.regions += (doc.regions.empty() ? "" : "、") + n;
    for (const auto& n : view.type_names) doc.types += (doc.types.empty() ? "" : "、") + n;
    doc.ratio = io::Percent(plan->ratio_e4, 10000);  // "5.0 %"
    doc.deadline = plan->deadline;
    doc.seed = draw.seed;
    doc.algorithm = draw.algorithm;
    doc.drawn_on = domain::ChinaDate(draw.drawn_at);
    doc.generated_on = ctx_.clock.Today();

    // The frame by district and stratum.
    std::vector<int64_t> frame_ids;
    std::map<int64_t, std::string> stratum_of;
    for (const auto& u : draw.frame) {
      frame_ids.push_back(u.instrument_id);
      stratum_of[u.instrument_id] = u.stratum;
    }
    std::map<std::string, io::SamplingReportLine> districts, strata, operators;
    std::map<std::string, std::map<std::string, int>> district_items, stratum_items, operator_items;
    std::map<int64_t, store::SampledInstrument> frame_units;
    for (auto& u : store::SampledInstruments(tx, frame_ids)) {
      if (!in_scope(u)) continue;
      auto& d = districts[u.region_code];
      d.name = u.region_name;
      ++d.frame;
      auto& st = strata[stratum_of[u.instrument_id]];
      if (st.name.empty()) st.name = domain::Trim(u.brand) + " " + domain::Trim(u.model);
      ++st.frame;
      ++doc.frame_size;
      frame_units[u.instrument_id] = std::move(u);
    }
    doc.strata = static_cast<int64_t>(strata.size());

    auto tasks = store::SampleTasks(tx, id);
    for (const auto& pick : draw.items) {
      auto it = frame_units.find(pick.instrument_id);
      if (it == frame_units.end()) continue;
      const auto& u = it->second;
      auto t = tasks.find(u.instrument_id);
      const store::SampleTask* task = t == tasks.end() ? nullptr : &t->second;
      Tally(districts[u.region_code], task, district_items[u.region_code]);
      Tally(strata[pick.stratum], task, stratum_items[pick.stratum]);
      auto& op = operators[u.org_name];
      op.name = u.org_name;
      Tally(op, task, operator_items[u.org_name]);
      ++doc.sample_size;
      if (!task) continue;
      ++doc.dispatched;
      if (!task->unverifiable_reason.empty()) ++doc.unverifiable;
      if (task->record_status != "approved") continue;
      ++doc.verified;
      if (task->conclusion == "pass") {
        ++doc.passed;
        continue;
      }
      ++doc.failed;
      std::map<std::string, int> items;
      io::SamplingReportLine one;
      Tally(one, task, items);
      doc.failures.push_back({u.serial_no, domain::Trim(u.brand) + " " + domain::Trim(u.model),
                              u.org_name, u.region_name, task->certificate_no, ItemsText(items),
                              one.error_points > 0 ? Fixed(one.max_error_pct) : "—"});
    }
    for (auto& [key, line] : districts) {
      line.failed_items = ItemsText(district_items[key]);
      doc.districts.push_back(line);
    }
    for (auto& [key, line] : strata) {
      line.failed_items = ItemsText(stratum_items[key]);
      if (line.sampled > 0) ++doc.strata_covered;
      doc.strata_lines.push_back(line);
    }
    for (auto& [key, line] : operators) {
      line.failed_items = ItemsText(operator_items[key]);
      doc.operators.push_back(line);
    }
    doc.coverage = "覆盖品牌型号 " + std::to_string(doc.strata_covered) + "/" +
                   std::to_string(doc.strata) + "，抽样比例 " +
                   io::Percent(doc.sample_size, doc.frame_size);
    return doc;
  });
}

}  // namespace mvis::services
