#pragma once

// The rules engine's tables in the collector database:
//   rule_conditions  one row per tracked (asset, rule, subject) condition
//   rule_liveness    last heartbeat, hostname and CPU count per asset
//   rule_components  memory modules and disks seen in the asset's last inventory
//   rule_port_names  ifIndex, name and alias of each port at the device's last sweep
//                    (traps name ports by them, also right after a restart)
// All calls run inside a CollectorDb transaction the caller holds, so a condition
// change and the incident event it causes commit together.

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "collector/rules/condition.h"
#include "collector/rules/interface_observations.h"
#include "collector/storage/collector_db.h"
#include "shared/common/result.h"
#include "shared/storage/sqlite_db.h"

namespace steward::collector::rules {

struct Liveness {
  std::optional<std::int64_t> last_heartbeat_ms;  // absent: never sent a heartbeat
  std::string hostname;
  std::optional<int> cpu_threads;
};

class ConditionStore {
 public:
  // Creates the tables if missing (idempotent, at start-up).
  static Result<void> prepare(storage::CollectorDb& db);

  explicit ConditionStore(steward::storage::SqliteDb& db) : db_(db) {}

  Result<std::vector<Condition>> conditions();
  Result<void> save(const Condition& c);
  Result<void> remove(const ConditionKey& key);

  Result<std::map<std::string, Liveness>> liveness();
  Result<void> saveLiveness(const std::string& asset_id, const Liveness& l);

  // Component keys ("memory:DIMM A1", "disk:sda") -> description, of one asset.
  Result<std::map<std::string, std::string>> components(const std::string& asset_id);
  Result<void> replaceComponents(const std::string& asset_id,
                                 const std::map<std::string, std::string>& components);

  // Per asset, its ports as stored: index, name and alias set, nothing else.
  Result<std::map<std::string, std::vector<PortState>>> portNames();
  Result<void> replacePortNames(const std::string& asset_id, const std::vector<PortState>& ports);

 private:
  steward::storage::SqliteDb& db_;
};

}  // namespace steward::collector::rules
