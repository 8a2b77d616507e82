// The hard cases of reconciliation, end to end through the ingest service and a real
// collector database: each case is a sequence of sightings and says which of them
// must end up on the same asset.

#include <gtest/gtest.h>

#include <map>
#include <optional>

#include "collector/storage/asset_tables.h"
#include "shared/wire/asset_history.h"
#include "shared/wire/json_codec.h"
#include "tests/collector/sample_reports.h"

namespace steward::collector::reconcile {
namespace {

using testing::CollectorHarness;
using testing::laptopReport;
using testing::testId;
using testing::whiteboxReport;

struct Step {
  wire::InventoryReport report;
  std::string source = wire::kSourceAgent;
  std::string group;  // steps with the same group must share one asset
};

struct Case {
  std::string name;
  std::vector<Step> steps;
  std::int64_t expected_assets;
  // A decision (action, rule) that must have been recorded, if any.
  std::optional<std::pair<std::string, std::string>> expected_decision = std::nullopt;
};

void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }

int next_report = 5000;

wire::InventoryReport sighting(wire::InventoryReport r, int agent) {
  r.agent_id = agent == 0 ? "" : testId(agent);
  r.report_id = testId(++next_report);
  return r;
}

// A VM cloned from a template: the hypervisor copied SMBIOS serial and UUID, gave
// the clone a new MAC, and the clone's agent made its own id.
wire::InventoryReport vm(const std::string& mac, int agent) {
  auto r = sighting(laptopReport(), agent);
  r.hardware = {"QEMU", "Standard PC (Q35 + ICH9, 2009)", "VM-TEMPLATE-0001",
                "6a1f0c5e-3c1b-4a51-9d36-1f2e3d4c5b6a"};
  r.system.hostname = "tmpl";
  r.interfaces = {{"ens3", mac, {"192.0.2.50/24"}, {}, false}};
  return r;
}

// What a switch's forwarding table says: one MAC on a port, nothing else. The wire
// schema wants an agent id and a hostname, so the sighting names itself after the MAC.
wire::InventoryReport fdbSighting(const std::string& mac) {
  wire::InventoryReport r;
  r.report_id = testId(++next_report);
  r.agent_id = "snmp-fdb-" + mac;
  r.system.hostname = mac;
  r.collected_at = "2026-11-25T16:40:00.000Z";
  r.interfaces = {{"fdb", mac, {}, {}, false}};
  return r;
}

std::vector<Case> cases() {
  auto laptop = laptopReport();
  laptop.interfaces = {{"wlp0s20f3", "8c:04:ba:77:00:01", {"192.0.2.10/24"}, {}, false, {},
                        "up", "wireless"}};
  auto nic_replaced = sighting(laptop, 1);
  nic_replaced.interfaces = {{"wlp0s20f3", "8c:04:ba:77:00:99", {"192.0.2.10/24"}, {}, false}};
  auto renamed = sighting(laptop, 1);
  renamed.system.hostname = "ws-0042-renamed";

  auto usb_nic = [](const std::string& serial, int agent, const std::string& host) {
    auto r = sighting(laptopReport(), agent);
    r.hardware.serial = serial;
    r.hardware.uuid.reset();
    r.system.hostname = host;
    r.interfaces = {{"enx00e04c680001", "00:e0:4c:68:00:01", {}, {}, false}};
    return r;
  };

  return {
      {"ClonedVmsSharingSmbiosUuidAndSerialStayApart",
       {{vm("52:54:00:00:00:01", 10), wire::kSourceAgent, "original"},
        {vm("52:54:00:00:00:02", 11), wire::kSourceAgent, "clone1"},
        {vm("52:54:00:00:00:03", 12), wire::kSourceAgent, "clone2"},
        {vm("52:54:00:00:00:01", 10), wire::kSourceAgent, "original"},
        {vm("52:54:00:00:00:02", 11), wire::kSourceAgent, "clone1"}},
       3,
       std::pair{"flag", "non_unique"}},
      {"ToBeFilledByOemBoardsStayApart",
       {{sighting(whiteboxReport("shop-1", "00:1b:21:00:00:01"), 20), wire::kSourceAgent, "a"},
        {sighting(whiteboxReport("shop-2", "00:1b:21:00:00:02"), 21), wire::kSourceAgent, "b"},
        {sighting(whiteboxReport("shop-1", "00:1b:21:00:00:01"), 20), wire::kSourceAgent, "a"}},
       2},
      {"LaptopOnWifiAndItsDockMacInASwitchFdbAreNotMerged",
       {{sighting(laptop, 1), wire::kSourceAgent, "laptop"},
        {fdbSighting("00:e0:4c:dd:00:01"), wire::kSourceSnmp, "dock"},
        {sighting(laptop, 1), wire::kSourceAgent, "laptop"}},
       2,
       std::pair{"new", "new_asset"}},
      {"ReplacedNicKeepsTheAsset",
       {{sighting(laptop, 1), wire::kSourceAgent, "laptop"},
        {nic_replaced, wire::kSourceAgent, "laptop"}},
       1},
      {"ReinstalledOsWithNewAgentIdKeepsTheAsset",
       {{sighting(laptop, 1), wire::kSourceAgent, "laptop"},
        {sighting(laptop, 2), wire::kSourceAgent, "laptop"},
        {sighting(laptop, 2), wire::kSourceAgent, "laptop"}},
       1,
       std::pair{"merge", "serial"}},
      {"TwoMachinesThatUsedTheSameUsbNicStayApart",
       {{usb_nic("SERIAL-A-0001", 30, "desk-a"), wire::kSourceAgent, "a"},
        {usb_nic("SERIAL-B-0002", 31, "desk-b"), wire::kSourceAgent, "b"},
        {usb_nic("SERIAL-A-0001", 30, "desk-a"), wire::kSourceAgent, "a"}},
       2,
       std::pair{"refuse", "single_weak_key"}},
      {"RenamedHostKeepsTheAsset",
       {{sighting(laptop, 1), wire::kSourceAgent, "laptop"},
        {renamed, wire::kSourceAgent, "laptop"}},
       1},
      {"SameMachineSeenByStewardAndOcsAgentsIsOneAsset",
       {{sighting(laptop, 1), wire::kSourceAgent, "laptop"},
        {sighting(laptop, 40), wire::kSourceOcs, "laptop"}},
       1,
       std::pair{"merge", "serial"}},
  };
}

class HardCasesTest : public ::testing::TestWithParam<Case> {};

TEST_P(HardCasesTest, SightingsLandOnTheRightAssets) {
  const Case& c = GetParam();
  CollectorHarness h;
  std::map<std::string, std::string> asset_of_group;
  std::set<std::string> assets;
  for (std::size_t i = 0; i < c.steps.size(); ++i) {
    const Step& step = c.steps[i];
    auto outcome = h.service->ingestInventory(step.report, step.source);
    ASSERT_TRUE(outcome) << "step " << i << ": " << outcome.error().message;
    auto [it, first] = asset_of_group.emplace(step.group, outcome->asset_id);
    EXPECT_EQ(outcome->asset_id, it->second) << "step " << i << " (" << step.group
                                             << ") moved to another asset";
    if (first) {
      EXPECT_TRUE(assets.insert(outcome->asset_id).second)
          << "step " << i << " (" << step.group << ") merged into another group's asset";
    }
  }
  EXPECT_EQ(h.assetCount(), c.expected_assets);

  if (c.expected_decision) {
    bool found = false;
    std::string seen;
    for (const auto& item : h.outbox()) {
      if (item.kind != "asset") continue;
      auto history = wire::decodeAssetRecord(item.payload);
      ASSERT_TRUE(history) << history.error().message;
      for (const auto& d : history->decisions) {
        seen += d.action + "/" + d.rule + ": " + d.evidence + "\n";
        if (d.action == c.expected_decision->first && d.rule == c.expected_decision->second) {
          found = true;
          EXPECT_FALSE(d.evidence.empty());
        }
      }
    }
    EXPECT_TRUE(found) << "no " << c.expected_decision->first << "/"
                       << c.expected_decision->second << " decision forwarded; saw:\n"
                       << seen;
  }
}

INSTANTIATE_TEST_SUITE_P(Reconciliation, HardCasesTest, ::testing::ValuesIn(cases()),
                         [](const auto& p) { return p.param.name; });

TEST(HardCasesTest, FlaggedUuidNeverMergesAgainAfterRestart) {
  CollectorHarness h;
  auto original = h.service->ingestInventory(vm("52:54:00:00:01:01", 10));
  auto clone = h.service->ingestInventory(vm("52:54:00:00:01:02", 11));
  ASSERT_TRUE(original && clone);
  ASSERT_NE(original->asset_id, clone->asset_id);
  h.reopen();
  // A third machine with the same serial and UUID and no other key in common: the
  // flagged values are remembered, so it becomes its own asset.
  auto third = h.service->ingestInventory(vm("52:54:00:00:01:03", 12));
  ASSERT_TRUE(third);
  EXPECT_NE(third->asset_id, original->asset_id);
  EXPECT_NE(third->asset_id, clone->asset_id);
  bool flagged = false;
  ASSERT_TRUE(h.db().read([&](auto& db) -> Result<void> {
    auto rows = storage::AssetTables(db).isNonUnique({"smbios_uuid",
                                                      "6a1f0c5e-3c1b-4a51-9d36-1f2e3d4c5b6a"});
    if (!rows) return rows.error();
    flagged = *rows;
    return {};
  }));
  EXPECT_TRUE(flagged);
}

}  // namespace
}  // namespace steward::collector::reconcile
