// The steward-server executable itself: start-up refusals exit 2 with one clear
// message; a good config serves, writes its port file and stops cleanly on SIGTERM.

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <chrono>
#include <fstream>

#include "server/auth/token_verifier.h"
#include "shared/http/client.h"
#include "shared/http/server.h"
#include "tests/support/process.h"
#include "tests/support/temp_dir.h"

namespace steward::server {
namespace {

using namespace std::chrono_literals;
using steward::testing::binaryPath;
using steward::testing::ChildProcess;

class ServerMainTest : public ::testing::Test {
 protected:
  std::unique_ptr<ChildProcess> run(const std::string& conf_text,
                                    std::vector<std::string> extra = {}) {
    std::vector<std::string> args{"--config", dir_.write("server.conf", conf_text),
                                  "--set",    "storage.path=" + dir_.file("server.db"),
                                  "--set",    "http.port_file=" + dir_.file("server.port")};
    args.insert(args.end(), extra.begin(), extra.end());
    return std::make_unique<ChildProcess>(binaryPath("steward-server"), args,
                                          dir_.file("server.log"));
  }
  static int exitCode(int status) { return WIFEXITED(status) ? WEXITSTATUS(status) : -1; }

  std::string validConf() const {
    return "[auth]\ncollector_token_sha256 = " + sha256Hex("token") + "\n";
  }

  steward::testing::TempDir dir_;
};

TEST_F(ServerMainTest, RefusesToStartWithoutATokenHash) {
  auto server = run("[http]\nport = 0\n");
  EXPECT_EQ(exitCode(server->wait(20s)), 2);
  EXPECT_NE(server->log().find("auth.collector_token_sha256 is required"), std::string::npos)
      << server->log();
  EXPECT_FALSE(std::filesystem::exists(dir_.file("server.port")));
}

TEST_F(ServerMainTest, PortInUseExits2WithAClearMessage) {
  http::HttpServer occupant(http::HttpServerOptions{},
                            [](const http::HttpRequest&) { return http::jsonOk("{}"); });
  auto port = occupant.start();
  ASSERT_TRUE(port) << port.error().message;
  auto server = run(validConf(), {"--set", "http.port=" + std::to_string(*port)});
  EXPECT_EQ(exitCode(server->wait(20s)), 2);
  EXPECT_NE(server->log().find("cannot listen on 127.0.0.1:" + std::to_string(*port)),
            std::string::npos)
      << server->log();
}

TEST_F(ServerMainTest, ServesOnTheReportedPortAndStopsCleanlyOnSigterm) {
  auto server = run(validConf(), {"--set", "http.port=0"});
  int port = 0;
  ASSERT_TRUE(steward::testing::waitUntil(
      [&] {
        std::ifstream in(dir_.file("server.port"));
        return static_cast<bool>(in >> port) && port > 0;
      },
      20s))
      << server->log();

  http::BeastHttpClient client(5s);
  auto health = client.send("http://127.0.0.1:" + std::to_string(port) + "/healthz", {});
  ASSERT_TRUE(health) << health.error().message;
  EXPECT_EQ(health->status, 200);

  EXPECT_EQ(exitCode(server->stop(10s)), 0) << server->log();
  EXPECT_NE(server->log().find("listening on http://127.0.0.1:" + std::to_string(port)),
            std::string::npos)
      << server->log();
}

// The first admin exists only through the command line: no default account. The
// generated password logs in over HTTP, an API token from `user token` reads the API.
TEST_F(ServerMainTest, UserAddCreatesTheFirstAdminWhoseGeneratedPasswordLogsIn) {
  dir_.write("server.conf", validConf());
  const auto user = [&](std::vector<std::string> args, const std::string& log) {
    args.insert(args.begin(), "user");
    for (const std::string& extra :
         {std::string("--config"), dir_.file("server.conf"), std::string("--set"),
          "storage.path=" + dir_.file("server.db")}) {
      args.push_back(extra);
    }
    auto process =
        std::make_unique<ChildProcess>(binaryPath("steward-server"), args, dir_.file(log));
    const int code = exitCode(process->wait(30s));
    return std::pair{code, process->log()};
  };
  auto [added, added_log] = user(
      {"add", "--name", "admin", "--role", "admin", "--password-file", dir_.file("admin-password")},
      "add.log");
  ASSERT_EQ(added, 0) << added_log;
  EXPECT_EQ(std::filesystem::status(dir_.file("admin-password")).permissions() &
                std::filesystem::perms::all,
            std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  std::string password = steward::testing::readFile(dir_.file("admin-password"));
  password.erase(password.find_last_not_of('\n') + 1);
  EXPECT_EQ(password.size(), 24u);

  auto [again, again_log] = user({"add", "--name", "ADMIN", "--role", "viewer"}, "again.log");
  EXPECT_EQ(again, 1);
  EXPECT_NE(again_log.find("already exists"), std::string::npos) << again_log;
  auto [bad_role, bad_role_log] = user({"add", "--name", "x", "--role", "root"}, "role.log");
  EXPECT_EQ(bad_role, 1) << bad_role_log;
  auto [issued, token_log] = user({"token", "--name", "admin"}, "token.log");
  ASSERT_EQ(issued, 0) << token_log;
  const std::string token = token_log.substr(0, token_log.find('\n'));
  ASSERT_TRUE(token.starts_with("stw_")) << token_log;
  EXPECT_EQ(user({"token", "--name", "nobody"}, "nobody.log").first, 1);

  auto server = run(validConf(), {"--set", "http.port=0"});
  int port = 0;
  ASSERT_TRUE(steward::testing::waitUntil(
      [&] {
        std::ifstream in(dir_.file("server.port"));
        return static_cast<bool>(in >> port) && port > 0;
      },
      20s))
      << server->log();
  const std::string base = "http://127.0.0.1:" + std::to_string(port);
  http::BeastHttpClient client(5s);
  http::HttpRequest anonymous;
  auto refused = client.send(base + "/api/v1/assets", anonymous);
  ASSERT_TRUE(refused) << refused.error().message;
  EXPECT_EQ(refused->status, 401);
  http::HttpRequest with_token;
  with_token.setHeader("Authorization", "Bearer " + token);
  auto listed = client.send(base + "/api/v1/assets", with_token);
  ASSERT_TRUE(listed);
  EXPECT_EQ(listed->status, 200) << listed->body;
  http::HttpRequest login;
  login.method = "POST";
  login.setHeader("Content-Type", "application/json");
  login.body = R"({"name":"admin","password":")" + password + R"("})";
  auto session = client.send(base + "/api/v1/session", login);
  ASSERT_TRUE(session);
  EXPECT_EQ(session->status, 200) << session->body;
  EXPECT_EQ(exitCode(server->stop(10s)), 0) << server->log();
}

}  // namespace
}  // namespace steward::server
