#include "collector/snmp/topology.h"

#include "collector/snmp/snmp_tables.h"
#include "shared/common/log.h"

namespace steward::collector::snmp {

namespace {

// The SNMP tables appear with the first discovery; before that nobody is linked.
bool haveSnmpTables(steward::storage::SqliteDb& db) {
  auto exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?");
  if (!exists) return false;
  exists->bind(1, "snmp_links");
  auto found = exists->step();
  return found && *found;
}

}  // namespace

void attachNetworkView(steward::storage::SqliteDb& db, wire::AssetRecord& record) {
  if (!haveSnmpTables(db)) return;
  SnmpTables tables(db);
  if (auto device = tables.device(record.asset_id); device && *device) {
    record.network_device = std::move(**device);
  }
  if (auto link = tables.link(record.asset_id); link && *link) {
    record.connected_to = std::move(**link);
  }
}

std::optional<SwitchPort> uplinkOf(steward::storage::SqliteDb& db,
                                   const std::string& endpoint_asset_id) {
  if (!haveSnmpTables(db)) return std::nullopt;
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
