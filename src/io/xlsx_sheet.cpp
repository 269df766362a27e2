#include "io/xlsx_sheet.hpp"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <utility>

#include "io/xlsx_xml.hpp"

namespace mvis::io::sheet {
namespace {

constexpr int64_t kMaxSheetRow = 1048576;   // Excel's last row
constexpr int64_t kMaxSheetColumn = 16383;  // XFD, 0-based

enum class ValueType : uint8_t {
  kNumber,
  kShared,
  kFormulaString,
  kInline,
  kBool,
  kError,
  kIsoDate
};

enum class Capture : uint8_t { kNone, kValue, kInline };

ValueType ParseType(const char* t) {
  switch (t[0]) {
    case 's':
      if (t[1] == '\0') return ValueType::kShared;
      if (std::strcmp(t, "str") == 0) return ValueType::kFormulaString;
      break;
    case 'i':
      if (std::strcmp(t, "inlineStr") == 0) return ValueType::kInline;
      break;
    case 'b':
      if (t[1] == '\0') return ValueType::kBool;
      break;
    case 'e':
      if (t[1] == '\0') return ValueType::kError;
      break;
    case 'd':
      if (t[1] == '\0') return ValueType::kIsoDate;
      break;
    default:
      break;
  }
  return ValueType::kNumber;
}

// Column of a reference like "AB12" (0-based), or -1.
int64_t ParseColumn(const char* ref) {
  int64_t col = 0;
  int letters = 0;
  for (; *ref != '\0'; ++ref) {
    char c = *ref;
    if (c >= 'A' && c <= 'Z') {
      col = col * 26 + (c - 'A' + 1);
    } else if (c >= 'a' && c <= 'z') {
      col = col * 26 + (c - 'a' + 1);
    } else {
      break;
    }
    if (++letters > 3) return -1;
  }
  if (letters == 0) return -1;
  return col - 1;
}

int64_t ParseRow(const char* text) {
  int64_t row = 0;
  const char* p = text;
  for (; *p >= '0' && *p <= '9'; ++p) {
    row = row * 10 + (*p - '0');
    if (row > kMaxSheetRow) return -1;
  }
  return (p == text || *p != '\0') ? -1 : row;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() &&
         (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r')) {
    s.remove_prefix(1);
  }
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

bool ParseDouble(std::string_view s, double& out) {
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && end == s.data() + s.size() && std::isfinite(out);
}

// True when `s` is how a number is best shown already: an optional '-', digits without a
// leading zero, optionally '.' and digits without a trailing zero, at most 15 significant.
bool IsShortForm(std::string_view s) {
  size_t i = 0;
  if (i < s.size() && s[i] == '-') ++i;
  size_t int_start = i;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
  size_t int_len = i - int_start;
  if (int_len == 0 || (int_len > 1 && s[int_start] == '0')) return false;
  size_t significant = (int_len == 1 && s[int_start] == '0') ? 0 : int_len;
  if (i == s.size()) return significant <= 15 && !(significant == 0 && int_start == 1);  // "-0"
  if (s[i] != '.') return false;
  size_t frac_start = ++i;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
  if (i != s.size() || i == frac_start || s.back() == '0') return false;
  if (significant == 0) {  // 0.000123: leading zeros of the fraction do not count
    size_t k = frac_start;
    while (s[k] == '0') ++k;
    significant = i - k;
  } else {
    significant += i - frac_start;
  }
  return significant <= 15;
}

class SheetHandler final : public XmlHandler {
 public:
  SheetHandler(const SheetFormat& format, const SheetLimits& limits, RowSink& sink)
      : format_(format), limits_(limits), sink_(sink) {}

  void OnStart(std::string_view name, const char** atts) override {
    if (name.size() == 1) {
      switch (name[0]) {
        case 'c':
          if (in_row_) StartCell(atts);
          return;
        case 'v':
          if (cell_ != nullptr) StartCapture(Capture::kValue);
          return;
        case 't':
          if (in_inline_ && phonetic_depth_ == 0) StartCapture(Capture::kInline);
          return;
        default:
          return;
      }
    }
    if (name == "row") {
      if (in_sheet_data_) StartRow(atts);
    } else if (name == "is") {
      in_inline_ = cell_ != nullptr;
    } else if (name == "rPh") {
      ++phonetic_depth_;
    } else if (name == "sheetData") {
      in_sheet_data_ = true;
    }
  }

  void OnEnd(std::string_view name) override {
    if (name.size() == 1) {
      switch (name[0]) {
        case 'c':
          if (cell_ != nullptr) EndCell();
          return;
        case 'v':
        case 't':
          capture_ = Capture::kNone;
          wants_text_ = false;
          return;
        default:
          return;
      }
    }
    if (name == "row") {
      if (in_row_) EndRow();
    } else if (name == "is") {
      in_inline_ = false;
    } else if (name == "rPh") {
      if (phonetic_depth_ > 0) --phonetic_depth_;
    } else if (name == "sheetData") {
      // The rest of the part is still parsed: it is small, and reaching its end lets the zip
      // layer check the entry's CRC.
      in_sheet_data_ = false;
    }
  }

  void OnText(const char* data, size_t size) override {
    std::string& target = capture_ == Capture::kValue ? value_ : inline_;
    if (target.size() + size > limits_.max_cell_bytes) {
      Abort(CellTooLarge(sink_.row_number(), static_cast<size_t>(column_), limits_.max_cell_bytes)
                .error());
      return;
    }
    target.append(data, size);
  }

 private:
  void StartCapture(Capture what) {
    capture_ = what;
    wants_text_ = true;
  }

  void StartRow(const char** atts) {
    if (in_row_) return Abort(XlsxInvalid("行嵌套错误").error());
    int64_t number = row_ + 1;
    for (const char** a = atts; *a != nullptr; a += 2) {
      if (a[0][0] == 'r' && a[0][1] == '\0') {
        number = ParseRow(a[1]);
        if (number <= 0) return Abort(XlsxInvalid("行号无效").error());
      }
    }
    if (number <= row_) return Abort(XlsxInvalid("行顺序错误").error());
    if (number > kMaxSheetRow) return Abort(XlsxInvalid("行号无效").error());
    row_ = number;
    column_ = -1;
    in_row_ = true;
    sink_.BeginRow(number);
  }

  void EndRow() {
    in_row_ = false;
    cell_ = nullptr;
    auto more = sink_.EndRow();
    if (!more) return Abort(std::move(more.error()));
    if (!*more) Finish();
  }

  void StartCell(const char** atts) {
    int64_t column = column_ + 1;
    type_ = ValueType::kNumber;
    date_kind_ = DateKind::kNone;
    for (const char** a = atts; *a != nullptr; a += 2) {
      const char* key = a[0];
      if (key[0] == '\0' || key[1] != '\0') continue;
      switch (key[0]) {
        case 'r':
          column = ParseColumn(a[1]);
          if (column < 0) return Abort(XlsxInvalid("单元格引用无效").error());
          break;
        case 't':
          type_ = ParseType(a[1]);
          break;
        case 's': {
          size_t style = 0;
          const char* d = a[1];
          for (; *d >= '0' && *d <= '9' && style < (1u << 24); ++d) style = style * 10 + (*d - '0');
          if (*d == '\0' && format_.styles != nullptr && style < format_.styles->size()) {
            date_kind_ = (*format_.styles)[style];
          }
          break;
        }
        default:
          break;
      }
    }
    if (column <= column_) return Abort(XlsxInvalid("单元格顺序错误").error());
    if (column > kMaxSheetColumn) return Abort(XlsxInvalid("单元格引用无效").error());
    column_ = column;
    cell_ = &sink_.CellAt(static_cast<size_t>(column));
    value_.clear();
    inline_.clear();
  }

  void EndCell() {
    Cell& cell = *cell_;
    cell_ = nullptr;
    in_inline_ = false;
    switch (type_) {
      case ValueType::kShared: {
        std::string_view v = Trim(value_);
        if (v.empty()) return;
        size_t index = 0;
        auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), index);
        if (ec != std::errc() || end != v.data() + v.size() || format_.strings == nullptr ||
            index >= format_.strings->size()) {
          return Abort(XlsxInvalid("共享字符串索引无效").error());
        }
        std::string_view text = format_.strings->Get(index);
        if (text.empty()) return;
        cell.type = Cell::Type::kString;
        cell.text.assign(text);
        return;
      }
      case ValueType::kFormulaString:
      case ValueType::kInline: {
        std::string& text = (type_ == ValueType::kInline && !inline_.empty()) ? inline_ : value_;
        if (text.empty()) return;
        DecodeOoxmlEscapes(text);
        cell.type = Cell::Type::kString;
        std::swap(cell.text, text);
        return;
      }
      case ValueType::kBool: {
        std::string_view v = Trim(value_);
        if (v.empty()) return;
        bool on = v == "1" || v == "true" || v == "TRUE";
        cell.type = Cell::Type::kBool;
        cell.text = on ? "TRUE" : "FALSE";
        cell.number = on ? 1 : 0;
        return;
      }
      case ValueType::kError:
        if (value_.empty()) return;
        cell.type = Cell::Type::kError;
        std::swap(cell.text, value_);
        return;
      case ValueType::kIsoDate: {
        std::string_view v = Trim(value_);
        if (v.empty()) return;
        double serial = 0;
        if (ParseIsoDateTime(v, format_.date1904, serial, cell.text)) {
          cell.type = Cell::Type::kDate;
          cell.number = serial;
        } else {
          cell.type = Cell::Type::kString;
          cell.text.assign(v);
        }
        return;
      }
      case ValueType::kNumber: {
        std::string_view v = Trim(value_);
        if (v.empty()) return;
        double number = 0;
        if (!ParseDouble(v, number)) {  // not a number after all: keep what the file says
          cell.type = Cell::Type::kString;
          cell.text.assign(v);
          return;
        }
        cell.number = number;
        if (date_kind_ != DateKind::kNone &&
            SerialToIso(number, format_.date1904, date_kind_, cell.text)) {
          cell.type = Cell::Type::kDate;
          return;
        }
        cell.type = Cell::Type::kNumber;
        FormatNumber(number, v, cell.text);
        return;
      }
    }
  }

  const SheetFormat& format_;
  const SheetLimits& limits_;
  RowSink& sink_;
  bool in_sheet_data_ = false;
  bool in_row_ = false;
  bool in_inline_ = false;
  int phonetic_depth_ = 0;
  int64_t row_ = 0;
  int64_t column_ = -1;
  Cell* cell_ = nullptr;
  ValueType type_ = ValueType::kNumber;
  DateKind date_kind_ = DateKind::kNone;
  Capture capture_ = Capture::kNone;
  std::string value_;   // text of <v>
  std::string inline_;  // text of <is><t>
};

}  // namespace

void FormatNumber(double value, std::string_view source, std::string& out) {
  if (IsShortForm(source)) {
    out.assign(source);
    return;
  }
  char buf[32];
  char* end;
  if (value == 0) {
    out.assign("0");
    return;
  }
  if (std::fabs(value) < 1e15 && value == std::trunc(value)) {
    end = std::to_chars(buf, buf + sizeof buf, static_cast<int64_t>(value)).ptr;
  } else {
    end = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::general, 15).ptr;
  }
  out.assign(buf, end);
}

Status ReadWorksheet(ZipPackage& package, size_t entry, const SheetFormat& format,
                     const SheetLimits& limits, RowSink& sink) {
  SheetHandler handler(format, limits, sink);
  return ParseXmlEntry(package, entry, handler);
}

}  // namespace mvis::io::sheet
