#include "io/http_client.hpp"

#include <curl/curl.h>

#include <mutex>

namespace mvis::io {
namespace {

struct Sink {
  std::string* out;
  size_t max;
  bool overflow = false;
};

size_t Collect(char* data, size_t size, size_t nmemb, void* user) {
  auto* sink = static_cast<Sink*>(user);
  const size_t n = size * nmemb;
  if (sink->out->size() + n > sink->max) {
    sink->overflow = true;
    return 0;  // aborts the transfer
  }
  sink->out->append(data, n);
  return n;
}

}  // namespace

Result<HttpReply> PostJson(const std::string& url, const std::string& body,
                           const std::vector<std::string>& headers, long timeout_ms,
                           size_t max_bytes) {
  static std::once_flag init;
  std::call_once(init, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  CURL* curl = curl_easy_init();
  if (!curl) return Fail(ErrorKind::kUnavailable, "http_unreachable", "无法建立网络连接");
  curl_slist* list = curl_slist_append(nullptr, "Content-Type: application/json; charset=utf-8");
  for (const auto& h : headers) list = curl_slist_append(list, h.c_str());
  HttpReply reply;
  Sink sink{&reply.body, max_bytes};
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, list);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.c_str());
  curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, timeout_ms);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, Collect);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &sink);
  const CURLcode rc = curl_easy_perform(curl);
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &reply.status);
  curl_slist_free_all(list);
  curl_easy_cleanup(curl);
  if (sink.overflow) return Fail(ErrorKind::kUnavailable, "reply_too_large", "对方应答过大");
  if (rc != CURLE_OK)
    return Fail(ErrorKind::kUnavailable, "http_unreachable",
                std::string("无法连接对方：") + curl_easy_strerror(rc));
  return reply;
}

}  // namespace mvis::io
