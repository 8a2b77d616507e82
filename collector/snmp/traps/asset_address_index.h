#pragma once

// Which known asset holds an IP address, for matching a trap's source to an asset.
// Built from the addresses assets report (the newest sighting's interfaces[].ipv4
// and ipv6 — agents, OCS agents and SNMP-discovered devices all land there) and kept
// in memory. Refreshed incrementally: only assets whose updated_at moved since the
// last refresh are read again, in batches so the database lock is never held long.
// When two assets reported the same address, the most recently updated one wins
// (DHCP leases move). Loopback interfaces are ignored: every host has 127.0.0.1.

#include <chrono>
#include <map>
#include <optional>
#include <set>
#include <string>

#include "collector/storage/collector_db.h"
#include "shared/common/clock.h"
#include "shared/common/result.h"

namespace steward::collector::snmp::traps {

class AssetAddressIndex {
 public:
  AssetAddressIndex(storage::CollectorDb& db, const Clock& clock,
                    std::chrono::milliseconds min_refresh_interval = std::chrono::seconds(1))
      : db_(db), clock_(clock), min_refresh_interval_(min_refresh_interval) {}

  // The asset holding `address` ("192.0.2.7", "2001:db8::7"), refreshing first when
  // the last refresh is older than the interval. Errors come from storage.
  Result<std::optional<std::string>> assetFor(const std::string& address);
  // Reads every asset changed since the last refresh.
  Result<void> refresh();

 private:
  void index(const std::string& asset_id, const std::string& interfaces_json);

  storage::CollectorDb& db_;
  const Clock& clock_;
  std::chrono::milliseconds min_refresh_interval_;
  std::optional<Clock::MonoTime> last_refresh_;
  std::string watermark_updated_at_;
  std::string watermark_asset_id_;
  std::map<std::string, std::string> asset_by_address_;
  std::map<std::string, std::set<std::string>> addresses_by_asset_;
};

}  // namespace steward::collector::snmp::traps
