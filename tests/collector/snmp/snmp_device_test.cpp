#include "collector/snmp/snmp_device.h"

#include <gtest/gtest.h>

#include "collector/snmp/mib_oids.h"
#include "tests/collector/snmp/snmprec.h"

namespace steward::collector::snmp {
namespace {

using testing::loadSnmprec;
using testing::snmpFixture;

SnmpDevice fixture(const std::string& name) {
  return parseSnmpDevice("127.0.0.1", loadSnmprec(snmpFixture(name)));
}

const wire::DeviceInterface* nic(const SnmpDevice& d, const std::string& name) {
  for (const auto& i : d.device.interfaces) {
    if (i.name == name) return &i;
  }
  return nullptr;
}

TEST(SnmpDeviceTest, SwitchFixtureIsASwitchWithChassisSerialAndPortStates) {
  const SnmpDevice d = fixture("switch.snmprec");
  EXPECT_EQ(d.device.device_class, "switch");
  EXPECT_EQ(d.sys_name, "sw-access-1");
  EXPECT_EQ(d.serial, "FOC1932X0AB");
  EXPECT_EQ(d.vendor, "Cisco");
  EXPECT_EQ(d.model, "WS-C2960X-24TS-L");
  EXPECT_EQ(d.firmware, "15.2(7)E4");
  EXPECT_EQ(d.device.engine_id, "800000090300001a2b3c4d00");
  EXPECT_EQ(d.device.sys_location, "Building A, rack 2");
  ASSERT_EQ(d.device.interfaces.size(), 7u);
  ASSERT_TRUE(nic(d, "Gi1/0/2"));
  EXPECT_EQ(nic(d, "Gi1/0/2")->admin_status, "up");
  EXPECT_EQ(nic(d, "Gi1/0/2")->oper_status, "down");
  EXPECT_EQ(nic(d, "Gi1/0/3")->admin_status, "down");
  EXPECT_EQ(nic(d, "Gi1/0/1")->alias, "desk 11");
  EXPECT_EQ(nic(d, "Gi1/0/1")->speed_mbps, 1000u);
  EXPECT_EQ(nic(d, "Gi1/0/1")->mac, "00:1a:2b:3c:4d:01");
  EXPECT_EQ(nic(d, "Vlan10")->ipv4, std::vector<std::string>{"10.20.0.2/24"});
  // Chassis and power supply are kept; the port entity (no serial, no model) is not.
  ASSERT_EQ(d.device.components.size(), 2u);
  EXPECT_EQ(d.device.components[1].physical_class, "powerSupply");
  EXPECT_EQ(d.device.components[1].serial, "LIT1234ABCD");
}

TEST(SnmpDeviceTest, SwitchFdbMapsMacsToPortNamesAndSkipsItsOwnMac) {
  const SnmpDevice d = fixture("switch.snmprec");
  bool laptop = false;
  for (const auto& f : d.device.fdb) {
    EXPECT_NE(f.mac, "00:1a:2b:3c:4d:00") << "status self(4) entries are the switch's own";
    if (f.mac == "8c:04:ba:12:34:56") {
      laptop = true;
      EXPECT_EQ(f.port, "Gi1/0/5");
      EXPECT_EQ(f.vlan, 10u) << "the Q-BRIDGE entry wins over the BRIDGE one";
    }
  }
  EXPECT_TRUE(laptop);
  EXPECT_EQ(d.device.fdb.size(), 13u) << "Q-BRIDGE and BRIDGE entries for a MAC count once";
}

TEST(SnmpDeviceTest, LldpNeighbourSitsOnTheNamedLocalPort) {
  const SnmpDevice d = fixture("switch.snmprec");
  ASSERT_EQ(d.device.neighbors.size(), 1u);
  const auto& n = d.device.neighbors[0];
  EXPECT_EQ(n.protocol, "lldp");
  EXPECT_EQ(n.local_port, "Gi1/0/24");
  EXPECT_EQ(n.chassis_id, "00:11:22:33:44:aa");
  EXPECT_EQ(n.port_id, "Te1/1/1");
  EXPECT_EQ(n.system_name, "core-1");
}

TEST(SnmpDeviceTest, PrinterFixtureHasSuppliesPageCountAndSerial) {
  const SnmpDevice d = fixture("printer.snmprec");
  EXPECT_EQ(d.device.device_class, "printer");
  EXPECT_EQ(d.serial, "PHBQ123456");
  EXPECT_EQ(d.vendor, "HP") << "from the enterprise number in sysObjectID";
  EXPECT_EQ(d.device.page_count, 152340);
  ASSERT_EQ(d.device.supplies.size(), 3u);
  EXPECT_EQ(d.device.supplies[0].description, "Black Cartridge HP CF289A");
  EXPECT_EQ(d.device.supplies[0].type, "tonerCartridge");
  EXPECT_EQ(d.device.supplies[0].level, 37);
  EXPECT_EQ(d.device.supplies[0].max_capacity, 100);
  EXPECT_EQ(d.device.supplies[1].type, "opc");
  EXPECT_EQ(d.device.supplies[1].level, -3) << "-3: some remaining, as the MIB says";
}

TEST(SnmpDeviceTest, RouterFixtureIsARouterWithArp) {
  const SnmpDevice d = fixture("router.snmprec");
  EXPECT_EQ(d.device.device_class, "router");
  EXPECT_EQ(d.ip_forwarding, 1);
  EXPECT_EQ(d.serial, "CV1718AF0123");
  EXPECT_EQ(d.vendor, "Juniper Networks");
  ASSERT_EQ(d.device.arp.size(), 3u);
  EXPECT_EQ(d.device.arp[0].interface, "ge-0/0/0");
  EXPECT_EQ(nic(d, "ge-0/0/2")->oper_status, "down");
  EXPECT_EQ(nic(d, "ge-0/0/1")->ipv4, std::vector<std::string>{"198.51.100.2/30"});
}

TEST(SnmpDeviceTest, ClassificationFromMibsAnswered) {
  VarBinds ups;
  ups[mib::kSysObjectId] = oidValue(parseOid("1.3.6.1.4.1.99999.1"));
  ups[concat(mib::kUpsIdent, {1, 0})] = textValue("Eaton");
  ups[concat(mib::kUpsIdent, {2, 0})] = textValue("5PX 1500");
  const SnmpDevice u = parseSnmpDevice("192.0.2.9", ups);
  EXPECT_EQ(u.device.device_class, "ups");
  EXPECT_EQ(u.vendor, "Eaton");
  EXPECT_EQ(u.model, "5PX 1500");

  VarBinds host;
  host[mib::kSysObjectId] = oidValue(parseOid("1.3.6.1.4.1.8072.3.2.10"));
  host[concat(mib::kHrSystem, {1, 0})] = intValue(100, SnmpValue::Type::TimeTicks);
  host[concat(mib::kHrMemorySize, {0})] = intValue(2048);
  EXPECT_EQ(parseSnmpDevice("192.0.2.9", host).device.device_class, "server");
  host[mib::kSysObjectId] = oidValue(parseOid("1.3.6.1.4.1.311.1.1.3.1.1"));
  EXPECT_EQ(parseSnmpDevice("192.0.2.9", host).device.device_class, "workstation");

  VarBinds layer2;
  layer2[mib::kSysServices] = intValue(2);
  EXPECT_EQ(parseSnmpDevice("192.0.2.9", layer2).device.device_class, "switch");
  EXPECT_EQ(parseSnmpDevice("192.0.2.9", {}).device.device_class, "unknown");
}

TEST(SnmpDeviceTest, ValuesOfTheWrongTypeAreIgnored) {
  VarBinds bad = loadSnmprec(snmpFixture("switch.snmprec"));
  bad[mib::kSysName] = intValue(42);
  bad[mib::kSysObjectId] = textValue("not an oid");
  bad[mib::kSysServices] = intValue(100000);
  bad[concat(mib::kIfOperStatus, {1})] = intValue(99);
  bad[concat(mib::kIfPhysAddress, {2})] = textValue("\x01\x02\x03");
  bad[concat(mib::kDot1dTpFdbPort, {1, 2, 3})] = intValue(1);  // index too short for a MAC
  const SnmpDevice d = parseSnmpDevice("127.0.0.1", bad);
  EXPECT_EQ(d.sys_name, "");
  EXPECT_FALSE(d.device.sys_object_id);
  EXPECT_FALSE(d.device.sys_services);
  EXPECT_FALSE(nic(d, "Gi1/0/1")->oper_status);
  EXPECT_FALSE(nic(d, "Gi1/0/2")->mac);
  EXPECT_EQ(d.device.fdb.size(), 13u);
}

TEST(SnmpDeviceTest, BinaryTextIsShownAsHex) {
  EXPECT_EQ(textValue(std::string("\x00\x01\xff", 3)).asText(), "0001ff");
  EXPECT_EQ(textValue(std::string("abc\0", 4)).asText(), "abc");
}

TEST(SnmpDeviceTest, OidTextRoundTripsAndRejectsGarbage) {
  EXPECT_EQ(oidText(parseOid(".1.3.6.1.2.1")), "1.3.6.1.2.1");
  EXPECT_TRUE(parseOid("1.3.x").empty());
  EXPECT_TRUE(parseOid("1..3").empty());
  EXPECT_TRUE(parseOid("1.3.").empty());
  EXPECT_TRUE(parseOid("1.99999999999").empty());
}

}  // namespace
}  // namespace steward::collector::snmp
