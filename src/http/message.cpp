#include "http/message.hpp"

#include <sodium.h>

#include <cctype>
#include <optional>

namespace mvis::http {

std::string UrlDecode(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      out += static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else if (c == '+') {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

std::map<std::string, std::string> ParseQuery(const std::string& query) {
  std::map<std::string, std::string> out;
  size_t start = 0;
  while (start < query.size()) {
    size_t amp = query.find('&', start);
    if (amp == std::string::npos) amp = query.size();
    std::string pair = query.substr(start, amp - start);
    size_t eq = pair.find('=');
    if (!pair.empty()) {
      out[UrlDecode(pair.substr(0, eq))] =
          eq == std::string::npos ? "" : UrlDecode(pair.substr(eq + 1));
    }
    start = amp + 1;
  }
  return out;
}

std::string Base64(std::string_view bytes) {
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

bool AcceptsEncoding(const std::string& header, std::string_view coding) {
  auto trim = [](std::string_view v) {
    while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
    while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.remove_suffix(1);
    return v;
  };
  auto lower_equals = [](std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
      if (std::tolower(static_cast<unsigned char>(a[i])) != b[i]) return false;
    }
    return true;
  };
  std::optional<bool> named, wildcard;
  std::string_view rest = header;
  while (!rest.empty()) {
    size_t comma = rest.find(',');
    std::string_view item = rest.substr(0, comma);
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
    size_t semi = item.find(';');
    std::string_view name = trim(item.substr(0, semi));
    bool accepted = true;
    if (semi != std::string_view::npos) {
      std::string_view param = trim(item.substr(semi + 1));
      if (param.starts_with("q=") || param.starts_with("Q=")) {
        std::string_view q = param.substr(2);
        // q=0, q=0.0, q=0.000 refuse; anything else accepts.
        accepted = q.find_first_not_of("0.") != std::string_view::npos;
      }
    }
    if (lower_equals(name, coding)) named = accepted;
    if (name == "*") wildcard = accepted;
  }
  if (named) return *named;
  return wildcard.value_or(false);
}

}  // namespace mvis::http
