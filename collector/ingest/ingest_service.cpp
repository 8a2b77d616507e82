#include "collector/ingest/ingest_service.h"

#include "collector/reconcile/identifiers.h"
#include "collector/snmp/topology.h"
#include "collector/storage/asset_tables.h"
#include "collector/storage/outbox_table.h"
#include "shared/common/id.h"
#include "shared/common/log.h"
#include "shared/wire/json_codec.h"

namespace steward::collector::ingest {

using storage::AssetRow;
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
                             std::function<void()> on_enqueued)
    : db_(db), clock_(clock), reconciler_(reconciler), on_enqueued_(std::move(on_enqueued)) {}

Result<InventoryOutcome> IngestService::ingestInventory(const wire::InventoryReport& report) {
  InventoryOutcome outcome;
  reconcile::Decision decision;
  auto done = db_.transact([&](steward::storage::SqliteDb& db) -> Result<void> {
    AssetTables assets(db);
    auto seen = assets.assetForReport(report.report_id);
    if (!seen) return seen.error();
    if (*seen) {
      outcome = InventoryOutcome{true, **seen};
      return {};
    }

    const auto ids = reconcile::extractIdentifiers(report);
    auto candidates = assets.candidatesFor(ids);
    if (!candidates) return candidates.error();
    decision = reconciler_.decide(ids, *candidates);

    const std::string now = formatRfc3339(clock_.now());
    AssetRow row{decision.asset_id.value_or(newUuidV7(clock_)),
                 now,
                 now,
                 now,
                 report.system.hostname,
                 wire::encodeInventory(report)};
    if (decision.asset_id) {
      auto existing = assets.asset(*decision.asset_id);
      if (!existing) return existing.error();
      if (*existing) row.first_seen = (*existing)->first_seen;
    }
    if (auto r = assets.saveAsset(row); !r) return r;
    if (auto r = assets.replaceIdentifiers(row.asset_id, ids); !r) return r;
    if (auto r = assets.bindAgent(report.agent_id, row.asset_id, now); !r) return r;
    if (auto r = assets.recordReport(report.report_id, report.agent_id, row.asset_id, now); !r) {
      return r;
    }
    if (auto r = assets.recordDecision(
            {row.asset_id, report.report_id, now, decision.rule, decision.evidence});
        !r) {
      return r;
    }
    auto stored_ids = assets.identifiersOf(row.asset_id);
    if (!stored_ids) return stored_ids.error();

    wire::AssetRecord record;
    record.event_id = newUuidV7(clock_);
    record.asset_id = row.asset_id;
    record.collector_id = db_.collectorId();
    record.first_seen = row.first_seen;
    record.last_seen = row.last_seen;
    record.updated_at = now;
    record.identifiers = std::move(*stored_ids);
    record.inventory = report;
    snmp::attachNetworkView(db, record);  // keep the switch port SNMP discovery found
    outcome = InventoryOutcome{false, row.asset_id};
    return OutboxTable(db).enqueue(outboxItem(storage::kOutboxAsset, record.asset_id,
                                              record.event_id, wire::encodeAssetRecord(record),
                                              now));
  });
  if (!done) return done.error();
  if (!outcome.duplicate) {
    logger("collector.ingest")
        .information("[asset=%s] [report=%s] %s: %s", outcome.asset_id, report.report_id,
                     decision.rule, decision.evidence);
    if (on_enqueued_) on_enqueued_();
    if (hooks_.inventory) hooks_.inventory(outcome.asset_id, report);
  }
  return outcome;
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
  if (hooks_.heartbeat) hooks_.heartbeat(asset_id, heartbeat);
  return asset_id;
}

}  // namespace steward::collector::ingest
