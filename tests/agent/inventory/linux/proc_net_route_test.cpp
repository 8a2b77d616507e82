#include "agent/inventory/linux/proc_net_route.h"

#include <gtest/gtest.h>

#include "agent/inventory/linux/readers.h"
#include "tests/agent/fake_fs_root.h"
#include "tests/support/temp_dir.h"

namespace steward::agent {
namespace {

using Strings = std::vector<std::string>;
using steward::testing::fixturesDir;

constexpr const char* kRouteHeader =
    "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n";

TEST(ProcNetRouteParserTest, DefaultRoutesOnlyInHostByteOrder) {
  const std::string text = std::string(kRouteHeader) +
                           "eth0\t00000000\t010200C0\t0003\t0\t0\t0\t00000000\t0\t0\t0\n"
                           "eth0\t000200C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0\n"
                           "wlan0\t00000000\t0101A8C0\t0003\t0\t0\t600\t00000000\t0\t0\t0\n"
                           "eth1\t00000000\t010200C0\t0003\t0\t0\t50\t00000000\t0\t0\t0\n";
  EXPECT_EQ(parseProcNetRoute(text), (Strings{"192.0.2.1", "192.168.1.1"}));
}

TEST(ProcNetRouteParserTest, SkipsDownRoutesGarbageAndTruncation) {
  EXPECT_EQ(parseProcNetRoute(std::string(kRouteHeader) +
                              "eth0\t00000000\t010200C0\t0002\t0\t0\t0\t00000000\n"  // not up
                              "eth0\tzzzzzzzz\t010200C0\t0003\t0\t0\t0\t00000000\n"
                              "eth0\t00000000\t0102"),
            Strings{});
  EXPECT_EQ(parseProcNetRoute(""), Strings{});
  EXPECT_EQ(parseProcNetRoute("\xff\xfe garbage\n\n"), Strings{});
}

TEST(ProcNetIpv6RouteParserTest, DefaultNextHopsWithScopeForLinkLocal) {
  const std::string text =
      "00000000000000000000000000000000 00 00000000000000000000000000000000 00 "
      "fe80000000000000020c29fffe4a1b2c 00000400 00000001 00000000 00000003     eno1\n"
      "00000000000000000000000000000000 00 00000000000000000000000000000000 00 "
      "20010db8000000000000000000000001 00000400 00000001 00000000 00000003     eno1\n"
      "fe800000000000000000000000000000 40 00000000000000000000000000000000 00 "
      "00000000000000000000000000000000 00000100 00000001 00000000 00000001     eno1\n"
      "00000000000000000000000000000000 00 00000000000000000000000000000000 00 "
      "00000000000000000000000000000000 ffffffff 00000001 00000000 00200200       lo\n"
      "00000000000000000000000000000000 00 0000000000000000000000000000000";  // cut
  EXPECT_EQ(parseProcNetIpv6Route(text), (Strings{"fe80::20c:29ff:fe4a:1b2c%eno1", "2001:db8::1"}));
  EXPECT_EQ(parseProcNetIpv6Route("zz"), Strings{});
}

TEST(ResolvConfParserTest, NameserversInOrder) {
  EXPECT_EQ(parseResolvConf("# generated\nsearch corp.example\nnameserver 192.0.2.53\n"
                            "; old\n;nameserver 10.0.0.1\nnameserver\t2001:db8::53\n"
                            "nameserver 192.0.2.53\nnameserver\noptions edns0\r\n"),
            (Strings{"192.0.2.53", "2001:db8::53"}));
  EXPECT_EQ(parseResolvConf(""), Strings{});
}

TEST(NetworkConfigReaderTest, DebianVmCapturedFiles) {
  const FsRoot fs(fixturesDir() + "/linux/debian12-vm");
  EXPECT_EQ(readDefaultGateways(fs), (Strings{"192.0.2.1", "fd00::1"}));
  EXPECT_EQ(readDnsServers(fs), Strings{"10.255.255.53"});
}

TEST(NetworkConfigReaderTest, WorkstationTwoGatewaysAndStubResolver) {
  const FsRoot fs(fixturesDir() + "/linux/workstation");
  EXPECT_EQ(readDefaultGateways(fs),
            (Strings{"10.20.30.1", "192.168.1.1", "fe80::20c:29ff:fe4a:1b2c%eno1"}));
  EXPECT_EQ(readDnsServers(fs), Strings{"127.0.0.53"});
}

TEST(NetworkConfigReaderTest, MissingAndDeniedFilesGiveNothing) {
  steward::testing::TempDir dir;
  EXPECT_EQ(readDefaultGateways(FsRoot(dir.path())), Strings{});
  EXPECT_EQ(readDnsServers(FsRoot(dir.path())), Strings{});
  testing::FakeFsRoot denied(fixturesDir() + "/linux/workstation");
  denied.deny("/etc/resolv.conf");
  denied.deny("/proc/net/route");
  EXPECT_EQ(readDnsServers(denied), Strings{});
  EXPECT_EQ(readDefaultGateways(denied), Strings{"fe80::20c:29ff:fe4a:1b2c%eno1"});
}

}  // namespace
}  // namespace steward::agent
