#pragma once

// What happens when an agent reports: reconcile the report to an asset, store it and
// queue the asset record for the server, all in one transaction, so the agent's
// acknowledgement always means "committed".

#include <functional>
#include <string>

#include "collector/ingest/content_hash_memo.h"
#include "collector/reconcile/reconcile_config.h"
#include "collector/reconcile/reconciler.h"
#include "collector/storage/collector_db.h"
#include "shared/common/clock.h"
#include "shared/common/result.h"
#include "shared/wire/inventory.h"

namespace steward::collector::ingest {

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
  // `body`, when given, is the JSON `report` was decoded from: a body seen before
  // (but for report_id and collected_at) skips re-encoding the report to hash it.
  Result<InventoryOutcome> ingestInventory(const wire::InventoryReport& report,
                                           const std::string& source = "agent",
                                           std::string_view body = {});

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
  ContentHashMemo content_hashes_;
};

}  // namespace steward::collector::ingest
