// The [ocs] keys of the collector's configuration.

#include <gtest/gtest.h>

#include "collector/collector_config.h"

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

}  // namespace
}  // namespace steward::collector
