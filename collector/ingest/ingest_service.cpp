#include "collector/ingest/ingest_service.h"

#include "collector/ingest/sighting_ingest.h"
#include "collector/storage/asset_tables.h"
#include "collector/storage/outbox_table.h"
#include "shared/common/id.h"
#include "shared/common/log.h"
#include "shared/wire/json_codec.h"

namespace steward::collector::ingest {

using storage::AssetTables;
using storage::OutboxItem;
using storage::OutboxTable;

namespace {

OutboxItem outboxItem(const char* kind, const std::string& asset_id, const std::string& event_id,
                      std::string payload, const std::string& now) {
  OutboxItem item;
  item.kind = kind;
  item.asset_id = asset_id;
  item.event_id = event_id;
  item.payload = std::move(payload);
  item.created_at = now;
  return item;
}

}  // namespace

IngestService::IngestService(storage::CollectorDb& db, const Clock& clock,
                             const reconcile::Reconciler& reconciler,
                             std::function<void()> on_enqueued,
                             const reconcile::ReconcileConfig* config)
    : db_(db),
      clock_(clock),
      reconciler_(reconciler),
      on_enqueued_(std::move(on_enqueued)),
      config_(config != nullptr ? *config : default_config_) {}

Result<InventoryOutcome> IngestService::ingestInventory(const wire::InventoryReport& report,
                                                        const std::string& source) {
  SightingOutcome sighting;
  auto done = db_.transact([&](steward::storage::SqliteDb& db) -> Result<void> {
    auto result =
        SightingIngest(db, clock_, reconciler_, config_, db_.collectorId()).ingest(report, source);
    if (!result) return result.error();
    sighting = std::move(*result);
    return {};
  });
  if (!done) return done.error();
  if (!sighting.duplicate) {
    auto& log = logger("collector.ingest");
    if (sighting.unchanged) {
      log.debug("[asset=%s] [report=%s] unchanged %s inventory", sighting.asset_id,
                report.report_id, source);
    } else {
      log.information("[asset=%s] [report=%s] %s %s: %s (%s changes)", sighting.asset_id,
                      report.report_id, source, sighting.rule, sighting.evidence,
                      std::to_string(sighting.changes.size()));
    }
    if (on_enqueued_) on_enqueued_();
  }
  return InventoryOutcome{sighting.duplicate, sighting.asset_id, sighting.unchanged};
}

Result<std::string> IngestService::recordHeartbeat(const wire::Heartbeat& heartbeat) {
  std::string asset_id;
  auto done = db_.transact([&](steward::storage::SqliteDb& db) -> Result<void> {
    AssetTables assets(db);
    auto found = assets.assetForAgent(heartbeat.agent_id);
    if (!found) return found.error();
    if (!*found) {
      return makeError("inventory_required", "agent " + heartbeat.agent_id +
                                                 " has not sent an inventory to this collector "
                                                 "yet; send one first");
    }
    asset_id = **found;
    const std::string now = formatRfc3339(clock_.now());
    if (auto r = assets.touchLastSeen(asset_id, now); !r) return r;
    wire::AssetSeen seen;
    seen.event_id = newUuidV7(clock_);
    seen.asset_id = asset_id;
    seen.last_seen = now;
    return OutboxTable(db).enqueueSeen(outboxItem(storage::kOutboxSeen, asset_id, seen.event_id,
                                                  wire::encodeAssetSeen(seen), now));
  });
  if (!done) return done.error();
  if (on_enqueued_) on_enqueued_();
  return asset_id;
}

}  // namespace steward::collector::ingest
