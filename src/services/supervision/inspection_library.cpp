// The item list (抽查事项清单), the inspector and object libraries (名录库), the working-day
// calendar, the statistics and the public announcements (一公开).
#include <algorithm>

#include "domain/calendar.hpp"
#include "domain/credit.hpp"
#include "domain/instrument.hpp"
#include "domain/reason.hpp"
#include "domain/text.hpp"
#include "services/core/workflow.hpp"
#include "services/supervision/inspection_internal.hpp"
#include "store/orgs_store.hpp"
#include "store/users_store.hpp"

namespace mvis::services {

using domain::access::Kind;
using domain::access::Op;
using namespace inspection;

namespace {

constexpr char kItemWhat[] = "抽查事项";

Status CheckItemInput(const InspectionItemInput& in) {
  if (domain::Trim(in.code).empty()) return InvalidField("code", "code_required", "请填写事项编号");
  if (domain::Trim(in.name).empty()) return InvalidField("name", "name_required", "请填写事项名称");
  if (domain::CodePoints(in.name) > 200)
    return InvalidField("name", "name_too_long", "事项名称不能超过200字");
  if (in.checks.empty()) return InvalidField("checks", "checks_required", "请至少填写一项检查内容");
  for (const auto& c : in.checks)
    if (domain::Trim(c.code).empty() || domain::Trim(c.name).empty())
      return InvalidField("checks", "check_invalid", "检查内容的编号和名称不能为空");
  for (const std::string* text : {&in.legal_basis, &in.authority, &in.object_scope, &in.ratio_note,
                                  &in.frequency, &in.method, &in.inspector_requirements})
    if (domain::CodePoints(*text) > 2000)
      return InvalidField("legal_basis", "text_too_long", "内容不能超过2000字");
  if (in.class_ranges) {
    for (size_t k = 0; k < 4; ++k) {
      const auto& r = (*in.class_ranges)[k];
      if (r.min_e4 < 1 || r.max_e4 > 10000 || r.min_e4 > r.max_e4)
        return InvalidField("class_ranges", "ratio_range_invalid",
                            std::string(domain::kCreditClasses[k]) +
                                "类抽查比例范围无效（应在0至100%之间且下限不大于上限）");
    }
  }
  return {};
}

store::InspectionItemRow ItemOf(const InspectionItemInput& in) {
  store::InspectionItemRow i;
  i.code = domain::Trim(in.code);
  i.name = domain::Trim(in.name);
  for (const auto& s : in.sub_items)
    if (auto t = domain::Trim(s); !t.empty()) i.sub_items.push_back(t);
  i.legal_basis = domain::Trim(in.legal_basis);
  i.authority = domain::Trim(in.authority);
  i.object_scope = domain::Trim(in.object_scope);
  i.ratio_note = domain::Trim(in.ratio_note);
  i.frequency = domain::Trim(in.frequency);
  i.method = domain::Trim(in.method);
  i.inspector_requirements = domain::Trim(in.inspector_requirements);
  for (const auto& c : in.checks) i.checks.push_back({domain::Trim(c.code), domain::Trim(c.name)});
  i.class_ranges = in.class_ranges.value_or(domain::kDefaultClassRanges);
  return i;
}

domain::access::Resource InspectorResource(const store::InspectorRow& i) {
  domain::access::Resource res;
  res.kind = Kind::kInspector;
  res.id = i.id;
  res.owner_org_id = i.org_id;
  return res;
}

Result<store::InspectorRow> LoadInspector(store::Tx& tx, const Actor& actor, int64_t id, Op op) {
  auto i = store::FindInspector(tx, id);
  if (!i) return NotFound(kInspectorWhat);
  if (auto ok = domain::access::Check(SubjectOf(actor), InspectorResource(*i), op, kInspectorWhat);
      !ok)
    return std::unexpected(ok.error());
  return *i;
}

Status CheckInspectorInput(const InspectorInput& in) {
  if (domain::Trim(in.cert_no).empty())
    return InvalidField("cert_no", "cert_no_required", "请填写执法证号");
  if (domain::CodePoints(in.cert_no) > 50)
    return InvalidField("cert_no", "cert_no_too_long", "执法证号不能超过50字");
  if (!domain::IsIsoDate(in.cert_expiry))
    return InvalidField("cert_expiry", "date_invalid", "请填写执法证有效期");
  return {};
}

// An audited change of the libraries (no state machine: a Transition without states).
void Audit(Work& w, Kind kind, int64_t id, const std::string& action, const std::string& note) {
  Record(w, Transition{{kind, std::to_string(id)}, action, "", "", "", note, {}, {}});
}

Result<domain::access::ListScope> ScopeOrDeny(const Actor& actor, Kind kind,
                                              const std::string& what) {
  auto scope = domain::access::ScopeFor(SubjectOf(actor), kind);
  if (!scope.allowed)
    return std::unexpected(
        domain::access::DenialError(domain::access::Decision::kForbidden, kind, Op::kRead, what));
  return scope;
}

}  // namespace

// ---- items

Result<std::vector<store::InspectionItemRow>> InspectionService::ListItems(const Actor& actor) {
  if (auto ok = domain::access::CheckRole(SubjectOf(actor), Kind::kInspectionItem, Op::kRead); !ok)
    return std::unexpected(ok.error());
  return ctx_.db.Read([&](store::Tx& tx) -> Result<std::vector<store::InspectionItemRow>> {
    return store::ListInspectionItems(tx);
  });
}

Result<store::InspectionItemRow> InspectionService::CreateItem(const Actor& actor,
                                                               const InspectionItemInput& in) {
  if (auto ok = domain::access::CheckRole(SubjectOf(actor), Kind::kInspectionItem, Op::kCreate);
      !ok)
    return std::unexpected(ok.error());
  if (auto ok = CheckItemInput(in); !ok) return std::unexpected(ok.error());
  return WriteAs(ctx_, actor, [&](Work& w) -> Result<store::InspectionItemRow> {
    auto item = ItemOf(in);
    item.created_at = item.updated_at = w.now;
    auto id = store::InsertInspectionItem(w.tx, item);
    if (!id) return Fail(ErrorKind::kConflict, "code_taken", "事项编号已存在", "code");
    Audit(w, Kind::kInspectionItem, *id, "create", item.code + " " + item.name);
    return *store::FindInspectionItem(w.tx, *id);
  });
}

Result<store::InspectionItemRow> InspectionService::UpdateItem(const Actor& actor, int64_t id,
                                                               const InspectionItemInput& in) {
  if (auto ok = domain::access::CheckRole(SubjectOf(actor), Kind::kInspectionItem, Op::kEdit); !ok)
    return std::unexpected(ok.error());
  if (auto ok = CheckItemInput(in); !ok) return std::unexpected(ok.error());
  return WriteAs(ctx_, actor, [&](Work& w) -> Result<store::InspectionItemRow> {
    auto old = store::FindInspectionItem(w.tx, id);
    if (!old) return NotFound(kItemWhat);
    auto item = ItemOf(in);
    item.id = id;
    item.created_at = old->created_at;
    item.updated_at = w.now;
    if (!store::UpdateInspectionItem(w.tx, item))
      return Fail(ErrorKind::kConflict, "code_taken", "事项编号已存在", "code");
    Audit(w, Kind::kInspectionItem, id, "edit", item.code + " " + item.name);
    return *store::FindInspectionItem(w.tx, id);
  });
}

// ---- inspectors

Result<domain::Page<store::InspectorRow>> InspectionService::ListInspectors(
    const Actor& actor, const std::string& query, std::optional<bool> active,
    const domain::PageRequest& page) {
  auto scope = ScopeOrDeny(actor, Kind::kInspector, kInspectorWhat);
  if (!scope) return std::unexpected(scope.error());
  store::InspectorFilter f;
  f.org_id = scope->owner_org_id;
  f.active = active;
  f.query = domain::Trim(query);
  return ctx_.db.Read([&](store::Tx& tx) -> Result<domain::Page<store::InspectorRow>> {
    return store::ListInspectors(tx, f, page);
  });
}

Result<std::vector<store::InspectorCandidateUser>> InspectionService::InspectorCandidates(
    const Actor& actor) {
  auto scope = ScopeOrDeny(actor, Kind::kInspector, kInspectorWhat);
  if (!scope) return std::unexpected(scope.error());
  return ctx_.db.Read([&](store::Tx& tx) -> Result<std::vector<store::InspectorCandidateUser>> {
    return store::InspectorCandidateUsers(tx, scope->owner_org_id);
  });
}

Result<store::InspectorRow> InspectionService::CreateInspector(const Actor& actor,
                                                               const InspectorInput& in) {
  if (auto ok = CheckInspectorInput(in); !ok) return std::unexpected(ok.error());
  return WriteAs(ctx_, actor, [&](Work& w) -> Result<store::InspectorRow> {
    auto user = store::FindUser(w.tx, in.user_id);
    if (!user || !user->org_id ||
        (user->role != domain::Role::kDistrictRegulator &&
         user->role != domain::Role::kCityRegulator))
      return InvalidField("user_id", "user_invalid", "请选择本局的执法人员账号");
    store::InspectorRow row;
    row.user_id = in.user_id;
    row.org_id = *user->org_id;
    domain::access::Resource res;
    res.kind = Kind::kInspector;
    res.owner_org_id = row.org_id;
    if (auto ok = domain::access::Check(SubjectOf(actor), res, Op::kCreate, kInspectorWhat); !ok)
      return InvalidField("user_id", "user_invalid", "请选择本局的执法人员账号");
    row.cert_no = domain::Trim(in.cert_no);
    row.cert_expiry = in.cert_expiry;
    row.active = in.active;
    row.created_at = row.updated_at = w.now;
    auto id = store::InsertInspector(w.tx, row);
    if (!id) return Fail(ErrorKind::kConflict, "inspector_exists", "该账号已在名录库中", "user_id");
    Audit(w, Kind::kInspector, *id, "create",
          "执法证号 " + row.cert_no + "，有效期至 " + row.cert_expiry);
    return *store::FindInspector(w.tx, *id);
  });
}

Result<store::InspectorRow> InspectionService::UpdateInspector(const Actor& actor, int64_t id,
                                                               const InspectorInput& in) {
  if (auto ok = CheckInspectorInput(in); !ok) return std::unexpected(ok.error());
  return WriteAs(ctx_, actor, [&](Work& w) -> Result<store::InspectorRow> {
    auto row = LoadInspector(w.tx, actor, id, Op::kEdit);
    if (!row) return std::unexpected(row.error());
    row->cert_no = domain::Trim(in.cert_no);
    row->cert_expiry = in.cert_expiry;
    row->active = in.active;
    row->updated_at = w.now;
    store::UpdateInspector(w.tx, *row);
    Audit(w, Kind::kInspector, id, "edit",
          "执法证号 " + row->cert_no + "，有效期至 " + row->cert_expiry +
              (row->active ? "，启用" : "，停用"));
    return *store::FindInspector(w.tx, id);
  });
}

Result<store::InspectorRow> InspectionService::DeclareConflict(const Actor& actor, int64_t id,
                                                               int64_t org_id,
                                                               const std::string& reason_in) {
  const std::string reason = domain::Trim(reason_in);
  if (auto ok = domain::CheckReason(reason, true, "请填写利害关系说明"); !ok)
    return std::unexpected(ok.error());
  return WriteAs(ctx_, actor, [&](Work& w) -> Result<store::InspectorRow> {
    auto row = LoadInspector(w.tx, actor, id, Op::kEdit);
    if (!row) return std::unexpected(row.error());
    auto org = store::FindOrg(w.tx, org_id);
    if (!org || org->kind != domain::OrgKind::kEnterprise)
      return InvalidField("org_id", "org_invalid", "请选择企业");
    store::SaveConflict(w.tx, id, org_id, reason, w.now);
    Audit(w, Kind::kInspector, id, "conflict", org->name + "：" + reason);
    return *store::FindInspector(w.tx, id);
  });
}

Result<store::InspectorRow> InspectionService::RemoveConflict(const Actor& actor, int64_t id,
                                                              int64_t org_id) {
  return WriteAs(ctx_, actor, [&](Work& w) -> Result<store::InspectorRow> {
    auto row = LoadInspector(w.tx, actor, id, Op::kEdit);
    if (!row) return std::unexpected(row.error());
    if (!store::DeleteConflict(w.tx, id, org_id)) return NotFound("利害关系申报");
    Audit(w, Kind::kInspector, id, "conflict_removed", "企业 " + std::to_string(org_id));
    return *store::FindInspector(w.tx, id);
  });
}

Result<domain::Page<store::ObjectLibraryRow>> InspectionService::ListObjects(
    const Actor& actor, const std::string& region_code, const std::string& credit_class,
    const std::string& query, const domain::PageRequest& page) {
  auto scope = ScopeOrDeny(actor, Kind::kInspectionTask, "检查对象名录");
  if (!scope) return std::unexpected(scope.error());
  store::ObjectLibraryFilter f;
  f.region_codes = scope->region_codes;
  if (!region_code.empty()) {
    if (f.region_codes && std::ranges::find(*f.region_codes, region_code) == f.region_codes->end())
      f.region_codes = std::vector<std::string>{};
    else
      f.region_codes = std::vector<std::string>{region_code};
  }
  if (!credit_class.empty()) {
    if (!domain::CreditClassIndex(credit_class))
      return InvalidField("credit_class", "credit_class_invalid", "信用风险分类无效");
    f.credit_class = credit_class;
  }
  f.query = domain::Trim(query);
  return ctx_.db.Read([&](store::Tx& tx) -> Result<domain::Page<store::ObjectLibraryRow>> {
    return store::ListObjectLibrary(tx, f, page);
  });
}

// ---- calendar

Result<std::vector<store::CalendarDayRow>> InspectionService::CalendarDays(const Actor& actor,
                                                                           int year) {
  if (auto ok = domain::access::CheckRole(SubjectOf(actor), Kind::kWorkCalendar, Op::kRead); !ok)
    return std::unexpected(ok.error());
  if (year < 2000 || year > 2100) return InvalidField("year", "year_invalid", "年度无效");
  return ctx_.db.Read([&](store::Tx& tx) -> Result<std::vector<store::CalendarDayRow>> {
    return store::ListCalendarDays(tx, std::to_string(year) + "-01-01",
                                   std::to_string(year) + "-12-31");
  });
}

Result<store::CalendarDayRow> InspectionService::SaveCalendarDay(const Actor& actor,
                                                                 const std::string& date,
                                                                 const std::string& kind,
                                                                 const std::string& name) {
  if (auto ok = domain::access::CheckRole(SubjectOf(actor), Kind::kWorkCalendar, Op::kEdit); !ok)
    return std::unexpected(ok.error());
  if (!domain::IsIsoDate(date)) return InvalidField("date", "date_invalid", "日期无效");
  auto k = domain::ParseDayKind(kind);
  if (!k) return InvalidField("kind", "kind_invalid", "请选择法定节假日或调休上班");
  store::CalendarDayRow row{date, *k, domain::Trim(name)};
  if (domain::CodePoints(row.name) > 50)
    return InvalidField("name", "name_too_long", "名称不能超过50字");
  return WriteAs(ctx_, actor, [&](Work& w) -> Result<store::CalendarDayRow> {
    store::SaveCalendarDay(w.tx, row);
    Record(w, Transition{{Kind::kWorkCalendar, date},
                         "edit",
                         "",
                         std::string(domain::ToString(*k)),
                         "",
                         row.name,
                         {},
                         {}});
    return row;
  });
}

Status InspectionService::DeleteCalendarDay(const Actor& actor, const std::string& date) {
  if (auto ok = domain::access::CheckRole(SubjectOf(actor), Kind::kWorkCalendar, Op::kEdit); !ok)
    return std::unexpected(ok.error());
  return WriteAs(ctx_, actor, [&](Work& w) -> Status {
    if (!store::DeleteCalendarDay(w.tx, date)) return NotFound("日历设置");
    Record(w, Transition{{Kind::kWorkCalendar, date}, "delete", "", "", "", "", {}, {}});
    return {};
  });
}

// ---- statistics

Result<InspectionStatistics> InspectionService::Statistics(const Actor& actor, int year) {
  auto scope = ScopeOrDeny(actor, Kind::kInspectionTask, kTaskWhat);
  if (!scope) return std::unexpected(scope.error());
  return ctx_.db.Read([&](store::Tx& tx) -> Result<InspectionStatistics> {
    InspectionStatistics out;
    out.tasks = store::TaskStatistics(tx, year, scope->region_codes);
    for (const auto& t : out.tasks) {
      auto it = std::ranges::find_if(out.districts,
                                     [&](const auto& d) { return d.region_code == t.region_code; });
      if (it == out.districts.end()) {
        out.districts.push_back({0, "", t.region_code, t.region_name, 0, 0, 0, 0});
        out.district_tasks.push_back(0);
        it = out.districts.end() - 1;
      }
      it->frame += t.frame;
      it->objects += t.objects;
      it->published += t.published;
      it->closed += t.closed;
      out.district_tasks[it - out.districts.begin()] += 1;
    }
    return out;
  });
}

// ---- 一公开

Result<domain::Page<PublicAnnouncement>> InspectionService::Announcements(
    const std::string& kind, const domain::PageRequest& page) {
  if (kind != "item_list" && kind != "plan" && kind != "task" && kind != "result" && !kind.empty())
    return InvalidField("kind", "kind_invalid", "公示类别无效");
  const std::string k = kind.empty() ? "result" : kind;
  return ctx_.db.Read([&](store::Tx& tx) -> Result<domain::Page<PublicAnnouncement>> {
    domain::Page<PublicAnnouncement> out;
    if (k == "item_list") {
      auto items = store::ListInspectionItems(tx);
      out.total = static_cast<int64_t>(items.size());
      for (const auto& i : items) {
        PublicAnnouncement a;
        a.kind = k;
        a.id = i.id;
        a.title = i.name;
        a.item_name = i.code;
        a.body = "抽查依据：" + i.legal_basis + "\n抽查主体：" + i.authority + "\n抽查对象：" +
                 i.object_scope + "\n抽查比例：" + i.ratio_note + "\n抽查频次：" + i.frequency +
                 "\n检查方式：" + i.method + "\n检查内容：";
        for (size_t n = 0; n < i.checks.size(); ++n) a.body += (n ? "；" : "") + i.checks[n].name;
        a.published_at = i.updated_at ? std::optional(i.updated_at) : std::nullopt;
        out.items.push_back(std::move(a));
      }
    } else if (k == "plan") {
      auto plans = store::ListAcceptedPlans(tx, page);
      out.total = plans.total;
      for (const auto& p : plans.items) {
        PublicAnnouncement a;
        a.kind = k;
        a.id = p.id;
        a.title = p.title;
        a.region_name = p.region_name;
        a.year = p.year;
        a.body = "抽查范围：" + p.scope + "\n批次：" + std::to_string(p.batches) + "\n时间安排：" +
                 p.timing;
        a.published_at = p.decided_at;
        out.items.push_back(std::move(a));
      }
    } else if (k == "task") {
      auto tasks = store::ListAnnouncedTasks(tx, page);
      out.total = tasks.total;
      for (const auto& t : tasks.items) {
        PublicAnnouncement a;
        a.kind = k;
        a.id = t.id;
        a.title = t.name;
        a.region_name = t.region_name;
        a.item_name = t.item_name;
        a.task_date = t.task_date;
        a.objects = store::CountObjects(tx, t.id);
        a.body = std::string(t.directed ? "定向抽查" : "不定向抽查") + "，抽查基数 " +
                 std::to_string(t.frame_size) + " 户，抽取 " + std::to_string(a.objects) + " 户";
        a.published_at = t.drawn_at;
        out.items.push_back(std::move(a));
      }
    } else {
      auto results = store::ListPublishedResults(tx, page);
      out.total = results.total;
      for (const auto& r : results.items) {
        PublicAnnouncement a;
        a.kind = k;
        a.id = r.object_id;
        a.title = r.task_name;
        a.region_name = r.region_name;
        a.item_name = r.item_name;
        a.enterprise_name = r.enterprise_name;
        a.credit_code = r.credit_code;
        a.inspection_date = r.inspection_date;
        a.result = r.result;
        if (auto res = domain::ParseInspectionResult(r.result))
          a.result_name = std::string(domain::DisplayName(*res));
        a.published_at = r.published_at;
        out.items.push_back(std::move(a));
      }
    }
    return out;
  });
}

}  // namespace mvis::services
