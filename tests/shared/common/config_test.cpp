#include "shared/common/config.h"

#include <gtest/gtest.h>

#include "tests/support/temp_dir.h"

namespace steward {
namespace {

TEST(IniConfigTest, ReadsTypedValuesWithDefaults) {
  testing::TempDir dir;
  const auto path = dir.write("a.conf", "[http]\nport = 8481\naddress = 127.0.0.1\n[x]\nflag = yes\n");
  auto config = IniConfig::load(path);
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->getString("http.address", "?"), "127.0.0.1");
  EXPECT_EQ(*config->getInt("http.port", 1, 0, 65535), 8481);
  EXPECT_EQ(*config->getInt("http.missing", 42, 0, 100), 42);
  EXPECT_TRUE(*config->getBool("x.flag", false));
}

TEST(IniConfigTest, ErrorsNameFileKeyAndProblem) {
  testing::TempDir dir;
  const auto path = dir.write("a.conf", "[http]\nport = eighty\nthreads = 900\n");
  auto config = IniConfig::load(path);
  ASSERT_TRUE(config);
  auto port = config->getInt("http.port", 1, 0, 65535);
  ASSERT_FALSE(port);
  EXPECT_EQ(port.error().message, path + ": http.port = 'eighty' is not an integer");
  auto threads = config->getInt("http.threads", 1, 1, 64);
  ASSERT_FALSE(threads);
  EXPECT_EQ(threads.error().message, path + ": http.threads = 900 is outside 1..64");
}

TEST(IniConfigTest, MissingFileIsAnError) {
  auto config = IniConfig::load("/nonexistent/steward.conf");
  ASSERT_FALSE(config);
  EXPECT_EQ(config.error().message, "cannot read configuration file /nonexistent/steward.conf");
}

TEST(IniConfigTest, OverridesWinOverFile) {
  testing::TempDir dir;
  auto config = IniConfig::load(dir.write("a.conf", "[http]\nport = 8481\n"));
  ASSERT_TRUE(config);
  ASSERT_TRUE(config->applyOverrides({"http.port=0", "storage.path=/tmp/x.db"}));
  EXPECT_EQ(*config->getInt("http.port", 1, 0, 65535), 0);
  EXPECT_EQ(config->getString("storage.path", ""), "/tmp/x.db");
}

TEST(IniConfigTest, MalformedOverrideIsRejected) {
  IniConfig config = IniConfig::empty();
  auto r = config.applyOverrides({"port"});
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("section.key=value"), std::string::npos);
  EXPECT_FALSE(config.applyOverrides({"=x"}));
}

}  // namespace
}  // namespace steward
