#include "agent/inventory/linux/block_devices.h"

#include <gtest/gtest.h>

#include <string>

namespace steward::agent {
namespace {

std::string page(const std::string& serial) {
  std::string raw = {'\0', static_cast<char>(0x80), '\0', static_cast<char>(serial.size())};
  return raw + serial;
}

TEST(BlockDevicesTest, VirtualBlockDevicesAreNotDisks) {
  for (const char* name : {"loop0", "ram15", "zram0", "dm-3", "md127", "nbd0", "sr0", "zd16"}) {
    EXPECT_TRUE(isVirtualBlockName(name)) << name;
  }
  for (const char* name : {"sda", "nvme0n1", "vda", "xvda", "mmcblk0", "hdb"}) {
    EXPECT_FALSE(isVirtualBlockName(name)) << name;
  }
}

TEST(VpdPg80ParserTest, ReadsSerialAndTrimsPadding) {
  EXPECT_EQ(parseVpdPg80(page("            ZFL5K1AB")), "ZFL5K1AB");
  EXPECT_EQ(parseVpdPg80(page("S3Z1NB0K123456A")), "S3Z1NB0K123456A");
}

TEST(VpdPg80ParserTest, RejectsMalformedPages) {
  EXPECT_FALSE(parseVpdPg80(""));
  EXPECT_FALSE(parseVpdPg80(std::string("\0\x80\0", 3)));  // header cut
  EXPECT_FALSE(parseVpdPg80(page("ABC").substr(0, 5)));    // body cut
  EXPECT_FALSE(
      parseVpdPg80(std::string("\0\x83\0\x03"
                               "ABC",
                               7)));                           // another page
  EXPECT_FALSE(parseVpdPg80(page("        ")));                // blank serial
  EXPECT_FALSE(parseVpdPg80(page(std::string("AB\x01", 3))));  // binary junk
}

}  // namespace
}  // namespace steward::agent
