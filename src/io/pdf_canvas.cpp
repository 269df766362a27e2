#include "io/pdf_canvas.hpp"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cstring>
#include <memory>

namespace mvis::io::pdf {

namespace {

struct GObjectUnref {
  void operator()(void* object) const { g_object_unref(object); }
};
using LayoutPtr = std::unique_ptr<PangoLayout, GObjectUnref>;

struct FontDescriptionFree {
  void operator()(PangoFontDescription* font) const { pango_font_description_free(font); }
};

cairo_status_t AppendToString(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

// Pango wants valid UTF-8; anything else is repaired with U+FFFD instead of being dropped.
std::string ValidUtf8(const std::string& text) {
  if (g_utf8_validate(text.data(), static_cast<gssize>(text.size()), nullptr)) return text;
  char* fixed = g_utf8_make_valid(text.data(), static_cast<gssize>(text.size()));
  std::string out(fixed);
  g_free(fixed);
  return out;
}

// A layout for `text` in the canvas's pango context.
LayoutPtr MakeLayout(PangoContext* context, const std::string& text, const TextStyle& style,
                     double width) {
  LayoutPtr layout(pango_layout_new(context));
  const bool heading = style.face == Face::kHeading;
  std::unique_ptr<PangoFontDescription, FontDescriptionFree> font(
      pango_font_description_from_string(heading ? "Noto Serif CJK SC" : "Noto Sans CJK SC"));
  pango_font_description_set_weight(font.get(), heading ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_font_description_set_absolute_size(font.get(), style.size * PANGO_SCALE);
  pango_layout_set_font_description(layout.get(), font.get());

  if (style.letter_spacing != 0) {
    PangoAttrList* attrs = pango_attr_list_new();
    pango_attr_list_insert(
        attrs, pango_attr_letter_spacing_new(static_cast<int>(style.letter_spacing * PANGO_SCALE)));
    pango_layout_set_attributes(layout.get(), attrs);
    pango_attr_list_unref(attrs);
  }
  std::string valid = ValidUtf8(text);
  pango_layout_set_text(layout.get(), valid.data(), static_cast<int>(valid.size()));
  if (style.wrap) {
    pango_layout_set_width(layout.get(), static_cast<int>(std::max(width, 1.0) * PANGO_SCALE));
    pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(layout.get(), style.align == Align::kCenter  ? PANGO_ALIGN_CENTER
                                             : style.align == Align::kRight ? PANGO_ALIGN_RIGHT
                                                                            : PANGO_ALIGN_LEFT);
    if (style.max_lines > 0) {
      pango_layout_set_height(layout.get(), -style.max_lines);
      pango_layout_set_ellipsize(layout.get(), PANGO_ELLIPSIZE_END);
    }
  }
  return layout;
}

TextSize LogicalSize(PangoLayout* layout) {
  PangoRectangle logical;
  pango_layout_get_extents(layout, nullptr, &logical);
  return {static_cast<double>(logical.width) / PANGO_SCALE,
          static_cast<double>(logical.height) / PANGO_SCALE};
}

void SetColor(cairo_t* cr, Rgb color) { cairo_set_source_rgb(cr, color.r, color.g, color.b); }

}  // namespace

PdfCanvas::PdfCanvas(double width, double height, const std::string& title) {
  surface_ = cairo_pdf_surface_create_for_stream(AppendToString, &bytes_, width, height);
#if CAIRO_VERSION >= CAIRO_VERSION_ENCODE(1, 16, 0)
  cairo_pdf_surface_set_metadata(surface_, CAIRO_PDF_METADATA_TITLE, ValidUtf8(title).c_str());
  cairo_pdf_surface_set_metadata(surface_, CAIRO_PDF_METADATA_CREATOR, "mvis");
#else
  (void)title;
#endif
  cr_ = cairo_create(surface_);
  // Outline metrics (no hinting), so that measuring and drawing agree and glyph positions in the
  // PDF are exact.
  pango_ = pango_cairo_create_context(cr_);
  cairo_font_options_t* options = cairo_font_options_create();
  cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options(pango_, options);
  cairo_font_options_destroy(options);
  pango_context_set_round_glyph_positions(pango_, FALSE);
}

PdfCanvas::~PdfCanvas() {
  if (pango_ != nullptr) g_object_unref(pango_);
  if (cr_ != nullptr) cairo_destroy(cr_);
  if (surface_ != nullptr) cairo_surface_destroy(surface_);
}

void PdfCanvas::NewPage(double width, double height) {
  cairo_show_page(cr_);
  cairo_pdf_surface_set_size(surface_, width, height);
  ++pages_;
}

TextSize PdfCanvas::Measure(const std::string& text, const TextStyle& style, double width) const {
  LayoutPtr layout = MakeLayout(pango_, text, style, width);
  return LogicalSize(layout.get());
}

double PdfCanvas::Text(double x, double y, double width, const std::string& text,
                       const TextStyle& style) {
  LayoutPtr layout = MakeLayout(pango_, text, style, width);
  TextSize size = LogicalSize(layout.get());
  if (!style.wrap && style.align != Align::kLeft) {
    double slack = width - size.width;
    x += style.align == Align::kCenter ? slack / 2 : slack;
  }
  SetColor(cr_, style.color);
  cairo_move_to(cr_, x, y);
  pango_cairo_show_layout(cr_, layout.get());
  return size.height;
}

void PdfCanvas::Line(double x1, double y1, double x2, double y2, double line_width, Rgb color) {
  SetColor(cr_, color);
  cairo_set_line_width(cr_, line_width);
  cairo_move_to(cr_, x1, y1);
  cairo_line_to(cr_, x2, y2);
  cairo_stroke(cr_);
}

void PdfCanvas::FillRect(double x, double y, double w, double h, Rgb color) {
  SetColor(cr_, color);
  cairo_rectangle(cr_, x, y, w, h);
  cairo_fill(cr_);
}

void PdfCanvas::StrokeRect(double x, double y, double w, double h, double line_width, Rgb color,
                           double corner_radius) {
  SetColor(cr_, color);
  cairo_set_line_width(cr_, line_width);
  if (corner_radius <= 0) {
    cairo_rectangle(cr_, x, y, w, h);
  } else {
    double r = std::min(corner_radius, std::min(w, h) / 2);
    cairo_new_sub_path(cr_);
    cairo_arc(cr_, x + w - r, y + r, r, -G_PI / 2, 0);
    cairo_arc(cr_, x + w - r, y + h - r, r, 0, G_PI / 2);
    cairo_arc(cr_, x + r, y + h - r, r, G_PI / 2, G_PI);
    cairo_arc(cr_, x + r, y + r, r, G_PI, 3 * G_PI / 2);
    cairo_close_path(cr_);
  }
  cairo_stroke(cr_);
}

double PdfCanvas::RowHeight(const Row& row, const std::vector<double>& widths, double pad) const {
  double height = 0;
  for (size_t i = 0; i < row.size() && i < widths.size(); ++i) {
    height = std::max(height, Measure(row[i].text, row[i].style, widths[i] - 2 * pad).height);
  }
  return height + 2 * pad;
}

void PdfCanvas::DrawRow(double x, double y, const Row& row, const std::vector<double>& widths,
                        double height, double pad) {
  double cell_x = x;
  for (size_t i = 0; i < row.size() && i < widths.size(); ++i) {
    const Cell& cell = row[i];
    if (cell.shaded) FillRect(cell_x, y, widths[i], height, kShade);
    double text_height = Measure(cell.text, cell.style, widths[i] - 2 * pad).height;
    Text(cell_x + pad, y + (height - text_height) / 2, widths[i] - 2 * pad, cell.text, cell.style);
    StrokeRect(cell_x, y, widths[i], height, 0.6);
    cell_x += widths[i];
  }
}

void PdfCanvas::Qr(double x, double y, double size, const std::vector<std::vector<bool>>& modules,
                   int quiet) {
  FillRect(x, y, size, size, kWhite);
  if (modules.empty()) return;
  double unit = size / static_cast<double>(modules.size() + 2 * quiet);
  // One path of horizontal runs, filled at once, so that neighbouring modules show no seams.
  for (size_t r = 0; r < modules.size(); ++r) {
    const auto& row = modules[r];
    for (size_t c = 0; c < row.size();) {
      if (!row[c]) {
        ++c;
        continue;
      }
      size_t end = c;
      while (end < row.size() && row[end]) ++end;
      cairo_rectangle(cr_, x + (quiet + c) * unit, y + (quiet + r) * unit, (end - c) * unit, unit);
      c = end;
    }
  }
  SetColor(cr_, kBlack);
  cairo_fill(cr_);
}

namespace {

struct PngSource {
  const std::string* bytes;
  size_t at = 0;
};

cairo_status_t ReadPng(void* closure, unsigned char* data, unsigned int length) {
  auto* src = static_cast<PngSource*>(closure);
  if (src->at + length > src->bytes->size()) return CAIRO_STATUS_READ_ERROR;
  std::memcpy(data, src->bytes->data() + src->at, length);
  src->at += length;
  return CAIRO_STATUS_SUCCESS;
}

// The decoded image, or null (the caller destroys it).
cairo_surface_t* DecodePng(const std::string& png) {
  if (png.size() < 8 || png.compare(0, 8, "\x89PNG\r\n\x1a\n") != 0) return nullptr;
  PngSource src{&png};
  cairo_surface_t* image = cairo_image_surface_create_from_png_stream(ReadPng, &src);
  if (cairo_surface_status(image) != CAIRO_STATUS_SUCCESS) {
    cairo_surface_destroy(image);
    return nullptr;
  }
  return image;
}

}  // namespace

void PdfCanvas::Png(double cx, double cy, double width, double height, const std::string& png) {
  cairo_surface_t* image = DecodePng(png);
  if (image == nullptr) return;
  const double w = cairo_image_surface_get_width(image);
  const double h = cairo_image_surface_get_height(image);
  const double scale = std::min(width / w, height / h);
  cairo_save(cr_);
  cairo_translate(cr_, cx - w * scale / 2, cy - h * scale / 2);
  cairo_scale(cr_, scale, scale);
  cairo_set_source_surface(cr_, image, 0, 0);
  cairo_paint(cr_);
  cairo_restore(cr_);
  cairo_surface_destroy(image);
}

Result<std::pair<int, int>> CheckPngSize(const std::string& png, int max_side) {
  cairo_surface_t* image = DecodePng(png);
  if (image == nullptr) {
    return Fail(ErrorKind::kInvalidArgument, "seal_invalid", "印章图片应为 PNG 格式");
  }
  const int w = cairo_image_surface_get_width(image);
  const int h = cairo_image_surface_get_height(image);
  cairo_surface_destroy(image);
  if (w < 1 || h < 1 || w > max_side || h > max_side) {
    return Fail(ErrorKind::kInvalidArgument, "seal_invalid",
                "印章图片尺寸应在 " + std::to_string(max_side) + "×" + std::to_string(max_side) +
                    " 像素以内");
  }
  return std::pair{w, h};
}

Result<std::string> PdfCanvas::Finish() {
  cairo_status_t status = cairo_status(cr_);
  cairo_destroy(cr_);
  cr_ = nullptr;
  cairo_surface_finish(surface_);
  if (status == CAIRO_STATUS_SUCCESS) status = cairo_surface_status(surface_);
  cairo_surface_destroy(surface_);
  surface_ = nullptr;
  if (status != CAIRO_STATUS_SUCCESS) {
    return Fail(ErrorKind::kInternal, "pdf_render_failed", "PDF 文件生成失败");
  }
  return std::move(bytes_);
}

}  // namespace mvis::io::pdf
