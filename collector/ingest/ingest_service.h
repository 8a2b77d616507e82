#pragma once

// What happens when an agent reports: reconcile the report to an asset, store it and
// queue the asset record for the server, all in one transaction, so the agent's
// acknowledgement always means "committed".

#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>

#include "collector/ingest/content_hints.h"
#include "collector/ingest/inventory_body_scan.h"
#include "collector/reconcile/reconcile_config.h"
#include "collector/reconcile/reconciler.h"
#include "collector/storage/collector_db.h"
#include "shared/common/clock.h"
#include "shared/common/result.h"
#include "shared/wire/inventory.h"

namespace steward::collector::ingest {

// An inventory body as received, with its scan.
struct ScannedBody {
  std::string_view text;
  const InventoryBodyScan& scan;
};

struct InventoryOutcome {
  bool duplicate = false;  // this report_id was stored before; nothing changed
  std::string asset_id;
  bool unchanged = false;  // same content as the source's previous report
};

// Called after a report's commit, e.g. to feed the fault rules engine.
struct IngestHooks {
  std::function<void(const std::string& asset_id, const wire::InventoryReport&)> inventory;
  std::function<void(const std::string& asset_id, const wire::Heartbeat&)> heartbeat;
};

struct HeartbeatOutcome {
  bool duplicate = false;  // this heartbeat_id was stored before; nothing changed
  std::string asset_id;
};

class IngestService {
 public:
  // `on_enqueued` runs after a commit that added outbox items (wakes the forwarder).
  // `config` (bogus values, precedence; must outlive the service) defaults to the
  // built-in lists and agent > ocs > snmp > manual.
  IngestService(storage::CollectorDb& db, const Clock& clock,
                const reconcile::Reconciler& reconciler, std::function<void()> on_enqueued = {},
                const reconcile::ReconcileConfig* config = nullptr);

  // Stores `report`, a sighting from `source` (wire::kSource*: "agent", "ocs",
  // "snmp", "manual"), under the asset reconciliation picks (or a new one); see
  // sighting_ingest.h. Agent reports also record their section hashes and delivery
  // facts (sequence, dropped count). A report_id seen before is answered with its
  // asset and changes nothing.
  // `body`, when given, is the JSON `report` was decoded from and its scan: the
  // scan's content hash is used instead of hashing the report's encoding again, and
  // the body itself is stored as the sighting's text instead of encoding the report
  // again (it decodes to the same report, validated a moment ago).
  Result<InventoryOutcome> ingestInventory(const wire::InventoryReport& report,
                                           const std::string& source = "agent",
                                           const ScannedBody* body = nullptr);

  // An agent's inventory answered from its body's scan alone, without decoding it:
  // when its content hash equals that of the agent's stored sighting (so the body is
  // as valid as the one stored), it is recorded as an unchanged re-inventory (or a
  // duplicate) exactly as ingestInventory would, with its delivery facts. nullopt
  // when that is not the case (new or changed content, unknown agent, invalid
  // envelope, or an inventory hook that has not seen this agent's content since the
  // collector started): decode the body and call ingestInventory.
  // The agent's binding is trusted: reconciliation is not run again for unchanged
  // content.
  Result<std::optional<InventoryOutcome>> ingestIfUnchanged(const InventoryBodyScan& scan);

  // Marks the agent's asset seen now, logs the delivery and queues a collapsed "seen"
  // item. A heartbeat_id seen before changes nothing. Error code "inventory_required"
  // when the agent never sent an inventory, or when the heartbeat's section hashes
  // differ from those of the last inventory stored (one was lost or dropped).
  Result<HeartbeatOutcome> recordHeartbeat(const wire::Heartbeat& heartbeat);

  // Set before the HTTP server starts; not synchronised.
  void setHooks(IngestHooks hooks) { hooks_ = std::move(hooks); }

 private:
  storage::CollectorDb& db_;
  const Clock& clock_;
  const reconcile::Reconciler& reconciler_;
  std::function<void()> on_enqueued_;
  reconcile::ReconcileConfig default_config_;
  const reconcile::ReconcileConfig& config_;
  IngestHooks hooks_;
  // Agents whose latest content the inventory hook was given by this process: only
  // their unchanged reports may skip the hook (it keeps state in memory).
  std::mutex hooked_mutex_;
  std::unordered_set<std::string> hooked_agents_;
  // Each agent's stored content hash as this process last wrote or read it.
  ContentHints hints_;
};

}  // namespace steward::collector::ingest
