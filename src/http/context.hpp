// What a route handler gets: the request, the signed-in actor (for kSignedIn routes) and
// helpers to read JSON input and answer with JSON or an error.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <vector>

#include "domain/error.hpp"
#include "domain/object_event.hpp"
#include "domain/page.hpp"
#include "http/message.hpp"
#include "services/core/actor.hpp"

namespace mvis::http {

using Json = nlohmann::json;

// The one mapping from error kinds to HTTP status codes.
int StatusFor(ErrorKind kind);
Response ErrorResponse(const Error& error);
Response JsonResponse(int status, const Json& body);
Response NoContent();

class RequestContext {
 public:
  RequestContext(Request& request, services::RequestInfo info)
      : request_(request), info_(std::move(info)) {}

  Request& request() { return request_; }
  const services::RequestInfo& info() const { return info_; }
  // Valid only in kSignedIn routes.
  const services::Actor& actor() const { return *actor_; }
  void set_actor(services::Actor actor) { actor_ = std::move(actor); }

  // The body as a JSON object; invalid_json error otherwise.
  Result<Json> Body() const;
  // Path parameter as a positive integer id; invalid_argument otherwise.
  Result<int64_t> IdParam(const std::string& name) const;
  // Optional query parameter holding a positive id; invalid_argument when present but bad.
  Result<std::optional<int64_t>> QueryId(const std::string& name) const;
  // page and page_size from the query (defaults 1 and 20, page_size at most 200).
  Result<domain::PageRequest> Paging() const;

 private:
  Request& request_;
  services::RequestInfo info_;
  std::optional<services::Actor> actor_;
};

// String member of a JSON object, or "" when absent or not a string (validation then reports
// the field as missing).
std::string Str(const Json& body, const char* key);
// Array of strings member; absent or not an array: empty. Entries that are not strings become
// "?", so that the parser of the values rejects them instead of silently dropping them.
std::vector<std::string> StrList(const Json& body, const char* key);
// Boolean member; absent or not a boolean: false.
bool Flag(const Json& body, const char* key);

// Answers `result` as JSON through `to_json`, or as the error it holds.
template <typename T, typename F>
Response Reply(const Result<T>& result, F&& to_json, int status = 200) {
  if (!result) return ErrorResponse(result.error());
  return JsonResponse(status, to_json(*result));
}

// `{"items": [...], "total": N}` of a page, each item through `item`.
template <typename T, typename F>
Json PageJson(const domain::Page<T>& page, F&& item) {
  Json items = Json::array();
  for (const auto& i : page.items) items.push_back(item(i));
  return Json{{"items", items}, {"total", page.total}};
}

// An ISO-8601 UTC time, or null.
Json TimeOrNull(const std::optional<int64_t>& unix_seconds);

// One step of an object's timeline (instrument history, appointment events).
Json EventJson(const domain::ObjectEvent& e);
// `{"items": [...]}` of a timeline.
Json EventsJson(const std::vector<domain::ObjectEvent>& events);

inline Response ReplyEmpty(const Status& result) {
  if (!result) return ErrorResponse(result.error());
  return NoContent();
}

}  // namespace mvis::http
