// A small blocking HTTP client (libcurl) for mvis's outbound calls to peers, e.g. the T/CEC 102
// pull from the city's charging platform.
//
// Thread safety: each call uses its own handle; any thread.
#pragma once

#include <string>
#include <vector>

#include "domain/error.hpp"

namespace mvis::io {

struct HttpReply {
  long status = 0;
  std::string body;
};

// POSTs `body` as application/json (UTF-8) with `headers` ("Name: value") to `url`. The reply
// whatever its status; kUnavailable (code http_unreachable) when no reply came within
// `timeout_ms` or the connection failed. Replies are read up to `max_bytes` (more: kUnavailable,
// reply_too_large).
Result<HttpReply> PostJson(const std::string& url, const std::string& body,
                           const std::vector<std::string>& headers, long timeout_ms,
                           size_t max_bytes = 64u << 20);

}  // namespace mvis::io
