#include "services/registry/instrument_service.hpp"

#include <map>
#include <set>

#include "domain/access_resources.hpp"
#include "domain/reason.hpp"
#include "domain/text.hpp"
#include "services/core/audit.hpp"
#include "services/registry/filing_steps.hpp"
#include "services/registry/instrument_codec.hpp"
#include "store/events_store.hpp"
#include "store/instrument_types_store.hpp"
#include "store/regions_store.hpp"

namespace mvis::services {

using domain::FilingAction;
using domain::FilingStatus;
using domain::access::Kind;
using domain::access::Op;

namespace registry {

Result<domain::Instrument> LoadInstrument(store::Tx& tx, const Actor& actor, int64_t id, Op op) {
  auto row = store::FindInstrument(tx, id);
  if (!row) return NotFound("器具");
  if (auto ok =
          domain::access::Check(SubjectOf(actor), domain::access::ResourceOf(*row), op, "器具");
      !ok)
    return std::unexpected(ok.error());
  return *row;
}

std::string Describe(const domain::Instrument& row) {
  return "器具“" + row.data.name + "”（出厂编号 " + row.data.serial_no + "）";
}

Error AboutInstrument(const domain::Instrument& row, Error e) {
  e.message = Describe(row) + "：" + e.message;
  return e;
}

Result<FilingStatus> MoveFiling(Work& w, domain::Instrument& row, FilingAction action,
                                std::string reason,
                                const std::function<void(domain::Instrument&)>& change,
                                std::vector<std::pair<Recipient, Notice>> notices) {
  const FilingStatus from = row.status;
  const bool pending = row.change_pending;
  return Advance(w, Step<FilingStatus>{{Kind::kInstrument, std::to_string(row.id)},
                                       std::string(domain::ToString(action)),
                                       "器具",
                                       from,
                                       domain::NextStatus(from, action, pending),
                                       [&](FilingStatus to) {
                                         row.status = to;
                                         if (change) change(row);
                                         return store::UpdateFilingState(w.tx, row, w.now, from,
                                                                         pending);
                                       },
                                       std::move(reason),
                                       row.data.serial_no,
                                       {},
                                       std::move(notices)});
}

}  // namespace registry

namespace {

using registry::Describe;
using registry::LoadInstrument;
using registry::MoveFiling;

constexpr size_t kMaxBatch = 5000;

bool IsInstallRegion(store::Tx& tx, const std::string& code) {
  auto r = store::FindRegion(tx, code);
  return r && r->IsDistrictLike();
}

std::unexpected<Error> NotMandatory() {
  return Fail(
      ErrorKind::kFailedPrecondition, "not_mandatory",
      "该器具的用途不属于贸易结算、安全防护、医疗卫生、环境监测，不在强制检定范围内，无需备案；"
      "如有需要，可自愿申请非强制检定或校准");
}

// The enterprise acting; its role may do `op` on instruments and it has an organisation.
Status RequireOwner(const Actor& actor, Op op) {
  if (auto ok = domain::access::CheckRole(SubjectOf(actor), Kind::kInstrument, op); !ok) return ok;
  if (!actor.org_id) return Forbidden();
  return {};
}

// Validates `data` (already normalised) against the catalogue, regions and the registry.
Status CheckData(Work& w, domain::InstrumentData& data, int64_t exclude_id) {
  domain::DeriveLegacyChargerCurrents(data);
  auto type = store::FindInstrumentType(w.tx, data.type_code);
  auto errors = domain::ValidateInstrument(
      data, type ? &*type : nullptr, [&](const std::string& c) { return IsInstallRegion(w.tx, c); },
      w.Today());
  if (!errors.empty()) return domain::ValidationFailed(std::move(errors));
  if (auto dup = store::FindActiveDuplicate(w.tx, data.manufacturer, data.model, data.serial_no,
                                            exclude_id)) {
    std::string who = dup->org_id == w.actor.org_id ? "本单位的“" + dup->data.name + "”（编号 " +
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

std::pair<Recipient, Notice> FilingSubmitted(Work& w, const std::string& region, size_t count) {
  return {ToBureausOf{region},
          {"filing_submitted", "新的备案申请",
           w.OrgName() + "提交了" + std::to_string(count) + "台器具的备案申请，请及时审核。"}};
}

// Applies for filing of `row` (just saved or edited) in the same transaction.
Status SubmitNow(Work& w, domain::Instrument& row) {
  auto moved =
      MoveFiling(w, row, FilingAction::kSubmit, "", [&](auto& r) { r.submitted_at = w.now; },
                 {FilingSubmitted(w, row.data.install_region_code, 1)});
  if (!moved) return std::unexpected(moved.error());
  return {};
}

Result<domain::Instrument> Reload(store::Tx& tx, int64_t id) {
  auto row = store::FindInstrument(tx, id);
  if (!row) return Internal("instrument " + std::to_string(id) + " vanished in its transaction");
  return *row;
}

Status CheckIds(const std::vector<int64_t>& ids) {
  if (ids.empty()) return InvalidField("ids", "ids_required", "请至少选择一台器具");
  if (ids.size() > kMaxBatch) return InvalidField("ids", "ids_too_many", "一次最多处理5000台器具");
  return {};
}

}  // namespace

Result<domain::Instrument> InstrumentService::Create(const Actor& actor,
                                                     domain::InstrumentData data, bool submit) {
  if (auto ok = RequireOwner(actor, Op::kCreate); !ok) return std::unexpected(ok.error());
  domain::Normalize(data);
  return WriteAs(ctx_, actor, [&](Work& w) -> Result<domain::Instrument> {
    if (auto ok = CheckData(w, data, 0); !ok) return std::unexpected(ok.error());
    domain::Instrument row;
    row.org_id = *actor.org_id;
    row.data = data;
    row.mandatory = Mandatory(w.tx, data);
    if (submit && !row.mandatory) return NotMandatory();
    row.status = FilingStatus::kDraft;
    row.created_at = row.updated_at = w.now;
    row.id = store::InsertInstrument(w.tx, row);
    Record(w, {{Kind::kInstrument, std::to_string(row.id)},
               std::string(domain::ToString(FilingAction::kEdit)),
               "",
               std::string(domain::ToString(row.status)),
               "登记",
               row.data.serial_no});
    if (submit)
      if (auto ok = SubmitNow(w, row); !ok) return std::unexpected(ok.error());
    return Reload(w.tx, row.id);
  });
}

Result<domain::Instrument> InstrumentService::Update(const Actor& actor, int64_t id,
                                                     domain::InstrumentData data, bool submit) {
  if (auto ok = RequireOwner(actor, Op::kEdit); !ok) return std::unexpected(ok.error());
  domain::Normalize(data);
  return WriteAs(ctx_, actor, [&](Work& w) -> Result<domain::Instrument> {
    auto row = LoadInstrument(w.tx, actor, id, Op::kEdit);
    if (!row) return row;
    if (row->status == FilingStatus::kApproved) {
      // A change request: reviewed before it takes effect; the approved data stays meanwhile.
      auto next =
          domain::NextStatus(row->status, FilingAction::kRequestChange, row->change_pending);
      if (!next) return std::unexpected(next.error());
      if (auto ok = CheckData(w, data, id); !ok) return std::unexpected(ok.error());
      if (!Mandatory(w.tx, data)) return NotMandatory();
      std::string proposed = InstrumentDataToJson(data).dump();
      auto moved = MoveFiling(
          w, *row, FilingAction::kRequestChange, "",
          [&](auto& r) {
            r.change_pending = true;
            r.pending_change = proposed;
            r.last_reason.clear();
          },
          {{ToBureausOf{row->data.install_region_code},
            {"change_submitted", "新的变更申请",
             w.OrgName() + "申请变更已备案器具“" + row->data.name + "”，请及时审核。"}}});
      if (!moved) return std::unexpected(moved.error());
      return Reload(w.tx, id);
    }
    const FilingStatus from = row->status;
    auto edited = domain::NextStatus(from, FilingAction::kEdit, row->change_pending);
    if (!edited) return std::unexpected(edited.error());
    if (auto ok = CheckData(w, data, id); !ok) return std::unexpected(ok.error());
    const bool mandatory = Mandatory(w.tx, data);
    if (submit && !mandatory) return NotMandatory();
    auto saved = Advance(w, Step<FilingStatus>{{Kind::kInstrument, std::to_string(id)},
                                               std::string(domain::ToString(FilingAction::kEdit)),
                                               "器具",
                                               from,
                                               edited,
                                               [&](FilingStatus) {
                                                 return store::UpdateInstrumentData(
                                                     w.tx, id, data, mandatory, w.now, from);
                                               },
                                               "",
                                               row->data.serial_no});
    if (!saved) return std::unexpected(saved.error());
    if (submit) {
      auto fresh = Reload(w.tx, id);
      if (!fresh) return fresh;
      if (auto ok = SubmitNow(w, *fresh); !ok) return std::unexpected(ok.error());
    }
    return Reload(w.tx, id);
  });
}

Status InstrumentService::Delete(const Actor& actor, int64_t id) {
  if (auto ok = RequireOwner(actor, Op::kWithdraw); !ok) return ok;
  return WriteAs(ctx_, actor, [&](Work& w) -> Status {
    auto row = LoadInstrument(w.tx, actor, id, Op::kWithdraw);
    if (!row) return std::unexpected(row.error());
    auto ok = domain::NextStatus(row->status, FilingAction::kDelete, false);
    if (!ok) return std::unexpected(ok.error());
    if (!store::DeleteDraftInstrument(w.tx, id)) return StateChanged("器具");
    Audit(w, {"instrument.delete", "instrument", std::to_string(id),
              "出厂编号 " + row->data.serial_no + " 的草稿已删除"});
    return {};
  });
}

Result<int> InstrumentService::Apply(const Actor& actor, const std::vector<int64_t>& ids) {
  if (auto ok = RequireOwner(actor, Op::kSubmit); !ok) return std::unexpected(ok.error());
  if (auto ok = CheckIds(ids); !ok) return std::unexpected(ok.error());
  return WriteAs(ctx_, actor, [&](Work& w) -> Result<int> {
    std::set<int64_t> seen;
    std::map<std::string, size_t> per_region;
    for (int64_t id : ids) {
      if (!seen.insert(id).second) continue;
      auto row = LoadInstrument(w.tx, actor, id, Op::kSubmit);
      if (!row) {
        if (row.error().kind == ErrorKind::kNotFound)
          return NotFound("器具（编号 " + std::to_string(id) + "）");
        return std::unexpected(row.error());
      }
      if (auto next = domain::NextStatus(row->status, FilingAction::kSubmit, false); !next)
        return std::unexpected(registry::AboutInstrument(*row, next.error()));
      if (!row->mandatory)
        return std::unexpected(registry::AboutInstrument(*row, NotMandatory().error()));
      auto moved =
          MoveFiling(w, *row, FilingAction::kSubmit, "", [&](auto& r) { r.submitted_at = w.now; });
      if (!moved) return std::unexpected(registry::AboutInstrument(*row, moved.error()));
      per_region[row->data.install_region_code]++;
    }
    for (const auto& [region, count] : per_region) {
      auto [to, notice] = FilingSubmitted(w, region, count);
      notice.object_type = "review";  // the bureau's review queue
      Notify(w, to, notice);
    }
    return static_cast<int>(seen.size());
  });
}

Result<domain::Instrument> InstrumentService::Deregister(const Actor& actor, int64_t id,
                                                         const DeregisterInput& in) {
  if (auto ok = RequireOwner(actor, Op::kWithdraw); !ok) return std::unexpected(ok.error());
  auto kind = domain::ParseDeregisterKind(in.kind);
  if (!kind)
    return InvalidField("kind", "deregister_kind_invalid", "请选择注销类型：停用、报废或迁出");
  if (auto ok = domain::CheckReason(in.reason, true, "请填写注销原因"); !ok)
    return std::unexpected(ok.error());
  if (!domain::IsIsoDate(in.date) || in.date > ctx_.clock.Today())
    return InvalidField("date", "date_invalid", "请填写不晚于今天的注销日期（YYYY-MM-DD）");
  return WriteAs(ctx_, actor, [&](Work& w) -> Result<domain::Instrument> {
    auto row = LoadInstrument(w.tx, actor, id, Op::kWithdraw);
    if (!row) return row;
    std::string what(domain::DisplayName(*kind));
    auto moved = MoveFiling(
        w, *row, FilingAction::kDeregister, what + "：" + in.reason,
        [&](auto& r) {
          r.deregister_kind = *kind;
          r.deregister_date = in.date;
          r.last_reason = in.reason;
        },
        {{ToBureausOf{row->data.install_region_code},
          {"deregistered", "器具注销", w.OrgName() + "已将" + Describe(*row) + what + "。"}}});
    if (!moved) return std::unexpected(moved.error());
    return Reload(w.tx, id);
  });
}

Result<domain::Instrument> InstrumentService::Get(const Actor& actor, int64_t id) {
  return ctx_.db.Read([&](store::Tx& tx) { return LoadInstrument(tx, actor, id, Op::kRead); });
}

Result<std::vector<domain::ObjectEvent>> InstrumentService::History(const Actor& actor,
                                                                    int64_t id) {
  return ctx_.db.Read([&](store::Tx& tx) -> Result<std::vector<domain::ObjectEvent>> {
    auto row = LoadInstrument(tx, actor, id, Op::kRead);
    if (!row) return std::unexpected(row.error());
    return store::ListEvents(tx, "instrument", std::to_string(id));
  });
}

}  // namespace mvis::services
