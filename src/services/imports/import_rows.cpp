#include "services/imports/import_rows.hpp"

#include "domain/access_policy.hpp"
#include "services/registry/instrument_codec.hpp"
#include "store/imports_store.hpp"

namespace mvis::services::imports {

using domain::ImportRowState;
using domain::ImportStatus;
using domain::access::Kind;
using domain::access::Op;

Result<domain::ImportBatch> LoadImport(store::Tx& tx, const Actor& actor, int64_t id, Op op) {
  auto record = store::FindImport(tx, id);
  if (!record) return NotFound("导入记录");
  domain::access::Resource r{Kind::kImport};
  r.owner_org_id = record->org_id;
  if (auto ok = domain::access::Check(SubjectOf(actor), r, op, "导入记录"); !ok)
    return std::unexpected(ok.error());
  return *record;
}

Status RequireEnterprise(const Actor& actor, Op op) {
  if (auto ok = domain::access::CheckRole(SubjectOf(actor), Kind::kImport, op); !ok) return ok;
  if (!actor.org_id) return Forbidden();
  return {};
}

std::vector<ImportError> ToImportErrors(int64_t row, const std::vector<FieldError>& errors) {
  std::vector<ImportError> out;
  for (const auto& e : errors)
    out.push_back({row, domain::ColumnHeaderOf(e.field), e.field, e.code, e.message});
  return out;
}

ImportRowView ToView(const store::ImportRowRecord& r) {
  auto data = DecodeInstrumentData(r.data);
  return {r.row_no, r.state, data ? InstrumentDataToJson(*data) : nlohmann::json(nullptr),
          ToImportErrors(r.row_no, ErrorsFromJson(r.errors))};
}

bool Recount(store::Tx& tx, domain::ImportBatch& record, int64_t now) {
  record.rows_valid = store::ListImportRows(tx, record.id, {ImportRowState::kValid}, {1, 1}).total;
  record.rows_existing =
      store::ListImportRows(tx, record.id, {ImportRowState::kExisting}, {1, 1}).total;
  record.rows_total = store::ListImportRows(tx, record.id, {}, {1, 1}).total;
  record.updated_at = now;
  return store::UpdateImport(tx, record, ImportStatus::kReady);
}

void Revalidate(store::Tx& tx, int64_t import_id, int64_t org_id, const std::string& today,
                const std::function<void(std::vector<CheckedRow>&)>& on_chunk) {
  ImportValidator validator(tx, org_id, today);
  int64_t after = 0;
  while (true) {
    auto batch = store::ImportRowsAfter(tx, import_id, after, static_cast<int>(kChunk));
    if (batch.empty()) break;
    after = batch.back().row_no;
    std::vector<CheckedRow> chunk;
    for (const auto& r : batch) {
      if (r.state == ImportRowState::kRemoved) continue;
      auto data = DecodeInstrumentData(r.data);
      CheckedRow row{r.row_no,
                     data ? std::move(*data) : domain::InstrumentData{},
                     {},
                     ImportRowState::kValid,
                     true};
      // A number that could not be read from the sheet left its field empty; keep saying why
      // until the row is edited (which clears stored errors).
      for (const auto& e : ErrorsFromJson(r.errors)) {
        if (e.code == "field_type_invalid") row.errors.push_back(e);
      }
      chunk.push_back(std::move(row));
    }
    if (chunk.empty()) continue;
    validator.Check(tx, chunk);
    on_chunk(chunk);
  }
}

}  // namespace mvis::services::imports
