#include "services/imports/import_service.hpp"

#include <spdlog/spdlog.h>

#include "domain/import_mapping.hpp"
#include "domain/time.hpp"
#include "services/core/audit.hpp"
#include "services/imports/import_validator.hpp"
#include "services/registry/instrument_codec.hpp"
#include "store/instruments_store.hpp"
#include "store/orgs_store.hpp"

namespace mvis::services {
namespace {

constexpr size_t kChunk = 5000;

Status RequireEnterprise(const Actor& actor) {
  if (!actor.Is(domain::Role::kEnterprise) || !actor.org_id) {
    return Fail(ErrorKind::kPermissionDenied, "permission_denied", "只有运营企业可以批量导入器具");
  }
  return {};
}

Result<store::ImportRecord> LoadOwn(store::Tx& tx, const Actor& actor, int64_t id) {
  auto record = store::FindImport(tx, id);
  if (!record || record->org_id != actor.org_id) return NotFound("导入记录");
  return *record;
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
ImportSummary Summarise(store::Tx& tx, const store::ImportRecord& record) {
  ImportSummary s;
  s.record = record;
  if (record.status == "parsing" || record.status == "failed") return s;
  auto errors = store::ListImportRows(tx, record.id, {"error"},
                                      {1, static_cast<int>(ImportService::kMaxListedErrors)});
  s.rows_error = errors.total;
  for (const auto& r : errors.items) {
    for (auto& e : ToImportErrors(r.row_no, ErrorsFromJson(r.errors))) {
      if (s.errors.size() < ImportService::kMaxListedErrors) s.errors.push_back(std::move(e));
    }
  }
  return s;
}

// Recounts valid/existing rows after edits.
void Recount(store::Tx& tx, store::ImportRecord& record) {
  record.rows_valid = store::ListImportRows(tx, record.id, {"valid"}, {1, 1}).total;
  record.rows_existing = store::ListImportRows(tx, record.id, {"existing"}, {1, 1}).total;
  record.rows_total = store::ListImportRows(tx, record.id, {}, {1, 1}).total;
  record.updated_at = domain::NowSeconds();
  store::UpdateImport(tx, record);
}

}  // namespace

Result<ImportSummary> ImportService::Upload(const Actor& actor, std::string filename,
                                            std::string bytes, bool wait,
                                            std::function<void(int64_t)> on_progress) {
  if (auto ok = RequireEnterprise(actor); !ok) return std::unexpected(ok.error());
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
  const int64_t now = domain::NowSeconds();
  auto record = db_.Write([&](store::Tx& tx) -> Result<store::ImportRecord> {
    store::ImportRecord r;
    r.org_id = *actor.org_id;
    r.user_id = actor.user_id;
    r.filename = filename;
    r.status = "parsing";
    r.created_at = r.updated_at = now;
    r.id = store::InsertImport(tx, r);
    Audit(tx, actor,
          {"import.upload", "import", std::to_string(r.id),
           filename + " (" + std::to_string(bytes.size()) + " bytes)"});
    return r;
  });
  if (!record) return std::unexpected(record.error());
  auto shared = std::make_shared<std::string>(std::move(bytes));
  auto job = jobs_.Submit([this, rec = *record, shared, on_progress] {
    auto parsed = Parse(rec, *shared, on_progress);
    if (!parsed) {
      auto failed = db_.Write([&](store::Tx& tx) -> Status {
        auto r = *store::FindImport(tx, rec.id);
        r.status = "failed";
        r.error_code = parsed.error().code;
        r.error_message = parsed.error().message;
        r.updated_at = domain::NowSeconds();
        store::UpdateImport(tx, r);
        return {};
      });
      if (!failed) spdlog::error("import {}: could not record the failure", rec.id);
    }
  });
  if (!wait) return ImportSummary{*record, {}, 0};
  job.wait();
  auto summary = Summary(actor, record->id);
  if (summary && summary->record.status == "failed") {
    const auto& r = summary->record;
    ErrorKind kind = r.error_code == "file_too_large" || r.error_code == "uncompressed_too_large"
                         ? ErrorKind::kPayloadTooLarge
                         : ErrorKind::kInvalidArgument;
    return Fail(kind, r.error_code, r.error_message);
  }
  return summary;
}

Status ImportService::Parse(const store::ImportRecord& record, const std::string& bytes,
                            const std::function<void(int64_t)>& on_progress) {
  // One validator for the whole file (duplicate keys span chunks); each chunk is validated and
  // stored in its own short transaction so the preview fills while parsing continues.
  std::unique_ptr<ImportValidator> validator;
  auto init = db_.Read([&](store::Tx& tx) -> Status {
    validator = std::make_unique<ImportValidator>(tx, record.org_id);
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
    auto stored = db_.Write([&](store::Tx& tx) -> Status {
      validator->Check(tx, chunk);
      std::vector<store::ImportRowRecord> rows;
      rows.reserve(chunk.size());
      for (const auto& r : chunk) {
        valid += r.state == "valid";
        existing += r.state == "existing";
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
        chunk.push_back({row_no, std::move(mapped.data), std::move(mapped.errors), "", true});
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
  return db_.Write([&](store::Tx& tx) -> Status {
    auto r = *store::FindImport(tx, record.id);
    r.status = "ready";
    r.rows_total = total;
    r.rows_valid = valid;
    r.rows_existing = existing;
    r.progress = seen;
    r.updated_at = domain::NowSeconds();
    store::UpdateImport(tx, r);
    return {};
  });
}

Result<ImportSummary> ImportService::Summary(const Actor& actor, int64_t id) {
  if (auto ok = RequireEnterprise(actor); !ok) return std::unexpected(ok.error());
  return db_.Read([&](store::Tx& tx) -> Result<ImportSummary> {
    auto record = LoadOwn(tx, actor, id);
    if (!record) return std::unexpected(record.error());
    return Summarise(tx, *record);
  });
}

Result<store::Page<ImportRowView>> ImportService::Rows(const Actor& actor, int64_t id,
                                                       const std::string& state,
                                                       const store::PageRequest& page) {
  if (auto ok = RequireEnterprise(actor); !ok) return std::unexpected(ok.error());
  if (!state.empty() && state != "valid" && state != "error" && state != "existing") {
    return InvalidField("state", "state_invalid", "行状态筛选无效");
  }
  return db_.Read([&](store::Tx& tx) -> Result<store::Page<ImportRowView>> {
    auto record = LoadOwn(tx, actor, id);
    if (!record) return std::unexpected(record.error());
    auto rows = store::ListImportRows(
        tx, id, state.empty() ? std::vector<std::string>{} : std::vector<std::string>{state}, page);
    store::Page<ImportRowView> out;
    out.total = rows.total;
    for (const auto& r : rows.items) out.items.push_back(ToView(r));
    return out;
  });
}

namespace {

Status RequireReady(const store::ImportRecord& r) {
  if (r.status == "committed") {
    return Fail(ErrorKind::kFailedPrecondition, "import_already_committed",
                "该批数据已保存，不能再修改或重复保存");
  }
  if (r.status != "ready") {
    return Fail(ErrorKind::kFailedPrecondition, "import_not_ready", "文件尚未解析完成或解析失败");
  }
  return {};
}

// Re-validates every remaining row of the import in sheet order, calling `on_chunk` with each
// checked chunk (inside the caller's transaction).
void Revalidate(store::Tx& tx, int64_t import_id, int64_t org_id,
                const std::function<void(std::vector<CheckedRow>&)>& on_chunk) {
  ImportValidator validator(tx, org_id);
  int64_t after = 0;
  while (true) {
    auto batch = store::ImportRowsAfter(tx, import_id, after, static_cast<int>(kChunk));
    if (batch.empty()) break;
    after = batch.back().row_no;
    std::vector<CheckedRow> chunk;
    for (const auto& r : batch) {
      if (r.state == "removed") continue;
      auto data = DecodeInstrumentData(r.data);
      CheckedRow row{r.row_no, data ? std::move(*data) : domain::InstrumentData{}, {}, "", true};
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

Result<ImportRowView> ImportService::UpdateRow(const Actor& actor, int64_t id, int64_t row_no,
                                               const nlohmann::json& body) {
  if (auto ok = RequireEnterprise(actor); !ok) return std::unexpected(ok.error());
  auto data = InstrumentDataFromJson(body);
  if (!data) return std::unexpected(data.error());
  return db_.Write([&](store::Tx& tx) -> Result<ImportRowView> {
    auto record = LoadOwn(tx, actor, id);
    if (!record) return std::unexpected(record.error());
    if (auto ok = RequireReady(*record); !ok) return std::unexpected(ok.error());
    auto row = store::FindImportRow(tx, id, row_no);
    if (!row || row->state == "removed") return NotFound("导入行");
    row->data = EncodeInstrumentData(*data);
    row->errors.clear();
    store::UpdateImportRow(tx, id, *row);
    // Duplicates depend on the other rows: re-check the whole import.
    std::vector<store::ImportRowRecord> states;
    Revalidate(tx, id, record->org_id, [&](std::vector<CheckedRow>& chunk) {
      for (const auto& r : chunk) states.push_back({r.row, r.state, "", ErrorsToJson(r.errors)});
    });
    store::UpdateImportRowStates(tx, id, states);
    Recount(tx, *record);
    Audit(tx, actor,
          {"import.row.update", "import", std::to_string(id),
           "row " + std::to_string(row_no) + " corrected"});
    return ToView(*store::FindImportRow(tx, id, row_no));
  });
}

Status ImportService::RemoveRow(const Actor& actor, int64_t id, int64_t row_no) {
  if (auto ok = RequireEnterprise(actor); !ok) return ok;
  return db_.Write([&](store::Tx& tx) -> Status {
    auto record = LoadOwn(tx, actor, id);
    if (!record) return std::unexpected(record.error());
    if (auto ok = RequireReady(*record); !ok) return ok;
    auto row = store::FindImportRow(tx, id, row_no);
    if (!row || row->state == "removed") return NotFound("导入行");
    row->state = "removed";
    store::UpdateImportRow(tx, id, *row);
    std::vector<store::ImportRowRecord> states;
    Revalidate(tx, id, record->org_id, [&](std::vector<CheckedRow>& chunk) {
      for (const auto& r : chunk) states.push_back({r.row, r.state, "", ErrorsToJson(r.errors)});
    });
    store::UpdateImportRowStates(tx, id, states);
    Recount(tx, *record);
    Audit(tx, actor,
          {"import.row.remove", "import", std::to_string(id),
           "row " + std::to_string(row_no) + " removed"});
    return {};
  });
}

Result<int64_t> ImportService::Commit(const Actor& actor, int64_t id) {
  if (auto ok = RequireEnterprise(actor); !ok) return std::unexpected(ok.error());
  return db_.Write([&](store::Tx& tx) -> Result<int64_t> {
    auto record = LoadOwn(tx, actor, id);
    if (!record) return std::unexpected(record.error());
    if (auto ok = RequireReady(*record); !ok) return std::unexpected(ok.error());
    const int64_t now = domain::NowSeconds();
    int64_t created = 0, errors = 0;
    std::optional<ImportError> first_error;
    Revalidate(tx, id, record->org_id, [&](std::vector<CheckedRow>& chunk) {
      std::vector<store::NewInstrument> items;
      for (auto& r : chunk) {
        if (r.state == "error") {
          ++errors;
          if (!first_error && !r.errors.empty())
            first_error = ToImportErrors(r.row, r.errors).front();
        } else if (r.state == "valid" && errors == 0) {
          items.push_back({std::move(r.data), r.mandatory});
        }
      }
      if (errors == 0) {
        store::InsertImportedInstruments(tx, record->org_id, id, items, now);
        created += static_cast<int64_t>(items.size());
      }
    });
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
    auto org = store::FindOrg(tx, record->org_id);
    store::InsertImportEvents(tx, id,
                              {0, 0, now, actor.user_id, actor.username, org ? org->name : "",
                               "edit", "", "draft", "批量导入（" + record->filename + "）"});
    record->status = "committed";
    record->created_count = created;
    record->updated_at = now;
    store::UpdateImport(tx, *record);
    Audit(tx, actor,
          {"import.commit", "import", std::to_string(id),
           std::to_string(created) + " instruments created as drafts from " + record->filename});
    return created;
  });
}

}  // namespace mvis::services
