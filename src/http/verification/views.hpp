// JSON shapes of the verification business (docs/verification.md).
#pragma once

#include "http/context.hpp"
#include "services/verification/appointment_service.hpp"
#include "services/verification/certificate_service.hpp"
#include "services/verification/institute_service.hpp"
#include "services/verification/reminder_service.hpp"
#include "services/verification/verification_service.hpp"

namespace mvis::http {

Json InstituteJson(const services::InstituteView& v);
Json StandardJson(const store::StandardRow& s);
Json RulesJson(const services::VerificationRules& r);
// The list form; `detail` adds instruments, events and the institute's verifications.
// `mask_phone`: the viewer has no need for the enterprise contact's full number (regulators).
Json AppointmentJson(const services::AppointmentDetail& d, bool detail, bool mask_phone,
                     const std::vector<services::VerificationView>& verifications = {},
                     const std::string& public_url = "");
Json VerificationJson(const services::VerificationView& v, const std::string& public_url);
Json CertificateJson(const store::CertificateRow& c, const std::string& live_status,
                     const std::string& public_url);
Json CertificateViewJson(const services::CertificateView& v, const std::string& public_url);
Json PublicCheckJson(const services::PublicCheck& p);
Json SummaryJson(const std::vector<services::SummaryRow>& rows, int due_days);

}  // namespace mvis::http
