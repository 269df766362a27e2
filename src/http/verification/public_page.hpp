// The server-rendered public verification page behind a label's QR code (/v/<token>): plain,
// mobile-friendly HTML with inline CSS and no JavaScript, showing no personal data.
#pragma once

#include <string>

#include "services/verification/verification_views.hpp"

namespace mvis::http {

std::string RenderPublicPage(const services::PublicCheck& check);
// The page for a token that does not verify (forged, altered, unknown).
std::string RenderInvalidLabelPage();
// The page answered when a client exceeds its request budget.
std::string RenderRateLimitedPage();
// The page answered when the check itself failed (database unavailable).
std::string RenderUnavailablePage();

std::string HtmlEscape(const std::string& text);

}  // namespace mvis::http
