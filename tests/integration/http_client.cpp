#include "http_client.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <mutex>

namespace mvis::testing {
namespace {

size_t Collect(char* data, size_t size, size_t n, void* out) {
  static_cast<std::string*>(out)->append(data, size * n);
  return size * n;
}

size_t Header(char* data, size_t size, size_t n, void* out) {
  auto* result = static_cast<HttpResult*>(out);
  std::string line(data, size * n);
  auto colon = line.find(':');
  if (colon != std::string::npos) {
    std::string name = line.substr(0, colon);
    std::transform(name.begin(), name.end(), name.begin(), ::tolower);
    std::string value = line.substr(colon + 1);
    value.erase(0, value.find_first_not_of(' '));
    while (!value.empty() && (value.back() == '\r' || value.back() == '\n')) value.pop_back();
    result->headers[name] = value;
    if (name == "set-cookie") result->set_cookies.push_back(value);
  }
  return size * n;
}

bool IsJson(const std::string& content_type) {
  std::string media = content_type.substr(0, content_type.find(';'));
  std::transform(media.begin(), media.end(), media.begin(), ::tolower);
  while (!media.empty() && media.back() == ' ') media.pop_back();
  return media == "application/json" ||
         (media.size() > 5 && media.compare(media.size() - 5, 5, "+json") == 0);
}

// When MVIS_RECORD_RESPONSES names a file, appends one JSON line per response there for the
// contract check (web/scripts/validate-responses.mjs). Safe to call from several threads.
void Record(const std::string& method, const std::string& target, const HttpResult& result) {
  static const char* file = std::getenv("MVIS_RECORD_RESPONSES");
  if (file == nullptr || *file == '\0' || result.status == 0) return;
  auto question = target.find('?');
  auto type = result.headers.find("content-type");
  std::string content_type = type == result.headers.end() ? "" : type->second;
  Json line = {{"method", method},
               {"path", target.substr(0, question)},
               {"query", question == std::string::npos ? "" : target.substr(question + 1)},
               {"status", result.status},
               {"content_type", content_type}};
  if (IsJson(content_type)) line["body"] = result.body;
  std::string text = line.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n";
  static std::mutex mutex;
  std::lock_guard lock(mutex);
  std::ofstream(file, std::ios::app | std::ios::binary) << text;
}

}  // namespace

HttpResult Client::Send(const std::string& method, const std::string& path, const std::string& body,
                        const std::vector<std::string>& extra_headers, bool with_csrf) {
  HttpResult result;
  CURL* curl = curl_easy_init();
  curl_slist* headers = nullptr;
  bool custom_type = false;
  for (const auto& h : extra_headers) custom_type = custom_type || h.rfind("Content-Type:", 0) == 0;
  if (!custom_type) headers = curl_slist_append(headers, "Content-Type: application/json");
  headers = curl_slist_append(headers, "Expect:");
  if (!cookie.empty()) headers = curl_slist_append(headers, ("Cookie: " + cookie).c_str());
  if (with_csrf && !csrf.empty())
    headers = curl_slist_append(headers, ("X-CSRF-Token: " + csrf).c_str());
  for (const auto& h : extra_headers) headers = curl_slist_append(headers, h.c_str());
  std::string url = base_ + path;
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method.c_str());
  if (method != "GET") {
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.c_str());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
  }
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, Collect);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &result.body);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, Header);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &result);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 30L);
  curl_easy_setopt(curl, CURLOPT_PATH_AS_IS, 1L);
  if (curl_easy_perform(curl) == CURLE_OK) {
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &result.status);
  }
  curl_slist_free_all(headers);
  curl_easy_cleanup(curl);
  Record(method, path, result);
  return result;
}

HttpResult Client::Upload(const std::string& path, const std::string& field,
                          const std::string& filename, const std::string& bytes) {
  const std::string boundary = "----mvisTestBoundary7MA4YWxkTrZu0gW";
  std::string body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field +
                     "\"; filename=\"" + filename +
                     "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + bytes + "\r\n--" +
                     boundary + "--\r\n";
  return Send("POST", path, body, {"Content-Type: multipart/form-data; boundary=" + boundary});
}

HttpResult Client::Login(const std::string& username, const std::string& password) {
  cookie.clear();
  csrf.clear();
  auto r = Post("/api/v1/auth/login", {{"username", username}, {"password", password}});
  if (r.status == 200) {
    for (const auto& c : r.set_cookies) {
      if (c.rfind("mvis_session=", 0) == 0) cookie = c.substr(0, c.find(';'));
    }
    csrf = r.json().value("csrf_token", "");
  }
  return r;
}

}  // namespace mvis::testing
