// 发改委验收: a DRC user checks a charging project's chargers against the registry and the
// certificates; the check is frozen, signed with the label keys (Ed25519) and exported as an
// evidence PDF whose QR opens a public page confirming the result. Also the public lookup
// (公众查询) of one charger by an exact identifier.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "services/core/context.hpp"
#include "services/verification/certificate_service.hpp"
#include "services/verification/label_keyring.hpp"
#include "store/acceptance_store.hpp"

namespace mvis::services {

struct AcceptanceInput {
  std::string project_name, owner_name;
  std::vector<std::string> station_names;
  std::vector<std::string> equipment_ids;
  std::vector<std::pair<std::string, std::string>> identifiers;  // manufacturer, serial number
};

struct AcceptanceView {
  store::AcceptanceCheckRow check;
  nlohmann::json items = nlohmann::json::array();  // as frozen at the check
  std::string public_url;                          // /ac/<token> on the public site
};

struct ParsedIdentifiers {
  std::vector<std::string> equipment_ids;
  std::vector<std::pair<std::string, std::string>> identifiers;
  std::vector<std::pair<int64_t, std::string>> errors;  // row, message
};

// What the public page of a check shows (no personal data).
struct PublicAcceptance {
  std::string project_name, verdict, checked_on, office_name;
  int64_t item_count = 0, gap_count = 0;
};

// The public lookup: the certificate check of the charger, or none.
struct LookupResult {
  std::optional<PublicCheck> check;  // nullopt: no certificate (instrument.certificate_no: a
                                     // result notice, the charger failed)
  store::EvidenceInstrument instrument;
};

class AcceptanceService {
 public:
  AcceptanceService(const ServiceContext& ctx, LabelKeyring& keys, CertificateService& certificates)
      : ctx_(ctx), keys_(keys), certificates_(certificates) {}

  Result<AcceptanceView> Create(const Actor& actor, const AcceptanceInput& input);
  Result<AcceptanceView> Get(const Actor& actor, int64_t id);
  Result<domain::Page<store::AcceptanceCheckRow>> List(const Actor& actor, const std::string& q,
                                                       const std::string& verdict,
                                                       const domain::PageRequest& page);
  Result<std::string> EvidencePdf(const Actor& actor, int64_t id);
  // Reads EquipmentIDs, or 生产厂家 + 出厂编号, from an uploaded .xlsx / .csv.
  Result<ParsedIdentifiers> Parse(const Actor& actor, const std::string& bytes);
  Result<std::vector<store::StationChargers>> Stations(const Actor& actor, const std::string& q);

  // Public: the check behind a signed token (label_invalid when the signature or check fails).
  Result<PublicAcceptance> PublicCheck(const std::string& token);
  // Public: exact EquipmentID, or manufacturer + serial number.
  Result<LookupResult> Lookup(const std::string& equipment_id, const std::string& manufacturer,
                              const std::string& serial_no);

 private:
  const ServiceContext& ctx_;
  LabelKeyring& keys_;
  CertificateService& certificates_;
};

}  // namespace mvis::services
