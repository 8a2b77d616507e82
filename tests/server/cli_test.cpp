#include "server/cli.h"

#include <gtest/gtest.h>

namespace steward::server {
namespace {

TEST(CommandLineTest, ReadsConfigAndOverridesInOrder) {
  auto cl = parseCommandLine({"--config", "/etc/steward/server.conf", "--set", "http.port=0",
                              "--set=storage.path=/tmp/s.db"});
  ASSERT_TRUE(cl) << cl.error().message;
  EXPECT_EQ(cl->config_path, "/etc/steward/server.conf");
  EXPECT_EQ(cl->overrides, (std::vector<std::string>{"http.port=0", "storage.path=/tmp/s.db"}));
  EXPECT_FALSE(cl->show_version);
}

TEST(CommandLineTest, AcceptsTheEqualsForm) {
  auto cl = parseCommandLine({"--config=server.conf"});
  ASSERT_TRUE(cl);
  EXPECT_EQ(cl->config_path, "server.conf");
}

TEST(CommandLineTest, VersionNeedsNoConfig) {
  auto cl = parseCommandLine({"--version"});
  ASSERT_TRUE(cl);
  EXPECT_TRUE(cl->show_version);
}

TEST(CommandLineTest, MissingConfigIsAUsageError) {
  auto cl = parseCommandLine({});
  ASSERT_FALSE(cl);
  EXPECT_EQ(cl.error().message, "--config FILE is required");
}

TEST(CommandLineTest, FlagWithoutValueOrUnknownArgumentIsAnError) {
  auto no_value = parseCommandLine({"--config", "a.conf", "--set"});
  ASSERT_FALSE(no_value);
  EXPECT_EQ(no_value.error().message, "--set needs a value");
  auto unknown = parseCommandLine({"--config", "a.conf", "--port", "80"});
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().message, "unknown argument '--port'");
}

}  // namespace
}  // namespace steward::server
