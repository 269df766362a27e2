// A small HTTP client for the integration tests (libcurl): keeps the session cookie and the
// CSRF token like a browser tab would. With MVIS_RECORD_RESPONSES=FILE every response is also
// appended to FILE as a JSON line ({method, path, query, status, content_type, body}) for the
// contract check against src/http/openapi.json (web/scripts/validate-responses.mjs).
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace mvis::testing {

using Json = nlohmann::json;

struct HttpResult {
  long status = 0;
  std::string body;
  std::map<std::string, std::string> headers;  // lower-case names, last value wins
  std::vector<std::string> set_cookies;
  Json json() const { return Json::parse(body, nullptr, false); }
  std::string error_code() const {
    auto j = json();
    return j.is_object() && j.contains("error") ? j["error"].value("code", "") : "";
  }
};

class Client {
 public:
  explicit Client(unsigned short port) : base_("http://127.0.0.1:" + std::to_string(port)) {}

  HttpResult Get(const std::string& path) { return Send("GET", path, ""); }
  HttpResult Post(const std::string& path, const Json& body = Json::object()) {
    return Send("POST", path, body.dump());
  }
  HttpResult Put(const std::string& path, const Json& body) {
    return Send("PUT", path, body.dump());
  }
  HttpResult Delete(const std::string& path) { return Send("DELETE", path, ""); }
  // Full control: raw body and extra headers; `with_csrf` adds the remembered token.
  HttpResult Send(const std::string& method, const std::string& path, const std::string& body,
                  const std::vector<std::string>& extra_headers = {}, bool with_csrf = true);

  // multipart/form-data upload of one file in field `field`.
  HttpResult Upload(const std::string& path, const std::string& field, const std::string& filename,
                    const std::string& bytes);

  // Logs in; on success remembers cookie and CSRF token. Returns the response.
  HttpResult Login(const std::string& username, const std::string& password);

  std::string cookie;  // "mvis_session=…"
  std::string csrf;

 private:
  std::string base_;
};

}  // namespace mvis::testing
