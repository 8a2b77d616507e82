#include "collector/rules/uplinks_file.h"

#include <gtest/gtest.h>

#include "tests/support/temp_dir.h"

namespace steward::collector::rules {
namespace {

constexpr const char* kEndpoint = "0193a1b2-0000-7000-8000-000000000001";
constexpr const char* kSwitch = "0193a1b2-0000-7000-8000-000000000002";

TEST(UplinksFileTest, ReadsEndpointToSwitchLines) {
  ::steward::testing::TempDir dir;
  auto table = loadUplinksFile(
      dir.write("u.conf", std::string("# topology\n\n") + kEndpoint + " = " + kSwitch + "\n"));
  ASSERT_TRUE(table) << table.error().message;
  EXPECT_EQ(table->at(kEndpoint), kSwitch);
}

TEST(UplinksFileTest, ABadLineIsNamed) {
  ::steward::testing::TempDir dir;
  const std::string path = dir.write("u.conf", std::string(kEndpoint) + " = switch-01\n");
  auto table = loadUplinksFile(path);
  ASSERT_FALSE(table);
  EXPECT_EQ(table.error().message,
            path + ":1: expected 'ENDPOINT_ASSET_ID = SWITCH_ASSET_ID' (two UUIDs)");
  EXPECT_FALSE(loadUplinksFile(dir.file("missing.conf")));
}

}  // namespace
}  // namespace steward::collector::rules
