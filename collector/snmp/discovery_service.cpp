#include "collector/snmp/discovery_service.h"

#include <algorithm>

#include "collector/reconcile/identifiers.h"
#include "collector/snmp/snmp_sighting.h"
#include "collector/snmp/snmp_tables.h"
#include "collector/storage/asset_tables.h"
#include "collector/storage/outbox_table.h"
#include "shared/common/id.h"
#include "shared/common/log.h"
#include "shared/wire/json_codec.h"

namespace steward::collector::snmp {

using storage::AssetRow;
using storage::AssetTables;

namespace {

// Queues the asset's full record (inventory, network view, switch port) for the server.
Result<void> enqueueRecord(steward::storage::SqliteDb& db, const Clock& clock,
                           const std::string& collector_id, const AssetRow& row,
                           const wire::InventoryReport& inventory, const std::string& now) {
  AssetTables assets(db);
  SnmpTables snmp(db);
  auto ids = assets.identifiersOf(row.asset_id);
  if (!ids) return ids.error();
  auto device = snmp.device(row.asset_id);
  if (!device) return device.error();
  auto link = snmp.link(row.asset_id);
  if (!link) return link.error();
  wire::AssetRecord record;
  record.event_id = newUuidV7(clock);
  record.asset_id = row.asset_id;
  record.collector_id = collector_id;
  record.first_seen = row.first_seen;
  record.last_seen = row.last_seen;
  record.updated_at = now;
  record.identifiers = std::move(*ids);
  record.inventory = inventory;
  record.network_device = std::move(*device);
  record.connected_to = std::move(*link);
  storage::OutboxItem item;
  item.kind = storage::kOutboxAsset;
  item.asset_id = record.asset_id;
  item.event_id = record.event_id;
  item.payload = wire::encodeAssetRecord(record);
  item.created_at = now;
  return storage::OutboxTable(db).enqueue(item);
}

}  // namespace

DiscoveryService::DiscoveryService(storage::CollectorDb& db, const Clock& clock,
                                   const reconcile::Reconciler& reconciler,
                                   int uplink_mac_threshold, std::function<void()> on_enqueued)
    : db_(db),
      clock_(clock),
      reconciler_(reconciler),
      uplink_mac_threshold_(uplink_mac_threshold),
      on_enqueued_(std::move(on_enqueued)) {}

Result<void> DiscoveryService::prepare() {
  return db_.transact([](steward::storage::SqliteDb& db) { return ensureSnmpTables(db); });
}

Result<std::map<std::string, std::string>> DiscoveryService::knownDevices() const {
  std::map<std::string, std::string> known;
  auto done = db_.transact([&](steward::storage::SqliteDb& db) -> Result<void> {
    auto rows = db.prepare("SELECT address, asset_id FROM snmp_devices");
    if (!rows) return rows.error();
    return rows->forEachRow(
        [&](steward::storage::Statement& r) { known[r.text(0)] = r.text(1); });
  });
  if (!done) return done.error();
  return known;
}

Result<DeviceOutcome> DiscoveryService::recordDevice(const SnmpDevice& device) {
  const auto ids = snmpIdentifiers(device);
  if (ids.empty()) {
    return makeError("no_identity", "device at " + device.device.address +
                                        " answered without a serial, engine id, MAC or sysName; "
                                        "not stored");
  }
  DeviceOutcome outcome;
  reconcile::Decision decision;
  auto done = db_.transact([&](steward::storage::SqliteDb& db) -> Result<void> {
    AssetTables assets(db);
    SnmpTables snmp(db);
    auto candidates = assets.candidatesFor(ids);
    if (!candidates) return candidates.error();
    decision = reconciler_.decide(ids, *candidates);

    const std::string now = formatRfc3339(clock_.now());
    const std::string sighting_id = newUuidV7(clock_);
    wire::InventoryReport inventory = sightingReport(device, sighting_id, now);
    AssetRow row{decision.asset_id.value_or(newUuidV7(clock_)), now, now, now,
                 inventory.system.hostname, wire::encodeInventory(inventory)};
    std::vector<wire::AssetIdentifier> keep = ids;
    if (decision.asset_id) {
      auto existing = assets.asset(*decision.asset_id);
      if (!existing) return existing.error();
      if (*existing) {
        row.first_seen = (*existing)->first_seen;
        auto stored = wire::decodeInventory((*existing)->inventory_json);
        if (stored && stored->agent_id != kSnmpSource) {
          // An agent reports this machine: its inventory wins, SNMP only adds.
          inventory = std::move(*stored);
          row.hostname = (*existing)->hostname;
          row.inventory_json = (*existing)->inventory_json;
          auto old_ids = assets.identifiersOf(row.asset_id);
          if (!old_ids) return old_ids.error();
          for (auto& id : *old_ids) {
            if (std::find(keep.begin(), keep.end(), id) == keep.end()) keep.push_back(id);
          }
        }
      }
    }
    if (auto r = assets.saveAsset(row); !r) return r;
    if (auto r = assets.replaceIdentifiers(row.asset_id, keep); !r) return r;
    if (auto r = assets.recordDecision(
            {row.asset_id, "snmp:" + sighting_id, now, decision.rule, decision.evidence});
        !r) {
      return r;
    }
    if (auto r = snmp.saveDevice(row.asset_id, device.device, now); !r) return r;
    if (auto r = enqueueRecord(db, clock_, db_.collectorId(), row, inventory, now); !r) return r;
    outcome.asset_id = row.asset_id;
    outcome.device_class = device.device.device_class;
    outcome.rule = decision.rule;

    // Endpoints: a MAC on an access port names the asset holding that MAC.
    const auto uplinks = uplinkPorts(device.device, uplink_mac_threshold_);
    for (const auto& entry : device.device.fdb) {
      if (uplinks.count(entry.port)) continue;
      auto holders = assets.candidatesFor({wire::AssetIdentifier{reconcile::kMac, entry.mac}});
      if (!holders) return holders.error();
      if (holders->size() != 1 || holders->front().asset_id == row.asset_id) continue;
      const std::string& endpoint = holders->front().asset_id;
      const wire::PortLink link{row.asset_id, entry.port, entry.vlan};
      auto previous = snmp.link(endpoint);
      if (!previous) return previous.error();
      if (auto r = snmp.saveLink(endpoint, link, now); !r) return r;
      if (*previous && **previous == link) continue;
      auto endpoint_row = assets.asset(endpoint);
      if (!endpoint_row) return endpoint_row.error();
      if (!*endpoint_row) continue;
      auto endpoint_inventory = wire::decodeInventory((*endpoint_row)->inventory_json);
      if (!endpoint_inventory) return endpoint_inventory.error();
      if (auto r = enqueueRecord(db, clock_, db_.collectorId(), **endpoint_row,
                                 *endpoint_inventory, now);
          !r) {
        return r;
      }
      ++outcome.endpoints_linked;
    }
    return {};
  });
  if (!done) return done.error();
  logger("collector.snmp")
      .information("[asset=%s] [address=%s] %s %s: %s; %d endpoint(s) linked", outcome.asset_id,
                   device.device.address, outcome.device_class, decision.rule, decision.evidence,
                   outcome.endpoints_linked);
  if (on_enqueued_) on_enqueued_();
  return outcome;
}

}  // namespace steward::collector::snmp
