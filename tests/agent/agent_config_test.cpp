#include "agent/agent_config.h"

#include <gtest/gtest.h>

#include "tests/support/temp_dir.h"

namespace steward::agent {
namespace {

using steward::testing::TempDir;

Result<AgentConfig> load(const TempDir& dir, const std::string& text, bool require = true) {
  auto ini = IniConfig::load(dir.write("agent.conf", text));
  if (!ini) return ini.error();
  return AgentConfig::fromIni(*ini, require);
}

TEST(AgentConfigTest, ReadsEveryKey) {
  TempDir dir;
  auto config = load(dir,
                     "[collector]\nurl = https://10.0.0.5:8481\nca_file = /etc/ca.pem\n"
                     "fingerprint_sha256 = " +
                         std::string(64, 'A') +
                         "\n[agent]\nstate_dir = /srv/agent\n"
                         "heartbeat_interval_seconds = 15\n[log]\nlevel = debug\n");
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->collector_url, "https://10.0.0.5:8481");
  EXPECT_EQ(config->ca_file, "/etc/ca.pem");
  EXPECT_EQ(config->fingerprint_sha256, std::string(64, 'a'));
  EXPECT_FALSE(config->allow_insecure_http);
  EXPECT_EQ(config->state_dir, "/srv/agent");
  EXPECT_EQ(config->heartbeat_interval, std::chrono::seconds(15));
  EXPECT_EQ(config->log_level, "debug");
}

TEST(AgentConfigTest, InventoryCategoriesAreOnUnlessSwitchedOff) {
  TempDir dir;
  auto config = load(dir,
                     "[collector]\nurl = https://10.0.0.5:8481\n"
                     "[inventory]\npackages = false\nusers = no\n");
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_FALSE(config->inventory.packages);
  EXPECT_FALSE(config->inventory.users);
  EXPECT_TRUE(config->inventory.hardware);
  EXPECT_TRUE(config->inventory.network);

  auto devices = load(dir,
                     "[collector]\nurl = https://10.0.0.5:8481\n"
                     "[inventory]\npci = false\nusb = off\nmonitors = 0\nbatteries = false\n");
  ASSERT_TRUE(devices) << devices.error().message;
  EXPECT_FALSE(devices->inventory.pci);
  EXPECT_FALSE(devices->inventory.usb);
  EXPECT_FALSE(devices->inventory.monitors);
  EXPECT_FALSE(devices->inventory.batteries);
  EXPECT_TRUE(devices->inventory.packages);
  EXPECT_TRUE(config->inventory.pci && config->inventory.usb && config->inventory.monitors &&
              config->inventory.batteries);

  auto bad = load(dir, "[collector]\nurl = https://10.0.0.5:8481\n[inventory]\ndisks = maybe\n");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("inventory.disks = 'maybe' is not true/false"),
            std::string::npos)
      << bad.error().message;
}

TEST(AgentConfigTest, DefaultsWhenOnlyTheCollectorIsGiven) {
  TempDir dir;
  auto config = load(dir, "[collector]\nurl = https://127.0.0.1:8481\n");
  ASSERT_TRUE(config);
  EXPECT_EQ(config->state_dir, "/var/lib/steward-agent");
  EXPECT_EQ(config->heartbeat_interval, std::chrono::seconds(60));
  EXPECT_EQ(config->inventory_interval, std::chrono::seconds(3600));
  EXPECT_EQ(config->watch_interval, std::chrono::milliseconds(500));
  EXPECT_EQ(config->spool_max_items, 1000u);
  EXPECT_EQ(config->spool_max_bytes, 16u * 1024 * 1024);
  EXPECT_EQ(config->log_level, "information");
}

TEST(AgentConfigTest, ReadsInventoryIntervalAndSpoolBounds) {
  TempDir dir;
  auto config = load(dir,
                     "[collector]\nurl = https://127.0.0.1:8481\n[agent]\n"
                     "inventory_interval_seconds = 900\nwatch_interval_ms = 0\n"
                     "[spool]\nmax_items = 50\nmax_bytes = 1048576\n");
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->inventory_interval, std::chrono::seconds(900));
  EXPECT_EQ(config->watch_interval, std::chrono::milliseconds(0)) << "0: no watch";
  EXPECT_EQ(config->spool_max_items, 50u);
  EXPECT_EQ(config->spool_max_bytes, 1048576u);
}

TEST(AgentConfigTest, ShippedConfigNeedsOnlyTheCollectorUrl) {
  auto ini = IniConfig::load(std::string(STEWARD_FIXTURES_DIR) + "/../../config/agent.conf");
  ASSERT_TRUE(ini) << ini.error().message;
  ASSERT_TRUE(ini->applyOverrides({"collector.url=https://127.0.0.1:8481"}));
  auto config = AgentConfig::fromIni(*ini, true);
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->heartbeat_interval, std::chrono::seconds(60));
}

TEST(AgentConfigTest, MissingCollectorUrlNamesFileAndKey) {
  TempDir dir;
  auto config = load(dir, "[agent]\nstate_dir = /tmp/x\n");
  ASSERT_FALSE(config);
  EXPECT_EQ(config.error().code, "config_invalid");
  EXPECT_NE(config.error().message.find("agent.conf"), std::string::npos);
  EXPECT_NE(config.error().message.find("collector.url"), std::string::npos);
  EXPECT_TRUE(load(dir, "[agent]\nstate_dir = /tmp/x\n", false));  // inventory needs none
}

TEST(AgentConfigTest, RejectsBadValues) {
  TempDir dir;
  const auto message = [&](const std::string& text) {
    auto config = load(dir, text);
    return config ? std::string("(accepted)") : config.error().message;
  };
  const std::string url = "[collector]\nurl = https://127.0.0.1:8481\n";
  EXPECT_NE(message("[collector]\nurl = ftp://x\n").find("collector.url"), std::string::npos);
  // Plain http only when the config says so explicitly.
  EXPECT_NE(message("[collector]\nurl = http://x:1\n").find("allow_insecure_http"),
            std::string::npos);
  EXPECT_EQ(message("[collector]\nurl = http://x:1\nallow_insecure_http = true\n"), "(accepted)");
  EXPECT_NE(message(url + "fingerprint_sha256 = abc\n").find("collector.fingerprint_sha256"),
            std::string::npos);
  EXPECT_NE(message(url + "[agent]\nheartbeat_interval_seconds = 0\n")
                .find("agent.heartbeat_interval_seconds"),
            std::string::npos);
  EXPECT_NE(message(url + "[agent]\nheartbeat_interval_seconds = 86401\n").find("1..86400"),
            std::string::npos);
  EXPECT_NE(message(url + "[agent]\nheartbeat_interval_seconds = soon\n").find("not an integer"),
            std::string::npos);
  EXPECT_NE(message(url + "[agent]\nstate_dir =\n").find("agent.state_dir"), std::string::npos);
  EXPECT_NE(message(url + "[agent]\ninventory_interval_seconds = 0\n")
                .find("agent.inventory_interval_seconds"),
            std::string::npos);
  for (const char* bad : {"3600001", "-1", "99"}) {
    EXPECT_NE(message(url + "[agent]\nwatch_interval_ms = " + bad + "\n")
                  .find("agent.watch_interval_ms"),
              std::string::npos)
        << bad;
  }
  EXPECT_NE(message(url + "[spool]\nmax_items = 0\n").find("spool.max_items"), std::string::npos);
  EXPECT_NE(message(url + "[spool]\nmax_bytes = 1000\n").find("spool.max_bytes"),
            std::string::npos);
  EXPECT_NE(message(url + "[log]\nlevel = loud\n").find("log.level"), std::string::npos);
}

TEST(AgentConfigTest, CommandLineOverridesWin) {
  TempDir dir;
  auto ini = IniConfig::load(dir.write("agent.conf", "[collector]\nurl = https://a:1\n"));
  ASSERT_TRUE(ini);
  ASSERT_TRUE(
      ini->applyOverrides({"collector.url=https://b:2", "agent.heartbeat_interval_seconds=5"}));
  auto config = AgentConfig::fromIni(*ini, true);
  ASSERT_TRUE(config);
  EXPECT_EQ(config->collector_url, "https://b:2");
  EXPECT_EQ(config->heartbeat_interval, std::chrono::seconds(5));
}

TEST(AgentConfigTest, ServicesSwitchAndSmartInterval) {
  TempDir dir;
  const std::string url = "[collector]\nurl = https://127.0.0.1:8481\n";
  auto defaults = load(dir, url);
  ASSERT_TRUE(defaults);
  EXPECT_TRUE(defaults->inventory.services);
  EXPECT_EQ(defaults->smart_interval, std::chrono::minutes(30));
  auto off =
      load(dir, url + "[inventory]\nservices = false\n[health]\nsmart_interval_minutes = 0\n");
  ASSERT_TRUE(off) << off.error().message;
  EXPECT_FALSE(off->inventory.services);
  EXPECT_EQ(off->smart_interval, std::chrono::minutes(0));
  for (const char* bad :
       {"[inventory]\nservices = maybe\n", "[health]\nsmart_interval_minutes = -1\n",
        "[health]\nsmart_interval_minutes = 10081\n"}) {
    auto config = load(dir, url + bad);
    ASSERT_FALSE(config) << bad;
    EXPECT_NE(config.error().message.find(std::string(bad).find("services") != std::string::npos
                                              ? "inventory.services"
                                              : "health.smart_interval_minutes"),
              std::string::npos)
        << config.error().message;
  }
}

}  // namespace
}  // namespace steward::agent
