// Drawing shared by the PDF renderers (certificate_pdf.cpp, label_pdf.cpp): a cairo PDF surface
// that writes into memory, pango text in the Noto CJK fonts, table cells and QR codes. Internal to
// mvis_io. Lengths are PDF points (1/72 inch); Mm converts.
//
// Thread safety: a PdfCanvas belongs to one thread; separate canvases may run concurrently.
#pragma once

#include <cairo.h>
#include <pango/pango.h>

#include <string>
#include <vector>

#include "domain/error.hpp"

namespace mvis::io::pdf {

constexpr double Mm(double mm) { return mm * 72.0 / 25.4; }
constexpr double kA4Width = Mm(210);
constexpr double kA4Height = Mm(297);

struct Rgb {
  double r = 0, g = 0, b = 0;
};
constexpr Rgb kBlack{0, 0, 0};
constexpr Rgb kWhite{1, 1, 1};
constexpr Rgb kGrey{0.35, 0.35, 0.35};
constexpr Rgb kRuleGrey{0.55, 0.55, 0.55};
constexpr Rgb kShade{0.93, 0.94, 0.95};
constexpr Rgb kRed{0.75, 0.08, 0.08};
constexpr Rgb kPaleRed{1.0, 0.95, 0.95};
constexpr Rgb kGreen{0.0, 0.45, 0.2};

// The two faces a document may use. Each face costs 50–90 KB however few glyphs it shows:
// cairo 1.16 keeps the full subroutine index of Noto CJK's CFF outlines in every subset. Titles and
// emphasis therefore share the heading face rather than adding Sans Bold or Serif Regular.
enum class Face {
  kBody,     // Noto Sans CJK SC Regular
  kHeading,  // Noto Serif CJK SC Bold
};
enum class Align { kLeft, kCenter, kRight };

struct TextStyle {
  Face face = Face::kBody;
  double size = 10.5;  // points
  Align align = Align::kLeft;
  Rgb color = kBlack;
  double letter_spacing = 0;  // points between characters
  int max_lines = 0;          // > 0: lines beyond this are cut off with an ellipsis
  bool wrap = true;           // false: one line per paragraph, may overflow `width`
};

struct TextSize {
  double width = 0, height = 0;
};

// One table cell: text with its style and an optional background.
struct Cell {
  std::string text;
  TextStyle style;
  bool shaded = false;
};
using Row = std::vector<Cell>;

class PdfCanvas {
 public:
  // A document whose first page is width × height; `title` goes to the PDF metadata.
  PdfCanvas(double width, double height, const std::string& title);
  ~PdfCanvas();
  PdfCanvas(const PdfCanvas&) = delete;
  PdfCanvas& operator=(const PdfCanvas&) = delete;

  // Ends the current page; the next one is width × height.
  void NewPage(double width, double height);
  int page_count() const { return pages_; }

  // Size of `text` laid out in a box `width` wide (wrapping unless style.wrap is false).
  TextSize Measure(const std::string& text, const TextStyle& style, double width) const;
  // Draws `text` with its box's top-left corner at (x, y); returns the height used.
  double Text(double x, double y, double width, const std::string& text, const TextStyle& style);

  void Line(double x1, double y1, double x2, double y2, double line_width, Rgb color = kBlack);
  void FillRect(double x, double y, double w, double h, Rgb color);
  void StrokeRect(double x, double y, double w, double h, double line_width, Rgb color = kBlack,
                  double corner_radius = 0);

  // Height of a table row whose columns are `widths` wide, `pad` inside each cell edge.
  double RowHeight(const Row& row, const std::vector<double>& widths, double pad) const;
  // Draws a bordered row of the given height, text vertically centred in each cell.
  void DrawRow(double x, double y, const Row& row, const std::vector<double>& widths, double height,
               double pad);

  // A QR code `size` square at (x, y) on white, with `quiet` light modules around `modules`.
  void Qr(double x, double y, double size, const std::vector<std::vector<bool>>& modules,
          int quiet);

  // A PNG image (alpha kept) scaled to fit a `width` × `height` box centred at (cx, cy); nothing
  // when the bytes are not a PNG cairo can read.
  void Png(double cx, double cy, double width, double height, const std::string& png);

  // Ends the document and returns the PDF bytes; kInternal when cairo reports an error. Nothing
  // may be drawn afterwards.
  Result<std::string> Finish();

 private:
  std::string bytes_;
  cairo_surface_t* surface_ = nullptr;
  cairo_t* cr_ = nullptr;
  PangoContext* pango_ = nullptr;  // shared by every layout: creating one per text is slow
  int pages_ = 1;
};

// The size of a PNG image no larger than `max_side` pixels either way. Errors: seal_invalid.
Result<std::pair<int, int>> CheckPngSize(const std::string& png, int max_side);

}  // namespace mvis::io::pdf
