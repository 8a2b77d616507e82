// SNMPv2-MIB system group, IF-MIB and IP-MIB (addresses, forwarding, ARP).

#include <algorithm>
#include <bit>

#include "collector/snmp/mib_oids.h"
#include "collector/snmp/snmp_device.h"

namespace steward::collector::snmp {

namespace {

std::optional<std::string> text(const VarBinds& values, const Oid& oid) {
  auto it = values.find(oid);
  if (it == values.end()) return std::nullopt;
  auto t = it->second.asText();
  if (!t || t->empty()) return std::nullopt;
  return t;
}

std::optional<std::string> ifStatus(const SnmpValue& v) {
  static constexpr const char* kNames[] = {"up",      "down",     "testing",       "unknown",
                                           "dormant", "notPresent", "lowerLayerDown"};
  auto n = v.asInt();
  if (!n || *n < 1 || *n > 7) return std::nullopt;
  return kNames[*n - 1];
}

// An IPv4 address from the last four sub-identifiers of `index`.
std::optional<std::string> ipFromIndexTail(const Oid& index, std::size_t offset) {
  if (index.size() < offset + 4) return std::nullopt;
  std::string out;
  for (std::size_t i = 0; i < 4; ++i) {
    if (index[offset + i] > 255) return std::nullopt;
    if (i) out += '.';
    out += std::to_string(index[offset + i]);
  }
  return out;
}

int prefixFromMask(const std::string& mask_bytes) {
  if (mask_bytes.size() != 4) return 32;
  std::uint32_t mask = 0;
  for (unsigned char c : mask_bytes) mask = (mask << 8) | c;
  return std::popcount(mask);
}

wire::DeviceInterface* findInterface(SnmpDevice& out, std::int64_t index) {
  for (auto& i : out.device.interfaces) {
    if (i.index == index) return &i;
  }
  return nullptr;
}

}  // namespace

void parseSystem(const VarBinds& values, SnmpDevice& out) {
  out.device.sys_descr = text(values, mib::kSysDescr);
  if (auto it = values.find(mib::kSysObjectId);
      it != values.end() && it->second.type == SnmpValue::Type::ObjectId) {
    out.device.sys_object_id = oidText(it->second.oid);
  }
  out.device.sys_contact = text(values, mib::kSysContact);
  out.device.sys_location = text(values, mib::kSysLocation);
  out.sys_name = text(values, mib::kSysName).value_or("");
  if (auto it = values.find(mib::kSysUpTime); it != values.end()) {
    if (auto n = it->second.asInt(); n && *n >= 0) out.sys_uptime = *n;
  }
  if (auto it = values.find(mib::kSysServices); it != values.end()) {
    if (auto n = it->second.asInt(); n && *n >= 0 && *n <= 127) out.device.sys_services = *n;
  }
  if (auto it = values.find(mib::kSnmpEngineId);
      it != values.end() && it->second.type == SnmpValue::Type::OctetString &&
      it->second.bytes.size() >= 5 && it->second.bytes.size() <= 32) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string hex;
    for (unsigned char c : it->second.bytes) {
      hex += kHex[c >> 4];
      hex += kHex[c & 15];
    }
    out.device.engine_id = hex;
  }
  if (auto it = values.find(concat(mib::kIpForwarding, {0})); it != values.end()) {
    out.ip_forwarding = it->second.asInt();
  }
}

void parseInterfaces(const VarBinds& values, SnmpDevice& out) {
  // Rows exist where any of the ifTable/ifXTable columns has the index.
  std::map<std::int64_t, wire::DeviceInterface> rows;
  auto row = [&](const Oid& index) -> wire::DeviceInterface* {
    if (index.size() != 1 || index[0] == 0) return nullptr;
    auto& r = rows[index[0]];
    r.index = index[0];
    return &r;
  };
  for (const auto& [index, v] : column(values, mib::kIfDescr)) {
    if (auto* r = row(index); r && v.asText()) r->name = *v.asText();
  }
  for (const auto& [index, v] : column(values, mib::kIfName)) {
    if (auto* r = row(index); r && v.asText() && !v.asText()->empty()) r->name = *v.asText();
  }
  for (const auto& [index, v] : column(values, mib::kIfAlias)) {
    if (auto* r = row(index); r && v.asText() && !v.asText()->empty()) r->alias = v.asText();
  }
  for (const auto& [index, v] : column(values, mib::kIfPhysAddress)) {
    if (auto* r = row(index)) r->mac = v.asMac();
  }
  for (const auto& [index, v] : column(values, mib::kIfType)) {
    if (auto* r = row(index); r && v.asInt()) out.if_types[r->index] = *v.asInt();
  }
  for (const auto& [index, v] : column(values, mib::kIfAdminStatus)) {
    if (auto* r = row(index)) r->admin_status = ifStatus(v);
  }
  for (const auto& [index, v] : column(values, mib::kIfOperStatus)) {
    if (auto* r = row(index)) r->oper_status = ifStatus(v);
  }
  for (const auto& [index, v] : column(values, mib::kIfLastChange)) {
    if (auto* r = row(index); r && v.asInt() && *v.asInt() >= 0) {
      out.if_last_change[r->index] = *v.asInt();
    }
  }
  for (const auto& [index, v] : column(values, mib::kIfSpeed)) {
    // ifSpeed saturates at 4294967295 b/s; ifHighSpeed (Mb/s) below wins.
    if (auto* r = row(index); r && v.asInt() && *v.asInt() > 0) {
      r->speed_mbps = static_cast<std::uint64_t>(*v.asInt()) / 1000000;
    }
  }
  for (const auto& [index, v] : column(values, mib::kIfHighSpeed)) {
    if (auto* r = row(index); r && v.asInt() && *v.asInt() > 0) {
      r->speed_mbps = static_cast<std::uint64_t>(*v.asInt());
    }
  }
  for (auto& [index, r] : rows) {
    if (r.name.empty()) r.name = "ifIndex " + std::to_string(index);
    out.device.interfaces.push_back(std::move(r));
  }

  // ipAddrTable (index: the address) first, then ipAddressTable (index: type.len.addr).
  const auto masks = column(values, mib::kIpAdEntNetMask);
  for (const auto& [index, v] : column(values, mib::kIpAdEntIfIndex)) {
    auto ip = ipFromIndexTail(index, 0);
    auto n = v.asInt();
    if (!ip || !n || index.size() != 4) continue;
    auto* nic = findInterface(out, *n);
    if (!nic) continue;
    auto mask = masks.find(index);
    const int prefix = mask == masks.end() ? 32 : prefixFromMask(mask->second.bytes);
    const std::string cidr = *ip + "/" + std::to_string(prefix);
    if (std::find(nic->ipv4.begin(), nic->ipv4.end(), cidr) == nic->ipv4.end()) {
      nic->ipv4.push_back(cidr);
    }
  }
  const auto prefixes = column(values, mib::kIpAddressPrefix);
  for (const auto& [index, v] : column(values, mib::kIpAddressIfIndex)) {
    if (index.size() != 6 || index[0] != 1 || index[1] != 4) continue;  // ipv4(1), 4 octets
    auto ip = ipFromIndexTail(index, 2);
    auto n = v.asInt();
    if (!ip || !n) continue;
    auto* nic = findInterface(out, *n);
    if (!nic) continue;
    int prefix = 32;
    // ipAddressPrefix points at ipAddressPrefixOrigin.<ifIndex>.<type>.<len>.<addr>.<plen>.
    if (auto p = prefixes.find(index);
        p != prefixes.end() && p->second.type == SnmpValue::Type::ObjectId &&
        !p->second.oid.empty() && p->second.oid.back() <= 32) {
      prefix = static_cast<int>(p->second.oid.back());
    }
    const std::string address_prefix = *ip + "/";
    const bool known = std::any_of(nic->ipv4.begin(), nic->ipv4.end(), [&](const std::string& s) {
      return s.rfind(address_prefix, 0) == 0;
    });
    if (!known) nic->ipv4.push_back(address_prefix + std::to_string(prefix));
  }
}

void parseArp(const VarBinds& values, SnmpDevice& out) {
  // ipNetToMediaPhysAddress.<ifIndex>.<a.b.c.d>
  for (const auto& [index, v] : column(values, mib::kIpNetToMediaPhysAddress)) {
    auto ip = ipFromIndexTail(index, 1);
    auto mac = v.asMac();
    if (!ip || !mac || index.size() != 5) continue;
    out.device.arp.push_back({*ip, *mac, interfaceName(out, index[0])});
  }
}

std::string interfaceName(const SnmpDevice& device, std::int64_t index) {
  for (const auto& i : device.device.interfaces) {
    if (i.index == index) return i.name;
  }
  return "ifIndex " + std::to_string(index);
}

}  // namespace steward::collector::snmp
