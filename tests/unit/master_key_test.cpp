// The master key outside the database: created 0600 beside a SQLite database on first start,
// refused when others may read it, required by name for PostgreSQL.
#include "app/master_key.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

namespace mvis::app {
namespace {

namespace fs = std::filesystem;

class MasterKeyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("mvis-key-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_F(MasterKeyTest, CreatedBesideASqliteDatabaseReadableByItsOwnerOnly) {
  AppConfig c;
  c.db = "sqlite:" + (dir_ / "mvis.db").string();
  auto first = LoadMasterKey(c);
  ASSERT_TRUE(first.has_value()) << first.error().message;
  EXPECT_EQ(first->size(), 32u);
  struct stat st {};
  ASSERT_EQ(::stat((dir_ / "mvis.key").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600);
  auto again = LoadMasterKey(c);  // the same file, the same key
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(*again, *first);
}

TEST_F(MasterKeyTest, AKeyFileOthersMayReadIsRefused) {
  AppConfig c;
  c.db = "sqlite:" + (dir_ / "mvis.db").string();
  ASSERT_TRUE(LoadMasterKey(c).has_value());
  fs::permissions(dir_ / "mvis.key", fs::perms::group_read | fs::perms::others_read,
                  fs::perm_options::add);
  auto refused = LoadMasterKey(c);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, "secret_key_invalid");
  EXPECT_NE(refused.error().message.find("chmod 600"), std::string::npos);
}

TEST_F(MasterKeyTest, PostgresqlNeedsTheKeyNamedAndANamedFileMustExist) {
  AppConfig c;
  c.db = "postgresql://mvis@127.0.0.1:5432/mvis";
  EXPECT_EQ(LoadMasterKey(c).error().code, "secret_key_missing");
  c.key_file = (dir_ / "missing.key").string();
  EXPECT_EQ(LoadMasterKey(c).error().code, "secret_key_invalid");
  EXPECT_FALSE(fs::exists(dir_ / "missing.key"));  // not created: instances must share one
}

TEST_F(MasterKeyTest, InlineKeysMustBe32BytesOfBase64) {
  AppConfig c;
  c.db = "postgresql://mvis@127.0.0.1:5432/mvis";
  c.secret_key = "not base64!";
  EXPECT_EQ(LoadMasterKey(c).error().code, "secret_key_invalid");
  c.secret_key = "c2hvcnQ=";  // "short"
  EXPECT_EQ(LoadMasterKey(c).error().code, "secret_key_invalid");
  c.secret_key = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
  auto key = LoadMasterKey(c);
  ASSERT_TRUE(key.has_value());
  EXPECT_EQ((*key)[31], '\x1f');
}

}  // namespace
}  // namespace mvis::app
