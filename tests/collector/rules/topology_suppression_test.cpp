// Topology suppression with the uplink learned by SNMP discovery, as main() wires it:
// the switch's FDB (tests/fixtures/snmp/switch.snmprec) holds the laptop's MAC on an
// access port, so when the switch stops answering and the laptop goes silent, the
// laptop is attached to the switch's incident instead of raising its own.

#include <boost/json/parse.hpp>

#include "collector/snmp/discovery_service.h"
#include "collector/snmp/snmp_device.h"
#include "collector/snmp/topology.h"
#include "collector/snmp/topology_uplink_resolver.h"
#include "tests/collector/rules/rules_engine_test_support.h"
#include "tests/collector/snmp/snmprec.h"

namespace steward::collector::rules {
namespace {

using namespace std::chrono_literals;
using Strings = std::vector<std::string>;

class TopologySuppressionTest : public RulesEngineFixture {
 protected:
  TopologySuppressionTest() : discovery_(h_.db(), h_.clock, h_.reconciler, 8), topology_(h_.db()) {
    EXPECT_TRUE(discovery_.prepare());
    resolver_ = &learned_;
  }
  // The laptop (agent 1, MAC 8c:04:ba:12:34:56 on the switch's Gi1/0/5) and five
  // agents elsewhere, so one silent laptop is not the collector's own outage.
  std::string addLaptopAndOthers() {
    auto laptop = h_.service->ingestInventory(testing::laptopReport());
    EXPECT_TRUE(laptop);
    for (int n = 2; n <= 6; ++n) addAgent(n, "elsewhere-" + std::to_string(n));
    return laptop ? laptop->asset_id : "";
  }
  std::string discoverSwitch() {
    auto device = snmp::parseSnmpDevice(
        "127.0.0.1", snmp::testing::loadSnmprec(snmp::testing::snmpFixture("switch.snmprec")));
    auto outcome = discovery_.recordDevice(device);
    EXPECT_TRUE(outcome) << (outcome ? "" : outcome.error().message);
    return outcome ? outcome->asset_id : "";
  }

  snmp::DiscoveryService discovery_;
  snmp::Topology topology_;
  snmp::TopologyUplinkResolver learned_{uplinks_, topology_};
};

TEST_F(TopologySuppressionTest, ALaptopBehindAnUnreachableSwitchJoinsTheSwitchsIncident) {
  startEngine(kOfflineRules);
  const std::string laptop = addLaptopAndOthers();
  const std::string sw = discoverSwitch();
  ASSERT_EQ(learned_.uplinkOf(laptop), sw) << "the FDB put the laptop behind the switch";

  run(40, {1, 2, 3, 4, 5, 6});
  ASSERT_TRUE(engine_->onReachability(sw, false, R"({"snmp":"timeout"})"));
  run(40, {2, 3, 4, 5, 6});
  const auto all = events();
  ASSERT_EQ(kinds(), (Strings{"raise:unreachable:", "repeat:unreachable:"}))
      << "no offline incident of the laptop's own";
  EXPECT_EQ(all.back().asset_id, sw);
  const auto evidence = boost::json::parse(all.back().evidence).as_object();
  EXPECT_EQ(evidence.at("linked_count").as_int64(), 1);
  EXPECT_EQ(evidence.at("linked_asset_ids").as_array().at(0).as_string(), laptop);
}

TEST_F(TopologySuppressionTest, WithoutTheSwitchsFaultTheSilentLaptopRaisesItsOwn) {
  startEngine(kOfflineRules);
  addLaptopAndOthers();
  discoverSwitch();
  run(40, {1, 2, 3, 4, 5, 6});
  run(40, {2, 3, 4, 5, 6});
  EXPECT_EQ(kinds(), (Strings{"raise:offline:"})) << "the switch answers: the laptop is down";
}

TEST_F(TopologySuppressionTest, TheConfiguredUplinksFileWinsOverTheLearnedSwitch) {
  const std::string laptop = addLaptopAndOthers();
  const std::string sw = discoverSwitch();
  ASSERT_EQ(learned_.uplinkOf(laptop), sw);
  uplinks_.set(laptop, "pinned-switch-asset");
  EXPECT_EQ(learned_.uplinkOf(laptop), "pinned-switch-asset");
  EXPECT_FALSE(learned_.uplinkOf("no-such-asset"));
}

}  // namespace
}  // namespace steward::collector::rules
