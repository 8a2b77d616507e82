#include "agent/inventory/linux/net_interfaces.h"

#include "agent/inventory/linux/readers.h"
#include "agent/inventory/linux/text_util.h"
#include "shared/common/log.h"

namespace steward::agent {

std::optional<std::string> normalizeMac(std::string_view raw) {
  const std::string mac = toLower(trim(raw));
  if (mac.empty() || mac.find_first_not_of("0:") == std::string::npos) return std::nullopt;
  return mac;
}

std::string interfaceKind(const InterfaceFacts& f) {
  if (f.type && *f.type == kArphrdLoopback) return "loopback";
  if (f.devtype == "wlan" || f.has_wireless) return "wireless";
  if (f.devtype == "bridge" || f.has_bridge) return "bridge";
  if (f.devtype == "bond" || f.has_bonding) return "bond";
  if (f.devtype == "vlan") return "vlan";
  if (f.has_tun_flags) return "tun";
  if (f.has_device) return "physical";
  if (f.devtype.empty() && (f.linked_elsewhere || f.name.starts_with("veth"))) return "veth";
  return "virtual";
}

std::string parseUeventDevtype(std::string_view uevent) {
  for (const auto line : splitLines(uevent)) {
    if (line.starts_with("DEVTYPE=")) return std::string(trim(line.substr(8)));
  }
  return "";
}

std::optional<std::uint32_t> parseLinkSpeed(std::string_view text) {
  const auto value = parseUnsigned(text);
  if (!value || *value == 0 || *value >= 0xFFFFFFFFULL) return std::nullopt;
  return static_cast<std::uint32_t>(*value);
}

std::vector<wire::NetworkInterface> readNetInterfaces(const FsRoot& fs,
                                                      const AddressProvider& addresses) {
  auto names = fs.listDirectory("/sys/class/net");
  if (!names) {
    logger("agent.inventory").warning("no network interfaces listed: " + names.error().message);
    return {};
  }
  auto addrs = addresses.addresses();
  if (!addrs) logger("agent.inventory").warning("no IP addresses: " + addrs.error().message);

  std::vector<wire::NetworkInterface> out;
  for (const auto& name : *names) {
    const std::string base = "/sys/class/net/" + name;
    if (!fs.exists(base + "/type")) continue;  // bonding_masters and other plain files
    const auto type = parseUnsigned(readSource(fs, base + "/type", false).value_or(""));
    if (type && *type == kArphrdLoopback) continue;
    wire::NetworkInterface nic;
    nic.name = name;
    if (auto address = readSource(fs, base + "/address", false)) nic.mac = normalizeMac(*address);
    // Physical NICs have a `device` link to their bus; bridges, veth, tun do not.
    nic.is_virtual = !fs.exists(base + "/device");
    InterfaceFacts facts;
    facts.name = name;
    if (type) facts.type = static_cast<unsigned>(*type);
    facts.devtype = parseUeventDevtype(readSource(fs, base + "/uevent", false).value_or(""));
    facts.has_device = !nic.is_virtual;
    facts.has_bridge = fs.exists(base + "/bridge");
    facts.has_bonding = fs.exists(base + "/bonding");
    facts.has_wireless = fs.exists(base + "/wireless") || fs.exists(base + "/phy80211");
    facts.has_tun_flags = fs.exists(base + "/tun_flags");
    const auto iflink = readSource(fs, base + "/iflink", false);
    const auto ifindex = readSource(fs, base + "/ifindex", false);
    facts.linked_elsewhere = iflink && ifindex && trim(*iflink) != trim(*ifindex);
    nic.kind = interfaceKind(facts);
    if (auto state = readSource(fs, base + "/operstate", false))
      nic.oper_state = sysfsValue(*state);
    // Reading `speed` of a down link fails with EINVAL: logged at info, field absent.
    if (nic.oper_state == "up") {
      if (auto speed = readSource(fs, base + "/speed", false))
        nic.speed_mbps = parseLinkSpeed(*speed);
    }
    if (addrs) {
      for (const auto& a : *addrs) {
        if (a.interface != name) continue;
        (a.family == InterfaceAddress::Family::IPv4 ? nic.ipv4 : nic.ipv6).push_back(a.address);
      }
    }
    out.push_back(std::move(nic));
  }
  return out;
}

}  // namespace steward::agent
