#pragma once

// One sweep of one configured range: poll every address with the range's
// credentials (many in flight), parse what answered and record each device.

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "collector/rules/interface_observations.h"
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

  // Told after each sweep, per stored device: answered (reachable) or, for a device
  // stored earlier at an address of this range, silent (unreachable) — the fault
  // rules' device_unreachable input. Set before the scheduler starts.
  using ReachabilitySink = std::function<void(const std::string& asset_id, bool reachable,
                                              const std::string& evidence_json)>;
  void setReachabilitySink(ReachabilitySink sink) { reachability_ = std::move(sink); }
  // Told after each sweep, per stored device, its interface table (the fault rules'
  // interface_down input) and its name (sysName, else the address).
  using InterfaceSink = std::function<void(const std::string& asset_id,
                                           const std::string& hostname,
                                           const std::vector<rules::PortState>& ports)>;
  void setInterfaceSink(InterfaceSink sink) { interfaces_ = std::move(sink); }

 private:
  SnmpClient& client_;
  DiscoveryService& service_;
  const SnmpConfig& config_;
  const Clock& clock_;
  ReachabilitySink reachability_;
  InterfaceSink interfaces_;
};

}  // namespace steward::collector::snmp
