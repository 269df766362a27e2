// Acceptance checks (发改委验收) and the registry lookups they and the public lookup need.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/page.hpp"
#include "store/database.hpp"
#include "store/page.hpp"

namespace mvis::store {

// A charger as the evidence shows it: registry data plus its latest certificate (any status).
struct EvidenceInstrument {
  int64_t id = 0;
  int64_t org_id = 0;
  std::string equipment_id, manufacturer, serial_no, status, verification_state, valid_until;
  std::string region_code, district_name;
  std::optional<int64_t> filed_at;  // approved_at, else submitted_at
  // The latest certificate or result notice (revision of the latest number).
  std::string certificate_no, certificate_kind, certificate_status, institute_name, verified_on,
      certificate_valid_until, token;
};

// The filed (not draft) instrument with this EquipmentID, or with this manufacturer and serial
// number (exact); the live one before a deregistered one.
std::optional<EvidenceInstrument> FindByEquipmentId(Tx& tx, const std::string& equipment_id);
std::optional<EvidenceInstrument> FindByIdentity(Tx& tx, const std::string& manufacturer,
                                                 const std::string& serial_no);

struct StationChargers {
  std::string station_name, org_name;
  std::vector<std::string> equipment_ids;
};
// Stations whose name contains `q`, with their filed chargers' EquipmentIDs (up to `limit`).
std::vector<StationChargers> FindStations(Tx& tx, const std::string& q, int limit);

struct AcceptanceCheckRow {
  int64_t id = 0;
  std::string token, project_name, owner_name;
  std::optional<int64_t> owner_org_id;
  std::string station_names = "[]", verdict, checked_on, counts = "{}";
  int64_t item_count = 0, gap_count = 0;
  int64_t creator_org_id = 0;
  std::string region_code;
  int64_t created_by = 0;
  std::string created_by_name;
  int64_t created_at = 0;
};
struct AcceptanceItemRow {
  int seq = 0;
  std::optional<int64_t> instrument_id;
  std::string status, data;  // data: JSON of the item as shown
};

int64_t InsertAcceptanceCheck(Tx& tx, const AcceptanceCheckRow& row);
void SetAcceptanceToken(Tx& tx, int64_t id, const std::string& token);
void InsertAcceptanceItem(Tx& tx, int64_t check_id, const AcceptanceItemRow& item);
std::optional<AcceptanceCheckRow> FindAcceptanceCheck(Tx& tx, int64_t id);
std::optional<AcceptanceCheckRow> FindAcceptanceCheckByToken(Tx& tx, const std::string& token);
std::vector<AcceptanceItemRow> ListAcceptanceItems(Tx& tx, int64_t check_id);

struct AcceptanceFilter {
  std::optional<int64_t> owner_org_id;
  std::optional<std::vector<std::string>> region_codes;
  std::string q;        // project or owner name contains
  std::string verdict;  // passed | gaps | ""
};
domain::Page<AcceptanceCheckRow> ListAcceptanceChecks(Tx& tx, const AcceptanceFilter& f,
                                                      const PageRequest& page);

}  // namespace mvis::store
