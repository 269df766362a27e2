// Reading the registry: lists within the caller's scope (the access policy's list scope plus the
// caller's filters), counts for the home page.
#include <algorithm>
#include <ctime>

#include "services/registry/filing_steps.hpp"

namespace mvis::services {

using domain::FilingStatus;
using domain::access::Kind;

namespace registry {
namespace {

// Midnight in China of `date` (YYYY-MM-DD), in unix seconds.
Result<int64_t> DayStart(const std::string& date, const char* field) {
  if (!domain::IsIsoDate(date))
    return InvalidField(field, "date_invalid", "日期格式应为 YYYY-MM-DD");
  std::tm tm{};
  tm.tm_year = std::stoi(date.substr(0, 4)) - 1900;
  tm.tm_mon = std::stoi(date.substr(5, 2)) - 1;
  tm.tm_mday = std::stoi(date.substr(8, 2));
  return static_cast<int64_t>(timegm(&tm)) - 8 * 3600;
}

}  // namespace

Result<store::InstrumentFilter> ScopedFilter(const ServiceContext& ctx, const Actor& actor,
                                             const InstrumentQuery& q) {
  auto scope = domain::access::ScopeFor(SubjectOf(actor), Kind::kInstrument);
  if (!scope.allowed) {
    return std::unexpected(domain::access::DenialError(
        domain::access::Decision::kForbidden, Kind::kInstrument, domain::access::Op::kRead, ""));
  }
  store::InstrumentFilter f;
  f.org_id = scope.owner_org_id;
  f.region_codes = scope.region_codes;
  f.exclude_never_submitted = scope.released_only;
  if (scope.mandatory_only) f.mandatory = true;
  if (!scope.owner_org_id && q.org_id) f.org_id = q.org_id;
  if (!q.region_code.empty()) {
    // A district outside the scope simply matches nothing.
    bool inside = !f.region_codes ||
                  std::ranges::find(*f.region_codes, q.region_code) != f.region_codes->end();
    f.region_codes = inside ? std::vector<std::string>{q.region_code} : std::vector<std::string>{};
  }
  if (q.mandatory && !scope.mandatory_only) f.mandatory = q.mandatory;
  auto listed = domain::ParseFilingListFilter(q.status);
  if (!listed) return InvalidField("status", "status_invalid", "状态筛选无效");
  if (listed->status) f.statuses = {*listed->status};
  if (listed->needs_review) f.needs_review = true;
  if (listed->change_pending) f.change_pending = true;
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
    f.verification = domain::ParseVerificationFilter(q.verification);
    if (!f.verification)
      return InvalidField("verification", "verification_filter_invalid", "检定状态筛选条件无效");
    f.today = ctx.clock.Today();
    f.due_days = q.due_days > 0 ? q.due_days : ctx.config.due_soon_days;
  }
  if (q.due_days < 0 || q.due_days > 366)
    return InvalidField("due_days", "due_days_invalid", "到期提醒天数应为1至366");
  if (!q.use.empty()) {
    if (std::ranges::find_if(domain::kUses, [&](const char* u) { return q.use == u; }) ==
        std::end(domain::kUses))
      return InvalidField("use", "use_invalid", "用途筛选条件无效");
    f.use = q.use;
  }
  f.sort = q.sort;
  f.descending = q.descending;
  return f;
}

}  // namespace registry

int64_t FilingCounts::Of(FilingStatus s) const {
  auto it = by_status.find(s);
  return it == by_status.end() ? 0 : it->second;
}

Result<domain::Page<domain::Instrument>> InstrumentService::List(const Actor& actor,
                                                                 const InstrumentQuery& q,
                                                                 const domain::PageRequest& page) {
  auto f = registry::ScopedFilter(ctx_, actor, q);
  if (!f) return std::unexpected(f.error());
  return ctx_.db.Read([&](store::Tx& tx) -> Result<domain::Page<domain::Instrument>> {
    return store::ListInstruments(tx, *f, page);
  });
}

Result<FilingCounts> InstrumentService::StatusCounts(const Actor& actor) {
  auto f = registry::ScopedFilter(ctx_, actor, {});
  if (!f) return std::unexpected(f.error());
  return ctx_.db.Read([&](store::Tx& tx) -> Result<FilingCounts> {
    FilingCounts counts{store::CountInstrumentsByStatus(tx, *f), 0};
    auto changes = *f;
    changes.change_pending = true;
    counts.change_pending = store::CountInstruments(tx, changes);
    return counts;
  });
}

Result<int64_t> InstrumentService::ReviewQueueSize(const Actor& actor) {
  auto f = registry::ScopedFilter(ctx_, actor, {});
  if (!f) return std::unexpected(f.error());
  f->needs_review = true;
  return ctx_.db.Read(
      [&](store::Tx& tx) -> Result<int64_t> { return store::CountInstruments(tx, *f); });
}

Result<int64_t> InstrumentService::OverdueCount(const Actor& actor) {
  auto f = registry::ScopedFilter(ctx_, actor, {});
  if (!f) return std::unexpected(f.error());
  f->verification = domain::VerificationFilter::kOverdue;
  f->today = ctx_.clock.Today();
  return ctx_.db.Read(
      [&](store::Tx& tx) -> Result<int64_t> { return store::CountInstruments(tx, *f); });
}

}  // namespace mvis::services
