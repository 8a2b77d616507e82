#include "collector/snmp/traps/asset_address_index.h"

#include <gtest/gtest.h>

#include <cstdio>

#include "tests/collector/sample_reports.h"

namespace steward::collector::snmp::traps {
namespace {

using collector::testing::laptopReport;
using collector::testing::testId;
using namespace std::chrono_literals;

class AssetAddressIndexTest : public ::testing::Test {
 protected:
  std::string ingest(wire::InventoryReport report) {
    auto outcome = h_.service->ingestInventory(report);
    EXPECT_TRUE(outcome) << outcome.error().message;
    return outcome ? outcome->asset_id : "";
  }
  std::optional<std::string> lookup(AssetAddressIndex& index, const std::string& address) {
    auto found = index.assetFor(address);
    EXPECT_TRUE(found) << found.error().message;
    return found ? *found : std::nullopt;
  }
  collector::testing::CollectorHarness h_;
};

TEST_F(AssetAddressIndexTest, FindsTheAssetByAnyReportedAddressButNotLoopback) {
  wire::InventoryReport r = laptopReport();
  r.interfaces.push_back({"lo", std::nullopt, {"127.0.0.1/8"}, {}, true, {}, {}, "loopback"});
  r.interfaces[0].ipv6 = {"2001:db8::10/64"};
  const std::string asset = ingest(r);
  AssetAddressIndex index(h_.db(), h_.clock, 0ms);
  EXPECT_EQ(lookup(index, "192.0.2.10"), asset);
  EXPECT_EQ(lookup(index, "2001:db8::10"), asset);
  EXPECT_EQ(lookup(index, "172.17.0.1"), asset);  // docker0: still this machine's address
  EXPECT_EQ(lookup(index, "127.0.0.1"), std::nullopt);
  EXPECT_EQ(lookup(index, "192.0.2.11"), std::nullopt);
}

TEST_F(AssetAddressIndexTest, AnAddressMovesToTheAssetThatReportedItLast) {
  const std::string first = ingest(laptopReport());
  AssetAddressIndex index(h_.db(), h_.clock, 0ms);
  EXPECT_EQ(lookup(index, "192.0.2.10"), first);

  h_.clock.advance(1s);
  wire::InventoryReport other = collector::testing::whiteboxReport("ws-other", "8c:04:ba:00:00:99");
  other.report_id = testId(2002);
  other.agent_id = testId(2);
  other.interfaces[0].ipv4 = {"192.0.2.10/24"};
  const std::string second = ingest(other);
  ASSERT_NE(first, second);
  EXPECT_EQ(lookup(index, "192.0.2.10"), second);

  // The first machine reports again with a new address: the old one is forgotten.
  h_.clock.advance(1s);
  wire::InventoryReport moved = laptopReport();
  moved.report_id = testId(1002);
  moved.interfaces[0].ipv4 = {"192.0.2.50/24"};
  EXPECT_EQ(ingest(moved), first);
  EXPECT_EQ(lookup(index, "192.0.2.50"), first);
  EXPECT_EQ(lookup(index, "192.0.2.10"), second);
}

TEST_F(AssetAddressIndexTest, RefreshesAtMostOncePerInterval) {
  AssetAddressIndex index(h_.db(), h_.clock, 1000ms);
  EXPECT_EQ(lookup(index, "192.0.2.10"), std::nullopt);
  const std::string asset = ingest(laptopReport());
  EXPECT_EQ(lookup(index, "192.0.2.10"), std::nullopt);  // within the interval
  h_.clock.advance(1s);
  EXPECT_EQ(lookup(index, "192.0.2.10"), asset);
}

TEST_F(AssetAddressIndexTest, ManyAssetsAreReadInBatches) {
  std::vector<std::string> ids;
  for (int i = 0; i < 450; ++i) {
    char mac[32];
    std::snprintf(mac, sizeof(mac), "8c:04:ba:01:%02x:%02x", i / 256, i % 256);
    wire::InventoryReport r = collector::testing::whiteboxReport("host-" + std::to_string(i), mac);
    r.report_id = testId(10000 + i);
    r.agent_id = testId(20000 + i);
    r.interfaces[0].ipv4 = {"10.0." + std::to_string(i / 200) + "." + std::to_string(i % 200 + 1) +
                            "/16"};
    ids.push_back(ingest(r));
  }
  AssetAddressIndex index(h_.db(), h_.clock, 0ms);
  EXPECT_EQ(lookup(index, "10.0.0.1"), ids[0]);
  EXPECT_EQ(lookup(index, "10.0.2.50"), ids[449]);
}

}  // namespace
}  // namespace steward::collector::snmp::traps
