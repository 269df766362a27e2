// Login CAPTCHA challenges (table captchas): created, then taken once.
#pragma once

#include <optional>
#include <string>

#include "store/database.hpp"

namespace mvis::store {

void InsertCaptcha(Tx& tx, const std::string& id, const std::string& answer_hash,
                   int64_t expires_at);
// Deletes the challenge and returns its answer hash when it existed and had not expired at
// `now`; a challenge is answered at most once, whatever the answer.
std::optional<std::string> TakeCaptcha(Tx& tx, const std::string& id, int64_t now);
int64_t DeleteCaptchasBefore(Tx& tx, int64_t now);

}  // namespace mvis::store
