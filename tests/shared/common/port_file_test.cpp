#include "shared/common/port_file.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "tests/support/temp_dir.h"

namespace steward {
namespace {

TEST(PortFileTest, WritesThePortAndLeavesNoTempFile) {
  steward::testing::TempDir dir;
  const std::string path = dir.file("server.port");
  ASSERT_TRUE(writePortFile(path, 41234));
  EXPECT_EQ(steward::testing::readFile(path), "41234\n");
  ASSERT_TRUE(writePortFile(path, 8480));  // a restart replaces it
  EXPECT_EQ(steward::testing::readFile(path), "8480\n");
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()),
                          std::filesystem::directory_iterator()),
            1);
}

TEST(PortFileTest, UnwritableLocationIsAnErrorNamingIt) {
  steward::testing::TempDir dir;
  const std::string path = dir.file("missing-dir/server.port");
  auto written = writePortFile(path, 41234);
  ASSERT_FALSE(written);
  EXPECT_EQ(written.error().code, "port_file");
  EXPECT_NE(written.error().message.find("missing-dir"), std::string::npos);
}

}  // namespace
}  // namespace steward
