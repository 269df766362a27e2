// JSON shapes of the verification business (docs/verification.md).
#pragma once

#include "http/context.hpp"
#include "services/verification/appointment_service.hpp"
#include "services/verification/certificate_service.hpp"
#include "services/verification/verification_service.hpp"
#include "services/verification/verification_views.hpp"

namespace mvis::http {

Json InstituteJson(const services::InstituteView& v);
Json StandardJson(const services::StandardView& s);
Json RulesJson(const services::VerificationRules& r);
// The list form; `detail` adds instruments, events and the records the viewer may see.
Json AppointmentJson(const services::AppointmentDetail& d, bool detail,
                     const std::string& public_url = "");
Json VerificationJson(const services::VerificationView& v, const std::string& public_url);
Json CertificateJson(const domain::Certificate& c,
                     const std::optional<domain::LiveStatus>& live_status,
                     const std::string& public_url);
Json CertificateViewJson(const services::CertificateView& v, const std::string& public_url);
Json PublicCheckJson(const services::PublicCheck& p);
Json SummaryJson(const std::vector<services::SummaryRow>& rows, int due_days);

// The list filters of a request's query string, shared by the lists and their exports.
Result<services::VerificationQuery> VerificationQueryOf(RequestContext& ctx);
Result<services::CertificateQuery> CertificateQueryOf(RequestContext& ctx);
services::AppointmentQuery AppointmentQueryOf(RequestContext& ctx);

}  // namespace mvis::http
