#include "collector/snmp/discovery_service.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "collector/ingest/sighting_ingest.h"
#include "collector/snmp/snmp_sighting.h"
#include "collector/snmp/topology.h"
#include "shared/wire/json_codec.h"
#include "tests/collector/sample_reports.h"
#include "tests/collector/snmp/snmprec.h"

namespace steward::collector::snmp {
namespace {

using collector::testing::CollectorHarness;
using collector::testing::laptopReport;
using collector::testing::testId;
using collector::testing::whiteboxReport;
using testing::loadSnmprec;
using testing::snmpFixture;

SnmpDevice fixture(const std::string& name, const std::string& address = "127.0.0.1") {
  return parseSnmpDevice(address, loadSnmprec(snmpFixture(name)));
}

// The asset records queued for `asset_id`, oldest first.
std::vector<wire::AssetRecord> recordsOf(CollectorHarness& h, const std::string& asset_id) {
  std::vector<wire::AssetRecord> out;
  for (const auto& item : h.outbox()) {
    if (item.kind != "asset" || item.asset_id != asset_id) continue;
    auto record = wire::decodeAssetRecord(item.payload);
    EXPECT_TRUE(record) << record.error().message;
    if (record) out.push_back(*record);
  }
  return out;
}

// The switch fixture's next poll with the laptop's MAC (8c:04:ba:12:34:56) gone.
SnmpDevice switchWithoutTheLaptop() {
  auto device = fixture("switch.snmprec");
  auto& fdb = device.device.fdb;
  fdb.erase(std::remove_if(fdb.begin(), fdb.end(),
                           [](const auto& e) { return e.mac == "8c:04:ba:12:34:56"; }),
            fdb.end());
  return device;
}

struct DiscoveryHarness : CollectorHarness {
  DiscoveryHarness() : service_(db(), clock, reconciler, 8, [this] { ++wakes; }) {
    EXPECT_TRUE(service_.prepare());
  }
  // The laptop's agent reports, then the switch's poll sees its MAC on a port:
  // returns the laptop's asset id, linked to that port.
  std::string linkedLaptop() {
    auto laptop = service->ingestInventory(laptopReport());  // MAC 8c:04:ba:12:34:56
    EXPECT_TRUE(laptop);
    EXPECT_TRUE(service_.recordDevice(fixture("switch.snmprec")));
    const std::string asset_id = laptop ? laptop->asset_id : "";
    EXPECT_TRUE(Topology(db()).uplinkOf(asset_id));
    return asset_id;
  }
  DiscoveryService service_;
};

TEST(SnmpIdentifiersTest, SerialEngineIdPhysicalMacsAndName) {
  const SnmpDevice sw = fixture("switch.snmprec");
  const auto ids = snmpIdentifiers(sw);
  ASSERT_GE(ids.size(), 3u);
  EXPECT_EQ(ids[0], (wire::AssetIdentifier{"serial", "cisco|FOC1932X0AB"}));
  EXPECT_EQ(ids[1], (wire::AssetIdentifier{"snmp_engine_id", "800000090300001a2b3c4d00"}));
  for (const auto& id : ids) {
    EXPECT_NE(id.value, "00:1a:2b:3c:4d:00") << "Vlan10 (ifType 53) is not a physical NIC";
  }
  EXPECT_EQ(ids.back(), (wire::AssetIdentifier{"hostname", "sw-access-1"}));

  SnmpDevice placeholder = sw;
  placeholder.serial = "To Be Filled By O.E.M.";
  placeholder.device.engine_id = "0000000000";
  for (const auto& id : snmpIdentifiers(placeholder)) {
    EXPECT_NE(id.kind, "serial");
    EXPECT_NE(id.kind, "snmp_engine_id");
  }
}

TEST(SnmpIdentifiersTest, UplinksAreNeighbourPortsAndCrowdedPorts) {
  const SnmpDevice sw = fixture("switch.snmprec");
  EXPECT_EQ(uplinkPorts(sw.device, 8), (std::set<std::string>{"Gi1/0/24", "Gi1/0/4"}));
  EXPECT_EQ(uplinkPorts(sw.device, 10), (std::set<std::string>{"Gi1/0/24"}));
}

TEST(DiscoveryServiceTest, SwitchBecomesAnAssetWithItsNetworkView) {
  DiscoveryHarness h;
  auto outcome = h.service_.recordDevice(fixture("switch.snmprec"));
  ASSERT_TRUE(outcome) << outcome.error().message;
  EXPECT_EQ(outcome->device_class, "switch");
  EXPECT_EQ(outcome->rule, "new_asset");
  EXPECT_EQ(h.assetCount(), 1);
  const auto records = recordsOf(h, outcome->asset_id);
  ASSERT_EQ(records.size(), 1u);
  const auto& r = records[0];
  ASSERT_TRUE(r.network_device);
  EXPECT_EQ(r.network_device->device_class, "switch");
  EXPECT_EQ(r.inventory.system.hostname, "sw-access-1");
  EXPECT_EQ(r.inventory.hardware.serial, "FOC1932X0AB");
  EXPECT_EQ(r.inventory.agent_id, kSnmpSource);
  EXPECT_FALSE(r.connected_to);
  EXPECT_EQ(h.wakes, 1);

  // The next sweep finds the same switch by its serial: same asset, no duplicate.
  h.clock.advance(std::chrono::hours(1));
  auto again = h.service_.recordDevice(fixture("switch.snmprec"));
  ASSERT_TRUE(again);
  EXPECT_EQ(again->asset_id, outcome->asset_id);
  EXPECT_EQ(again->rule, "serial");
  EXPECT_EQ(h.assetCount(), 1);
}

TEST(DiscoveryServiceTest, AnUplinkWhoseNeighbourVanishedIsStillAnUplinkForOnePoll) {
  DiscoveryHarness h;
  SnmpDevice sw = fixture("switch.snmprec");
  auto first = h.service_.recordDevice(sw);
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_EQ(first->uplink_ports, (std::set<std::string>{"Gi1/0/24", "Gi1/0/4"}));
  // Gi1/0/24's link drops: the switch forgets its LLDP neighbour at once.
  sw.device.neighbors.clear();
  auto second = h.service_.recordDevice(sw);
  ASSERT_TRUE(second);
  EXPECT_TRUE(second->uplink_ports.contains("Gi1/0/24")) << "the stored view still had it";
  auto third = h.service_.recordDevice(sw);
  ASSERT_TRUE(third);
  EXPECT_FALSE(third->uplink_ports.contains("Gi1/0/24"));
}

TEST(DiscoveryServiceTest, AgentEndpointIsLinkedToItsAccessPortOnly) {
  DiscoveryHarness h;
  auto laptop = h.service->ingestInventory(laptopReport());  // MAC 8c:04:ba:12:34:56
  ASSERT_TRUE(laptop);
  auto uplinked = whiteboxReport("ws-uplink", "d0:50:99:aa:bb:01");
  uplinked.agent_id = testId(6);
  uplinked.report_id = testId(1650);
  auto on_uplink = h.service->ingestInventory(uplinked);
  ASSERT_TRUE(on_uplink);
  auto behind_hub = whiteboxReport("ws-hub", "d0:50:99:aa:bb:02");
  behind_hub.agent_id = testId(7);
  behind_hub.report_id = testId(1700);
  auto on_crowded = h.service->ingestInventory(behind_hub);
  ASSERT_TRUE(on_crowded);

  auto sw = h.service_.recordDevice(fixture("switch.snmprec"));
  ASSERT_TRUE(sw) << sw.error().message;
  EXPECT_EQ(sw->endpoints_linked, 1);

  Topology topology(h.db());
  const auto port = topology.uplinkOf(laptop->asset_id);
  ASSERT_TRUE(port);
  EXPECT_EQ(port->switch_asset_id, sw->asset_id);
  EXPECT_EQ(port->port, "Gi1/0/5");
  EXPECT_FALSE(topology.uplinkOf(on_uplink->asset_id)) << "MAC learnt on the LLDP uplink";
  EXPECT_FALSE(topology.uplinkOf(on_crowded->asset_id)) << "MAC on a port with 10 MACs";
  EXPECT_FALSE(topology.uplinkOf(sw->asset_id));

  // The server hears of the link: the laptop's record is queued again with it, and
  // with the agent's inventory untouched.
  const auto records = recordsOf(h, laptop->asset_id);
  ASSERT_EQ(records.size(), 2u);
  ASSERT_TRUE(records[1].connected_to);
  EXPECT_EQ(records[1].connected_to->asset_id, sw->asset_id);
  EXPECT_EQ(records[1].connected_to->port, "Gi1/0/5");
  EXPECT_EQ(records[1].connected_to->vlan, 10u);
  // (As stored: report id and collection time are placeholders in a sighting.)
  EXPECT_EQ(ingest::contentJson(records[1].inventory), ingest::contentJson(laptopReport()));

  // An unchanged link is not re-sent on the next sweep.
  ASSERT_TRUE(h.service_.recordDevice(fixture("switch.snmprec")));
  EXPECT_EQ(recordsOf(h, laptop->asset_id).size(), 2u);

  // The agent's next (changed) inventory keeps the link on the server.
  auto next = laptopReport();
  next.report_id = testId(1800);
  next.system.hostname = "ws-0042-renamed";
  ASSERT_TRUE(h.service->ingestInventory(next));
  const auto after = recordsOf(h, laptop->asset_id);
  ASSERT_EQ(after.size(), 3u);
  ASSERT_TRUE(after[2].connected_to);
  EXPECT_EQ(after[2].connected_to->port, "Gi1/0/5");
}

TEST(DiscoveryServiceTest, APartialPollExpiresNoEndpointLink) {
  DiscoveryHarness h;
  const std::string laptop = h.linkedLaptop();
  if (HasFailure()) return;
  Topology topology(h.db());

  auto without_laptop = switchWithoutTheLaptop();
  without_laptop.complete = false;  // the FDB walk broke off: absence proves nothing
  auto partial = h.service_.recordDevice(without_laptop);
  ASSERT_TRUE(partial);
  EXPECT_EQ(partial->endpoints_unlinked, 0);
  EXPECT_TRUE(topology.uplinkOf(laptop));

  without_laptop.complete = true;  // a whole FDB without the laptop, a day on: it left
  h.clock.advance(std::chrono::hours(25));
  auto full = h.service_.recordDevice(without_laptop);
  ASSERT_TRUE(full);
  EXPECT_EQ(full->endpoints_unlinked, 1);
  EXPECT_FALSE(topology.uplinkOf(laptop));
}

TEST(DiscoveryServiceTest, AnIdleEndpointKeepsItsPortUntilItsMacIsGoneForTheLinkMaxAge) {
  DiscoveryHarness h;
  h.service_.setLinkMaxAge(std::chrono::hours(2));
  const std::string laptop = h.linkedLaptop();
  if (HasFailure()) return;
  Topology topology(h.db());

  auto without_laptop = switchWithoutTheLaptop();
  h.clock.advance(std::chrono::minutes(90));  // asleep: its MAC aged out of the FDB
  auto idle = h.service_.recordDevice(without_laptop);
  ASSERT_TRUE(idle);
  EXPECT_EQ(idle->endpoints_unlinked, 0);
  const auto kept = topology.uplinkOf(laptop);
  ASSERT_TRUE(kept) << "an idle machine stays on its port within the link max age";
  EXPECT_EQ(kept->port, "Gi1/0/5");

  h.clock.advance(std::chrono::minutes(31));  // 2 h 01 since the MAC was last seen
  auto gone = h.service_.recordDevice(without_laptop);
  ASSERT_TRUE(gone);
  EXPECT_EQ(gone->endpoints_unlinked, 1);
  EXPECT_FALSE(topology.uplinkOf(laptop));
}

TEST(DiscoveryServiceTest, SnmpSightingOfAnAgentMachineKeepsTheAgentInventory) {
  DiscoveryHarness h;
  auto laptop = h.service->ingestInventory(laptopReport());
  ASSERT_TRUE(laptop);
  // snmpd on the laptop: same MAC and hostname (two weak keys), plus its engine id.
  SnmpDevice seen;
  seen.device.address = "192.0.2.10";
  seen.sys_name = "ws-0042";
  seen.host_resources = true;
  seen.device.device_class = "workstation";
  seen.device.engine_id = "80001f8880aabbccdd";
  seen.device.interfaces.push_back({2, "enp0s31f6", {}, "8c:04:ba:12:34:56", "up", "up", 1000, {}});
  auto outcome = h.service_.recordDevice(seen);
  ASSERT_TRUE(outcome) << outcome.error().message;
  EXPECT_EQ(outcome->asset_id, laptop->asset_id);
  EXPECT_EQ(outcome->rule, "weak_keys");
  EXPECT_EQ(h.assetCount(), 1);
  const auto records = recordsOf(h, laptop->asset_id);
  ASSERT_EQ(records.size(), 2u);
  // Agent data takes precedence, and the record still names the agent's report.
  EXPECT_EQ(ingest::contentJson(records[1].inventory), ingest::contentJson(laptopReport()));
  ASSERT_TRUE(records[1].network_device);
  EXPECT_EQ(records[1].network_device->device_class, "workstation");
  bool has_agent_id = false, has_engine_id = false;
  for (const auto& id : records[1].identifiers) {
    has_agent_id |= id.kind == "agent_id";
    has_engine_id |= id.kind == "snmp_engine_id";
  }
  EXPECT_TRUE(has_agent_id);
  EXPECT_TRUE(has_engine_id);
}

TEST(DiscoveryServiceTest, DeviceWithoutIdentityIsRefusedAndNothingStored) {
  DiscoveryHarness h;
  SnmpDevice anonymous;
  anonymous.device.address = "192.0.2.77";
  auto outcome = h.service_.recordDevice(anonymous);
  ASSERT_FALSE(outcome);
  EXPECT_EQ(outcome.error().code, "no_identity");
  EXPECT_EQ(h.assetCount(), 0);
  EXPECT_TRUE(h.outbox().empty());
}

TEST(DiscoveryServiceTest, TopologyIsEmptyBeforeDiscoveryEverRan) {
  CollectorHarness h;
  auto laptop = h.service->ingestInventory(laptopReport());
  ASSERT_TRUE(laptop);
  EXPECT_FALSE(Topology(h.db()).uplinkOf(laptop->asset_id));
}

}  // namespace
}  // namespace steward::collector::snmp
