#include "store/imports_store.hpp"

#include "store/sql_builder.hpp"

namespace mvis::store {
namespace {

constexpr char kSelect[] =
    "SELECT id, org_id, user_id, filename, status, rows_total, rows_valid, rows_existing, "
    "progress, "
    "error_code, error_message, created_count, created_at, updated_at FROM imports";

domain::ImportBatch ToRecord(const Row& r) {
  return {r.Int(0),
          r.Int(1),
          r.Int(2),
          r.Str(3),
          Stored(domain::ParseImportStatus(r.Str(4)), "imports.status", r.Str(4)),
          r.Int(5),
          r.Int(6),
          r.Int(7),
          r.Int(8),
          r.Str(9),
          r.Str(10),
          r.Int(11),
          r.Int(12),
          r.Int(13)};
}

ImportRowRecord ToRow(const Row& r) {
  return {r.Int(0), Stored(domain::ParseImportRowState(r.Str(1)), "import_rows.state", r.Str(1)),
          r.Str(2), r.Str(3)};
}

std::string Name(domain::ImportRowState s) { return std::string(domain::ToString(s)); }

}  // namespace

int64_t InsertImport(Tx& tx, const domain::ImportBatch& r) {
  return tx
      .QueryOne(
          "INSERT INTO imports (org_id, user_id, filename, status, created_at, updated_at) VALUES "
          "(?, ?, ?, ?, ?, ?) RETURNING id",
          {r.org_id, r.user_id, r.filename, std::string(domain::ToString(r.status)), r.created_at,
           r.updated_at})
      ->Int(0);
}

std::optional<domain::ImportBatch> FindImport(Tx& tx, int64_t id) {
  auto r = tx.QueryOne(std::string(kSelect) + " WHERE id = ?", {id});
  if (!r) return std::nullopt;
  return ToRecord(*r);
}

bool UpdateImport(Tx& tx, const domain::ImportBatch& r, domain::ImportStatus expected) {
  return tx.Exec(
             "UPDATE imports SET status = ?, rows_total = ?, rows_valid = ?, rows_existing = ?, "
             "progress = ?, error_code = ?, error_message = ?, created_count = ?, updated_at = ? "
             "WHERE id = ? AND status = ?",
             {std::string(domain::ToString(r.status)), r.rows_total, r.rows_valid, r.rows_existing,
              r.progress, r.error_code, r.error_message, r.created_count, r.updated_at, r.id,
              std::string(domain::ToString(expected))}) == 1;
}

void SetImportProgress(Tx& tx, int64_t id, int64_t progress) {
  tx.Exec("UPDATE imports SET progress = ? WHERE id = ?", {progress, id});
}

void InsertImportRows(Tx& tx, int64_t import_id, const std::vector<ImportRowRecord>& rows) {
  BatchStatement insert(
      tx, "INSERT INTO import_rows (import_id, row_no, state, data, errors) VALUES (?, ?, ?, ?, ?)",
      {ParamType::kInt, ParamType::kInt, ParamType::kText, ParamType::kText, ParamType::kText});
  for (const auto& r : rows) insert.Run({import_id, r.row_no, Name(r.state), r.data, r.errors});
}

Page<ImportRowRecord> ListImportRows(Tx& tx, int64_t import_id,
                                     const std::vector<domain::ImportRowState>& states,
                                     const PageRequest& page) {
  Where w;
  w.Add("import_id = ?", {import_id});
  if (states.empty()) {
    w.Add("state <> 'removed'");
  } else {
    std::vector<std::string> names;
    for (auto s : states) names.push_back(Name(s));
    w.AddIn("state", names);
  }
  Page<ImportRowRecord> out;
  out.total = tx.QueryOne("SELECT COUNT(*) FROM import_rows" + w.sql(), w.params())->Int(0);
  auto params = w.params();
  params.push_back(int64_t{page.page_size});
  params.push_back(page.offset());
  for (const auto& r : tx.Query("SELECT row_no, state, data, errors FROM import_rows" + w.sql() +
                                    " ORDER BY row_no LIMIT ? OFFSET ?",
                                params)) {
    out.items.push_back(ToRow(r));
  }
  return out;
}

std::vector<ImportRowRecord> ImportRowsAfter(Tx& tx, int64_t import_id, int64_t after_row,
                                             int limit) {
  std::vector<ImportRowRecord> out;
  for (const auto& r :
       tx.Query("SELECT row_no, state, data, errors FROM import_rows WHERE import_id = ? AND "
                "row_no > ? ORDER BY row_no LIMIT ?",
                {import_id, after_row, int64_t{limit}})) {
    out.push_back(ToRow(r));
  }
  return out;
}

std::optional<ImportRowRecord> FindImportRow(Tx& tx, int64_t import_id, int64_t row_no) {
  auto r = tx.QueryOne(
      "SELECT row_no, state, data, errors FROM import_rows WHERE import_id = ? AND row_no = ?",
      {import_id, row_no});
  if (!r) return std::nullopt;
  return ToRow(*r);
}

void UpdateImportRow(Tx& tx, int64_t import_id, const ImportRowRecord& row) {
  tx.Exec(
      "UPDATE import_rows SET state = ?, data = ?, errors = ? WHERE import_id = ? AND row_no = ?",
      {Name(row.state), row.data, row.errors, import_id, row.row_no});
}

void UpdateImportRowStates(Tx& tx, int64_t import_id, const std::vector<ImportRowRecord>& rows) {
  BatchStatement update(
      tx, "UPDATE import_rows SET state = ?, errors = ? WHERE import_id = ? AND row_no = ?",
      {ParamType::kText, ParamType::kText, ParamType::kInt, ParamType::kInt});
  for (const auto& r : rows) update.Run({Name(r.state), r.errors, import_id, r.row_no});
}

}  // namespace mvis::store
