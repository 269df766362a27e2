#include "http/api.hpp"

#include <sodium.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <filesystem>

#include "http/context.hpp"

namespace mvis::http {
namespace {

bool IsStateChanging(const std::string& method) {
  return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

bool SameToken(const std::string& a, const std::string& b) {
  return !a.empty() && a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string ContentType(const std::filesystem::path& p) {
  static const std::pair<const char*, const char*> kTypes[] = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".ico", "image/x-icon"},
      {".woff", "font/woff"},
      {".woff2", "font/woff2"},
      {".ttf", "font/ttf"},
      {".txt", "text/plain; charset=utf-8"},
      {".map", "application/json"}};
  std::string ext = p.extension().string();
  for (const auto& [e, type] : kTypes) {
    if (ext == e) return type;
  }
  return "application/octet-stream";
}

// Sets the response to stream `file`, or its precompressed sibling (file.br, file.gz, made by
// the web build) when the client accepts that encoding. Hashed assets never change.
void ServeFile(const Request& request, const std::filesystem::path& file, bool hashed,
               Response& r) {
  r.content_type = ContentType(file);
  r.file_path = file.string();
  std::string accept = request.Header("accept-encoding");
  for (const char* coding : {"br", "gzip"}) {
    std::filesystem::path sibling = file;
    sibling += std::string(".") + (std::string_view(coding) == "br" ? "br" : "gz");
    std::error_code ec;
    if (AcceptsEncoding(accept, coding) && std::filesystem::is_regular_file(sibling, ec)) {
      r.file_path = sibling.string();
      r.headers.emplace_back("Content-Encoding", coding);
      break;
    }
  }
  r.headers.emplace_back("Vary", "Accept-Encoding");
  r.headers.emplace_back("Cache-Control",
                         hashed ? "public, max-age=31536000, immutable" : "no-cache");
}

}  // namespace

std::string CookieValue(const std::string& header, const std::string& name) {
  size_t pos = 0;
  while (pos < header.size()) {
    size_t end = header.find(';', pos);
    if (end == std::string::npos) end = header.size();
    std::string part = header.substr(pos, end - pos);
    size_t b = part.find_first_not_of(' ');
    if (b != std::string::npos) part = part.substr(b);
    if (part.size() > name.size() && part.compare(0, name.size(), name) == 0 &&
        part[name.size()] == '=') {
      return part.substr(name.size() + 1);
    }
    pos = end + 1;
  }
  return {};
}

Api::Api(AppServices services, ApiOptions options)
    : services_(services), options_(std::move(options)) {
  AddSystemRoutes(router_, services_);
  AddExportRoutes(router_, services_);  // before the lists' /{id} routes
  AddAuthRoutes(router_, services_, options_);
  AddAdminRoutes(router_, services_);
  AddInboxRoutes(router_, services_);
  AddAnnouncementRoutes(router_, services_);
  AddSamplingRoutes(router_, services_);
  AddCreditRoutes(router_, services_);
  AddRectificationRoutes(router_, services_);
  AddInspectionRoutes(router_, services_, options_.public_rate_per_minute);
  AddImportRoutes(router_, services_);  // before /instruments/{id}: "import-template" is no id
  AddInstrumentRoutes(router_, services_);
  AddAppointmentRoutes(router_, services_);
  AddVerificationRoutes(router_, services_);
  AddPublicRoutes(router_, services_, options_.public_rate_per_minute);
  AddStatisticsRoutes(router_, services_);
  AddAcceptanceRoutes(router_, services_, options_.public_rate_per_minute);
  AddMeterValueRoutes(router_, services_, options_.public_rate_per_minute);
  AddExchangeRoutes(router_, services_);
  AddReportRoutes(router_, services_);
}

Response Api::Handle(Request& request) {
  if (!options_.access_log) return Dispatch(request);
  auto start = std::chrono::steady_clock::now();
  // Paths only: query strings may carry phone numbers.
  auto log = [start, method = request.method, path = request.path,
              ip = request.remote_ip](const Response& response) {
    auto micros = std::chrono::duration_cast<std::chrono::microseconds>(
                      std::chrono::steady_clock::now() - start)
                      .count();
    spdlog::info("{} {} {} {:.1f}ms {}", method, path, response.status, micros / 1000.0, ip);
  };
  if (request.respond)  // a deferred answer is logged when it is sent
    request.respond = [log, respond = std::move(request.respond)](std::function<Response()> make) {
      respond([log, make = std::move(make)] {
        Response later = make();
        log(later);
        return later;
      });
    };
  Response response = Dispatch(request);
  if (!response.deferred) log(response);
  return response;
}

Response Api::Dispatch(Request& request) {
  if (!request.path.starts_with("/api/") && request.path != "/healthz" &&
      !request.path.starts_with("/v/") && !request.path.starts_with("/V/") &&
      !request.path.starts_with("/ac/") && !request.path.starts_with("/tcec/")) {
    if (request.method != "GET" && request.method != "HEAD") {
      return ErrorResponse({ErrorKind::kNotFound, "route_not_found", "接口不存在", {}, {}});
    }
    return ServeStatic(request);
  }
  auto match = router_.Find(request.method, request.path);
  if (!match.route) {
    if (match.method_mismatch) {
      return ErrorResponse(
          {ErrorKind::kMethodNotAllowed, "method_not_allowed", "请求方法不被允许", {}, {}});
    }
    return ErrorResponse({ErrorKind::kNotFound, "route_not_found", "接口不存在", {}, {}});
  }
  request.params = std::move(match.params);

  services::RequestInfo info{request.remote_ip, request.Header("user-agent")};
  if (options_.trust_proxy) {
    std::string forwarded = request.Header("x-forwarded-for");
    if (!forwarded.empty()) info.ip = forwarded.substr(0, forwarded.find(','));
  }
  RequestContext ctx(request, info);
  if (match.route->access == Access::kSignedIn) {
    auto actor =
        services_.auth.Authenticate(CookieValue(request.Header("cookie"), kSessionCookie), info);
    if (!actor) return ErrorResponse(actor.error());
    if (IsStateChanging(request.method) &&
        !SameToken(request.Header("x-csrf-token"), actor->csrf_token)) {
      return ErrorResponse({ErrorKind::kPermissionDenied,
                            "csrf_token_invalid",
                            "请求校验失败，请刷新页面后重试",
                            {},
                            {}});
    }
    ctx.set_actor(std::move(*actor));
  }
  return match.route->handler(ctx);
}

Response Api::ServeStatic(const Request& request) const {
  namespace fs = std::filesystem;
  Response r;
  if (options_.web_dir.empty() || !fs::exists(fs::path(options_.web_dir) / "index.html")) {
    r.status = 404;
    r.content_type = "text/plain; charset=utf-8";
    r.body = "mvis: the web UI is not built (run `make web`, or pass --web DIR).\n";
    return r;
  }
  fs::path root = fs::weakly_canonical(options_.web_dir);
  fs::path wanted = fs::weakly_canonical(root / fs::path(request.path).relative_path());
  auto rel = wanted.lexically_relative(root);
  bool inside = !rel.empty() && rel.native().rfind("..", 0) != 0;
  std::error_code ec;
  if (inside && fs::is_regular_file(wanted, ec)) {
    bool hashed = request.path.starts_with("/assets/");
    ServeFile(request, wanted, hashed, r);
    return r;
  }
  if (fs::path(request.path).has_extension() && request.path.find(".html") == std::string::npos) {
    r.status = 404;
    r.content_type = "text/plain; charset=utf-8";
    r.body = "not found\n";
    return r;
  }
  // SPA fallback: client-side routes get index.html.
  ServeFile(request, root / "index.html", false, r);
  return r;
}

}  // namespace mvis::http
