#include "collector/snmp/range_sweeper.h"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "collector/snmp/port_states.h"
#include "shared/common/log.h"

namespace steward::collector::snmp {

Result<SweepSummary> RangeSweeper::sweep(const SnmpRange& range) {
  const auto started = clock_.monotonic();
  auto hosts = expandRange(range.include, range.exclude);
  if (!hosts) return hosts.error();
  std::vector<const SnmpCredential*> credentials;
  for (const auto& name : range.credentials) {
    if (const auto* c = config_.credential(name)) credentials.push_back(c);
  }
  std::vector<PollTarget> targets;
  targets.reserve(hosts->size());
  for (auto address : *hosts) targets.push_back({formatIpv4(address), range.port, credentials});

  PollOptions options;
  options.timeout = config_.timeout;
  options.retries = config_.retries;
  options.max_in_flight = config_.max_in_flight;
  options.rate_per_second = range.rate_per_second;
  options.max_rows_per_walk = config_.max_table_rows;
  const auto results = client_.poll(targets, discoveryPlan(), options);

  SweepSummary summary;
  summary.addresses = targets.size();
  auto& log = logger("collector.snmp");
  std::map<std::string, std::string> known;
  if (reachability_) {
    auto devices = service_.knownDevices();
    if (devices) {
      known = std::move(*devices);
    } else {
      log.error("[range=%s] cannot read known devices: %s", range.name, devices.error().message);
    }
  }
  const auto evidence = [&](const std::string& address, bool answered) {
    boost::json::object o;
    o["address"] = address;
    o["range"] = range.name;
    o["answered"] = answered;
    o["timeout_ms"] = config_.timeout.count();
    o["retries"] = config_.retries;
    return boost::json::serialize(o);
  };
  for (const auto& result : results) {
    if (!result.answered) {
      // Silence leaves no warning; a credential the device refused does (wrong v3
      // passwords, unknown user, ...): one line per device and credential.
      for (const auto& warning : result.warnings) {
        log.warning("[range=%s] [address=%s] no answer: %s", range.name, result.address, warning);
      }
      if (auto k = known.find(result.address); k != known.end()) {
        reachability_(k->second, false, evidence(result.address, false));
      }
      continue;
    }
    ++summary.answered;
    for (const auto& warning : result.warnings) {
      log.warning("[range=%s] [address=%s] %s", range.name, result.address, warning);
    }
    SnmpDevice device = parseSnmpDevice(result.address, result.values);
    device.complete = result.complete;  // a partial FDB expires no endpoint links
    auto outcome = service_.recordDevice(device);
    if (!outcome) {
      ++summary.refused;
      log.warning("[range=%s] [address=%s] not stored: %s", range.name, result.address,
                  outcome.error().message);
      continue;
    }
    ++summary.stored;
    if (reachability_) reachability_(outcome->asset_id, true, evidence(result.address, true));
    if (interfaces_) {
      interfaces_(outcome->asset_id, device.sys_name.empty() ? result.address : device.sys_name,
                  portStates(device, outcome->uplink_ports));
    }
  }
  summary.seconds = std::chrono::duration<double>(clock_.monotonic() - started).count();
  log.information("[range=%s] sweep of %z addresses: %z answered, %z stored in %.2f s", range.name,
                  summary.addresses, summary.answered, summary.stored, summary.seconds);
  return summary;
}

}  // namespace steward::collector::snmp
