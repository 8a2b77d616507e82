#include "collector/reconcile/identifiers.h"

#include <gtest/gtest.h>

#include "tests/collector/sample_reports.h"

namespace steward::collector::reconcile {
namespace {

TEST(IdentifiersTest, FirmwarePlaceholderSerialsAreBogus) {
  for (const char* serial : {"To Be Filled By O.E.M.", "to be filled by o.e.m.", " Default string ",
                             "System Serial Number", "Not Specified", "None", "0", "123456789", "",
                             "   ", "0000000000", "XXXXXXXX"}) {
    EXPECT_TRUE(isBogusSerial(serial)) << "'" << serial << "'";
  }
  for (const char* serial : {"5CG3421XYZ", "PF2ABCDE", "0123ABC"}) {
    EXPECT_FALSE(isBogusSerial(serial)) << serial;
  }
}

TEST(IdentifiersTest, PlaceholderUuidsAreBogus) {
  EXPECT_TRUE(isBogusUuid("00000000-0000-0000-0000-000000000000"));
  EXPECT_TRUE(isBogusUuid("FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF"));
  EXPECT_TRUE(isBogusUuid("03000200-0400-0500-0006-000700080009"));
  EXPECT_TRUE(isBogusUuid("not-a-uuid"));
  EXPECT_FALSE(isBogusUuid("4C4C4544-0043-3410-8052-B5C04F4D3332"));
}

TEST(IdentifiersTest, MacsAreNormalisedAndSpecialAddressesDropped) {
  EXPECT_EQ(normalizeMac("8C:04:BA:12:34:56"), "8c:04:ba:12:34:56");
  EXPECT_EQ(normalizeMac("8c-04-ba-12-34-56"), "8c:04:ba:12:34:56");
  EXPECT_EQ(normalizeMac("00:00:00:00:00:00"), "");
  EXPECT_EQ(normalizeMac("ff:ff:ff:ff:ff:ff"), "");
  EXPECT_EQ(normalizeMac("01:00:5e:00:00:fb"), "") << "multicast";
  EXPECT_EQ(normalizeMac("8c:04:ba:12:34"), "");
  EXPECT_EQ(normalizeMac("zz:04:ba:12:34:56"), "");
}

TEST(IdentifiersTest, VirtualAndContainerInterfacesAreNotPhysical) {
  for (const char* name : {"lo", "docker0", "veth1a2b3c", "virbr0", "br-5f2e", "vmnet8"}) {
    EXPECT_TRUE(isVirtualInterface({name, "52:54:00:00:00:01", {}, {}, false})) << name;
  }
  EXPECT_TRUE(isVirtualInterface({"eth0", "52:54:00:00:00:01", {}, {}, true}));
  EXPECT_FALSE(isVirtualInterface({"enp0s31f6", "8c:04:ba:12:34:56", {}, {}, false}));
  EXPECT_FALSE(isVirtualInterface({"lom1", "8c:04:ba:12:34:56", {}, {}, false}));
}

TEST(IdentifiersTest, ExtractsNormalisedIdentifiersStrongestFirst) {
  auto report = testing::laptopReport();
  report.system.hostname = "WS-0042";
  const std::vector<wire::AssetIdentifier> expected = {
      {"serial", "dell inc.|5CG3421XYZ"},
      {"smbios_uuid", "4c4c4544-0043-3410-8052-b5c04f4d3332"},
      {"agent_id", testing::testId(1)},
      {"mac", "8c:04:ba:12:34:56"},  // docker0 left out
      {"hostname", "ws-0042"},
  };
  EXPECT_EQ(extractIdentifiers(report), expected);
}

TEST(IdentifiersTest, PlaceholderHardwareLeavesOnlyAgentNicAndHostname) {
  const auto ids = extractIdentifiers(testing::whiteboxReport("shop-1", "00:1B:21:00:00:01"));
  const std::vector<wire::AssetIdentifier> expected = {
      {"agent_id", testing::testId(1)}, {"mac", "00:1b:21:00:00:01"}, {"hostname", "shop-1"}};
  EXPECT_EQ(ids, expected);
}

TEST(IdentifiersTest, SerialWithoutVendorIsKeptUnderUnknownVendor) {
  auto report = testing::laptopReport();
  report.hardware.vendor = "Default string";
  EXPECT_EQ(extractIdentifiers(report).front(),
            (wire::AssetIdentifier{"serial", "unknown|5CG3421XYZ"}));
}

TEST(IdentifiersTest, LocalhostIsNotAHostnameIdentifier) {
  auto report = testing::laptopReport();
  report.system.hostname = "localhost";
  for (const auto& id : extractIdentifiers(report)) EXPECT_NE(id.kind, "hostname");
}

}  // namespace
}  // namespace steward::collector::reconcile
