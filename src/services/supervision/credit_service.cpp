#include "services/supervision/credit_service.hpp"

#include <nlohmann/json.hpp>

#include "domain/calendar.hpp"
#include "domain/reason.hpp"
#include "domain/text.hpp"
#include "services/core/audit.hpp"
#include "store/announcements_store.hpp"
#include "store/credit_store.hpp"
#include "store/label_keys_store.hpp"
#include "store/orgs_store.hpp"

namespace mvis::services {

using domain::access::Kind;
using domain::access::Op;
using Json = nlohmann::json;

namespace {

constexpr char kWhat[] = "企业信用信息";

// The enterprise as the policy sees its archive: its district and its districts of use.
Result<domain::Organisation> LoadEnterprise(store::Tx& tx, const Actor& actor, int64_t org_id,
                                            Op op) {
  auto org = store::FindOrg(tx, org_id);
  if (!org || org->kind != domain::OrgKind::kEnterprise) return NotFound(kWhat);
  domain::access::Resource r;
  r.kind = Kind::kArchive;
  r.id = org_id;
  r.owner_org_id = org_id;
  r.region_codes = store::DistrictsOfUse(tx, org_id);
  r.region_codes.push_back(org->region_code);
  if (auto ok = domain::access::Check(SubjectOf(actor), r, op, kWhat); !ok)
    return std::unexpected(ok.error());
  return *org;
}

std::string IndicatorsJson(const std::vector<domain::CreditIndicator>& list) {
  Json a = Json::array();
  for (const auto& i : list) {
    a.push_back({{"code", i.code},
                 {"name", i.name},
                 {"weight", i.weight},
                 {"numerator", i.numerator},
                 {"denominator", i.denominator},
                 {"share", i.share},
                 {"points", i.points},
                 {"basis", i.basis}});
  }
  return a.dump();
}

std::vector<domain::CreditIndicator> IndicatorsOf(const std::string& json) {
  std::vector<domain::CreditIndicator> out;
  for (const auto& e : Json::parse(json)) {
    domain::CreditIndicator i;
    i.code = e.at("code");
    i.name = e.at("name");
    i.weight = e.at("weight");
    i.numerator = e.at("numerator");
    i.denominator = e.at("denominator");
    i.share = e.at("share");
    i.points = e.at("points");
    i.basis = e.at("basis");
    out.push_back(std::move(i));
  }
  return out;
}

// Measures the indicators of `org_id` now and stores the result.
store::CreditRow Compute(store::Tx& tx, int64_t org_id, const std::string& today, int64_t now) {
  const auto facts = store::CreditFactsOf(tx, org_id, today, domain::AddDays(today, -730));
  std::vector<domain::CreditIndicator> list;
  for (const auto& def : store::ListCreditIndicators(tx)) {
    if (def.code == "overdue_or_unverified") {
      list.push_back(domain::Measure(def, facts.overdue_or_never, facts.filed,
                                     "已备案充电桩 " + std::to_string(facts.filed) +
                                         " 台，逾期未检或从未检定 " +
                                         std::to_string(facts.overdue_or_never) + " 台"));
    } else if (def.code == "failed_verification") {
      list.push_back(domain::Measure(def, facts.failed_24m, facts.documents_24m,
                                     "近24个月出具证书和结果通知书 " +
                                         std::to_string(facts.documents_24m) + " 份，不合格 " +
                                         std::to_string(facts.failed_24m) + " 份"));
    } else if (def.code == "rectification_overdue") {
      list.push_back(domain::Measure(
          def, facts.rectifications_overdue, facts.rectifications_24m,
          "近24个月整改通知 " + std::to_string(facts.rectifications_24m) + " 份，逾期未整改 " +
              std::to_string(facts.rectifications_overdue) + " 份"));
    } else if (def.code == "cases") {
      // Any case in 24 months counts in full.
      list.push_back(domain::Measure(def, facts.cases_24m > 0 ? 1 : 0, 1,
                                     "近24个月立案 " + std::to_string(facts.cases_24m) + " 件"));
    } else if (def.code == "unfiled") {
      // The platform's reconciliation (在用未备案) against all the enterprise's chargers in use.
      list.push_back(domain::Measure(
          def, facts.platform_unfiled, facts.filed + facts.platform_unfiled,
          "充电设施监管平台对账：在用未备案 " + std::to_string(facts.platform_unfiled) +
              " 台，已备案 " + std::to_string(facts.filed) + " 台"));
    } else {
      list.push_back(domain::Measure(def, 0, 0, "暂无数据"));
    }
  }
  store::CreditRow row;
  row.org_id = org_id;
  row.score = domain::Score(list);
  row.computed_class = domain::ClassFor(row.score, store::ListCreditThresholds(tx));
  row.indicators_json = IndicatorsJson(list);
  row.computed_at = now;
  store::SaveComputedCredit(tx, row);
  return row;
}

CreditView ViewOf(const domain::Organisation& org, const store::CreditRow& row) {
  CreditView v;
  v.org_id = org.id;
  v.org_name = org.name;
  v.computed_class = row.computed_class;
  v.credit_class = row.override_class.empty() ? row.computed_class : row.override_class;
  v.score = row.score;
  v.indicators = IndicatorsOf(row.indicators_json);
  v.computed_at = row.computed_at;
  v.override_class = row.override_class;
  v.override_reason = row.override_reason;
  v.override_by = row.override_by_name;
  v.override_at = row.override_at;
  return v;
}

}  // namespace

Result<CreditView> CreditService::Get(const Actor& actor, int64_t org_id) {
  return WriteAs(ctx_, actor, [&](Work& w) -> Result<CreditView> {
    auto org = LoadEnterprise(w.tx, actor, org_id, Op::kRead);
    if (!org) return std::unexpected(org.error());
    if (!store::FindCredit(w.tx, org_id)) Compute(w.tx, org_id, w.Today(), w.now);
    return ViewOf(*org, *store::FindCredit(w.tx, org_id));
  });
}

Result<CreditView> CreditService::Recompute(const Actor& actor, int64_t org_id) {
  return WriteAs(ctx_, actor, [&](Work& w) -> Result<CreditView> {
    auto org = LoadEnterprise(w.tx, actor, org_id, Op::kReview);
    if (!org) return std::unexpected(org.error());
    auto before = store::FindCredit(w.tx, org_id);
    auto row = Compute(w.tx, org_id, w.Today(), w.now);
    Audit(w, {"credit.recompute", "org", std::to_string(org_id),
              org->name + "：" + (before ? before->computed_class : std::string("无")) + " → " +
                  row.computed_class + "（" + std::to_string(static_cast<int>(row.score + 0.5)) +
                  " 分）"});
    return ViewOf(*org, *store::FindCredit(w.tx, org_id));
  });
}

Result<CreditView> CreditService::Override(const Actor& actor, int64_t org_id,
                                           const std::string& credit_class,
                                           const std::string& reason) {
  if (!credit_class.empty()) {
    if (auto ok = domain::CheckCreditClass(credit_class); !ok) return std::unexpected(ok.error());
  }
  if (auto ok = domain::CheckReason(reason, true, "调整信用风险分类须填写原因"); !ok)
    return std::unexpected(ok.error());
  const std::string why = domain::Trim(reason);
  return WriteAs(ctx_, actor, [&](Work& w) -> Result<CreditView> {
    auto org = LoadEnterprise(w.tx, actor, org_id, Op::kReview);
    if (!org) return std::unexpected(org.error());
    auto before = store::FindCredit(w.tx, org_id);
    if (!before) before = Compute(w.tx, org_id, w.Today(), w.now);
    const std::string was =
        before->override_class.empty() ? before->computed_class : before->override_class;
    store::SaveCreditOverride(w.tx, org_id, credit_class, why, actor.user_id, w.now);
    const std::string now_class = credit_class.empty() ? before->computed_class : credit_class;
    Audit(w, {"credit.override", "org", std::to_string(org_id),
              org->name + "：" + was + " → " + now_class +
                  (credit_class.empty() ? "（取消调整）" : "（人工调整）") + "；原因：" + why});
    return ViewOf(*org, *store::FindCredit(w.tx, org_id));
  });
}

Result<CreditRunReport> CreditService::RunMonthly() {
  return ctx_.db.Write([&](store::Tx& tx) -> Result<CreditRunReport> {
    CreditRunReport report;
    const int64_t now = ctx_.clock.Now();
    const std::string today = ctx_.clock.Today();
    if (!store::ClaimJobRun(tx, "credit_classes", today.substr(0, 7), now)) {
      report.already_done = true;
      return report;
    }
    for (auto id : store::EnterpriseIds(tx)) {
      Compute(tx, id, today, now);
      ++report.enterprises;
    }
    return report;
  });
}

}  // namespace mvis::services
