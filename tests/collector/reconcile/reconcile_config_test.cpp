// The [reconcile] section: bogus values an administrator adds, attribute precedence
// by source, and what they do to real ingests.

#include "collector/reconcile/reconcile_config.h"

#include <gtest/gtest.h>

#include "collector/collector_config.h"
#include "collector/reconcile/identifiers.h"
#include "shared/wire/asset_history.h"
#include "shared/wire/json_codec.h"
#include "shared/wire/json_codec.h"
#include "tests/collector/sample_reports.h"

namespace steward::collector::reconcile {
namespace {

using testing::CollectorHarness;
using testing::laptopReport;
using testing::testId;

IniConfig configWith(const std::vector<std::string>& overrides) {
  IniConfig ini = IniConfig::empty();
  EXPECT_TRUE(ini.applyOverrides(overrides));
  return ini;
}

// A machine whose agent reports no NIC: only serial, UUID-less, hostname.
wire::InventoryReport noNics(const std::string& serial, int agent, const std::string& host) {
  auto r = laptopReport();
  r.agent_id = testId(agent);
  r.report_id = testId(7000 + agent);
  r.hardware.serial = serial;
  r.hardware.uuid.reset();
  r.system.hostname = host;
  r.interfaces.clear();
  return r;
}

// The inventory of the newest asset record in the outbox.
wire::InventoryReport lastRecord(CollectorHarness& h) {
  wire::InventoryReport out;
  for (const auto& item : h.outbox()) {
    if (item.kind != "asset") continue;
    auto record = wire::decodeAssetRecord(item.payload);
    if (!record) {
      ADD_FAILURE() << record.error().message;
      continue;
    }
    out = record->inventory;
  }
  return out;
}

std::vector<wire::DetectedChange> forwardedChanges(CollectorHarness& h) {
  std::vector<wire::DetectedChange> out;
  for (const auto& item : h.outbox()) {
    if (item.kind != "asset") continue;
    auto history = wire::decodeAssetRecord(item.payload);
    if (!history) {
      ADD_FAILURE() << history.error().message;
      continue;
    }
    out.insert(out.end(), history->changes.begin(), history->changes.end());
  }
  return out;
}

TEST(ReconcileConfigTest, ShippedConfigListsTheBuiltInValuesAndLoads) {
  auto ini = IniConfig::load(std::string(STEWARD_FIXTURES_DIR) + "/../../config/collector.conf");
  ASSERT_TRUE(ini) << ini.error().message;
  ASSERT_TRUE(ini->applyOverrides({"server.token=t"}));
  auto c = loadCollectorConfig(*ini);
  ASSERT_TRUE(c) << c.error().message;
  const auto& bogus = c->reconcile.bogus;
  EXPECT_NE(std::find(bogus.serials.begin(), bogus.serials.end(), "to be filled by o.e.m."),
            bogus.serials.end());
  EXPECT_NE(std::find(bogus.nic_patterns.begin(), bogus.nic_patterns.end(), "veth*"),
            bogus.nic_patterns.end());
  EXPECT_EQ(c->reconcile.precedence.order("packages").front(), "agent");
}

TEST(ReconcileConfigTest, AddedBogusSerialStopsAMerge) {
  {
    CollectorHarness h;  // built-in lists only: the shared serial merges the two
    auto a = h.service->ingestInventory(noNics("ASSET-0000", 1, "till-1"));
    auto b = h.service->ingestInventory(noNics("ASSET-0000", 2, "till-2"));
    ASSERT_TRUE(a && b);
    EXPECT_EQ(a->asset_id, b->asset_id);
  }
  CollectorHarness h;
  auto loaded = loadReconcileConfig(configWith({"reconcile.bogus_serials=Asset-0000, other"}));
  ASSERT_TRUE(loaded) << loaded.error().message;
  h.config = *loaded;
  h.reopen();
  auto a = h.service->ingestInventory(noNics("ASSET-0000", 1, "till-1"));
  auto b = h.service->ingestInventory(noNics("ASSET-0000", 2, "till-2"));
  ASSERT_TRUE(a && b);
  EXPECT_NE(a->asset_id, b->asset_id) << "the listed serial no longer identifies anything";
  EXPECT_EQ(h.assetCount(), 2);
}

TEST(ReconcileConfigTest, AddedMacPrefixAndNicPatternDropThoseInterfaces) {
  auto loaded = loadReconcileConfig(configWith(
      {"reconcile.bogus_mac_prefixes=00:E0:4C", "reconcile.virtual_nic_patterns=usb*, dock0"}));
  ASSERT_TRUE(loaded) << loaded.error().message;
  auto report = laptopReport();
  report.interfaces = {{"enx00e04c680001", "00:e0:4c:68:00:01", {}, {}, false},
                       {"usb0", "8c:04:ba:00:00:01", {}, {}, false},
                       {"dock0", "8c:04:ba:00:00:02", {}, {}, false},
                       {"eno1", "8c:04:ba:00:00:03", {}, {}, false}};
  std::vector<std::string> macs;
  for (const auto& id : extractIdentifiers(report, loaded->bogus)) {
    if (id.kind == "mac") macs.push_back(id.value);
  }
  EXPECT_EQ(macs, std::vector<std::string>{"8c:04:ba:00:00:03"});
}

TEST(ReconcileConfigTest, BadValuesNameTheKey) {
  auto uuid = loadReconcileConfig(configWith({"reconcile.bogus_uuids=not-a-uuid"}));
  ASSERT_FALSE(uuid);
  EXPECT_NE(uuid.error().message.find("reconcile.bogus_uuids"), std::string::npos);
  auto mac = loadReconcileConfig(configWith({"reconcile.bogus_mac_prefixes=zz:00"}));
  ASSERT_FALSE(mac);
  EXPECT_NE(mac.error().message.find("reconcile.bogus_mac_prefixes"), std::string::npos);
  auto source = loadReconcileConfig(configWith({"reconcile.precedence_packages=agent, wmi"}));
  ASSERT_FALSE(source);
  EXPECT_NE(source.error().message.find("'wmi'"), std::string::npos);
  auto empty = loadReconcileConfig(configWith({"reconcile.precedence=,"}));
  EXPECT_FALSE(empty);
}

TEST(ReconcileConfigTest, EachAttributeComesFromTheHighestRankedSource) {
  auto agent = laptopReport();
  agent.packages = {{"bash", "5.2.15-2+b7", "amd64", "dpkg"}};
  auto ocs = laptopReport();
  ocs.agent_id = testId(77);
  ocs.report_id = testId(7777);
  ocs.system.hostname = "WS-0042-OCS";
  ocs.packages = {{"bash", "5.2.15-2+b7", "amd64", "dpkg"}, {"curl", "7.88.1", "amd64", "dpkg"}};
  ocs.disks = {{"sda", std::string("Samsung SSD"), std::string("S1"), 512'000'000'000ULL, false}};
  {
    CollectorHarness h;  // default: agent > ocs for everything
    ASSERT_TRUE(h.service->ingestInventory(agent, wire::kSourceAgent));
    ASSERT_TRUE(h.service->ingestInventory(ocs, wire::kSourceOcs));
    EXPECT_EQ(h.assetCount(), 1);
    const auto merged = lastRecord(h);
    EXPECT_EQ(merged.packages.size(), 1u) << "packages from the agent";
    EXPECT_EQ(merged.system.hostname, "ws-0042");
    EXPECT_EQ(merged.disks.size(), 1u) << "disks only the OCS agent reported";
  }
  CollectorHarness h;
  auto loaded = loadReconcileConfig(configWith({"reconcile.precedence_packages=ocs, agent"}));
  ASSERT_TRUE(loaded) << loaded.error().message;
  h.config = *loaded;
  h.reopen();
  ASSERT_TRUE(h.service->ingestInventory(agent, wire::kSourceAgent));
  ASSERT_TRUE(h.service->ingestInventory(ocs, wire::kSourceOcs));
  const auto merged = lastRecord(h);
  EXPECT_EQ(merged.packages.size(), 2u) << "packages from the OCS agent, as configured";
  EXPECT_EQ(merged.system.hostname, "ws-0042") << "the hostname still from the agent";
}

TEST(ReconcileConfigTest, ChangesAreDetectedWithSourceAndUnchangedReportsSendNoRecord) {
  CollectorHarness h;
  auto first = laptopReport();
  first.packages = {{"bash", "5.2.15-2", "amd64", "dpkg"}, {"vim", "9.0", "amd64", "dpkg"}};
  ASSERT_TRUE(h.service->ingestInventory(first));
  EXPECT_TRUE(forwardedChanges(h).empty()) << "a new asset has no changes";

  auto same = first;
  same.report_id = testId(8001);
  same.collected_at = "2026-11-26T16:33:24.123Z";
  auto unchanged = h.service->ingestInventory(same);
  ASSERT_TRUE(unchanged);
  EXPECT_TRUE(unchanged->unchanged);
  EXPECT_EQ(h.outbox().back().kind, "seen") << "an unchanged inventory only moves last_seen";

  auto next = first;
  next.report_id = testId(8002);
  next.system.hostname = "ws-0042-new";
  next.packages = {{"bash", "5.2.15-2+b7", "amd64", "dpkg"}, {"curl", "7.88.1", "amd64", "dpkg"}};
  next.interfaces[0].ipv4 = {"192.0.2.11/24"};
  h.clock.advance(std::chrono::minutes(5));
  ASSERT_TRUE(h.service->ingestInventory(next));
  std::vector<std::string> seen;
  for (const auto& c : forwardedChanges(h)) {
    EXPECT_EQ(c.source, "agent");
    EXPECT_FALSE(c.change_id.empty());
    EXPECT_EQ(c.at, formatRfc3339(h.clock.now()));
    seen.push_back(c.kind + " " + c.subject);
  }
  const std::vector<std::string> expected = {"hostname_changed hostname",
                                             "ip_added 192.0.2.11/24",
                                             "ip_removed 192.0.2.10/24",
                                             "software_added curl:amd64",
                                             "software_removed vim:amd64",
                                             "software_upgraded bash:amd64"};
  EXPECT_EQ(seen, expected);
}

}  // namespace
}  // namespace steward::collector::reconcile
