#include "agent/platform/linux/ifaddrs_address_provider.h"

#include <arpa/inet.h>
#include <ifaddrs.h>
#include <netinet/in.h>

#include <bit>
#include <cerrno>
#include <cstring>
#include <memory>

namespace steward::agent {
namespace {

int prefixLength(const unsigned char* mask, std::size_t bytes) {
  int bits = 0;
  for (std::size_t i = 0; i < bytes; ++i) bits += std::popcount(static_cast<unsigned>(mask[i]));
  return bits;
}

}  // namespace

Result<std::vector<InterfaceAddress>> IfaddrsAddressProvider::addresses() const {
  ifaddrs* raw = nullptr;
  if (::getifaddrs(&raw) != 0) {
    return makeError("io_error", std::string("getifaddrs failed: ") + std::strerror(errno));
  }
  std::unique_ptr<ifaddrs, void (*)(ifaddrs*)> list(raw, &::freeifaddrs);
  std::vector<InterfaceAddress> out;
  for (const ifaddrs* it = list.get(); it != nullptr; it = it->ifa_next) {
    if (it->ifa_addr == nullptr || it->ifa_name == nullptr) continue;
    char text[INET6_ADDRSTRLEN] = {};
    InterfaceAddress item;
    item.interface = it->ifa_name;
    int prefix = 0;
    if (it->ifa_addr->sa_family == AF_INET) {
      const auto* in = reinterpret_cast<const sockaddr_in*>(it->ifa_addr);
      if (::inet_ntop(AF_INET, &in->sin_addr, text, sizeof text) == nullptr) continue;
      if (it->ifa_netmask != nullptr) {
        const auto* mask = reinterpret_cast<const sockaddr_in*>(it->ifa_netmask);
        prefix = prefixLength(reinterpret_cast<const unsigned char*>(&mask->sin_addr), 4);
      }
      item.family = InterfaceAddress::Family::IPv4;
    } else if (it->ifa_addr->sa_family == AF_INET6) {
      const auto* in6 = reinterpret_cast<const sockaddr_in6*>(it->ifa_addr);
      if (::inet_ntop(AF_INET6, &in6->sin6_addr, text, sizeof text) == nullptr) continue;
      if (it->ifa_netmask != nullptr) {
        const auto* mask = reinterpret_cast<const sockaddr_in6*>(it->ifa_netmask);
        prefix = prefixLength(reinterpret_cast<const unsigned char*>(&mask->sin6_addr), 16);
      }
      item.family = InterfaceAddress::Family::IPv6;
    } else {
      continue;
    }
    item.address = std::string(text) + "/" + std::to_string(prefix);
    out.push_back(std::move(item));
  }
  return out;
}

}  // namespace steward::agent
