// Plain request/response values exchanged between the Beast server and the application
// handlers, so that only server.cpp sees Boost.Beast.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mvis::http {

struct Request {
  std::string method;                          // "GET", "POST", …
  std::string target;                          // raw request target, e.g. "/api/v1/orgs?page=2"
  std::string path;                            // decoded path without the query
  std::map<std::string, std::string> query;    // decoded query parameters
  std::map<std::string, std::string> headers;  // lower-case names
  std::map<std::string, std::string> params;   // path parameters set by the router
  std::string body;
  std::string remote_ip;
  // Set by the server: answers this request later, from any thread, exactly once, when its
  // handler returned a Response with `deferred` set (the connection waits for it meanwhile).
  // The function given is run on one of the server's I/O threads and makes the Response sent.
  std::function<void(std::function<struct Response()>)> respond;

  std::string Header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    return it == headers.end() ? std::string() : it->second;
  }
  std::string Query(const std::string& name) const {
    auto it = query.find(name);
    return it == query.end() ? std::string() : it->second;
  }
};

struct Response {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::string file_path;  // when set, the server streams this file as the body
  bool deferred = false;  // the handler answers later through Request::respond
};

// Splits "a=1&b=%E4%B8%AD" into decoded pairs; '+' is a space.
std::map<std::string, std::string> ParseQuery(const std::string& query);
std::string UrlDecode(const std::string& s);

// Standard base64 with padding (data: URLs).
std::string Base64(std::string_view bytes);

// Whether an Accept-Encoding header accepts `coding` ("br", "gzip"): listed, or covered by "*",
// with a non-zero q-value.
bool AcceptsEncoding(const std::string& header, std::string_view coding);

}  // namespace mvis::http
