#pragma once

#include "agent/platform/address_provider.h"

namespace steward::agent {

// Reads addresses with getifaddrs(3). The prefix length comes from the netmask.
class IfaddrsAddressProvider final : public AddressProvider {
 public:
  Result<std::vector<InterfaceAddress>> addresses() const override;
};

}  // namespace steward::agent
