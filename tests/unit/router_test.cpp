#include "http/router.hpp"

#include <gtest/gtest.h>

#include "http/api.hpp"
#include "http/message.hpp"

namespace mvis::http {
namespace {

TEST(Router, MatchesPathParametersAndMethods) {
  Router r;
  r.Add("GET", "/api/v1/users/{id}", Access::kSignedIn, nullptr);
  r.Add("POST", "/api/v1/users/{id}/disable", Access::kSignedIn, nullptr);
  auto m = r.Find("GET", "/api/v1/users/42");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.params["id"], "42");
  EXPECT_EQ(r.Find("HEAD", "/api/v1/users/42").route, m.route);
  auto wrong = r.Find("DELETE", "/api/v1/users/42");
  EXPECT_EQ(wrong.route, nullptr);
  EXPECT_TRUE(wrong.method_mismatch);
  EXPECT_EQ(r.Find("GET", "/api/v1/users/").route, nullptr);
  EXPECT_EQ(r.Find("GET", "/api/v1/users/42/extra").route, nullptr);
  EXPECT_NE(r.Find("POST", "/api/v1/users/7/disable").route, nullptr);
}

TEST(Query, DecodesPairs) {
  auto q = ParseQuery("phone=139%2012&q=%E4%B8%AD+x&empty=&flag");
  EXPECT_EQ(q["phone"], "139 12");
  EXPECT_EQ(q["q"], "中 x");
  EXPECT_EQ(q["empty"], "");
  EXPECT_TRUE(q.count("flag"));
}

TEST(AcceptEncoding, HonoursNamesWildcardsAndZeroQuality) {
  EXPECT_TRUE(AcceptsEncoding("gzip, deflate, br", "br"));
  EXPECT_TRUE(AcceptsEncoding("gzip, deflate, br", "gzip"));
  EXPECT_TRUE(AcceptsEncoding("GZIP;q=0.5", "gzip"));
  EXPECT_FALSE(AcceptsEncoding("gzip, br;q=0", "br"));
  EXPECT_FALSE(AcceptsEncoding("br;q=0.000", "br"));
  EXPECT_TRUE(AcceptsEncoding("*", "br"));
  EXPECT_FALSE(AcceptsEncoding("*, br;q=0", "br"));
  EXPECT_FALSE(AcceptsEncoding("identity", "gzip"));
  EXPECT_FALSE(AcceptsEncoding("", "gzip"));
  EXPECT_FALSE(AcceptsEncoding("xgzip", "gzip"));
}

TEST(Cookies, FindsTheSessionCookie) {
  EXPECT_EQ(CookieValue("a=1; mvis_session=abc; b=2", "mvis_session"), "abc");
  EXPECT_EQ(CookieValue("mvis_session_x=1", "mvis_session"), "");
  EXPECT_EQ(CookieValue("", "mvis_session"), "");
}

}  // namespace
}  // namespace mvis::http
