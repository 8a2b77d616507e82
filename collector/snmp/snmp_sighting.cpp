#include "collector/snmp/snmp_sighting.h"

#include <algorithm>
#include <map>

#include "collector/reconcile/identifiers.h"
#include "shared/common/text.h"

namespace steward::collector::snmp {

namespace {

bool isPhysicalType(std::int64_t if_type) {
  // ethernetCsmacd(6), iso88023(7), fastEther(62), fastEtherFX(69), ieee80211(71),
  // gigabitEthernet(117).
  return if_type == 6 || if_type == 7 || if_type == 62 || if_type == 69 || if_type == 71 ||
         if_type == 117;
}

void add(std::vector<wire::AssetIdentifier>& out, const char* kind, std::string value) {
  wire::AssetIdentifier id{kind, std::move(value)};
  if (std::find(out.begin(), out.end(), id) == out.end()) out.push_back(std::move(id));
}

bool physical(const SnmpDevice& device, const wire::DeviceInterface& nic) {
  auto type = device.if_types.find(nic.index);
  return type == device.if_types.end() || isPhysicalType(type->second);
}

}  // namespace

std::vector<wire::AssetIdentifier> snmpIdentifiers(const SnmpDevice& device) {
  std::vector<wire::AssetIdentifier> out;
  if (device.serial && !reconcile::isBogusSerial(*device.serial)) {
    std::string vendor = device.vendor ? asciiLower(*device.vendor) : "unknown";
    add(out, reconcile::kSerial, vendor + "|" + asciiUpper(*device.serial));
  }
  if (device.device.engine_id) {
    const std::string& id = *device.device.engine_id;
    const bool same = std::all_of(id.begin(), id.end(), [&](char c) { return c == id[0]; });
    if (!same) add(out, reconcile::kSnmpEngineId, id);
  }
  for (const auto& nic : device.device.interfaces) {
    if (!nic.mac || !physical(device, nic)) continue;
    std::string mac = reconcile::normalizeMac(*nic.mac);
    if (!mac.empty()) add(out, reconcile::kMac, std::move(mac));
  }
  const std::string host = asciiLower(device.sys_name);
  if (!host.empty() && host != "localhost") add(out, reconcile::kHostname, host);
  return out;
}

wire::InventoryReport sightingReport(const SnmpDevice& device, const std::string& report_id,
                                     const std::string& collected_at) {
  wire::InventoryReport r;
  r.report_id = report_id;
  r.agent_id = kSnmpSource;
  r.collected_at = collected_at;
  r.agent_version = "steward-collector snmp";
  r.system.hostname = device.sys_name.empty() ? device.device.address : device.sys_name;
  if (device.device.sys_descr) {
    std::string first_line = device.device.sys_descr->substr(0, device.device.sys_descr->find('\n'));
    r.system.os_name = first_line.substr(0, 200);
  }
  r.hardware.vendor = device.vendor;
  r.hardware.model = device.model;
  r.hardware.serial = device.serial;
  if (device.firmware) r.hardware.bios = wire::Bios{std::nullopt, device.firmware, std::nullopt};
  if (device.memory_bytes) r.memory.total_bytes = *device.memory_bytes;
  r.cpu.threads = device.processors;
  r.filesystems = device.storage;
  for (const auto& name : device.software) {
    wire::Package p;
    p.name = name;
    p.source = "snmp";
    r.packages.push_back(std::move(p));
  }
  for (const auto& nic : device.device.interfaces) {
    wire::NetworkInterface out;
    out.name = nic.name;
    out.mac = nic.mac;
    out.ipv4 = nic.ipv4;
    out.oper_state = nic.oper_status;
    out.speed_mbps = nic.speed_mbps ? std::optional<std::uint32_t>(static_cast<std::uint32_t>(
                                          std::min<std::uint64_t>(*nic.speed_mbps, 4000000000)))
                                    : std::nullopt;
    out.is_virtual = !physical(device, nic);
    out.kind = out.is_virtual ? "virtual" : "physical";
    r.interfaces.push_back(std::move(out));
  }
  return r;
}

std::set<std::string> uplinkPorts(const wire::NetworkDevice& device, int mac_threshold) {
  std::set<std::string> uplinks;
  for (const auto& n : device.neighbors) uplinks.insert(n.local_port);
  std::map<std::string, std::set<std::string>> macs_per_port;
  for (const auto& f : device.fdb) macs_per_port[f.port].insert(f.mac);
  for (const auto& [port, macs] : macs_per_port) {
    if (static_cast<int>(macs.size()) > mac_threshold) uplinks.insert(port);
  }
  return uplinks;
}

}  // namespace steward::collector::snmp
