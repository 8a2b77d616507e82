#pragma once

// One polled SNMP device, parsed from what it answered: the wire NetworkDevice plus
// what maps onto the asset's inventory (identity, host resources).

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "collector/snmp/oid.h"
#include "collector/snmp/snmp_client.h"
#include "shared/wire/inventory.h"
#include "shared/wire/network_device.h"

namespace steward::collector::snmp {

struct SnmpDevice {
  wire::NetworkDevice device;
  std::string sys_name;
  std::optional<std::string> vendor;    // chassis entMfgName, else from the enterprise
  std::optional<std::string> model;     // chassis entModelName, UPS model
  std::optional<std::string> serial;    // chassis entSerialNum
  std::optional<std::string> firmware;  // chassis entFirmwareRev / entSoftwareRev
  std::map<std::uint32_t, std::int64_t> if_types;  // ifIndex → IANAifType
  std::optional<std::int64_t> sys_uptime;              // sysUpTime, hundredths of a second
  std::map<std::uint32_t, std::int64_t> if_last_change;  // ifIndex → ifLastChange (sysUpTime)
  // HOST-RESOURCES-MIB, where offered.
  bool host_resources = false;
  std::optional<std::uint64_t> memory_bytes;
  std::uint32_t processors = 0;
  std::vector<wire::Filesystem> storage;
  std::vector<std::string> software;
  // Which MIBs answered, for classification.
  bool printer_mib = false;
  bool ups_mib = false;
  std::optional<std::int64_t> ip_forwarding;  // 1 forwarding, 2 not
  // False when a walk of the poll was cut or broke off: its FDB may be partial, so
  // endpoint links missing from it are not expired.
  bool complete = true;
};

// Everything discovery asks a device: the system scalars first, then the walks.
PollPlan discoveryPlan();
// A reachability-only plan (system scalars, no walks), for sweeps.
PollPlan sweepPlan();

// Parses what `address` answered. Values of the wrong type are ignored; nothing here
// fails, a device that answered little just yields a sparse record.
SnmpDevice parseSnmpDevice(const std::string& address, const VarBinds& values);

// Parts, each tested on literal VarBinds.
void parseSystem(const VarBinds& values, SnmpDevice& out);
void parseInterfaces(const VarBinds& values, SnmpDevice& out);
void parseArp(const VarBinds& values, SnmpDevice& out);
void parseEntity(const VarBinds& values, SnmpDevice& out);
void parseHostResources(const VarBinds& values, SnmpDevice& out);
void parsePrinterAndUps(const VarBinds& values, SnmpDevice& out);
void parseFdb(const VarBinds& values, SnmpDevice& out);  // needs interfaces parsed
void parseNeighbors(const VarBinds& values, SnmpDevice& out);  // needs interfaces parsed

// "switch", "router", "printer", "ups", "server", "workstation" or "unknown".
std::string classifyDevice(const SnmpDevice& device);
// The vendor an IANA enterprise number in sysObjectID stands for, where known.
std::optional<std::string> enterpriseVendor(const std::string& sys_object_id);

// The interface name for ifIndex `index`, or "ifIndex N" when unknown.
std::string interfaceName(const SnmpDevice& device, std::int64_t index);

}  // namespace steward::collector::snmp
