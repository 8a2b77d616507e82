#include "collector/snmp/topology.h"

#include "collector/snmp/snmp_tables.h"
#include "shared/common/log.h"

namespace steward::collector::snmp {

std::optional<SwitchPort> uplinkOf(steward::storage::SqliteDb& db,
                                   const std::string& endpoint_asset_id) {
  // The table appears with the first discovery; before that nobody is linked.
  auto exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?");
  if (!exists) return std::nullopt;
  exists->bind(1, "snmp_links");
  auto found = exists->step();
  if (!found || !*found) return std::nullopt;
  auto link = SnmpTables(db).link(endpoint_asset_id);
  if (!link || !*link) return std::nullopt;
  return SwitchPort{(*link)->asset_id, (*link)->port};
}

std::optional<SwitchPort> Topology::uplinkOf(const std::string& endpoint_asset_id) const {
  std::optional<SwitchPort> out;
  auto done = db_.read([&](steward::storage::SqliteDb& db) -> Result<void> {
    out = snmp::uplinkOf(db, endpoint_asset_id);
    return {};
  });
  if (!done) {
    logger("collector.snmp")
        .warning("[asset=%s] topology lookup failed: %s", endpoint_asset_id, done.error().message);
  }
  return out;
}

}  // namespace steward::collector::snmp
