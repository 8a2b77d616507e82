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
