// Batch imports: the upload record and its rows held for preview and correction.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/import_batch.hpp"
#include "store/database.hpp"
#include "store/page.hpp"

namespace mvis::store {

struct ImportRowRecord {
  int64_t row_no = 0;
  domain::ImportRowState state = domain::ImportRowState::kValid;
  std::string data;    // EncodeInstrumentData form
  std::string errors;  // JSON array
};

int64_t InsertImport(Tx& tx, const domain::ImportBatch& batch);
std::optional<domain::ImportBatch> FindImport(Tx& tx, int64_t id);
// Writes status, counters, error and progress fields, provided the stored import is still in
// `expected` status; false (nothing written) otherwise.
bool UpdateImport(Tx& tx, const domain::ImportBatch& batch, domain::ImportStatus expected);
void SetImportProgress(Tx& tx, int64_t id, int64_t progress);

// Inserts many rows with one prepared statement.
void InsertImportRows(Tx& tx, int64_t import_id, const std::vector<ImportRowRecord>& rows);
// Rows in sheet order; `states` empty means all but removed.
Page<ImportRowRecord> ListImportRows(Tx& tx, int64_t import_id,
                                     const std::vector<domain::ImportRowState>& states,
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
