// Row validation for imports: the single-entry rules (ValidateInstrument) with the catalogue
// and districts loaded once, plus duplicates within the file and against the registry.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "domain/import_batch.hpp"
#include "domain/import_mapping.hpp"
#include "store/database.hpp"

namespace mvis::services {

struct CheckedRow {
  int64_t row = 0;
  domain::InstrumentData data;
  std::vector<FieldError> errors;  // conversion errors on input; all errors on output
  domain::ImportRowState state = domain::ImportRowState::kValid;  // output
  bool mandatory = true;                                          // output
};

class ImportValidator {
 public:
  // Loads the catalogue and the districts; `org_id` owns the import; `today` (YYYY-MM-DD)
  // bounds dates of first use.
  ImportValidator(store::Tx& tx, int64_t org_id, std::string today);

  const domain::ImportCatalogue& catalogue() const { return catalogue_; }

  // Validates `rows` (one chunk of a file, in sheet order). Duplicate keys are remembered across
  // calls, so the whole file is checked for repeats by feeding every chunk in order.
  void Check(store::Tx& tx, std::vector<CheckedRow>& rows);

 private:
  int64_t org_id_;
  std::string today_;
  domain::ImportCatalogue catalogue_;
  std::map<std::string, bool> install_regions_;
  std::map<std::string, int64_t> first_row_of_key_;
};

// Serialises row errors as a JSON array of {field, code, message}.
std::string ErrorsToJson(const std::vector<FieldError>& errors);
std::vector<FieldError> ErrorsFromJson(const std::string& json);

}  // namespace mvis::services
