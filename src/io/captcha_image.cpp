#include "io/captcha_image.hpp"

#include <cairo.h>

#include <cctype>
#include <cmath>
#include <memory>

namespace mvis::io {
namespace {

// Reads the noise bytes in turn (wrapping), as numbers in [0, 1).
class Dice {
 public:
  explicit Dice(std::string_view bytes) : bytes_(bytes) {}
  double Next() {
    auto b = static_cast<unsigned char>(bytes_[at_++ % bytes_.size()]);
    return b / 256.0;
  }
  double Between(double lo, double hi) { return lo + (hi - lo) * Next(); }

 private:
  std::string_view bytes_;
  size_t at_ = 0;
};

cairo_status_t Append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

void NoiseCurves(cairo_t* cr, Dice& dice, int count, double width) {
  for (int i = 0; i < count; ++i) {
    cairo_set_source_rgb(cr, dice.Between(0.3, 0.7), dice.Between(0.3, 0.7),
                         dice.Between(0.3, 0.7));
    cairo_set_line_width(cr, width);
    cairo_move_to(cr, 0, dice.Between(0, kCaptchaHeight));
    cairo_curve_to(cr, dice.Between(20, 60), dice.Between(0, kCaptchaHeight), dice.Between(70, 110),
                   dice.Between(0, kCaptchaHeight), kCaptchaWidth, dice.Between(0, kCaptchaHeight));
    cairo_stroke(cr);
  }
}

}  // namespace

Result<std::string> RenderCaptchaPng(std::string_view text, std::string_view noise) {
  bool plain = !text.empty() && text.size() <= 8;
  for (char c : text) plain = plain && std::isalnum(static_cast<unsigned char>(c));
  if (!plain || noise.size() < 16) {
    return Fail(ErrorKind::kInvalidArgument, "captcha_text_invalid", "验证码内容无效");
  }
  std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)> surface(
      cairo_image_surface_create(CAIRO_FORMAT_RGB24, kCaptchaWidth, kCaptchaHeight),
      &cairo_surface_destroy);
  std::unique_ptr<cairo_t, decltype(&cairo_destroy)> context(cairo_create(surface.get()),
                                                             &cairo_destroy);
  cairo_t* cr = context.get();
  Dice dice(noise);

  cairo_set_source_rgb(cr, dice.Between(0.9, 1), dice.Between(0.9, 1), dice.Between(0.9, 1));
  cairo_paint(cr);
  NoiseCurves(cr, dice, 3, 1.2);

  cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
  const double cell = (kCaptchaWidth - 16.0) / static_cast<double>(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    cairo_save(cr);
    cairo_set_font_size(cr, dice.Between(24, 30));
    cairo_set_source_rgb(cr, dice.Between(0, 0.45), dice.Between(0, 0.45), dice.Between(0, 0.45));
    const double x = 8 + cell * static_cast<double>(i) + dice.Between(0, cell * 0.25);
    const double y = kCaptchaHeight * 0.72 + dice.Between(-4, 4);
    cairo_translate(cr, x, y);
    cairo_rotate(cr, dice.Between(-0.45, 0.45));
    const char glyph[2] = {text[i], '\0'};
    cairo_show_text(cr, glyph);
    cairo_restore(cr);
  }

  NoiseCurves(cr, dice, 2, 1.6);
  for (int i = 0; i < 60; ++i) {
    cairo_set_source_rgb(cr, dice.Between(0.2, 0.8), dice.Between(0.2, 0.8),
                         dice.Between(0.2, 0.8));
    cairo_arc(cr, dice.Between(0, kCaptchaWidth), dice.Between(0, kCaptchaHeight), 0.9, 0,
              2 * M_PI);
    cairo_fill(cr);
  }

  std::string png;
  if (cairo_surface_write_to_png_stream(surface.get(), Append, &png) != CAIRO_STATUS_SUCCESS ||
      cairo_status(cr) != CAIRO_STATUS_SUCCESS) {
    return Internal("captcha: cairo could not draw the picture");
  }
  return png;
}

}  // namespace mvis::io
