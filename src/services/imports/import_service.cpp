#include "services/imports/import_service.hpp"

#include <spdlog/spdlog.h>

#include "domain/import_mapping.hpp"
#include "services/core/audit.hpp"
#include "services/core/workflow.hpp"
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

namespace imports {

Result<domain::ImportBatch> LoadImport(store::Tx& tx, const Actor& actor, int64_t id, Op op) {
  auto record = store::FindImport(tx, id);
  if (!record) return NotFound("导入记录");
  domain::access::Resource r{Kind::kImport};
  r.owner_org_id = record->org_id;
  if (auto ok = domain::access::Check(SubjectOf(actor), r, op, "导入记录"); !ok)
    return std::unexpected(ok.error());
  return *record;
}

}  // namespace imports

namespace {

using imports::LoadImport;

constexpr size_t kChunk = 5000;

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

// Counts and the first errors of an import, from its stored rows.
ImportSummary Summarise(store::Tx& tx, const domain::ImportBatch& record) {
  ImportSummary s;
  s.record = record;
  if (record.status == ImportStatus::kParsing || record.status == ImportStatus::kFailed) return s;
  auto errors = store::ListImportRows(tx, record.id, {ImportRowState::kError},
                                      {1, static_cast<int>(ImportService::kMaxListedErrors)});
  s.rows_error = errors.total;
  for (const auto& r : errors.items) {
    for (auto& e : ToImportErrors(r.row_no, ErrorsFromJson(r.errors))) {
      if (s.errors.size() < ImportService::kMaxListedErrors) s.errors.push_back(std::move(e));
    }
  }
  return s;
}

// Recounts valid/existing rows after edits (of a ready import); false when it is ready no more.
bool Recount(store::Tx& tx, domain::ImportBatch& record, int64_t now) {
  record.rows_valid = store::ListImportRows(tx, record.id, {ImportRowState::kValid}, {1, 1}).total;
  record.rows_existing =
      store::ListImportRows(tx, record.id, {ImportRowState::kExisting}, {1, 1}).total;
  record.rows_total = store::ListImportRows(tx, record.id, {}, {1, 1}).total;
  record.updated_at = now;
  return store::UpdateImport(tx, record, ImportStatus::kReady);
}

}  // namespace

Result<ImportSummary> ImportService::Upload(const Actor& actor, std::string filename,
                                            std::string bytes, bool wait,
                                            std::function<void(int64_t)> on_progress) {
  if (auto ok = RequireEnterprise(actor, Op::kCreate); !ok) return std::unexpected(ok.error());
  if (bytes.size() > limits_.max_file_bytes) {
    return Fail(
        ErrorKind::kPayloadTooLarge, "file_too_large",
        "文件超过" + std::to_string(limits_.max_file_bytes >> 20) + " MB，请拆分后分批导入");
  }
  if (io::DetectSpreadsheetFormat(bytes) == io::SpreadsheetFormat::kUnknown) {
    return Fail(ErrorKind::kInvalidArgument, "not_a_spreadsheet",
                "文件不是有效的 Excel（.xlsx）或 CSV 文件");
  }
  if (filename.size() > 200) filename.resize(200);
  auto record = WriteAs(ctx_, actor, [&](Work& w) -> Result<domain::ImportBatch> {
    domain::ImportBatch r;
    r.org_id = *actor.org_id;
    r.user_id = actor.user_id;
    r.filename = filename;
    r.status = ImportStatus::kParsing;
    r.created_at = r.updated_at = w.now;
    r.id = store::InsertImport(w.tx, r);
    Audit(w, {"import.upload", "import", std::to_string(r.id),
              filename + " (" + std::to_string(bytes.size()) + " bytes)"});
    return r;
  });
  if (!record) return std::unexpected(record.error());
  auto shared = std::make_shared<std::string>(std::move(bytes));
  auto job = jobs_.Submit([this, rec = *record, shared, on_progress] {
    auto parsed = Parse(rec, *shared, on_progress);
    if (!parsed) {
      auto failed = ctx_.db.Write([&](store::Tx& tx) -> Status {
        auto r = store::FindImport(tx, rec.id);
        if (!r) return Internal("import " + std::to_string(rec.id) + " vanished");
        r->status = ImportStatus::kFailed;
        r->error_code = parsed.error().code;
        r->error_message = parsed.error().message;
        r->updated_at = ctx_.clock.Now();
        store::UpdateImport(tx, *r, ImportStatus::kParsing);
        return {};
      });
      if (!failed) spdlog::error("import {}: could not record the failure", rec.id);
    }
  });
  if (!wait) return ImportSummary{*record, {}, 0};
  job.wait();
  auto summary = Summary(actor, record->id);
  if (summary && summary->record.status == ImportStatus::kFailed) {
    const auto& r = summary->record;
    ErrorKind kind = r.error_code == "file_too_large" || r.error_code == "uncompressed_too_large"
                         ? ErrorKind::kPayloadTooLarge
                         : ErrorKind::kInvalidArgument;
    return Fail(kind, r.error_code, r.error_message);
  }
  return summary;
}

Status ImportService::Parse(const domain::ImportBatch& record, const std::string& bytes,
                            const std::function<void(int64_t)>& on_progress) {
  // One validator for the whole file (duplicate keys span chunks); each chunk is validated and
  // stored in its own short transaction so the preview fills while parsing continues.
  std::unique_ptr<ImportValidator> validator;
  auto init = ctx_.db.Read([&](store::Tx& tx) -> Status {
    validator = std::make_unique<ImportValidator>(tx, record.org_id, ctx_.clock.Today());
    return {};
  });
  if (!init) return init;
  std::optional<domain::HeaderMap> header;
  std::vector<CheckedRow> chunk;
  std::vector<std::string> texts;
  int64_t seen = 0, total = 0, valid = 0, existing = 0;
  Status failure;
  auto flush = [&]() -> bool {
    if (chunk.empty()) return true;
    auto stored = ctx_.db.Write([&](store::Tx& tx) -> Status {
      validator->Check(tx, chunk);
      std::vector<store::ImportRowRecord> rows;
      rows.reserve(chunk.size());
      for (const auto& r : chunk) {
        valid += r.state == ImportRowState::kValid;
        existing += r.state == ImportRowState::kExisting;
        rows.push_back({r.row, r.state, EncodeInstrumentData(r.data), ErrorsToJson(r.errors)});
      }
      store::InsertImportRows(tx, record.id, rows);
      store::SetImportProgress(tx, record.id, seen);
      return {};
    });
    chunk.clear();
    if (!stored) failure = stored;
    if (on_progress) on_progress(seen);
    return stored.has_value();
  };
  auto read = io::ReadSpreadsheet(
      bytes, record.filename, limits_,
      [&](int64_t row_no, const std::vector<io::Cell>& cells) {
        ++seen;
        texts.clear();
        for (const auto& c : cells) texts.push_back(c.text);
        if (!header) {
          header = domain::MatchHeader(texts);
          if (!header && row_no >= 10) {
            failure = Fail(ErrorKind::kInvalidArgument, "import_header_missing",
                           "未在前10行找到表头，请使用系统提供的导入模板");
            return false;
          }
          if (header) {
            auto missing = domain::MissingColumns(*header);
            if (!missing.empty()) {
              std::string names;
              for (const auto& m : missing) names += (names.empty() ? "" : "、") + m;
              failure = Fail(ErrorKind::kInvalidArgument, "import_columns_missing",
                             "缺少必填列：" + names);
              return false;
            }
          }
          return true;
        }
        auto mapped = domain::MapImportRow(*header, texts, validator->catalogue());
        if (mapped.empty || mapped.example) return true;
        ++total;
        chunk.push_back({row_no, std::move(mapped.data), std::move(mapped.errors),
                         ImportRowState::kValid, true});
        return chunk.size() < kChunk || flush();
      },
      {domain::kTemplateSheet, false});
  if (!read) return read;
  if (!failure) return failure;
  if (!header)
    return Fail(ErrorKind::kInvalidArgument, "import_header_missing",
                "未找到表头，请使用系统提供的导入模板");
  if (!flush()) return failure;
  if (total == 0)
    return Fail(ErrorKind::kInvalidArgument, "import_empty",
                "文件中没有可导入的数据行（示例行会被自动跳过）");
  return ctx_.db.Write([&](store::Tx& tx) -> Status {
    auto r = store::FindImport(tx, record.id);
    if (!r) return Internal("import " + std::to_string(record.id) + " vanished");
    auto ready = domain::NextStatus(r->status, domain::ImportAction::kFinishParsing);
    if (!ready) return std::unexpected(ready.error());
    r->status = *ready;
    r->rows_total = total;
    r->rows_valid = valid;
    r->rows_existing = existing;
    r->progress = seen;
    r->updated_at = ctx_.clock.Now();
    if (!store::UpdateImport(tx, *r, ImportStatus::kParsing)) return StateChanged("导入记录");
    return {};
  });
}

Result<ImportSummary> ImportService::Summary(const Actor& actor, int64_t id) {
  if (auto ok = RequireEnterprise(actor, Op::kRead); !ok) return std::unexpected(ok.error());
  return ctx_.db.Read([&](store::Tx& tx) -> Result<ImportSummary> {
    auto record = LoadImport(tx, actor, id, Op::kRead);
    if (!record) return std::unexpected(record.error());
    return Summarise(tx, *record);
  });
}

Result<ImportDetail> ImportService::Detail(const Actor& actor, int64_t id, const std::string& state,
                                           const domain::PageRequest& page) {
  auto summary = Summary(actor, id);
  if (!summary) return std::unexpected(summary.error());
  ImportDetail d{std::move(*summary), {}};
  if (d.summary.record.status == ImportStatus::kReady ||
      d.summary.record.status == ImportStatus::kCommitted) {
    auto rows = Rows(actor, id, state, page);
    if (!rows) return std::unexpected(rows.error());
    d.rows = std::move(*rows);
  }
  return d;
}

Result<domain::Page<ImportRowView>> ImportService::Rows(const Actor& actor, int64_t id,
                                                        const std::string& state,
                                                        const domain::PageRequest& page) {
  if (auto ok = RequireEnterprise(actor, Op::kRead); !ok) return std::unexpected(ok.error());
  std::vector<ImportRowState> states;
  if (!state.empty()) {
    auto parsed = domain::ParseImportRowState(state);
    if (!parsed || *parsed == ImportRowState::kRemoved)
      return InvalidField("state", "state_invalid", "行状态筛选无效");
    states = {*parsed};
  }
  return ctx_.db.Read([&](store::Tx& tx) -> Result<domain::Page<ImportRowView>> {
    auto record = LoadImport(tx, actor, id, Op::kRead);
    if (!record) return std::unexpected(record.error());
    auto rows = store::ListImportRows(tx, id, states, page);
    domain::Page<ImportRowView> out;
    out.total = rows.total;
    for (const auto& r : rows.items) out.items.push_back(ToView(r));
    return out;
  });
}

namespace {

// Re-validates every remaining row of the import in sheet order, calling `on_chunk` with each
// checked chunk (inside the caller's transaction).
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

}  // namespace

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
              "row " + std::to_string(row_no) + " corrected"});
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
              "row " + std::to_string(row_no) + " removed"});
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
              std::to_string(created) + " instruments created as drafts from " + record->filename});
    return created;
  });
}

}  // namespace mvis::services
