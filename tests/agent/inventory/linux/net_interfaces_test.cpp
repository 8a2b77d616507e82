#include "agent/inventory/linux/net_interfaces.h"

#include <gtest/gtest.h>

#include "agent/inventory/linux/readers.h"
#include "tests/support/temp_dir.h"

namespace steward::agent {
namespace {

using steward::testing::TempDir;

TEST(NetInterfacesTest, MacIsLowerCaseAndAbsentWhenEmptyOrZero) {
  EXPECT_EQ(normalizeMac("B0:7B:25:4E:91:0C\n"), "b0:7b:25:4e:91:0c");
  EXPECT_FALSE(normalizeMac("\n"));
  EXPECT_FALSE(normalizeMac("00:00:00:00:00:00\n"));
}

TEST(NetInterfacesTest, AddressesAreMatchedToTheirInterface) {
  TempDir dir;
  dir.write("sys/class/net/eth0/type", "1\n");
  dir.write("sys/class/net/eth0/address", "52:54:00:12:34:56\n");
  dir.write("sys/class/net/eth0/device/vendor", "0x1af4\n");
  dir.write("sys/class/net/br0/type", "1\n");
  dir.write("sys/class/net/br0/address", "52:54:00:ab:cd:ef\n");
  dir.write("sys/class/net/lo/type", "772\n");
  dir.write("sys/class/net/lo/address", "00:00:00:00:00:00\n");
  FsRoot fs(dir.path());
  StaticAddressProvider addresses({
      {"lo", InterfaceAddress::Family::IPv4, "127.0.0.1/8"},
      {"br0", InterfaceAddress::Family::IPv4, "192.0.2.10/24"},
      {"br0", InterfaceAddress::Family::IPv6, "2001:db8::10/64"},
      {"br0", InterfaceAddress::Family::IPv4, "192.0.2.11/32"},
  });
  const auto nics = readNetInterfaces(fs, addresses);
  ASSERT_EQ(nics.size(), 2u);  // loopback left out
  EXPECT_EQ(nics[0].name, "br0");
  EXPECT_TRUE(nics[0].is_virtual);
  EXPECT_EQ(nics[0].ipv4, (std::vector<std::string>{"192.0.2.10/24", "192.0.2.11/32"}));
  EXPECT_EQ(nics[0].ipv6, (std::vector<std::string>{"2001:db8::10/64"}));
  EXPECT_EQ(nics[1].name, "eth0");
  EXPECT_FALSE(nics[1].is_virtual);
  EXPECT_EQ(nics[1].mac, "52:54:00:12:34:56");
  EXPECT_TRUE(nics[1].ipv4.empty());
}

class FailingAddressProvider final : public AddressProvider {
 public:
  Result<std::vector<InterfaceAddress>> addresses() const override {
    return makeError("io_error", "getifaddrs failed");
  }
};

TEST(NetInterfacesTest, FailingAddressLookupStillListsInterfaces) {
  TempDir dir;
  dir.write("sys/class/net/eth0/type", "1\n");
  dir.write("sys/class/net/eth0/address", "52:54:00:12:34:56\n");
  FsRoot fs(dir.path());
  const auto nics = readNetInterfaces(fs, FailingAddressProvider());
  ASSERT_EQ(nics.size(), 1u);
  EXPECT_EQ(nics[0].mac, "52:54:00:12:34:56");
}

}  // namespace
}  // namespace steward::agent
