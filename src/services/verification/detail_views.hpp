// Building the verification business's read views (internal to services/verification): an
// appointment's detail as one viewer may see it, a record with its document, a certificate's live
// status.
#pragma once

#include <string>

#include "services/core/context.hpp"
#include "services/verification/verification_views.hpp"

namespace mvis::services::verification {

// `a` with its instruments (those the viewer may see), timeline, the institute's contact, the
// records the viewer may see, and the contact phone masked unless the viewer needs it.
AppointmentDetail DetailOf(store::Tx& tx, const Actor& viewer, domain::Appointment a,
                           const std::string& today);
// `record` with its document's latest revision and live status, once approved.
VerificationView RecordViewOf(store::Tx& tx, domain::VerificationRecord record,
                              const std::string& today);
// The live status of certificate revision `c` (the latest of its number) on `today`.
domain::LiveStatus LiveStatusOf(store::Tx& tx, const domain::Certificate& c,
                                const std::string& today);

}  // namespace mvis::services::verification
