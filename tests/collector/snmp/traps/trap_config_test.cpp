#include "collector/snmp/traps/trap_config.h"

#include <gtest/gtest.h>

#include "collector/collector_config.h"

namespace steward::collector::snmp::traps {
namespace {

Result<TrapConfig> loadWith(const std::vector<std::string>& overrides) {
  IniConfig ini = IniConfig::empty();
  EXPECT_TRUE(ini.applyOverrides(overrides));
  return loadTrapConfig(ini);
}

const std::vector<std::string> kUser = {
    "traps.enabled=true", "traps.v3_users=sw",
    "trap_user.sw.engine_ids=0x8000000001020304, 80001F8880AABBCCDD",
    "trap_user.sw.auth_password=auth-pass-1", "trap_user.sw.priv_password=priv-pass-1"};

TEST(TrapConfigTest, OffByDefaultOnPort162) {
  auto c = loadWith({});
  ASSERT_TRUE(c) << c.error().message;
  EXPECT_FALSE(c->enabled);
  EXPECT_EQ(c->port, 162);
  EXPECT_EQ(c->address, "0.0.0.0");
  EXPECT_TRUE(c->communities.empty());
  EXPECT_EQ(c->max_events, 100000);
  EXPECT_EQ(c->max_age_days, 30);
}

TEST(TrapConfigTest, CollectorConfigCarriesTheTrapsSection) {
  IniConfig ini = IniConfig::empty();
  ASSERT_TRUE(ini.applyOverrides({"storage.path=/tmp/c.db", "server.url=http://127.0.0.1:1",
                                  "server.token=t", "traps.enabled=true", "traps.port=10162",
                                  "traps.communities=a, b"}));
  auto c = collector::loadCollectorConfig(ini);
  ASSERT_TRUE(c) << c.error().message;
  EXPECT_TRUE(c->traps.enabled);
  EXPECT_EQ(c->traps.port, 10162);
  EXPECT_EQ(c->traps.communities, (std::vector<std::string>{"a", "b"}));
}

TEST(TrapConfigTest, V3UserWithEngineIdsNormalisedAndAesSha) {
  auto c = loadWith(kUser);
  ASSERT_TRUE(c) << c.error().message;
  ASSERT_EQ(c->users.size(), 1u);
  EXPECT_EQ(c->users[0].name, "sw");
  EXPECT_EQ(c->users[0].engine_ids,
            (std::vector<std::string>{"8000000001020304", "80001f8880aabbccdd"}));
  EXPECT_EQ(c->users[0].auth_protocol, "SHA");
  EXPECT_EQ(c->users[0].priv_protocol, "AES");
  EXPECT_TRUE(c->users[0].requiresPrivacy());
}

TEST(TrapConfigTest, EachBadKeyStopsStartUpNamingIt) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"trap_user.sw.engine_ids=0x12", "engine_ids"},
      {"trap_user.sw.engine_ids=", "engine_ids"},
      {"trap_user.sw.engine_ids=0x80000000010203zz", "engine_ids"},
      {"trap_user.sw.auth_protocol=MD5", "auth_protocol"},
      {"trap_user.sw.auth_password=short", "auth_password"},
      {"trap_user.sw.auth_password=has\"quote1", "auth_password"},
      {"trap_user.sw.priv_protocol=DES", "priv_protocol"},
      {"trap_user.sw.priv_password=", "priv_password"},
      {"traps.port=70000", "traps.port"},
      {"traps.max_events=1", "traps.max_events"},
      {"traps.enabled=maybe", "traps.enabled"},
  };
  for (const auto& [override, key] : cases) {
    auto overrides = kUser;
    overrides.push_back(override);
    auto c = loadWith(overrides);
    ASSERT_FALSE(c) << override;
    EXPECT_NE(c.error().message.find(key), std::string::npos) << c.error().message;
  }
}

TEST(TrapConfigTest, EnabledWithNothingToAcceptIsRefused) {
  auto c = loadWith({"traps.enabled=true"});
  ASSERT_FALSE(c);
  EXPECT_NE(c.error().message.find("every trap would be dropped"), std::string::npos);
}

TEST(TrapConfigTest, AuthNoPrivUserNeedsNoPrivacyPassword) {
  auto c =
      loadWith({"traps.enabled=true", "traps.v3_users=ro",
                "trap_user.ro.engine_ids=8000000001020304", "trap_user.ro.auth_protocol=SHA-512",
                "trap_user.ro.auth_password=12345678", "trap_user.ro.priv_protocol=none"});
  ASSERT_TRUE(c) << c.error().message;
  EXPECT_FALSE(c->users[0].requiresPrivacy());
}

}  // namespace
}  // namespace steward::collector::snmp::traps
