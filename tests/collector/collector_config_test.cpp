#include "collector/collector_config.h"

#include <gtest/gtest.h>

#include "collector/cli.h"
#include "tests/support/temp_dir.h"

namespace steward::collector {
namespace {

using steward::testing::TempDir;

IniConfig configWith(const std::vector<std::string>& overrides) {
  IniConfig ini = IniConfig::empty();
  EXPECT_TRUE(ini.applyOverrides(overrides));
  return ini;
}

const std::vector<std::string> kRequired = {
    "storage.path=/tmp/c.db", "server.url=http://127.0.0.1:8480/", "server.token=abc"};

TEST(CollectorConfigTest, DefaultsApplyWhenOnlyRequiredKeysAreSet) {
  auto c = loadCollectorConfig(configWith(kRequired));
  ASSERT_TRUE(c) << c.error().message;
  EXPECT_EQ(c->http_address, "127.0.0.1");
  EXPECT_EQ(c->http_port, 8481);
  EXPECT_EQ(c->body_limit_bytes, 8u * 1024 * 1024);
  EXPECT_EQ(c->http_threads, 16);
  EXPECT_EQ(c->retry_max, std::chrono::seconds(30));
  EXPECT_EQ(c->server_url, "http://127.0.0.1:8480") << "trailing slash dropped";
  EXPECT_EQ(c->server_token, "abc");
  EXPECT_TRUE(c->port_file.empty());
}

TEST(CollectorConfigTest, ReadsEveryKeyFromAFile) {
  TempDir dir;
  auto ini = IniConfig::load(dir.write("c.conf",
                                       "[http]\naddress = 0.0.0.0\nport = 0\nport_file = /run/p\n"
                                       "body_limit_bytes = 1048576\n[storage]\npath = /var/c.db\n"
                                       "[server]\nurl = http://srv:8480\ntoken = t0k\n"
                                       "[outbox]\nretry_max_seconds = 5\n[log]\nlevel = debug\n"));
  ASSERT_TRUE(ini);
  auto c = loadCollectorConfig(*ini);
  ASSERT_TRUE(c) << c.error().message;
  EXPECT_EQ(c->http_address, "0.0.0.0");
  EXPECT_EQ(c->http_port, 0);
  EXPECT_EQ(c->port_file, "/run/p");
  EXPECT_EQ(c->body_limit_bytes, 1048576u);
  EXPECT_EQ(c->storage_path, "/var/c.db");
  EXPECT_EQ(c->retry_max, std::chrono::seconds(5));
  EXPECT_EQ(c->log_level, "debug");
}

TEST(CollectorConfigTest, RulesAreOffUnlessAFileIsNamed) {
  auto off = loadCollectorConfig(configWith(kRequired));
  ASSERT_TRUE(off);
  EXPECT_TRUE(off->rules_file.empty());
  EXPECT_EQ(off->rules_tick, std::chrono::milliseconds(500));
  auto overrides = kRequired;
  overrides.insert(overrides.end(), {"rules.file=/etc/steward/rules.conf",
                                     "rules.uplinks_file=/etc/steward/uplinks.conf",
                                     "rules.tick_ms=250"});
  auto on = loadCollectorConfig(configWith(overrides));
  ASSERT_TRUE(on) << on.error().message;
  EXPECT_EQ(on->rules_file, "/etc/steward/rules.conf");
  EXPECT_EQ(on->uplinks_file, "/etc/steward/uplinks.conf");
  EXPECT_EQ(on->rules_tick, std::chrono::milliseconds(250));
}

TEST(CollectorConfigTest, EachRequiredKeyIsNamedWhenMissing) {
  for (std::size_t skip = 0; skip < kRequired.size(); ++skip) {
    std::vector<std::string> overrides;
    for (std::size_t i = 0; i < kRequired.size(); ++i) {
      if (i != skip) overrides.push_back(kRequired[i]);
    }
    auto c = loadCollectorConfig(configWith(overrides));
    ASSERT_FALSE(c);
    const std::string key = kRequired[skip].substr(0, kRequired[skip].find('='));
    EXPECT_NE(c.error().message.find(key), std::string::npos) << c.error().message;
  }
}

TEST(CollectorConfigTest, BadValuesAreRefusedWithTheKey) {
  for (const std::string bad : {"http.port=70000", "http.port=abc", "outbox.retry_max_seconds=0",
                                "server.url=ftp://x", "log.level=loud", "rules.tick_ms=10",
                                "rules.tick_ms=soon", "http.threads=0", "http.threads=1000"}) {
    auto overrides = kRequired;
    overrides.push_back(bad);
    auto c = loadCollectorConfig(configWith(overrides));
    ASSERT_FALSE(c) << bad;
    EXPECT_NE(c.error().message.find(bad.substr(0, bad.find('='))), std::string::npos)
        << c.error().message;
  }
}

TEST(CollectorConfigTest, AgentsSectionBecomesThePushedSettings) {
  auto none = loadCollectorConfig(configWith(kRequired));
  ASSERT_TRUE(none);
  EXPECT_EQ(none->agent_settings, wire::AgentSettings{}) << "nothing pushed unless configured";

  auto overrides = kRequired;
  overrides.insert(overrides.end(), {"agents.heartbeat_interval_seconds=30",
                                     "agents.inventory_interval_seconds=900",
                                     "agents.inventory=cpu, disks,network",
                                     "agents.watch_interval_ms=250"});
  auto c = loadCollectorConfig(configWith(overrides));
  ASSERT_TRUE(c) << c.error().message;
  EXPECT_EQ(c->agent_settings.heartbeat_interval_seconds, 30);
  EXPECT_EQ(c->agent_settings.watch_interval_ms, 250);
  EXPECT_EQ(c->agent_settings.inventory_interval_seconds, 900);
  EXPECT_EQ(c->agent_settings.inventory.size(), 8u) << "every category, on or off";
  EXPECT_TRUE(c->agent_settings.inventory.at("disks"));
  EXPECT_TRUE(c->agent_settings.inventory.at("network"));
  EXPECT_FALSE(c->agent_settings.inventory.at("packages"));

  for (const std::string bad : {"agents.heartbeat_interval_seconds=0",
                                "agents.inventory_interval_seconds=604801", "agents.inventory=cpu,gpu",
                                "agents.watch_interval_ms=3600001",
                                "agents.watch_interval_ms=50", "agents.watch_interval_ms=-1"}) {
    auto with_bad = kRequired;
    with_bad.push_back(bad);
    auto refused = loadCollectorConfig(configWith(with_bad));
    ASSERT_FALSE(refused) << bad;
    EXPECT_NE(refused.error().message.find(bad.substr(0, bad.find('='))), std::string::npos)
        << refused.error().message;
  }
}

TEST(CollectorConfigTest, ServerCertificateCheckKeys) {
  auto overrides = kRequired;
  overrides.insert(overrides.end(), {"server.ca_file=/etc/steward/ca.pem",
                                     "server.fingerprint_sha256=" + std::string(64, 'A')});
  auto c = loadCollectorConfig(configWith(overrides));
  ASSERT_TRUE(c) << c.error().message;
  EXPECT_EQ(c->server_ca_file, "/etc/steward/ca.pem");
  EXPECT_EQ(c->server_fingerprint_sha256, std::string(64, 'a'));
  auto bad = kRequired;
  bad.push_back("server.fingerprint_sha256=xyz");
  auto refused = loadCollectorConfig(configWith(bad));
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("server.fingerprint_sha256"), std::string::npos);
}

TEST(CommandLineTest, ParsesConfigAndOverridesInOrder) {
  auto cl = parseCommandLine(
      {"--config", "/etc/steward/collector.conf", "--set", "http.port=0", "--set=log.level=debug"});
  ASSERT_TRUE(cl) << cl.error().message;
  EXPECT_EQ(cl->config_path, "/etc/steward/collector.conf");
  EXPECT_EQ(cl->overrides, (std::vector<std::string>{"http.port=0", "log.level=debug"}));
}

TEST(CommandLineTest, RefusesMissingConfigAndUnknownFlags) {
  EXPECT_FALSE(parseCommandLine({}));
  EXPECT_FALSE(parseCommandLine({"--config"}));
  auto unknown = parseCommandLine({"--config", "c", "--verbose"});
  ASSERT_FALSE(unknown);
  EXPECT_NE(unknown.error().message.find("--verbose"), std::string::npos);
  auto version = parseCommandLine({"--version"});
  ASSERT_TRUE(version);
  EXPECT_TRUE(version->show_version);
}

TEST(CommandLineTest, HashPasswordNeedsNoConfig) {
  auto cl = parseCommandLine({"--hash-password"});
  ASSERT_TRUE(cl) << cl.error().message;
  EXPECT_TRUE(cl->hash_password);
  EXPECT_FALSE(parseCommandLine({"--config", "c"})->hash_password);
}

}  // namespace
}  // namespace steward::collector
