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

TEST(CommandLineTest, UserAddTakesNameRoleAndWhereThePasswordGoes) {
  auto cl = parseCommandLine({"user", "add", "--config", "s.conf", "--name", "admin", "--role",
                              "admin", "--password-file", "/tmp/pw"});
  ASSERT_TRUE(cl) << cl.error().message;
  EXPECT_EQ(cl->command, Command::UserAdd);
  EXPECT_EQ(cl->user_name, "admin");
  EXPECT_EQ(cl->role, "admin");
  EXPECT_EQ(cl->password_file, "/tmp/pw");
  auto token = parseCommandLine({"user", "token", "--config=s.conf", "--name=admin"});
  ASSERT_TRUE(token) << token.error().message;
  EXPECT_EQ(token->command, Command::UserToken);
}

TEST(CommandLineTest, UserCommandsRefuseMissingOrMisplacedFlags) {
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
      {{"user"}, "user needs a subcommand: add or token"},
      {{"user", "delete", "--config", "s.conf"}, "user needs a subcommand: add or token"},
      {{"user", "add", "--config", "s.conf", "--role", "admin"}, "--name NAME is required"},
      {{"user", "add", "--config", "s.conf", "--name", "a"},
       "--role is required (admin, "
       "technician, requester or viewer)"},
      {{"user", "add", "--config", "s.conf", "--name", "a", "--role", "admin", "--password-stdin",
        "--password-file", "f"},
       "--password-stdin and --password-file exclude each other"},
      {{"user", "token", "--config", "s.conf", "--name", "a", "--role", "admin"},
       "unknown argument '--role'"},
      {{"--config", "s.conf", "--name", "a"}, "unknown argument '--name'"},
  };
  for (const auto& [args, message] : cases) {
    auto cl = parseCommandLine(args);
    ASSERT_FALSE(cl) << message;
    EXPECT_EQ(cl.error().message, message);
  }
}

}  // namespace
}  // namespace steward::server
