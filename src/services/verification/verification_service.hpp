// Verification records (检定记录) under the instrument type's regulation: the institute enters
// the standards used, environment, insulation precondition, checklist, working error at load
// points and clock error; the conclusion is computed by domain::Assess from the rules in the
// database; three different people sign it off, and the approver's signature issues the
// certificate or result notice (CertificateService) in the same transaction.
//
// Thread safety: stateless; one instance serves all request threads.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/page.hpp"
#include "domain/verification.hpp"
#include "services/core/context.hpp"
#include "services/core/date_range.hpp"
#include "services/verification/certificate_service.hpp"
#include "services/verification/verification_views.hpp"

namespace mvis::services {

struct VerificationInput {
  int64_t appointment_id = 0;
  int64_t instrument_id = 0;
  std::string kind;
  std::string verified_on;
  std::vector<int64_t> standard_ids;
  std::optional<double> temperature_c, humidity_pct, insulation_mohm;
  std::vector<domain::ChecklistEntry> checklist;
  std::vector<domain::LoadPoint> load_points;
  std::optional<double> clock_error_s;
};

struct VerificationQuery {
  std::string status;
  std::optional<int64_t> appointment_id, instrument_id;
  bool awaiting_me = false;  // records waiting for a signature the actor's duties allow
  std::string query;
  DateRange verified;  // verification date
};

class VerificationService {
 public:
  VerificationService(const ServiceContext& ctx, CertificateService& certificates)
      : ctx_(ctx), certificates_(certificates) {}

  Result<VerificationView> Create(const Actor& actor, const VerificationInput& in);
  // Only while the record is a draft (unsigned).
  Result<VerificationView> Update(const Actor& actor, int64_t id, const VerificationInput& in);
  // Signs as `duty` (verifier | checker | approver); the approver's signature issues the document.
  // The signer confirms with their password (403 reauth_failed, nothing signed).
  Result<VerificationView> Sign(const Actor& actor, int64_t id, const std::string& duty,
                                const std::string& password);
  Result<VerificationView> SendBack(const Actor& actor, int64_t id, const std::string& reason);

  Result<VerificationView> Get(const Actor& actor, int64_t id);
  Result<domain::Page<VerificationView>> List(const Actor& actor, const VerificationQuery& q,
                                              const domain::PageRequest& page);
  // Records waiting for a signature the actor may give (home page).
  Result<int64_t> AwaitingMe(const Actor& actor);

 private:
  const ServiceContext& ctx_;
  CertificateService& certificates_;
};

namespace verification {

// Record `id` if `actor` may do `op` to it (the access policy).
Result<domain::VerificationRecord> LoadRecord(store::Tx& tx, const Actor& actor, int64_t id,
                                              domain::access::Op op);

}  // namespace verification

}  // namespace mvis::services
