// BRIDGE-MIB / Q-BRIDGE-MIB forwarding databases, LLDP-MIB and CISCO-CDP-MIB neighbours.

#include <set>

#include "collector/snmp/mib_oids.h"
#include "collector/snmp/snmp_device.h"

namespace steward::collector::snmp {

namespace {

// dot1dTpFdbStatus / dot1qTpFdbStatus: 2 invalid, 4 self (the switch's own MACs).
bool usableStatus(const std::map<Oid, SnmpValue>& statuses, const Oid& index) {
  auto it = statuses.find(index);
  if (it == statuses.end()) return true;
  auto n = it->second.asInt();
  return !n || (*n != 2 && *n != 4);
}

std::optional<std::string> macFromIndex(const Oid& index, std::size_t offset) {
  if (index.size() != offset + 6) return std::nullopt;
  std::string bytes;
  for (std::size_t i = offset; i < index.size(); ++i) {
    if (index[i] > 255) return std::nullopt;
    bytes.push_back(static_cast<char>(index[i]));
  }
  return macText(bytes);
}

// LLDP ids: a MAC address subtype is shown as a MAC, anything else as text.
std::optional<std::string> lldpId(const std::map<Oid, SnmpValue>& subtypes,
                                  const std::map<Oid, SnmpValue>& ids, const Oid& index,
                                  std::int64_t mac_subtype) {
  auto id = ids.find(index);
  if (id == ids.end()) return std::nullopt;
  auto subtype = subtypes.find(index);
  if (subtype != subtypes.end() && subtype->second.asInt() == mac_subtype) {
    if (auto mac = id->second.asMac()) return mac;
  }
  return id->second.asText();
}

bool hasInterface(const SnmpDevice& device, const std::string& name) {
  for (const auto& i : device.device.interfaces) {
    if (i.name == name) return true;
  }
  return false;
}

}  // namespace

void parseFdb(const VarBinds& values, SnmpDevice& out) {
  std::map<std::int64_t, std::int64_t> port_if;  // bridge port → ifIndex
  for (const auto& [index, v] : column(values, mib::kDot1dBasePortIfIndex)) {
    if (index.size() == 1 && v.asInt()) port_if[index[0]] = *v.asInt();
  }
  auto portName = [&](std::int64_t port) {
    auto it = port_if.find(port);
    if (it != port_if.end()) return interfaceName(out, it->second);
    return "bridge port " + std::to_string(port);
  };
  std::set<std::string> seen;
  const auto q_status = column(values, mib::kDot1qTpFdbStatus);
  for (const auto& [index, v] : column(values, mib::kDot1qTpFdbPort)) {
    auto mac = macFromIndex(index, 1);
    auto port = v.asInt();
    if (!mac || !port || *port <= 0 || !usableStatus(q_status, index)) continue;
    out.device.fdb.push_back({*mac, portName(*port), index[0]});
    seen.insert(*mac + "|" + portName(*port));
  }
  const auto status = column(values, mib::kDot1dTpFdbStatus);
  for (const auto& [index, v] : column(values, mib::kDot1dTpFdbPort)) {
    auto mac = macFromIndex(index, 0);
    auto port = v.asInt();
    if (!mac || !port || *port <= 0 || !usableStatus(status, index)) continue;
    if (seen.count(*mac + "|" + portName(*port))) continue;
    out.device.fdb.push_back({*mac, portName(*port), std::nullopt});
  }
}

void parseNeighbors(const VarBinds& values, SnmpDevice& out) {
  const auto loc_port_id = column(values, concat(mib::kLldpLocPortEntry, {3}));
  const auto loc_port_desc = column(values, concat(mib::kLldpLocPortEntry, {4}));
  auto localPort = [&](std::uint32_t num) -> std::string {
    const Oid key{num};
    std::optional<std::string> id, desc;
    if (auto it = loc_port_id.find(key); it != loc_port_id.end()) id = it->second.asText();
    if (auto it = loc_port_desc.find(key); it != loc_port_desc.end()) desc = it->second.asText();
    if (id && hasInterface(out, *id)) return *id;
    if (desc && hasInterface(out, *desc)) return *desc;
    for (const auto& i : out.device.interfaces) {
      if (i.index == num) return i.name;
    }
    if (id && !id->empty()) return *id;
    return "lldp port " + std::to_string(num);
  };
  const Oid& rem = mib::kLldpRemEntry;
  const auto chassis_subtype = column(values, concat(rem, {4}));
  const auto chassis_id = column(values, concat(rem, {5}));
  const auto port_subtype = column(values, concat(rem, {6}));
  const auto port_id = column(values, concat(rem, {7}));
  const auto sys_name = column(values, concat(rem, {9}));
  std::set<Oid> rows;
  for (const auto* col : {&chassis_id, &port_id, &sys_name}) {
    for (const auto& [index, v] : *col) {
      if (index.size() == 3) rows.insert(index);
    }
  }
  for (const Oid& index : rows) {
    wire::Neighbor n;
    n.protocol = "lldp";
    n.local_port = localPort(index[1]);
    n.chassis_id = lldpId(chassis_subtype, chassis_id, index, 4);
    n.port_id = lldpId(port_subtype, port_id, index, 3);
    if (auto it = sys_name.find(index); it != sys_name.end()) n.system_name = it->second.asText();
    out.device.neighbors.push_back(std::move(n));
  }
  const Oid& cdp = mib::kCdpCacheEntry;
  const auto cdp_address = column(values, concat(cdp, {4}));
  const auto cdp_port = column(values, concat(cdp, {7}));
  for (const auto& [index, v] : column(values, concat(cdp, {6}))) {
    if (index.size() != 2) continue;
    wire::Neighbor n;
    n.protocol = "cdp";
    n.local_port = interfaceName(out, index[0]);
    n.system_name = v.asText();
    if (auto it = cdp_port.find(index); it != cdp_port.end()) n.port_id = it->second.asText();
    if (auto it = cdp_address.find(index);
        it != cdp_address.end() && it->second.bytes.size() == 4) {
      const auto& b = it->second.bytes;
      n.address = std::to_string(static_cast<unsigned char>(b[0])) + "." +
                  std::to_string(static_cast<unsigned char>(b[1])) + "." +
                  std::to_string(static_cast<unsigned char>(b[2])) + "." +
                  std::to_string(static_cast<unsigned char>(b[3]));
    }
    out.device.neighbors.push_back(std::move(n));
  }
}

}  // namespace steward::collector::snmp
