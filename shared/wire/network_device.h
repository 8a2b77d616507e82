#pragma once

// What SNMP discovery learns about a network device (schema 1.2, optional in an
// AssetRecord), and where an endpoint is plugged in (AssetRecord::connected_to).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace steward::wire {

struct DeviceInterface {
  std::uint32_t index = 0;  // ifIndex
  std::string name;         // ifName, else ifDescr
  std::optional<std::string> alias = {};  // ifAlias (the label people give a port)
  std::optional<std::string> mac = {};
  std::optional<std::string> admin_status = {};  // "up", "down", "testing"
  std::optional<std::string> oper_status = {};   // "up", "down", "dormant", "notPresent"...
  std::optional<std::uint64_t> speed_mbps = {};
  std::vector<std::string> ipv4 = {};  // "192.0.2.1/24"
  friend bool operator==(const DeviceInterface&, const DeviceInterface&) = default;
};

// A MAC address the switch has learnt on a port (BRIDGE-MIB / Q-BRIDGE-MIB).
struct FdbEntry {
  std::string mac;
  std::string port;  // interface name of the bridge port
  std::optional<std::uint32_t> vlan = {};
  friend bool operator==(const FdbEntry&, const FdbEntry&) = default;
};

// A device on the other end of a port, from LLDP or CDP.
struct Neighbor {
  std::string protocol;    // "lldp" or "cdp"
  std::string local_port;  // interface name on this device
  std::optional<std::string> chassis_id = {};
  std::optional<std::string> port_id = {};
  std::optional<std::string> system_name = {};
  std::optional<std::string> address = {};
  friend bool operator==(const Neighbor&, const Neighbor&) = default;
};

struct ArpEntry {
  std::string ip;
  std::string mac;
  std::optional<std::string> interface = {};
  friend bool operator==(const ArpEntry&, const ArpEntry&) = default;
};

// Printer-MIB prtMarkerSuppliesTable. Levels follow the MIB: -1 other, -2 unknown,
// -3 "some remaining".
struct PrinterSupply {
  std::string description;
  std::optional<std::string> type = {};  // "toner", "ink", "drum", "wasteToner", ...
  std::optional<std::int64_t> level = {};
  std::optional<std::int64_t> max_capacity = {};
  friend bool operator==(const PrinterSupply&, const PrinterSupply&) = default;
};

// ENTITY-MIB entPhysicalTable rows that carry something worth keeping.
struct EntityComponent {
  std::string physical_class;  // "chassis", "module", "powerSupply", "fan", "port", ...
  std::optional<std::string> description = {};
  std::optional<std::string> model = {};
  std::optional<std::string> serial = {};
  std::optional<std::string> firmware = {};
  std::optional<std::string> software = {};
  std::optional<std::string> manufacturer = {};
  friend bool operator==(const EntityComponent&, const EntityComponent&) = default;
};

struct NetworkDevice {
  // "switch", "router", "printer", "ups", "server", "workstation" or "unknown".
  std::string device_class = "unknown";
  std::string address;  // the IPv4 address it was polled on
  std::optional<std::string> sys_object_id = {};
  std::optional<std::string> sys_descr = {};
  std::optional<std::string> sys_location = {};
  std::optional<std::string> sys_contact = {};
  std::optional<std::int64_t> sys_services = {};
  std::optional<std::string> engine_id = {};  // snmpEngineID, hex
  std::optional<std::int64_t> page_count = {};  // prtMarkerLifeCount, printers
  std::vector<DeviceInterface> interfaces = {};
  std::vector<EntityComponent> components = {};
  std::vector<FdbEntry> fdb = {};
  std::vector<Neighbor> neighbors = {};
  std::vector<ArpEntry> arp = {};
  std::vector<PrinterSupply> supplies = {};
  friend bool operator==(const NetworkDevice&, const NetworkDevice&) = default;
};

// The switch port an endpoint's MAC was learnt on.
struct PortLink {
  std::string asset_id;  // the switch's asset
  std::string port;      // interface name on the switch
  std::optional<std::uint32_t> vlan = {};
  friend bool operator==(const PortLink&, const PortLink&) = default;
};

}  // namespace steward::wire
