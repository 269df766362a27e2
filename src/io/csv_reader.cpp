#include "io/csv_reader.hpp"

#include <iconv.h>

#include <cerrno>
#include <cstring>
#include <string>

namespace mvis::io::sheet {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

bool HasControlCharacters(std::string_view s) {
  for (unsigned char c : s) {
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\v' && c != '\f' && c != '\r' && c != 0x1A) {
      return true;
    }
    if (c == 0x7F) return true;
  }
  return false;
}

bool IsValidUtf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* end = p + s.size();
  while (p < end) {
    // Skip ASCII eight bytes at a time.
    while (end - p >= 8) {
      uint64_t word;
      std::memcpy(&word, p, 8);
      if (word & 0x8080808080808080ULL) break;
      p += 8;
    }
    if (p >= end) break;
    unsigned char c = *p;
    if (c < 0x80) {
      ++p;
      continue;
    }
    int extra;
    uint32_t cp;
    if (c >= 0xC2 && c <= 0xDF) {
      extra = 1, cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
      extra = 2, cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      extra = 3, cp = c & 0x07;
    } else {
      return false;
    }
    if (end - p <= extra) return false;
    for (int k = 1; k <= extra; ++k) {
      if ((p[k] & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (p[k] & 0x3F);
    }
    if ((extra == 2 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
        (extra == 3 && (cp < 0x10000 || cp > 0x10FFFF))) {
      return false;
    }
    p += extra + 1;
  }
  return true;
}

// GB18030 byte structure: ASCII; 81–FE then 40–7E or 80–FE; 81–FE 30–39 81–FE 30–39.
bool IsValidGb18030(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* end = p + s.size();
  while (p < end) {
    unsigned char c = *p;
    if (c < 0x80) {
      ++p;
      continue;
    }
    if (c == 0x80 || c == 0xFF || end - p < 2) return false;
    unsigned char c2 = p[1];
    if ((c2 >= 0x40 && c2 <= 0x7E) || (c2 >= 0x80 && c2 <= 0xFE)) {
      p += 2;
      continue;
    }
    if (c2 >= 0x30 && c2 <= 0x39 && end - p >= 4 && p[2] >= 0x81 && p[2] <= 0xFE && p[3] >= 0x30 &&
        p[3] <= 0x39) {
      p += 4;
      continue;
    }
    return false;
  }
  return true;
}

bool Gb18030ToUtf8(std::string_view in, std::string& out) {
  iconv_t cd = iconv_open("UTF-8", "GB18030");
  if (cd == reinterpret_cast<iconv_t>(-1)) return false;
  out.resize(in.size() + in.size() / 2 + 16);  // two bytes become at most three
  char* src = const_cast<char*>(in.data());
  size_t src_left = in.size();
  size_t used = 0;
  bool ok = true;
  while (src_left > 0) {
    char* dst = out.data() + used;
    size_t dst_left = out.size() - used;
    size_t rc = iconv(cd, &src, &src_left, &dst, &dst_left);
    used = out.size() - dst_left;
    if (rc != static_cast<size_t>(-1)) break;
    if (errno != E2BIG) {
      ok = false;
      break;
    }
    out.resize(out.size() * 2);
  }
  iconv_close(cd);
  out.resize(used);
  return ok;
}

}  // namespace

TextEncoding DetectTextEncoding(std::string_view bytes) {
  bool bom = bytes.starts_with(kUtf8Bom);
  if (bom) bytes.remove_prefix(kUtf8Bom.size());
  if (HasControlCharacters(bytes)) return TextEncoding::kNotText;
  if (IsValidUtf8(bytes)) return bom ? TextEncoding::kUtf8Bom : TextEncoding::kUtf8;
  if (!bom && IsValidGb18030(bytes)) return TextEncoding::kGb18030;
  return TextEncoding::kNotText;
}

Status ReadCsv(std::string_view bytes, TextEncoding encoding, const SheetLimits& limits,
               RowSink& sink) {
  std::string converted;
  std::string_view text = bytes;
  switch (encoding) {
    case TextEncoding::kUtf8:
      break;
    case TextEncoding::kUtf8Bom:
      text.remove_prefix(kUtf8Bom.size());
      break;
    case TextEncoding::kGb18030:
      if (!Gb18030ToUtf8(bytes, converted)) return NotASpreadsheet();
      text = converted;
      break;
    case TextEncoding::kNotText:
      return NotASpreadsheet();
  }

  const char* p = text.data();
  const char* const end = p + text.size();
  int64_t record = 0;
  while (p < end) {
    sink.BeginRow(++record);
    for (size_t column = 0;; ++column) {
      Cell& cell = sink.CellAt(column);
      std::string& out = cell.text;
      if (*p == '"') {
        ++p;
        for (;;) {
          const char* quote = static_cast<const char*>(std::memchr(p, '"', end - p));
          if (quote == nullptr) {  // unterminated: the rest of the file is the field
            out.append(p, end);
            p = end;
            break;
          }
          out.append(p, quote);
          p = quote + 1;
          if (p < end && *p == '"') {
            out.push_back('"');
            ++p;
            continue;
          }
          break;
        }
      }
      // An unquoted field, or anything between a closing quote and the delimiter (kept as is).
      const char* start = p;
      while (p < end && *p != ',' && *p != '\n' && *p != '\r') ++p;
      out.append(start, p);
      if (out.size() > limits.max_cell_bytes) {
        return CellTooLarge(record, column, limits.max_cell_bytes);
      }
      if (!out.empty()) cell.type = Cell::Type::kString;
      if (p < end && *p == ',') {
        ++p;
        if (p == end) {  // "a," at the very end: one more (empty) field, then done
          sink.CellAt(column + 1);
          break;
        }
        continue;
      }
      if (p < end) p += (*p == '\r' && p + 1 < end && p[1] == '\n') ? 2 : 1;
      break;
    }
    auto more = sink.EndRow();
    if (!more) return std::unexpected(more.error());
    if (!*more) return {};
  }
  return {};
}

}  // namespace mvis::io::sheet
