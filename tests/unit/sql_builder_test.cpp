// The JSON list the ingest's lookups bind (store::JsonList) reads back as the same texts, escaped
// as nlohmann::json escapes them.
#include "store/sql_builder.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>

namespace mvis::store {
namespace {

TEST(SqlBuilder, JsonListEscapesLikeNlohmannAndReadsBack) {
  const std::vector<std::string> texts{"",          "EQ0001-1",  "a\"b",      "back\\slash",
                                       "tab\there", "nl\nx\x01", "充电桩-01", "\x1f|\x7f"};
  const std::string list = JsonList(texts);
  EXPECT_EQ(list, nlohmann::json(texts).dump());
  EXPECT_EQ(nlohmann::json::parse(list).get<std::vector<std::string>>(), texts);
  EXPECT_EQ(JsonList(std::set<std::string>{}), "[]");
  EXPECT_EQ(JsonList(std::set<std::string>{"b", "a"}), R"(["a","b"])");
}

}  // namespace
}  // namespace mvis::store
