#include "http/router.hpp"

namespace mvis::http {
namespace {

std::vector<std::string> Split(const std::string& path) {
  std::vector<std::string> out;
  size_t start = 1;
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    if (slash == std::string::npos) slash = path.size();
    out.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return out;
}

bool IsParam(const std::string& segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

// Matches the pre-split `pattern` against the pre-split `path`, filling `params`.
bool MatchSegments(const std::vector<std::string>& pattern, const std::vector<std::string>& path,
                   std::map<std::string, std::string>& params) {
  if (pattern.size() != path.size()) return false;
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (IsParam(pattern[i]) ? path[i].empty() : pattern[i] != path[i]) return false;
  }
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (IsParam(pattern[i])) params[pattern[i].substr(1, pattern[i].size() - 2)] = path[i];
  }
  return true;
}

}  // namespace

void Router::Add(std::string method, std::string pattern, Access access, RouteHandler handler) {
  auto segments = Split(pattern);
  routes_.push_back(
      {std::move(method), std::move(pattern), access, std::move(handler), std::move(segments)});
}

Router::Match Router::Find(const std::string& method, const std::string& path) const {
  Match match;
  const auto segments = Split(path);
  for (const auto& route : routes_) {
    std::map<std::string, std::string> params;
    if (!MatchSegments(route.segments, segments, params)) continue;
    if (route.method == method || (method == "HEAD" && route.method == "GET")) {
      match.route = &route;
      match.params = std::move(params);
      match.method_mismatch = false;
      return match;
    }
    match.method_mismatch = true;
  }
  return match;
}

}  // namespace mvis::http
