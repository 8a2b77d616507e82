#pragma once

// What happens when an agent reports: reconcile the report to an asset, store it and
// queue the asset record for the server, all in one transaction, so the agent's
// acknowledgement always means "committed".

#include <functional>
#include <string>

#include "collector/reconcile/reconciler.h"
#include "collector/storage/collector_db.h"
#include "shared/common/clock.h"
#include "shared/common/result.h"
#include "shared/wire/inventory.h"

namespace steward::collector::ingest {

struct InventoryOutcome {
  bool duplicate = false;  // this report_id was stored before; nothing changed
  std::string asset_id;
};

// Called after a report's commit, e.g. to feed the fault rules engine.
struct IngestHooks {
  std::function<void(const std::string& asset_id, const wire::InventoryReport&)> inventory;
  std::function<void(const std::string& asset_id, const wire::Heartbeat&)> heartbeat;
};

class IngestService {
 public:
  // `on_enqueued` runs after a commit that added outbox items (wakes the forwarder).
  IngestService(storage::CollectorDb& db, const Clock& clock,
                const reconcile::Reconciler& reconciler, std::function<void()> on_enqueued = {});

  // Stores `report` under the asset reconciliation picks (or a new one). A report_id
  // seen before is answered with its asset and changes nothing.
  Result<InventoryOutcome> ingestInventory(const wire::InventoryReport& report);

  // Marks the agent's asset seen now and queues a collapsed "seen" item. Error code
  // "inventory_required" when the agent never sent an inventory.
  Result<std::string> recordHeartbeat(const wire::Heartbeat& heartbeat);

  // Set before the HTTP server starts; not synchronised.
  void setHooks(IngestHooks hooks) { hooks_ = std::move(hooks); }

 private:
  storage::CollectorDb& db_;
  const Clock& clock_;
  const reconcile::Reconciler& reconciler_;
  std::function<void()> on_enqueued_;
  IngestHooks hooks_;
};

}  // namespace steward::collector::ingest
