// The [ocs] keys of the collector's configuration.

#include <gtest/gtest.h>

#include "collector/collector_config.h"

#include "collector/auth/password_hash.h"

namespace steward::collector {
namespace {

Result<CollectorConfig> loadWith(const std::string& extra) {
  IniConfig ini = IniConfig::empty();
  std::vector<std::string> overrides = {"storage.path=/tmp/c.db",
                                        "server.url=http://127.0.0.1:8480", "server.token=abc"};
  if (!extra.empty()) overrides.push_back(extra);
  EXPECT_TRUE(ini.applyOverrides(overrides));
  return loadCollectorConfig(ini);
}

TEST(OcsConfigTest, MaxInflatedBytesDefaultsTo32MiBAndCanBeSet) {
  auto defaults = loadWith("");
  ASSERT_TRUE(defaults) << defaults.error().message;
  EXPECT_EQ(defaults->ocs_max_inflated_bytes, 32u * 1024 * 1024);
  auto set = loadWith("ocs.max_inflated_bytes=1048576");
  ASSERT_TRUE(set) << set.error().message;
  EXPECT_EQ(set->ocs_max_inflated_bytes, 1048576u);
}

TEST(OcsConfigTest, BadMaxInflatedBytesStopsStartUpNamingTheKey) {
  for (const char* bad :
       {"ocs.max_inflated_bytes=0", "ocs.max_inflated_bytes=lots", "ocs.max_inflated_bytes=-1"}) {
    auto c = loadWith(bad);
    ASSERT_FALSE(c) << bad;
    EXPECT_NE(c.error().message.find("ocs.max_inflated_bytes"), std::string::npos)
        << c.error().message;
  }
}

TEST(OcsConfigTest, EndpointIsOffByDefault) {
  auto c = loadWith("");
  ASSERT_TRUE(c) << c.error().message;
  EXPECT_FALSE(c->ocs_enabled);
  EXPECT_EQ(c->ocs_realm, "Steward");
}

Result<CollectorConfig> loadOcs(const std::vector<std::string>& keys) {
  IniConfig ini = IniConfig::empty();
  std::vector<std::string> overrides = {"storage.path=/tmp/c.db",
                                        "server.url=http://127.0.0.1:8480", "server.token=abc",
                                        "ocs.enabled=true"};
  overrides.insert(overrides.end(), keys.begin(), keys.end());
  EXPECT_TRUE(ini.applyOverrides(overrides));
  return loadCollectorConfig(ini);
}

TEST(OcsConfigTest, EnabledNeedsUserAndAValidPasswordHash) {
  const std::string hash = auth::hashPassword("pw", 10000);
  auto ok = loadOcs({"ocs.user=agent", "ocs.password_hash=" + hash, "ocs.realm=Site A"});
  ASSERT_TRUE(ok) << ok.error().message;
  EXPECT_TRUE(ok->ocs_enabled);
  EXPECT_EQ(ok->ocs_user, "agent");
  EXPECT_EQ(ok->ocs_password_hash, hash);
  EXPECT_EQ(ok->ocs_realm, "Site A");

  const std::vector<std::pair<std::vector<std::string>, std::string>> bad = {
      {{"ocs.password_hash=" + hash}, "ocs.user"},
      {{"ocs.user=a:b", "ocs.password_hash=" + hash}, "ocs.user"},
      {{"ocs.user=agent"}, "ocs.password_hash"},
      {{"ocs.user=agent", "ocs.password_hash=plaintext"}, "ocs.password_hash"},
      {{"ocs.user=agent", "ocs.password_hash=" + hash, "ocs.realm=a\"b"}, "ocs.realm"},
  };
  for (const auto& [keys, named] : bad) {
    auto c = loadOcs(keys);
    ASSERT_FALSE(c) << named;
    EXPECT_NE(c.error().message.find(named), std::string::npos) << c.error().message;
  }
}

}  // namespace
}  // namespace steward::collector
