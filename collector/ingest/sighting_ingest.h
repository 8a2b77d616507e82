#pragma once

// The body of one ingest transaction: reconcile a sighting (a report from one
// source) to an asset, flag serials and UUIDs that turn out to be shared, merge the
// asset's sightings by attribute precedence, detect what changed, record every
// decision, and queue the asset record (carrying those decisions and changes) for
// the server. Runs on a
// connection the caller holds inside a transaction (IngestService does).

#include <string>
#include <vector>

#include "collector/reconcile/reconcile_config.h"
#include "collector/reconcile/reconciler.h"
#include "shared/common/clock.h"
#include "shared/common/result.h"
#include "shared/storage/sqlite_db.h"
#include "shared/wire/asset_history.h"
#include "shared/wire/inventory.h"

namespace steward::collector::ingest {

struct SightingOutcome {
  bool duplicate = false;  // report_id seen before: nothing changed
  bool unchanged = false;  // same content as this source's last report: only last_seen moved
  std::string asset_id;
  std::string rule;  // the reconciliation rule that placed the sighting
  std::string evidence;
  std::vector<wire::ReconcileDecision> decisions;  // recorded by this ingest
  std::vector<wire::DetectedChange> changes;       // detected by this ingest
};

class SightingIngest {
 public:
  SightingIngest(steward::storage::SqliteDb& db, const Clock& clock,
                 const reconcile::Reconciler& reconciler, const reconcile::ReconcileConfig& config,
                 std::string collector_id);

  // `source` is one of wire::kSource* ("agent", "ocs", "snmp", "manual"). A sighting
  // without agent id (SNMP) is identified by its hardware and network keys only.
  Result<SightingOutcome> ingest(const wire::InventoryReport& report, const std::string& source);

 private:
  steward::storage::SqliteDb& db_;
  const Clock& clock_;
  const reconcile::Reconciler& reconciler_;
  const reconcile::ReconcileConfig& config_;
  std::string collector_id_;
};

// The report as stored for comparison: report id and collection time replaced by
// fixed placeholders, so two reports with the same content encode the same.
std::string contentJson(const wire::InventoryReport& report);

}  // namespace steward::collector::ingest
