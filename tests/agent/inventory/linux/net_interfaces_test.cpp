#include "agent/inventory/linux/net_interfaces.h"

#include <gtest/gtest.h>

#include <map>

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

namespace steward::agent {
namespace {

TEST(InterfaceKindTest, ClassifiesFromSysfsFacts) {
  EXPECT_EQ(interfaceKind({.name = "lo", .type = kArphrdLoopback}), "loopback");
  EXPECT_EQ(interfaceKind({.name = "eno1", .type = 1, .has_device = true}), "physical");
  EXPECT_EQ(interfaceKind({.name = "wlp2s0", .devtype = "wlan", .has_device = true}), "wireless");
  EXPECT_EQ(interfaceKind({.name = "br0", .has_bridge = true}), "bridge");
  EXPECT_EQ(interfaceKind({.name = "bond0", .devtype = "bond"}), "bond");
  EXPECT_EQ(interfaceKind({.name = "eno1.20", .devtype = "vlan", .linked_elsewhere = true}),
            "vlan");
  EXPECT_EQ(interfaceKind({.name = "tun0", .has_tun_flags = true}), "tun");
  EXPECT_EQ(interfaceKind({.name = "vethab12", .linked_elsewhere = true}), "veth");
  EXPECT_EQ(interfaceKind({.name = "wg0", .devtype = "wireguard"}), "virtual");
}

TEST(InterfaceKindTest, UeventAndSpeedParsers) {
  EXPECT_EQ(parseUeventDevtype("DEVTYPE=bridge\nINTERFACE=br0\n"), "bridge");
  EXPECT_EQ(parseUeventDevtype("INTERFACE=eth0\nIFINDEX=2\n"), "");
  EXPECT_EQ(parseLinkSpeed("1000\n"), 1000u);
  EXPECT_EQ(parseLinkSpeed("-1\n"), std::nullopt);  // virtio and down links
  EXPECT_EQ(parseLinkSpeed("4294967295"), std::nullopt);
  EXPECT_EQ(parseLinkSpeed("fast"), std::nullopt);
}

TEST(NetInterfacesReaderTest, WorkstationKindsStateAndSpeed) {
  const FsRoot fs(steward::testing::fixturesDir() + "/linux/workstation");
  StaticAddressProvider addresses;
  std::map<std::string, wire::NetworkInterface> by_name;
  for (auto& nic : readNetInterfaces(fs, addresses)) by_name[nic.name] = nic;
  EXPECT_EQ(by_name["eno1"].kind, "physical");
  EXPECT_EQ(by_name["eno1"].speed_mbps, 1000u);
  EXPECT_EQ(by_name["eno1"].oper_state, "up");
  EXPECT_EQ(by_name["wlp0s20f3"].kind, "wireless");
  EXPECT_FALSE(by_name["wlp0s20f3"].speed_mbps);  // Wi-Fi has no speed file
  EXPECT_EQ(by_name["docker0"].kind, "bridge");
  EXPECT_EQ(by_name["veth3c1f2a7"].kind, "veth");
  EXPECT_EQ(by_name["wg0"].kind, "virtual");
}

TEST(NetInterfacesReaderTest, DebianVmVirtioSpeedUnknown) {
  const FsRoot fs(steward::testing::fixturesDir() + "/linux/debian12-vm");
  StaticAddressProvider addresses;
  const auto nics = readNetInterfaces(fs, addresses);
  ASSERT_FALSE(nics.empty());
  EXPECT_EQ(nics[0].name, "eth0");
  EXPECT_EQ(nics[0].kind, "physical");
  EXPECT_EQ(nics[0].oper_state, "up");
  EXPECT_FALSE(nics[0].speed_mbps);  // virtio reports -1
}

}  // namespace
}  // namespace steward::agent
