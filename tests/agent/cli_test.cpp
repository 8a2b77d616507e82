#include "agent/cli.h"

#include <gtest/gtest.h>

namespace steward::agent {
namespace {

using Command = CliOptions::Command;

TEST(CliTest, Version) {
  auto options = parseCommandLine({"--version"});
  ASSERT_TRUE(options);
  EXPECT_EQ(options->command, Command::Version);
}

TEST(CliTest, InventoryWithAndWithoutRoot) {
  auto plain = parseCommandLine({"inventory"});
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->command, Command::Inventory);
  EXPECT_EQ(plain->root, "/");
  auto rooted = parseCommandLine({"inventory", "--root", "/srv/capture"});
  ASSERT_TRUE(rooted);
  EXPECT_EQ(rooted->root, "/srv/capture");
}

TEST(CliTest, RunWithConfigAndOverrides) {
  auto options = parseCommandLine({"run", "--config", "/etc/steward/agent.conf", "--set",
                                   "log.level=debug", "--set", "collector.url=http://x:1"});
  ASSERT_TRUE(options);
  EXPECT_EQ(options->command, Command::Run);
  EXPECT_EQ(options->config_path, "/etc/steward/agent.conf");
  EXPECT_EQ(options->overrides,
            (std::vector<std::string>{"log.level=debug", "collector.url=http://x:1"}));
}

TEST(CliTest, RunTakesAHealthRoot) {
  auto options = parseCommandLine({"run", "--config", "a.conf", "--health-root", "/srv/fixture"});
  ASSERT_TRUE(options);
  EXPECT_EQ(options->health_root, "/srv/fixture");
  EXPECT_EQ(parseCommandLine({"run", "--config", "a.conf"})->health_root, "/");
  EXPECT_FALSE(parseCommandLine({"run", "--config", "a.conf", "--health-root"}));
  EXPECT_FALSE(parseCommandLine({"inventory", "--health-root", "/x"}));
}

TEST(CliTest, BadUsageSaysWhatIsWrong) {
  const auto error = [](std::vector<std::string> args) {
    auto options = parseCommandLine(args);
    return options ? std::string("(accepted)") : options.error().message;
  };
  EXPECT_EQ(error({}), "missing command");
  EXPECT_EQ(error({"inventroy"}), "unknown command 'inventroy'");
  EXPECT_EQ(error({"run"}), "run needs --config FILE");
  EXPECT_EQ(error({"run", "--config"}), "--config needs a value");
  EXPECT_EQ(error({"inventory", "--root"}), "--root needs a value");
  EXPECT_EQ(error({"inventory", "--config", "x"}), "unknown option '--config' for inventory");
  EXPECT_EQ(error({"run", "--config", "x", "--root", "/"}), "unknown option '--root' for run");
  EXPECT_EQ(error({"--version", "extra"}), "--version takes no arguments");
}

}  // namespace
}  // namespace steward::agent
