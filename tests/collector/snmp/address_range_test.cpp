#include "collector/snmp/address_range.h"

#include <gtest/gtest.h>

namespace steward::collector::snmp {
namespace {

std::string errorOf(const std::string& text) {
  auto block = parseBlock(text);
  return block ? "" : block.error().message;
}

TEST(AddressRangeTest, ParsesBlocksAndSingleAddresses) {
  auto block = parseBlock("10.20.0.0/24");
  ASSERT_TRUE(block) << block.error().message;
  EXPECT_EQ(formatIpv4(block->first), "10.20.0.0");
  EXPECT_EQ(formatIpv4(block->last), "10.20.0.255");
  auto single = parseBlock("192.0.2.7");
  ASSERT_TRUE(single);
  EXPECT_EQ(single->first, single->last);
  EXPECT_EQ(single->prefix, 32);
}

TEST(AddressRangeTest, MalformedTextIsRefusedWithTheText) {
  for (const char* bad : {"10.0.0.256/24", "10.0.0.0/33", "10.0.0.0/", "10.0.0", "abc",
                          "10.0.0.0/24x", "1.2.3.4.5", "", "10..0.1", "-1.0.0.0"}) {
    auto block = parseBlock(bad);
    EXPECT_FALSE(block) << bad;
    if (!block) {
      EXPECT_NE(block.error().message.find(std::string("'") + bad + "'"), std::string::npos);
    }
  }
}

TEST(AddressRangeTest, HostBitsSetSuggestsTheNetwork) {
  EXPECT_NE(errorOf("10.0.0.1/24").find("did you mean 10.0.0.0/24"), std::string::npos);
}

TEST(AddressRangeTest, ForbiddenRangesAreRefused) {
  EXPECT_NE(errorOf("169.254.0.0/16").find("link-local"), std::string::npos);
  EXPECT_NE(errorOf("169.254.10.1").find("link-local"), std::string::npos);
  EXPECT_NE(errorOf("169.0.0.0/8").find("link-local"), std::string::npos) << "overlap counts";
  EXPECT_NE(errorOf("224.0.0.1").find("multicast"), std::string::npos);
  EXPECT_NE(errorOf("239.255.255.250").find("multicast"), std::string::npos);
  EXPECT_NE(errorOf("255.255.255.255").find("broadcast"), std::string::npos);
  EXPECT_NE(errorOf("0.0.0.0/0").find("never swept"), std::string::npos);
  EXPECT_NE(errorOf("fe80::1").find("link-local"), std::string::npos);
  EXPECT_NE(errorOf("FEBF::/16").find("link-local"), std::string::npos);
  EXPECT_NE(errorOf("ff02::1").find("multicast"), std::string::npos);
  EXPECT_NE(errorOf("2001:db8::/64").find("IPv6"), std::string::npos);
}

TEST(AddressRangeTest, NetworkAndBroadcastAddressesAreSkipped) {
  auto hosts = expandRange({*parseBlock("10.0.0.0/30")}, {});
  ASSERT_TRUE(hosts);
  ASSERT_EQ(hosts->size(), 2u);
  EXPECT_EQ(formatIpv4(hosts->front()), "10.0.0.1");
  EXPECT_EQ(formatIpv4(hosts->back()), "10.0.0.2");
  auto p2p = expandRange({*parseBlock("10.0.0.0/31")}, {});
  ASSERT_TRUE(p2p);
  EXPECT_EQ(p2p->size(), 2u) << "a /31 has no network or broadcast address (RFC 3021)";
  auto slash24 = expandRange({*parseBlock("10.0.0.0/24")}, {});
  ASSERT_TRUE(slash24);
  EXPECT_EQ(slash24->size(), 254u);
}

TEST(AddressRangeTest, ExclusionsAndOverlapsAreApplied) {
  auto hosts = expandRange({*parseBlock("10.0.0.0/24"), *parseBlock("10.0.0.0/25")},
                           {*parseBlock("10.0.0.1"), *parseBlock("10.0.0.128/28")});
  ASSERT_TRUE(hosts);
  EXPECT_EQ(hosts->size(), 254u - 1 - 16);
  EXPECT_EQ(formatIpv4(hosts->front()), "10.0.0.2");
  EXPECT_TRUE(std::is_sorted(hosts->begin(), hosts->end()));
}

TEST(AddressRangeTest, HugeRangesAreRefused) {
  auto hosts = expandRange({*parseBlock("10.0.0.0/8")}, {});
  ASSERT_FALSE(hosts);
  EXPECT_EQ(hosts.error().code, "range_too_large");
  EXPECT_TRUE(expandRange({*parseBlock("10.1.0.0/16")}, {}));
}

TEST(AddressRangeTest, SplitListAcceptsCommasAndSpaces) {
  EXPECT_EQ(splitList(" a, b  c,,d "), (std::vector<std::string>{"a", "b", "c", "d"}));
}

}  // namespace
}  // namespace steward::collector::snmp
