#include "services/imports/import_service.hpp"

#include <spdlog/spdlog.h>

#include "domain/import_mapping.hpp"
#include "services/core/audit.hpp"
#include "services/core/workflow.hpp"
#include "services/imports/import_rows.hpp"
#include "services/imports/import_validator.hpp"
#include "services/registry/instrument_codec.hpp"
#include "store/imports_store.hpp"

namespace mvis::services {

using domain::ImportRowState;
using domain::ImportStatus;
using domain::access::Op;
using namespace imports;

namespace {

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
              filename + "（" + std::to_string(bytes.size()) + " 字节）"});
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

}  // namespace mvis::services
