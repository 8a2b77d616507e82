#include "agent/inventory/linux/proc_net_route.h"
#include "agent/inventory/linux/readers.h"

namespace steward::agent {

std::vector<std::string> readDefaultGateways(const FsRoot& fs) {
  std::vector<std::string> gateways;
  if (auto text = readSource(fs, "/proc/net/route", true)) gateways = parseProcNetRoute(*text);
  // Kernels without IPv6 have no ipv6_route: not worth a warning.
  if (auto text = readSource(fs, "/proc/net/ipv6_route", false)) {
    for (auto& hop : parseProcNetIpv6Route(*text)) gateways.push_back(std::move(hop));
  }
  return gateways;
}

std::vector<std::string> readDnsServers(const FsRoot& fs) {
  auto text = readSource(fs, "/etc/resolv.conf", false);
  return text ? parseResolvConf(*text) : std::vector<std::string>{};
}

}  // namespace steward::agent
