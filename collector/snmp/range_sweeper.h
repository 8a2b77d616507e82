#pragma once

// One sweep of one configured range: poll every address with the range's
// credentials (many in flight), parse what answered and record each device.

#include <cstddef>
#include <string>

#include "collector/snmp/discovery_service.h"
#include "collector/snmp/snmp_client.h"
#include "collector/snmp/snmp_config.h"
#include "shared/common/clock.h"

namespace steward::collector::snmp {

struct SweepSummary {
  std::size_t addresses = 0;
  std::size_t answered = 0;
  std::size_t stored = 0;
  std::size_t refused = 0;  // answered but not stored (no identity, store error)
  double seconds = 0;
};

class RangeSweeper {
 public:
  RangeSweeper(SnmpClient& client, DiscoveryService& service, const SnmpConfig& config,
               const Clock& clock)
      : client_(client), service_(service), config_(config), clock_(clock) {}

  // Errors only for a range that cannot be expanded; device failures are logged.
  Result<SweepSummary> sweep(const SnmpRange& range);

 private:
  SnmpClient& client_;
  DiscoveryService& service_;
  const SnmpConfig& config_;
  const Clock& clock_;
};

}  // namespace steward::collector::snmp
