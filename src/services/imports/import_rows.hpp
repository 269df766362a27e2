// Pieces shared by the import use cases: loading an import under the access policy, row views
// and errors, recounting and re-validating the stored rows.
#pragma once

#include <functional>
#include <vector>

#include "services/imports/import_service.hpp"
#include "services/imports/import_validator.hpp"
#include "store/imports_store.hpp"

namespace mvis::services::imports {

// Import `id` if `actor` may do `op` to it (the access policy: its enterprise's own).
Result<domain::ImportBatch> LoadImport(store::Tx& tx, const Actor& actor, int64_t id,
                                       domain::access::Op op);

// Rows are parsed, validated and stored in chunks of this many.
constexpr size_t kChunk = 5000;

// Only an enterprise user with an organisation may use imports.
Status RequireEnterprise(const Actor& actor, domain::access::Op op);

std::vector<ImportError> ToImportErrors(int64_t row, const std::vector<FieldError>& errors);
ImportRowView ToView(const store::ImportRowRecord& r);

// Recounts valid/existing rows after edits (of a ready import); false when it is ready no more.
bool Recount(store::Tx& tx, domain::ImportBatch& record, int64_t now);

// Re-validates every remaining row of the import in sheet order, calling `on_chunk` with each
// checked chunk (inside the caller's transaction).
void Revalidate(store::Tx& tx, int64_t import_id, int64_t org_id, const std::string& today,
                const std::function<void(std::vector<CheckedRow>&)>& on_chunk);

}  // namespace mvis::services::imports
