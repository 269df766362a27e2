// A batch import (批量录入) as a small workflow: parsing → ready (rows await correction and
// saving) → committed; parsing → failed (the file could not be read). Each row of a ready import
// is valid, in error, already registered (existing) or removed by the user.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/error.hpp"

namespace mvis::domain {

enum class ImportStatus { kParsing, kReady, kCommitted, kFailed };
enum class ImportAction { kFinishParsing, kFail, kCommit };
enum class ImportRowState { kValid, kError, kExisting, kRemoved };

std::string_view ToString(ImportStatus s);
std::optional<ImportStatus> ParseImportStatus(std::string_view s);
std::string_view ToString(ImportAction a);
std::string_view ToString(ImportRowState s);
std::optional<ImportRowState> ParseImportRowState(std::string_view s);

// An uploaded file and where its import stands.
struct ImportBatch {
  int64_t id = 0;
  int64_t org_id = 0;
  int64_t user_id = 0;
  std::string filename;
  ImportStatus status = ImportStatus::kParsing;
  int64_t rows_total = 0;
  int64_t rows_valid = 0;
  int64_t rows_existing = 0;
  int64_t progress = 0;  // rows read so far
  std::string error_code;
  std::string error_message;
  int64_t created_count = 0;
  int64_t created_at = 0;
  int64_t updated_at = 0;
};

// The status after `action`: failed precondition "import_already_committed" when it was saved
// before, "import_not_ready" when it is not (yet) ready to be changed or saved.
Result<ImportStatus> NextStatus(ImportStatus from, ImportAction action);
// Whether rows may still be corrected or removed (ready, not yet committed); the same errors.
Status CheckEditable(ImportStatus status);

}  // namespace mvis::domain
