#include "io/xlsx_dates.hpp"

#include <cmath>

namespace mvis::io::sheet {
namespace {

// Days from 1970-01-01 to the civil date and back (H. Hinnant's algorithms).
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

void CivilFromDays(int64_t z, int64_t& y, unsigned& m, unsigned& d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
}

constexpr int64_t k1899_12_30 = -25569;  // days from 1970-01-01
constexpr int64_t k1899_12_31 = -25568;
constexpr int64_t k1904_01_01 = -24107;
constexpr double kMaxSerial1900 = 2958466;  // 10000-01-01
constexpr double kMaxSerial1904 = kMaxSerial1900 - 1462;

void AppendDigits(std::string& out, int64_t value, int width) {
  char buf[24];
  int n = 0;
  do {
    buf[n++] = static_cast<char>('0' + value % 10);
    value /= 10;
  } while (value > 0);
  while (n < width) buf[n++] = '0';
  while (n > 0) out.push_back(buf[--n]);
}

void AppendTime(std::string& out, int64_t seconds) {
  AppendDigits(out, seconds / 3600, 2);
  out.push_back(':');
  AppendDigits(out, seconds / 60 % 60, 2);
  out.push_back(':');
  AppendDigits(out, seconds % 60, 2);
}

bool IsLetterToken(std::string_view code, size_t i, std::string_view token) {
  if (code.size() - i < token.size()) return false;
  for (size_t k = 0; k < token.size(); ++k) {
    char c = code[i + k];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != token[k]) return false;
  }
  return true;
}

// Reads `count` digits at text[pos]; advances pos.
bool Digits(std::string_view text, size_t& pos, int count, int& value) {
  if (text.size() - pos < static_cast<size_t>(count)) return false;
  value = 0;
  for (int k = 0; k < count; ++k) {
    char c = text[pos + k];
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  pos += count;
  return true;
}

}  // namespace

DateKind BuiltinFormatKind(int id) {
  if ((id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 31) || id == 36 ||
      (id >= 50 && id <= 54) || id == 57 || id == 58) {
    return DateKind::kDate;
  }
  if ((id >= 18 && id <= 21) || (id >= 32 && id <= 35) || (id >= 45 && id <= 47) || id == 55 ||
      id == 56) {
    return DateKind::kTime;
  }
  return DateKind::kNone;
}

DateKind FormatCodeKind(std::string_view code) {
  bool date = false, month = false, time = false;
  for (size_t i = 0; i < code.size(); ++i) {
    char c = code[i];
    switch (c) {
      case '"': {
        size_t close = code.find('"', i + 1);
        if (close == std::string_view::npos) return DateKind::kNone;
        i = close;
        break;
      }
      case '\\':
      case '_':
      case '*':
        ++i;  // the next character is literal, a width or a fill
        break;
      case '[': {
        size_t close = code.find(']', i + 1);
        if (close == std::string_view::npos) return DateKind::kNone;
        std::string_view inside = code.substr(i + 1, close - i - 1);
        bool elapsed = !inside.empty();
        for (char e : inside) {
          if (e != 'h' && e != 'H' && e != 'm' && e != 'M' && e != 's' && e != 'S') elapsed = false;
        }
        if (elapsed) time = true;
        i = close;
        break;
      }
      case 'y':
      case 'Y':
      case 'd':
      case 'D':
        date = true;
        break;
      case 'm':
      case 'M':
        month = true;
        break;
      case 'h':
      case 'H':
      case 's':
      case 'S':
        time = true;
        break;
      case 'a':
      case 'A':
        if (IsLetterToken(code, i, "am/pm")) {
          time = true;
          i += 4;
        } else if (IsLetterToken(code, i, "a/p")) {
          time = true;
          i += 2;
        }
        break;
      case 'g':
      case 'G':
        if (IsLetterToken(code, i, "general")) i += 6;
        break;
      case 'e':
      case 'E':  // exponent "E+"; an era year would need a locale prefix anyway
      default:
        break;
    }
  }
  if (date || (month && !time)) return DateKind::kDate;
  if (time) return DateKind::kTime;
  return DateKind::kNone;
}

bool SerialToIso(double serial, bool date1904, DateKind kind, std::string& out) {
  if (!std::isfinite(serial) || serial < 0 ||
      serial >= (date1904 ? kMaxSerial1904 : kMaxSerial1900)) {
    return false;
  }
  auto total = static_cast<int64_t>(std::llround(serial * 86400.0));
  int64_t day = total / 86400;
  int64_t seconds = total % 86400;
  if (day == 0 && (seconds != 0 || kind == DateKind::kTime)) {
    AppendTime(out, seconds);
    return true;
  }
  int64_t y;
  unsigned m, d;
  if (date1904) {
    CivilFromDays(k1904_01_01 + day, y, m, d);
  } else if (day == 60) {  // the day Excel keeps for Lotus compatibility
    y = 1900, m = 2, d = 29;
  } else if (day < 60) {
    CivilFromDays(k1899_12_31 + day, y, m, d);
  } else {
    CivilFromDays(k1899_12_30 + day, y, m, d);
  }
  if (y > 9999) return false;
  AppendDigits(out, y, 4);
  out.push_back('-');
  AppendDigits(out, m, 2);
  out.push_back('-');
  AppendDigits(out, d, 2);
  if (seconds != 0) {
    out.push_back('T');
    AppendTime(out, seconds);
  }
  return true;
}

bool ParseIsoDateTime(std::string_view text, bool date1904, double& serial, std::string& iso) {
  size_t pos = 0;
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  double fraction = 0;
  bool has_date = text.size() >= 10 && text[4] == '-';
  if (has_date) {
    if (!Digits(text, pos, 4, year) || text[pos++] != '-' || !Digits(text, pos, 2, month) ||
        pos >= text.size() || text[pos++] != '-' || !Digits(text, pos, 2, day)) {
      return false;
    }
    if (month < 1 || month > 12 || day < 1 || day > 31) return false;
    if (pos < text.size() && (text[pos] == 'T' || text[pos] == ' ')) ++pos;
  }
  bool has_time = pos < text.size() && text[pos] >= '0' && text[pos] <= '9';
  if (has_time) {
    if (!Digits(text, pos, 2, hour) || pos >= text.size() || text[pos++] != ':' ||
        !Digits(text, pos, 2, minute)) {
      return false;
    }
    if (pos < text.size() && text[pos] == ':') {
      ++pos;
      if (!Digits(text, pos, 2, second)) return false;
      if (pos < text.size() && text[pos] == '.') {
        double scale = 0.1;
        for (++pos; pos < text.size() && text[pos] >= '0' && text[pos] <= '9'; ++pos) {
          fraction += (text[pos] - '0') * scale;
          scale /= 10;
        }
      }
    }
    if (hour > 24 || minute > 59 || second > 60) return false;
  }
  // A zone suffix (Z, +08:00) is dropped: a spreadsheet date has no zone.
  if (pos < text.size() && text[pos] != 'Z' && text[pos] != '+' && text[pos] != '-') return false;
  if (!has_date && !has_time) return false;

  double time = (hour * 3600 + minute * 60 + second + fraction) / 86400.0;
  if (!has_date) {
    serial = time;
    iso.clear();
    return SerialToIso(serial, date1904, DateKind::kTime, iso);
  }
  int64_t days = DaysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  double whole;
  if (date1904) {
    whole = static_cast<double>(days - k1904_01_01);
  } else {
    whole = static_cast<double>(days - k1899_12_30);
    if (whole < 61) whole = static_cast<double>(days - k1899_12_31);
  }
  if (whole < 0) return false;
  serial = whole + time;
  iso.clear();
  return SerialToIso(serial, date1904, DateKind::kDate, iso);
}

}  // namespace mvis::io::sheet
