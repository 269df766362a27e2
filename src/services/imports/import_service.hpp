// Batch import of instruments from the Excel template (or CSV): upload → parse → validate every
// row (same rules as single entry, plus duplicates within the file and against the registry) →
// preview with row/column errors → correct or remove rows → commit all rows as drafts in one
// transaction. Rows already registered by the same enterprise are marked "existing" and skipped,
// so importing the same file twice creates nothing twice.
//
// Thread safety: stateless apart from the JobRunner it submits parsing to.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "domain/access_policy.hpp"
#include "domain/import_batch.hpp"
#include "domain/page.hpp"
#include "io/spreadsheet_reader.hpp"
#include "services/core/context.hpp"
#include "services/core/job_runner.hpp"

namespace mvis::services {

struct ImportError {
  int64_t row = 0;
  std::string column;  // Chinese column header
  std::string field;   // API field name
  std::string code;
  std::string message;
};

struct ImportSummary {
  domain::ImportBatch record;
  std::vector<ImportError> errors;  // the first kMaxListedErrors
  int64_t rows_error = 0;
};

struct ImportRowView {
  int64_t row = 0;
  domain::ImportRowState state = domain::ImportRowState::kValid;
  nlohmann::json data;
  std::vector<ImportError> errors;
};

struct ImportDetail {
  ImportSummary summary;
  domain::Page<ImportRowView> rows;  // empty while parsing or after a failure
};

class ImportService {
 public:
  static constexpr size_t kMaxListedErrors = 1000;

  ImportService(const ServiceContext& ctx, JobRunner& jobs, io::SheetLimits limits = {})
      : ctx_(ctx), jobs_(jobs), limits_(limits) {}

  // The .xlsx template (器具清单 + 填写说明) with today's catalogue and districts.
  Result<std::string> Template(const Actor& actor);

  // Stores the upload and parses it on a worker thread. With `wait` the call returns the
  // finished summary (or the file's error); otherwise at once with status "parsing" (poll
  // Summary). `on_progress(rows_read)` is called from the worker every few thousand rows.
  // Errors: file_* / zip_* / xml_* from the reader, import_header_missing,
  // import_columns_missing, import_empty, payload too large.
  Result<ImportSummary> Upload(const Actor& actor, std::string filename, std::string bytes,
                               bool wait, std::function<void(int64_t)> on_progress = {});

  Result<ImportSummary> Summary(const Actor& actor, int64_t import_id);
  // The summary and, once parsed, one page of rows (`state` as for Rows).
  Result<ImportDetail> Detail(const Actor& actor, int64_t import_id, const std::string& state,
                              const domain::PageRequest& page);
  // Rows in sheet order; `state` filters (valid, error, existing) or "" for all but removed.
  Result<domain::Page<ImportRowView>> Rows(const Actor& actor, int64_t import_id,
                                           const std::string& state,
                                           const domain::PageRequest& page);
  // Replaces a row's data with corrected values and re-validates it (and its duplicates).
  Result<ImportRowView> UpdateRow(const Actor& actor, int64_t import_id, int64_t row,
                                  const nlohmann::json& data);
  Status RemoveRow(const Actor& actor, int64_t import_id, int64_t row);
  // Re-validates every remaining row and, when none has an error, creates all valid rows as
  // drafts in one transaction. Returns how many were created. Errors: import_has_errors (with
  // nothing written), import_not_ready, import_already_committed.
  Result<int64_t> Commit(const Actor& actor, int64_t import_id);
  // The rows with errors as .xlsx, with an error column.
  Result<std::string> ErrorReport(const Actor& actor, int64_t import_id);

 private:
  Status Parse(const domain::ImportBatch& record, const std::string& bytes,
               const std::function<void(int64_t)>& on_progress);

  const ServiceContext& ctx_;
  JobRunner& jobs_;
  io::SheetLimits limits_;
};

}  // namespace mvis::services
