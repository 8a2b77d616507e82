#include "server/server_config.h"

#include <gtest/gtest.h>

#include "server/auth/token_verifier.h"
#include "tests/support/temp_dir.h"

namespace steward::server {
namespace {

class ServerConfigTest : public ::testing::Test {
 protected:
  // A config file with the two required keys plus `extra` lines, then overrides.
  Result<ServerConfig> load(const std::string& extra, std::vector<std::string> overrides = {}) {
    const std::string path = dir_.write("server.conf",
                                        "[storage]\npath = /var/lib/steward/server.db\n[auth]\n"
                                        "collector_token_sha256 = " +
                                            sha256Hex("token") + "\n" + extra);
    auto ini = IniConfig::load(path);
    if (!ini) return ini.error();
    if (auto applied = ini->applyOverrides(overrides); !applied) return applied.error();
    return loadServerConfig(*ini);
  }

  steward::testing::TempDir dir_;
};

TEST_F(ServerConfigTest, DefaultsAreLocalAndSafe) {
  auto config = load("");
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->address, "127.0.0.1");
  EXPECT_EQ(config->port, 8480);
  EXPECT_EQ(config->port_file, "");
  EXPECT_EQ(config->body_limit_bytes, 16u * 1024 * 1024);
  EXPECT_EQ(config->storage_path, "/var/lib/steward/server.db");
  EXPECT_EQ(config->collector_token_sha256, sha256Hex("token"));
  EXPECT_EQ(config->log_level, "information");
}

TEST_F(ServerConfigTest, ReadsEveryKeyAndOverridesWin) {
  auto config = load(
      "[http]\naddress = 0.0.0.0\nport = 9000\nbody_limit_bytes = 4096\n"
      "[log]\nlevel = debug\n",
      {"http.port=0", "http.port_file=/run/steward.port"});
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->address, "0.0.0.0");
  EXPECT_EQ(config->port, 0);
  EXPECT_EQ(config->port_file, "/run/steward.port");
  EXPECT_EQ(config->body_limit_bytes, 4096u);
  EXPECT_EQ(config->log_level, "debug");
}

TEST_F(ServerConfigTest, TlsNeedsCertificateAndKeyTogether) {
  auto both = load("[http]\ntls_cert = /etc/steward/server.pem\ntls_key = /etc/steward/server.key\n");
  ASSERT_TRUE(both) << both.error().message;
  EXPECT_EQ(both->tls_cert, "/etc/steward/server.pem");
  EXPECT_EQ(both->tls_key, "/etc/steward/server.key");
  EXPECT_TRUE(load("")->tls_cert.empty());
  for (const char* half : {"http.tls_cert=/c.pem", "http.tls_key=/k.pem"}) {
    auto config = load("", {half});
    ASSERT_FALSE(config) << half;
    EXPECT_NE(config.error().message.find("http.tls_cert and http.tls_key"), std::string::npos);
  }
}

TEST_F(ServerConfigTest, RefusesToStartWithoutATokenHash) {
  const std::string path = dir_.write("server.conf",
                                      "[storage]\npath = s.db\n[auth]\n"
                                      "collector_token_sha256 =\n");
  auto config = loadServerConfig(*IniConfig::load(path));
  ASSERT_FALSE(config);
  EXPECT_EQ(config.error().code, "config_invalid");
  EXPECT_NE(config.error().message.find(path), std::string::npos);
  EXPECT_NE(config.error().message.find("auth.collector_token_sha256 is required"),
            std::string::npos);
}

TEST_F(ServerConfigTest, RequiresAStoragePath) {
  auto config = load("", {"storage.path="});
  ASSERT_FALSE(config);
  EXPECT_NE(config.error().message.find("storage.path is required"), std::string::npos);
}

TEST_F(ServerConfigTest, RejectsBadValuesNamingTheKey) {
  const std::pair<std::string, std::string> cases[] = {
      {"http.port=65536", "http.port"},
      {"http.port=http", "http.port"},
      {"http.body_limit_bytes=10", "http.body_limit_bytes"},
      {"auth.collector_token_sha256=abc", "auth.collector_token_sha256"},
      {"log.level=chatty", "log.level"},
      {"http.address=", "http.address"},
  };
  for (const auto& [override_text, key] : cases) {
    auto config = load("", {override_text});
    ASSERT_FALSE(config) << override_text;
    EXPECT_EQ(config.error().code, "config_invalid");
    EXPECT_NE(config.error().message.find(key), std::string::npos) << config.error().message;
  }
}

}  // namespace
}  // namespace steward::server
