#pragma once

// Where an endpoint is plugged in, as SNMP discovery last saw it: the switch whose
// bridge forwarding database holds one of the endpoint's MACs on an access port
// (uplinks and trunks, i.e. ports with an LLDP/CDP neighbour or more MACs than
// [snmp] uplink_mac_threshold, are never used). Fault rules use it to link an
// endpoint's incident to its switch's.

#include <optional>
#include <string>

#include "collector/storage/collector_db.h"
#include "shared/storage/sqlite_db.h"
#include "shared/wire/asset.h"

namespace steward::collector::snmp {

struct SwitchPort {
  std::string switch_asset_id;
  std::string port;  // the switch's interface name (ifName), e.g. "Gi1/0/5"
  friend bool operator==(const SwitchPort&, const SwitchPort&) = default;
};

// Inside a transaction or read the caller already holds. nullopt when the endpoint
// was never seen in an FDB (or SNMP discovery never ran on this database).
std::optional<SwitchPort> uplinkOf(steward::storage::SqliteDb& db,
                                   const std::string& endpoint_asset_id);

// Adds what SNMP discovery knows about `record.asset_id` (its network view and the
// switch port it is connected to) to a record about to be queued, so an agent's next
// inventory does not drop them on the server. Nothing when discovery never ran.
void attachNetworkView(steward::storage::SqliteDb& db, wire::AssetRecord& record);

class Topology {
 public:
  explicit Topology(storage::CollectorDb& db) : db_(db) {}
  // The switch port of `endpoint_asset_id`, or nullopt (also when the database
  // cannot be read; that is logged).
  std::optional<SwitchPort> uplinkOf(const std::string& endpoint_asset_id) const;

 private:
  storage::CollectorDb& db_;
};

}  // namespace steward::collector::snmp
