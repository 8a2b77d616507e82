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

}  // namespace
}  // namespace steward::server
