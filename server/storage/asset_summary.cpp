#include "server/storage/asset_summary.h"

#include <algorithm>
#include <sstream>

namespace steward::server {

namespace {

std::string withoutPrefixLength(const std::string& cidr) { return cidr.substr(0, cidr.find('/')); }

bool isNoiseAddress(const std::string& address) {
  return address.rfind("127.", 0) == 0 || address == "::1" || address.rfind("fe80:", 0) == 0;
}

void addOnce(std::vector<std::string>& out, const std::string& value) {
  if (!value.empty() && std::find(out.begin(), out.end(), value) == out.end()) {
    out.push_back(value);
  }
}

}  // namespace

AssetSummary summarizeAsset(const wire::AssetRecord& record) {
  const wire::InventoryReport& inv = record.inventory;
  AssetSummary s;
  s.asset_id = record.asset_id;
  s.hostname = inv.system.hostname;
  s.os_name = inv.system.os_name;
  s.vendor = inv.hardware.vendor;
  s.model = inv.hardware.model;
  s.serial = inv.hardware.serial;
  s.cpu_model = inv.cpu.model;
  s.memory_total_bytes = inv.memory.total_bytes;
  s.package_count = inv.packages.size();
  for (const auto& nic : inv.interfaces) {
    for (const auto* family : {&nic.ipv4, &nic.ipv6}) {
      for (const auto& cidr : *family) {
        const std::string address = withoutPrefixLength(cidr);
        if (!isNoiseAddress(address)) addOnce(s.ip_addresses, address);
      }
    }
    if (!nic.is_virtual && nic.mac) addOnce(s.mac_addresses, *nic.mac);
  }
  s.first_seen = record.first_seen;
  s.last_seen = record.last_seen;
  return s;
}

std::string joinAddresses(const std::vector<std::string>& addresses) {
  std::string out;
  for (const auto& a : addresses) {
    if (!out.empty()) out += ' ';
    out += a;
  }
  return out;
}

std::vector<std::string> splitAddresses(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string item; in >> item;) out.push_back(item);
  return out;
}

}  // namespace steward::server
