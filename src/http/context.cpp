#include "http/context.hpp"

#include <spdlog/spdlog.h>

#include <charconv>

#include "domain/time.hpp"

namespace mvis::http {

int StatusFor(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kInvalidArgument:
      return 400;
    case ErrorKind::kUnauthenticated:
      return 401;
    case ErrorKind::kPermissionDenied:
      return 403;
    case ErrorKind::kNotFound:
      return 404;
    case ErrorKind::kConflict:
      return 409;
    case ErrorKind::kFailedPrecondition:
      return 409;
    case ErrorKind::kResourceExhausted:
      return 429;
    case ErrorKind::kPayloadTooLarge:
      return 413;
    case ErrorKind::kMethodNotAllowed:
      return 405;
    case ErrorKind::kUnavailable:
      return 503;
    case ErrorKind::kInternal:
      return 500;
  }
  return 500;
}

Response ErrorResponse(const Error& error) {
  // What went wrong inside stays in the log; the answer says only that it did.
  if (error.kind == ErrorKind::kInternal)
    spdlog::error("internal error [{}]: {}", error.code, error.detail.empty() ? "-" : error.detail);
  Json err = {{"code", error.code}, {"message", error.message}};
  Json details = Json::object();
  if (!error.field.empty()) details["field"] = error.field;
  if (!error.fields.empty()) {
    Json fields = Json::array();
    for (const auto& f : error.fields) {
      fields.push_back({{"field", f.field}, {"code", f.code}, {"message", f.message}});
    }
    details["fields"] = fields;
  }
  if (!details.empty()) err["details"] = details;
  return JsonResponse(StatusFor(error.kind), Json{{"error", err}});
}

Response JsonResponse(int status, const Json& body) {
  Response r;
  r.status = status;
  r.body = body.dump(-1, ' ', false, Json::error_handler_t::replace);
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

Response NoContent() {
  Response r;
  r.status = 204;
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

Result<Json> RequestContext::Body() const {
  Json body = Json::parse(request_.body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) {
    return Fail(ErrorKind::kInvalidArgument, "invalid_json", "请求内容不是有效的 JSON 对象");
  }
  return body;
}

namespace {

std::optional<int64_t> ParseId(const std::string& s) {
  int64_t id = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), id);
  if (ec == std::errc() && ptr == s.data() + s.size() && id > 0) return id;
  return std::nullopt;
}

}  // namespace

Result<int64_t> RequestContext::IdParam(const std::string& name) const {
  auto it = request_.params.find(name);
  if (it != request_.params.end()) {
    if (auto id = ParseId(it->second)) return *id;
  }
  return InvalidField(name, "invalid_id", "编号无效");
}

Result<std::optional<int64_t>> RequestContext::QueryId(const std::string& name) const {
  std::string v = request_.Query(name);
  if (v.empty()) return std::optional<int64_t>();
  if (auto id = ParseId(v)) return std::optional<int64_t>(*id);
  return InvalidField(name, "invalid_id", "编号无效");
}

Result<domain::PageRequest> RequestContext::Paging() const {
  domain::PageRequest page;
  auto parse = [&](const char* key, int& out, int max) -> bool {
    std::string v = request_.Query(key);
    if (v.empty()) return true;
    int n = 0;
    auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
    if (ec != std::errc() || ptr != v.data() + v.size() || n < 1 || n > max) return false;
    out = n;
    return true;
  };
  if (!parse("page", page.page, 1000000)) return InvalidField("page", "invalid_page", "页码无效");
  if (!parse("page_size", page.page_size, 200)) {
    return InvalidField("page_size", "invalid_page_size", "每页条数须为1至200");
  }
  return page;
}

Json TimeOrNull(const std::optional<int64_t>& t) {
  return t ? Json(domain::IsoUtc(*t)) : Json(nullptr);
}

Json EventJson(const domain::ObjectEvent& e) {
  return Json{{"id", e.id},
              {"at", domain::IsoUtc(e.at)},
              {"username", e.username},
              {"display_name", e.display_name},
              {"org_name", e.org_name},
              {"action", e.action},
              {"from_status", e.from_status.empty() ? Json(nullptr) : Json(e.from_status)},
              {"to_status", e.to_status},
              {"reason", e.reason}};
}

Json EventsJson(const std::vector<domain::ObjectEvent>& events) {
  Json items = Json::array();
  for (const auto& e : events) items.push_back(EventJson(e));
  return Json{{"items", items}};
}

std::string Str(const Json& body, const char* key) {
  auto it = body.find(key);
  if (it == body.end() || !it->is_string()) return {};
  return it->get<std::string>();
}

std::vector<std::string> StrList(const Json& body, const char* key) {
  std::vector<std::string> out;
  auto it = body.find(key);
  if (it == body.end() || !it->is_array()) return out;
  for (const auto& v : *it) out.push_back(v.is_string() ? v.get<std::string>() : "?");
  return out;
}

bool Flag(const Json& body, const char* key) {
  auto it = body.find(key);
  return it != body.end() && it->is_boolean() && it->get<bool>();
}

}  // namespace mvis::http
