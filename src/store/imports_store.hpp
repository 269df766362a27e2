// Batch imports: the upload record and its rows held for preview and correction.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"
#include "store/page.hpp"

namespace mvis::store {

struct ImportRecord {
  int64_t id = 0;
  int64_t org_id = 0;
  int64_t user_id = 0;
  std::string filename;
  std::string status;  // parsing, ready, committed, failed
  int64_t rows_total = 0;
  int64_t rows_valid = 0;
  int64_t rows_existing = 0;
  int64_t progress = 0;
  std::string error_code;
  std::string error_message;
  int64_t created_count = 0;
  int64_t created_at = 0;
  int64_t updated_at = 0;
};

struct ImportRowRecord {
  int64_t row_no = 0;
  std::string state;   // valid, error, existing, removed
  std::string data;    // EncodeInstrumentData form
  std::string errors;  // JSON array
};

int64_t InsertImport(Tx& tx, const ImportRecord& record);
std::optional<ImportRecord> FindImport(Tx& tx, int64_t id);
// Writes status, counters, error and progress fields.
void UpdateImport(Tx& tx, const ImportRecord& record);
void SetImportProgress(Tx& tx, int64_t id, int64_t progress);

// Inserts many rows with one prepared statement.
void InsertImportRows(Tx& tx, int64_t import_id, const std::vector<ImportRowRecord>& rows);
// Rows in sheet order; `states` empty means all but removed.
Page<ImportRowRecord> ListImportRows(Tx& tx, int64_t import_id,
                                     const std::vector<std::string>& states,
                                     const PageRequest& page);
// Up to `limit` rows (removed ones included) with row_no > after_row, in sheet order: walks a
// large import in chunks without holding it all in memory.
std::vector<ImportRowRecord> ImportRowsAfter(Tx& tx, int64_t import_id, int64_t after_row,
                                             int limit);
std::optional<ImportRowRecord> FindImportRow(Tx& tx, int64_t import_id, int64_t row_no);
void UpdateImportRow(Tx& tx, int64_t import_id, const ImportRowRecord& row);
// Replaces every row's state and errors (after a full re-validation).
void UpdateImportRowStates(Tx& tx, int64_t import_id, const std::vector<ImportRowRecord>& rows);

}  // namespace mvis::store
