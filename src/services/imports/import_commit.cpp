#include "services/core/audit.hpp"
#include "services/core/workflow.hpp"
#include "services/imports/import_rows.hpp"
#include "services/imports/import_service.hpp"
#include "services/imports/import_validator.hpp"
#include "services/registry/instrument_codec.hpp"
#include "store/events_store.hpp"
#include "store/imports_store.hpp"
#include "store/instruments_store.hpp"

namespace mvis::services {

using domain::ImportRowState;
using domain::ImportStatus;
using domain::access::Kind;
using domain::access::Op;
using namespace imports;

namespace {

// Re-checks every row (duplicates depend on the other rows) and stores their states and counts.
Status RecheckAll(Work& w, domain::ImportBatch& record) {
  std::vector<store::ImportRowRecord> states;
  Revalidate(w.tx, record.id, record.org_id, w.Today(), [&](std::vector<CheckedRow>& chunk) {
    for (const auto& r : chunk) states.push_back({r.row, r.state, "", ErrorsToJson(r.errors)});
  });
  store::UpdateImportRowStates(w.tx, record.id, states);
  if (!Recount(w.tx, record, w.now)) return StateChanged("导入记录");
  return {};
}

}  // namespace

Result<ImportRowView> ImportService::UpdateRow(const Actor& actor, int64_t id, int64_t row_no,
                                               const nlohmann::json& body) {
  if (auto ok = RequireEnterprise(actor, Op::kEdit); !ok) return std::unexpected(ok.error());
  auto data = InstrumentDataFromJson(body);
  if (!data) return std::unexpected(data.error());
  return WriteAs(ctx_, actor, [&](Work& w) -> Result<ImportRowView> {
    auto record = LoadImport(w.tx, actor, id, Op::kEdit);
    if (!record) return std::unexpected(record.error());
    if (auto ok = domain::CheckEditable(record->status); !ok) return std::unexpected(ok.error());
    auto row = store::FindImportRow(w.tx, id, row_no);
    if (!row || row->state == ImportRowState::kRemoved) return NotFound("导入行");
    row->data = EncodeInstrumentData(*data);
    row->errors.clear();
    store::UpdateImportRow(w.tx, id, *row);
    if (auto ok = RecheckAll(w, *record); !ok) return std::unexpected(ok.error());
    Audit(w, {"import.row.update", "import", std::to_string(id),
              "第" + std::to_string(row_no) + "行已修改"});
    auto updated = store::FindImportRow(w.tx, id, row_no);
    if (!updated) return Internal("import row vanished in its transaction");
    return ToView(*updated);
  });
}

Status ImportService::RemoveRow(const Actor& actor, int64_t id, int64_t row_no) {
  if (auto ok = RequireEnterprise(actor, Op::kEdit); !ok) return ok;
  return WriteAs(ctx_, actor, [&](Work& w) -> Status {
    auto record = LoadImport(w.tx, actor, id, Op::kEdit);
    if (!record) return std::unexpected(record.error());
    if (auto ok = domain::CheckEditable(record->status); !ok) return ok;
    auto row = store::FindImportRow(w.tx, id, row_no);
    if (!row || row->state == ImportRowState::kRemoved) return NotFound("导入行");
    row->state = ImportRowState::kRemoved;
    store::UpdateImportRow(w.tx, id, *row);
    if (auto ok = RecheckAll(w, *record); !ok) return ok;
    Audit(w, {"import.row.remove", "import", std::to_string(id),
              "第" + std::to_string(row_no) + "行已删除"});
    return {};
  });
}

Result<int64_t> ImportService::Commit(const Actor& actor, int64_t id) {
  if (auto ok = RequireEnterprise(actor, Op::kSubmit); !ok) return std::unexpected(ok.error());
  return WriteAs(ctx_, actor, [&](Work& w) -> Result<int64_t> {
    auto record = LoadImport(w.tx, actor, id, Op::kSubmit);
    if (!record) return std::unexpected(record.error());
    int64_t created = 0, errors = 0;
    std::optional<ImportError> first_error;
    // The import is marked committed first, on condition that it is still ready: of two clicks
    // (or two instances) at once, the second waits for the first and then finds it committed.
    const ImportStatus from = record->status;
    auto committed = Advance(
        w, Step<ImportStatus>{
               {Kind::kImport, std::to_string(id)},
               std::string(domain::ToString(domain::ImportAction::kCommit)),
               "导入记录",
               from,
               domain::NextStatus(from, domain::ImportAction::kCommit),
               [&](ImportStatus to) {
                 record->status = to;
                 record->updated_at = w.now;
                 if (!store::UpdateImport(w.tx, *record, from)) return false;
                 Revalidate(
                     w.tx, id, record->org_id, w.Today(), [&](std::vector<CheckedRow>& chunk) {
                       std::vector<store::NewInstrument> items;
                       for (auto& r : chunk) {
                         if (r.state == ImportRowState::kError) {
                           ++errors;
                           if (!first_error && !r.errors.empty())
                             first_error = ToImportErrors(r.row, r.errors).front();
                         } else if (r.state == ImportRowState::kValid && errors == 0) {
                           items.push_back({std::move(r.data), r.mandatory});
                         }
                       }
                       if (errors == 0) {
                         store::InsertImportedInstruments(w.tx, record->org_id, id, items, w.now);
                         created += static_cast<int64_t>(items.size());
                       }
                     });
                 return true;
               },
               "",
               record->filename});
    if (!committed) return std::unexpected(committed.error());
    if (errors > 0) {
      Error e{ErrorKind::kFailedPrecondition,
              "import_has_errors",
              "还有" + std::to_string(errors) + "行存在错误，请修改或删除后再保存（第" +
                  std::to_string(first_error ? first_error->row : 0) + "行“" +
                  (first_error ? first_error->column + "”：" + first_error->message
                               : std::string("”")) +
                  "）",
              {},
              {}};
      return std::unexpected(e);  // rolls back: nothing is written
    }
    record->created_count = created;
    if (!store::UpdateImport(w.tx, *record, ImportStatus::kCommitted))
      return StateChanged("导入记录");
    domain::ObjectEvent e;
    e.at = w.now;
    e.user_id = actor.user_id;
    e.username = actor.username;
    e.org_name = w.OrgName();
    e.action = std::string(domain::ToString(domain::FilingAction::kEdit));
    e.to_status = std::string(domain::ToString(domain::FilingStatus::kDraft));
    e.reason = "批量导入（" + record->filename + "）";
    store::InsertImportedInstrumentEvents(w.tx, id, e);
    Audit(w, {"import.created", "import", std::to_string(id),
              "由 " + record->filename + " 新建待申报器具 " + std::to_string(created) + " 台"});
    return created;
  });
}

}  // namespace mvis::services
