#include "collector/ingest/ingest_service.h"

#include "collector/ingest/sighting_ingest.h"
#include "collector/storage/agent_transport_tables.h"
#include "collector/storage/asset_tables.h"
#include "collector/storage/outbox_table.h"
#include "shared/common/id.h"
#include "shared/common/log.h"
#include "shared/wire/json_codec.h"

namespace steward::collector::ingest {

using storage::AgentTransportTables;
using storage::AssetTables;
using storage::OutboxItem;
using storage::OutboxTable;

namespace {

// The wire carries an unsigned number; SQLite stores signed. A sequence beyond
// 2^63 is not a count any agent reaches, so it is not kept rather than wrapped.
std::optional<std::int64_t> sequenceOf(const std::optional<std::uint64_t>& sequence) {
  if (!sequence || *sequence > static_cast<std::uint64_t>(INT64_MAX)) return std::nullopt;
  return static_cast<std::int64_t>(*sequence);
}

std::string differingSections(const std::map<std::string, std::string>& stored,
                              const std::map<std::string, std::string>& sent) {
  std::string out;
  auto add = [&](const std::string& name) { out += (out.empty() ? "" : ", ") + name; };
  for (const auto& [name, hash] : sent) {
    const auto it = stored.find(name);
    if (it == stored.end() || it->second != hash) add(name);
  }
  for (const auto& [name, hash] : stored) {
    if (!sent.contains(name)) add(name);
  }
  return out;
}

// Looked up once: Poco's registry lookup locks a process-wide mutex.
Poco::Logger& ingestLog() {
  static Poco::Logger& log = logger("collector.ingest");
  return log;
}

void logDrops(const std::string& agent_id, const std::string& asset_id, std::uint64_t dropped) {
  if (dropped == 0) return;
  ingestLog().warning(
      "[agent=%s] [asset=%s] the agent's full spool dropped %s reports while it could not "
      "deliver them",
      agent_id, asset_id, std::to_string(dropped));
}

// The asset whose agent sighting, reported by `scan`'s agent, has `scan`'s content.
Result<std::optional<std::string>> unchangedAsset(steward::storage::SqliteDb& db,
                                                  const InventoryBodyScan& scan) {
  AssetTables assets(db);
  auto asset = assets.assetForAgent(scan.agent_id);
  if (!asset) return asset.error();
  if (!*asset) return std::optional<std::string>{};
  auto head = assets.sightingHead(**asset, wire::kSourceAgent);
  if (!head) return head.error();
  if (!*head || (*head)->agent_id != scan.agent_id || (*head)->content_hash != scan.content_hash) {
    return std::optional<std::string>{};
  }
  return *asset;
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
                                                        const std::string& source,
                                                        const ScannedBody* body) {
  SightingOutcome sighting;
  // Encoded and hashed before the transaction, so other reports' transactions need
  // not wait for it.
  ReportContent content;
  if (body != nullptr) {
    content.json = std::string(body->text);
    content.sha256 = body->scan.content_hash;
  } else {
    content = reportContent(report, source);
  }
  // A new asset's record is its one report merged alone, which is that report: an
  // agent's body is its JSON already (and the sighting's text, so the record is
  // queued without it). Otherwise, for an agent not bound to any asset yet (most
  // likely a new one), the JSON is encoded here rather than inside the transaction.
  SightingExtras extras;
  extras.content = &content;
  std::string new_asset_inventory;
  if (body != nullptr) {
    extras.new_asset_inventory = &content.json;
    extras.inventory_is_sighting = true;
  } else if (!report.agent_id.empty()) {
    bool bound = true;
    auto checked = db_.readCommitted([&](steward::storage::SqliteDb& db) -> Result<void> {
      auto asset = AssetTables(db).assetForAgent(report.agent_id);
      if (!asset) return asset.error();
      bound = asset->has_value();
      return {};
    });
    if (checked && !bound) {
      new_asset_inventory = wire::encodeInventory(report);
      extras.new_asset_inventory = &new_asset_inventory;
    }
  }
  auto done = db_.transact([&](steward::storage::SqliteDb& db) -> Result<void> {
    auto result = SightingIngest(db, clock_, reconciler_, config_, db_.collectorId())
                      .ingest(report, source, extras);
    if (!result) return result.error();
    sighting = std::move(*result);
    if (sighting.duplicate || report.agent_id.empty()) return {};
    // Delivery facts of the agent (Steward spool, OCS agent): what the next
    // heartbeat's section hashes are checked against, and the sequence/drop log.
    AgentTransportTables transport(db);
    return transport.recordDelivery(
        {report.agent_id, "inventory", report.report_id, sequenceOf(report.sequence),
         report.collected_at, formatRfc3339(clock_.now()), report.dropped_reports.value_or(0)},
        &report.section_hashes);
  });
  if (!done) return done.error();
  if (!sighting.duplicate && !report.agent_id.empty()) {
    // An agent's body's hash is what its sighting now holds; without a body (OCS
    // agents, in-process callers) the next report asks the database.
    if (body != nullptr && source == wire::kSourceAgent) {
      hints_.remember(report.agent_id, body->scan.content_hash);
    } else {
      hints_.forget(report.agent_id);
    }
  }
  if (!sighting.duplicate) {
    Poco::Logger& log = ingestLog();
    if (sighting.unchanged) {
      if (log.debug()) {
        log.debug("[asset=%s] [report=%s] unchanged %s inventory", sighting.asset_id,
                  report.report_id, source);
      }
    } else {
      log.information("[asset=%s] [report=%s] %s %s: %s (%s changes)", sighting.asset_id,
                      report.report_id, source, sighting.rule, sighting.evidence,
                      std::to_string(sighting.changes.size()));
    }
    logDrops(report.agent_id, sighting.asset_id, report.dropped_reports.value_or(0));
    if (on_enqueued_) on_enqueued_();
    if (hooks_.inventory) {
      hooks_.inventory(sighting.asset_id, report);
      if (source == wire::kSourceAgent && !report.agent_id.empty()) {
        std::lock_guard lock(hooked_mutex_);
        hooked_agents_.insert(report.agent_id);
      }
    }
  }
  return InventoryOutcome{sighting.duplicate, sighting.asset_id, sighting.unchanged};
}

Result<std::optional<InventoryOutcome>> IngestService::ingestIfUnchanged(
    const InventoryBodyScan& scan) {
  using Answer = std::optional<InventoryOutcome>;
  if (!scan.envelope_valid) return Answer{};
  if (hooks_.inventory) {
    std::lock_guard lock(hooked_mutex_);
    if (!hooked_agents_.contains(scan.agent_id)) return Answer{};
  }
  // Known before the transaction, so a new or changed report does not wait for a
  // commit only to learn that it must be decoded: from what this process stored
  // last, else from the read connection.
  if (const auto hinted = hints_.matches(scan.agent_id, scan.content_hash); hinted) {
    if (!*hinted) return Answer{};
  } else {
    bool same = false;
    auto checked = db_.readCommitted([&](steward::storage::SqliteDb& db) -> Result<void> {
      auto asset = unchangedAsset(db, scan);
      if (!asset) return asset.error();
      same = asset->has_value();
      return {};
    });
    if (!checked) return checked.error();
    if (!same) return Answer{};
  }

  Answer answer;
  auto done = db_.transact([&](steward::storage::SqliteDb& db) -> Result<void> {
    auto seen = AssetTables(db).assetForReport(scan.report_id);
    if (!seen) return seen.error();
    if (*seen) {
      answer = InventoryOutcome{true, **seen, false};
      return {};
    }
    // Again inside the transaction: a changed report may have committed meanwhile.
    auto asset = unchangedAsset(db, scan);
    if (!asset) return asset.error();
    if (!*asset) return {};
    answer = InventoryOutcome{false, **asset, true};
    const std::string now = formatRfc3339(clock_.now());
    if (auto r = recordUnchangedSighting(db, clock_, **asset, scan.report_id, scan.agent_id, now);
        !r) {
      return r;
    }
    AgentTransportTables transport(db);
    return transport.recordDelivery(
        {scan.agent_id, "inventory", scan.report_id, sequenceOf(scan.sequence), scan.collected_at,
         now, scan.dropped_reports.value_or(0)},
        &scan.section_hashes);
  });
  if (!done) return done.error();
  if (!answer) {
    hints_.forget(scan.agent_id);  // a stale hint: the decoder will tell
    return answer;
  }
  if (!answer->duplicate) {
    hints_.remember(scan.agent_id, scan.content_hash);
    // Poco formats a variadic debug() line before checking the level, and logger()
    // takes Poco's global registry mutex: on the hot unchanged path both are paid
    // per request only when debug lines are wanted.
    if (Poco::Logger& log = ingestLog(); log.debug()) {
      log.debug("[asset=%s] [report=%s] unchanged agent inventory (not decoded)", answer->asset_id,
                scan.report_id);
    }
    logDrops(scan.agent_id, answer->asset_id, scan.dropped_reports.value_or(0));
    if (on_enqueued_) on_enqueued_();
  }
  return answer;
}

Result<HeartbeatOutcome> IngestService::recordHeartbeat(const wire::Heartbeat& heartbeat) {
  HeartbeatOutcome outcome;
  auto done = db_.transact([&](steward::storage::SqliteDb& db) -> Result<void> {
    AssetTables assets(db);
    AgentTransportTables transport(db);
    auto found = assets.assetForAgent(heartbeat.agent_id);
    if (!found) return found.error();
    if (!*found) {
      return makeError("inventory_required", "agent " + heartbeat.agent_id +
                                                 " has not sent an inventory to this collector "
                                                 "yet; send one first");
    }
    outcome.asset_id = **found;
    auto known = transport.heartbeatKnown(heartbeat.heartbeat_id);
    if (!known) return known.error();
    if (*known) {
      outcome.duplicate = true;
      return {};
    }
    if (!heartbeat.section_hashes.empty()) {
      auto stored = transport.transportOf(heartbeat.agent_id);
      if (!stored) return stored.error();
      const std::string differ =
          differingSections(stored->section_hashes, heartbeat.section_hashes);
      if (!differ.empty()) {
        return makeError("inventory_required",
                         "the heartbeat's inventory hashes differ from the last inventory "
                         "stored for agent " +
                             heartbeat.agent_id + " (" + differ + "); send a full inventory");
      }
    }
    const std::string now = formatRfc3339(clock_.now());
    if (auto r = transport.recordDelivery({heartbeat.agent_id, "heartbeat", heartbeat.heartbeat_id,
                                           sequenceOf(heartbeat.sequence), heartbeat.sent_at, now,
                                           heartbeat.dropped_reports.value_or(0)});
        !r) {
      return r;
    }
    if (auto r = assets.touchLastSeen(outcome.asset_id, now); !r) return r;
    wire::AssetSeen seen;
    seen.event_id = newUuidV7(clock_);
    seen.asset_id = outcome.asset_id;
    seen.last_seen = now;
    return OutboxTable(db).enqueueSeen(storage::newOutboxItem(
        storage::kOutboxSeen, outcome.asset_id, seen.event_id, wire::encodeAssetSeen(seen), now));
  });
  if (!done) return done.error();
  if (!outcome.duplicate) {
    logDrops(heartbeat.agent_id, outcome.asset_id, heartbeat.dropped_reports.value_or(0));
    if (on_enqueued_) on_enqueued_();
    if (hooks_.heartbeat) hooks_.heartbeat(outcome.asset_id, heartbeat);
  }
  return outcome;
}

}  // namespace steward::collector::ingest
