// The picture of a login CAPTCHA (图形验证码): a few characters drawn with cairo, each turned and
// shifted, over noise curves and dots, as a PNG. Self-hosted: nothing leaves the server.
#pragma once

#include <string>
#include <string_view>

#include "domain/error.hpp"

namespace mvis::io {

inline constexpr int kCaptchaWidth = 132;
inline constexpr int kCaptchaHeight = 44;

// A PNG of `text` (ASCII letters and digits, 1–8 of them). `noise` supplies the random choices
// (angles, offsets, colours, curves): give at least 64 random bytes; the same bytes draw the
// same picture. Errors: captcha_text_invalid; kInternal when cairo fails.
Result<std::string> RenderCaptchaPng(std::string_view text, std::string_view noise);

}  // namespace mvis::io
