#pragma once

// Where network interfaces' IP addresses come from. The real implementation asks
// the kernel (getifaddrs); tests hand the collector a fixed list.

#include <string>
#include <vector>

#include "shared/common/result.h"

namespace steward::agent {

struct InterfaceAddress {
  enum class Family { IPv4, IPv6 };
  std::string interface;  // kernel name, e.g. "eth0"
  Family family = Family::IPv4;
  std::string address;  // CIDR form: "192.0.2.10/24", "2001:db8::1/64"
};

class AddressProvider {
 public:
  virtual ~AddressProvider() = default;
  // Every IPv4 and IPv6 address configured on this host; an Error when the system
  // call fails.
  virtual Result<std::vector<InterfaceAddress>> addresses() const = 0;
};

// A fixed list, for tests and for `inventory --root` on a fixture tree (no addresses).
class StaticAddressProvider final : public AddressProvider {
 public:
  explicit StaticAddressProvider(std::vector<InterfaceAddress> list = {})
      : list_(std::move(list)) {}
  Result<std::vector<InterfaceAddress>> addresses() const override { return list_; }

 private:
  std::vector<InterfaceAddress> list_;
};

}  // namespace steward::agent
