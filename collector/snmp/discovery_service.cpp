#include "collector/snmp/discovery_service.h"

#include <set>

#include "collector/ingest/sighting_ingest.h"
#include "collector/reconcile/identifiers.h"
#include "collector/snmp/snmp_sighting.h"
#include "collector/snmp/snmp_tables.h"
#include "collector/storage/asset_tables.h"
#include "collector/storage/outbox_table.h"
#include "shared/common/id.h"
#include "shared/common/log.h"
#include "shared/wire/asset_history.h"
#include "shared/wire/json_codec.h"

namespace steward::collector::snmp {

using storage::AssetTables;

namespace {

// Requeues an asset's full record (merged inventory, network view, switch port).
Result<void> enqueueRecord(steward::storage::SqliteDb& db, const Clock& clock,
                           const std::string& collector_id, const std::string& asset_id,
                           const reconcile::AttributePrecedence& precedence,
                           const std::string& now) {
  auto record = ingest::currentAssetRecord(db, clock, collector_id, asset_id, precedence);
  if (!record) return record.error();
  if (!*record) return {};
  return storage::OutboxTable(db).enqueue(storage::newOutboxItem(
      storage::kOutboxAsset, asset_id, (*record)->event_id, wire::encodeAssetRecord(**record), now));
}

}  // namespace

DiscoveryService::DiscoveryService(storage::CollectorDb& db, const Clock& clock,
                                   const reconcile::Reconciler& reconciler,
                                   int uplink_mac_threshold, std::function<void()> on_enqueued,
                                   const reconcile::ReconcileConfig* config)
    : db_(db),
      clock_(clock),
      reconciler_(reconciler),
      uplink_mac_threshold_(uplink_mac_threshold),
      on_enqueued_(std::move(on_enqueued)),
      config_(config != nullptr ? *config : default_config_) {}

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
  ingest::SightingOutcome sighting;
  auto done = db_.transact([&](steward::storage::SqliteDb& db) -> Result<void> {
    AssetTables assets(db);
    SnmpTables snmp(db);
    const std::string now = formatRfc3339(clock_.now());
    const wire::InventoryReport inventory =
        sightingReport(device, "snmp:" + newUuidV7(clock_), now);
    ingest::SightingExtras extras;
    extras.identifiers = &ids;
    // The network view goes into snmp_devices before the asset record is built, so
    // the record carries it; a changed view resends an otherwise unchanged sighting.
    extras.before_record = [&](const std::string& asset_id,
                               const std::string& at) -> Result<bool> {
      auto previous = snmp.device(asset_id);
      if (!previous) return previous.error();
      if (*previous) outcome.uplink_ports = uplinkPorts(**previous, uplink_mac_threshold_);
      if (auto r = snmp.saveDevice(asset_id, device.device, at); !r) return r.error();
      return !(*previous && **previous == device.device);
    };
    auto result = ingest::SightingIngest(db, clock_, reconciler_, config_, db_.collectorId())
                      .ingest(inventory, wire::kSourceSnmp, extras);
    if (!result) return result.error();
    sighting = std::move(*result);
    outcome.asset_id = sighting.asset_id;
    outcome.device_class = device.device.device_class;
    outcome.rule = sighting.duplicate ? "duplicate" : sighting.rule;

    // Endpoints: a MAC on an access port names the asset holding that MAC.
    const auto uplinks = uplinkPorts(device.device, uplink_mac_threshold_);
    outcome.uplink_ports.insert(uplinks.begin(), uplinks.end());
    std::set<std::string> seen;
    for (const auto& entry : device.device.fdb) {
      if (uplinks.count(entry.port)) continue;
      auto holders = assets.candidatesFor({wire::AssetIdentifier{reconcile::kMac, entry.mac}});
      if (!holders) return holders.error();
      if (holders->size() != 1 || holders->front().asset_id == outcome.asset_id) continue;
      const std::string& endpoint = holders->front().asset_id;
      seen.insert(endpoint);
      const wire::PortLink link{outcome.asset_id, entry.port, entry.vlan};
      auto previous = snmp.link(endpoint);
      if (!previous) return previous.error();
      if (auto r = snmp.saveLink(endpoint, link, now); !r) return r;
      if (*previous && **previous == link) continue;
      if (auto r = enqueueRecord(db, clock_, db_.collectorId(), endpoint, config_.precedence, now);
          !r) {
        return r;
      }
      ++outcome.endpoints_linked;
    }
    // A link this switch made earlier whose MAC has not been on one of its access
    // ports for link_max_age (unplugged, or now only behind an uplink because the
    // endpoint moved to another switch) expires, and the server hears the endpoint
    // has no known port. An endpoint seen on another switch's access port was
    // relinked there already. The grace keeps idle machines, whose MACs age out of
    // the FDB within minutes, on their port. Not after a partial poll.
    if (!device.complete) return {};
    const std::string cutoff = formatRfc3339(clock_.now() - link_max_age_);
    auto linked = snmp.endpointsOf(outcome.asset_id, cutoff);
    if (!linked) return linked.error();
    for (const std::string& endpoint : *linked) {
      if (seen.count(endpoint)) continue;
      if (auto r = snmp.dropLink(endpoint); !r) return r;
      if (auto r = enqueueRecord(db, clock_, db_.collectorId(), endpoint, config_.precedence, now);
          !r) {
        return r;
      }
      ++outcome.endpoints_unlinked;
    }
    return {};
  });
  if (!done) return done.error();
  logger("collector.snmp")
      .information("[asset=%s] [address=%s] %s %s: %s; %d endpoint(s) linked, %d unlinked",
                   outcome.asset_id, device.device.address, outcome.device_class, outcome.rule,
                   sighting.evidence, outcome.endpoints_linked, outcome.endpoints_unlinked);
  if (on_enqueued_) on_enqueued_();
  return outcome;
}

}  // namespace steward::collector::snmp
