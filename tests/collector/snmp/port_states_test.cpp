#include "collector/snmp/port_states.h"

#include <gtest/gtest.h>

#include "collector/snmp/snmp_sighting.h"
#include "tests/collector/snmp/snmprec.h"

namespace steward::collector::snmp {
namespace {

using testing::loadSnmprec;
using testing::snmpFixture;

const rules::PortState* find(const std::vector<rules::PortState>& ports, const std::string& name) {
  for (const auto& p : ports) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

TEST(PortStatesTest, AccessSwitchFixtureGivesStatusesAliasesTimeInStateAndUplinks) {
  const SnmpDevice d =
      parseSnmpDevice("127.0.0.1", loadSnmprec(snmpFixture("access-switch.snmprec")));
  EXPECT_EQ(d.sys_uptime, 8640000);  // one day, in hundredths of a second
  EXPECT_EQ(d.if_last_change.at(2), 8280000);
  const auto ports = portStates(d, uplinkPorts(d.device, 8));
  ASSERT_EQ(ports.size(), 7u);
  const auto* gi2 = find(ports, "Gi1/0/2");
  ASSERT_TRUE(gi2);
  EXPECT_EQ(gi2->index, 2u);
  EXPECT_EQ(gi2->alias, "printer room 3");
  EXPECT_EQ(gi2->admin_status, "up");
  EXPECT_EQ(gi2->oper_status, "down");
  EXPECT_EQ(gi2->in_state_seconds, 3600) << "(8640000 - 8280000) / 100";
  EXPECT_FALSE(gi2->uplink);
  EXPECT_EQ(find(ports, "Gi1/0/3")->alias, std::nullopt) << "an empty ifAlias is no label";
  EXPECT_EQ(find(ports, "Gi1/0/3")->in_state_seconds, 86400) << "ifLastChange 0: since boot";
  EXPECT_EQ(find(ports, "Gi1/0/4")->oper_status, "lowerLayerDown");
  EXPECT_EQ(find(ports, "Gi1/0/6")->oper_status, "notPresent");
  EXPECT_TRUE(find(ports, "Gi1/0/48")->uplink) << "its LLDP neighbour is core-1";
}

TEST(PortStatesTest, AWrappedUptimeLeavesTheTimeInStateUnknown) {
  SnmpDevice d;
  d.device.interfaces.push_back(wire::DeviceInterface{5, "ge-0/0/5"});
  d.sys_uptime = 100;
  d.if_last_change[5] = 4000000000;
  EXPECT_EQ(portStates(d, {}).at(0).in_state_seconds, std::nullopt);
  d.sys_uptime.reset();
  d.if_last_change[5] = 50;
  EXPECT_EQ(portStates(d, {}).at(0).in_state_seconds, std::nullopt);
}

}  // namespace
}  // namespace steward::collector::snmp
