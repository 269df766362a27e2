#include "app/config.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

namespace mvis::app {
namespace {

TEST(Config, FlagsBeatTheFileWhichBeatsDefaults) {
  std::string path = ::testing::TempDir() + "mvis-config-test.toml";
  std::ofstream(path) << "listen = \"0.0.0.0:9000\"\ndb = \"sqlite:/tmp/x.db\"\n"
                         "[security]\npassword_min_length = 14\nlockout_minutes = 30\n";
  Overrides o;
  o.config = path;
  o.db = "sqlite:/tmp/flag.db";
  auto c = LoadConfig(o);
  ASSERT_TRUE(c.has_value()) << c.error().message;
  EXPECT_EQ(c->listen, "0.0.0.0:9000");
  EXPECT_EQ(c->db, "sqlite:/tmp/flag.db");
  EXPECT_EQ(c->services.password_policy.min_length, 14);
  EXPECT_EQ(c->services.lockout_seconds, 1800);
  EXPECT_EQ(c->services.session_idle_seconds, 1800);  // default kept
  std::remove(path.c_str());
}

TEST(Config, RejectsBrokenFilesAndSettings) {
  std::string path = ::testing::TempDir() + "mvis-config-bad.toml";
  std::ofstream(path) << "listen = \n";
  Overrides o;
  o.config = path;
  EXPECT_FALSE(LoadConfig(o).has_value());
  std::ofstream(path) << "[sms]\nprovider = \"http\"\n";
  EXPECT_EQ(LoadConfig(o).error().code, "config_invalid");  // http needs url and secret
  std::remove(path.c_str());
}

TEST(Config, SplitsListenAddresses) {
  EXPECT_EQ(SplitListen("127.0.0.1:8080")->second, 8080);
  EXPECT_EQ(SplitListen("[::1]:80")->first, "::1");
  EXPECT_FALSE(SplitListen("localhost").has_value());
  EXPECT_FALSE(SplitListen("h:99999").has_value());
}

}  // namespace
}  // namespace mvis::app
