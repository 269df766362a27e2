// Cross-cutting HTTP behaviour: health, the OpenAPI document covering every route, errors,
// limits and the static web UI.
#include <filesystem>
#include <fstream>

#include "fixture.hpp"

namespace mvis::testing {
namespace {

std::string Lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

TEST_F(ApiTest, HealthzReportsTheDatabase) {
  auto r = NewClient().Get("/healthz");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.json()["db"], "ok");
}

TEST_F(ApiTest, OpenApiDocumentsEveryRouteAndNoOthers) {
  auto r = NewClient().Get("/api/openapi.json");
  ASSERT_EQ(r.status, 200);
  auto doc = r.json();
  ASSERT_TRUE(doc.is_object());
  EXPECT_EQ(doc["openapi"].get<std::string>().substr(0, 2), "3.");
  std::set<std::string> routes, documented;
  for (const auto& route : runtime_->api().router().routes()) {
    routes.insert(Lower(route.method) + " " + route.pattern);
  }
  for (const auto& [path, ops] : doc["paths"].items()) {
    for (const auto& [method, op] : ops.items()) {
      if (method != "parameters") documented.insert(method + " " + path);
    }
  }
  for (const auto& route : routes)
    EXPECT_TRUE(documented.count(route)) << "undocumented: " << route;
  for (const auto& d : documented) EXPECT_TRUE(routes.count(d)) << "documented but absent: " << d;
}

TEST_F(ApiTest, ErrorsUseTheEnvelope) {
  Client c = NewClient();
  auto unknown = c.Get("/api/v1/nothing-here");
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(unknown.error_code(), "route_not_found");
  EXPECT_FALSE(unknown.json()["error"]["message"].get<std::string>().empty());
  auto wrong_method = c.Send("DELETE", "/api/v1/auth/login", "");
  EXPECT_EQ(wrong_method.status, 405);
  EXPECT_EQ(wrong_method.error_code(), "method_not_allowed");
  auto bad_json = c.Send("POST", "/api/v1/auth/login", "{not json");
  EXPECT_EQ(bad_json.status, 400);
  EXPECT_EQ(bad_json.error_code(), "invalid_json");
  auto bad_page = Admin().Get("/api/v1/admin/users?page_size=100000");
  EXPECT_EQ(bad_page.status, 400);
  EXPECT_EQ(bad_page.error_code(), "invalid_page_size");
}

TEST_F(ApiTest, OversizedBodiesAndHeadersAreRefused) {
  Client c = NewClient();
  std::string huge(2 * 1024 * 1024, 'x');
  auto r = c.Send("POST", "/api/v1/auth/login", huge);
  EXPECT_EQ(r.status, 413);
  auto h = c.Send("GET", "/healthz", "", {"X-Big: " + std::string(64 * 1024, 'y')});
  EXPECT_EQ(h.status, 431);
  EXPECT_EQ(c.Get("/healthz").status, 200);  // the server is still fine
}

class StaticTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    dir_ = std::filesystem::temp_directory_path() / ("mvis-web-" + std::to_string(getpid()));
    std::filesystem::create_directories(dir_ / "assets");
    std::ofstream(dir_ / "index.html") << "<!doctype html><title>mvis</title>";
    std::ofstream(dir_ / "assets" / "app-1a2b.js") << "console.log(1)";
    Restart([&](app::AppConfig& c) { c.web = dir_.string(); });
  }
  void TearDown() override {
    ApiTest::TearDown();
    std::filesystem::remove_all(dir_);
  }
  std::filesystem::path dir_;
};

TEST_F(StaticTest, ServesTheAppWithSpaFallbackAndCacheHeaders) {
  Client c = NewClient();
  auto index = c.Get("/");
  EXPECT_EQ(index.status, 200);
  EXPECT_NE(index.body.find("<title>mvis</title>"), std::string::npos);
  EXPECT_EQ(index.headers["cache-control"], "no-cache");
  auto asset = c.Get("/assets/app-1a2b.js");
  EXPECT_EQ(asset.status, 200);
  EXPECT_NE(asset.headers["content-type"].find("javascript"), std::string::npos);
  EXPECT_NE(asset.headers["cache-control"].find("immutable"), std::string::npos);
  auto deep = c.Get("/admin/users");
  EXPECT_EQ(deep.status, 200);
  EXPECT_NE(deep.body.find("<title>mvis</title>"), std::string::npos);
  EXPECT_EQ(c.Get("/assets/missing.js").status, 404);
  auto escape = c.Get("/../../../../etc/passwd");
  EXPECT_EQ(escape.body.find("root:"), std::string::npos);
  auto encoded = c.Get("/%2e%2e/%2e%2e/%2e%2e/etc/passwd");
  EXPECT_EQ(encoded.body.find("root:"), std::string::npos);
}

TEST_F(StaticTest, ServesPrecompressedSiblingsTheClientAccepts) {
  std::ofstream(dir_ / "assets" / "app-1a2b.js.br") << "BROTLI";
  std::ofstream(dir_ / "assets" / "app-1a2b.js.gz") << "GZIP";
  std::ofstream(dir_ / "index.html.gz") << "GZINDEX";
  Client c = NewClient();
  auto br = c.Send("GET", "/assets/app-1a2b.js", "", {"Accept-Encoding: gzip, deflate, br"});
  EXPECT_EQ(br.body, "BROTLI");
  EXPECT_EQ(br.headers["content-encoding"], "br");
  EXPECT_EQ(br.headers["vary"], "Accept-Encoding");
  EXPECT_NE(br.headers["content-type"].find("javascript"), std::string::npos);
  EXPECT_NE(br.headers["cache-control"].find("immutable"), std::string::npos);
  auto gz = c.Send("GET", "/assets/app-1a2b.js", "", {"Accept-Encoding: gzip, br;q=0"});
  EXPECT_EQ(gz.body, "GZIP");
  EXPECT_EQ(gz.headers["content-encoding"], "gzip");
  auto plain = c.Send("GET", "/assets/app-1a2b.js", "", {"Accept-Encoding: identity"});
  EXPECT_EQ(plain.body, "console.log(1)");
  EXPECT_EQ(plain.headers.count("content-encoding"), 0u);
  // Client-side routes get the compressed index.html too (no .br: gzip).
  auto deep = c.Send("GET", "/instruments", "", {"Accept-Encoding: br, gzip"});
  EXPECT_EQ(deep.body, "GZINDEX");
  EXPECT_EQ(deep.headers["content-encoding"], "gzip");
  EXPECT_EQ(deep.headers["cache-control"], "no-cache");
}

TEST_F(ApiTest, SiteInformationIsPublic) {
  Client c = NewClient();
  auto site = c.Get("/api/v1/site");
  ASSERT_EQ(site.status, 200);
  auto body = site.json();
  EXPECT_EQ(body["organiser"], "武汉市市场监督管理局");
  EXPECT_EQ(body["complaint_phone"], "12315");
  EXPECT_TRUE(body["icp"].is_string());
}

}  // namespace
}  // namespace mvis::testing
