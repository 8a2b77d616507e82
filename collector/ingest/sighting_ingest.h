#pragma once

// The body of one ingest transaction: reconcile a sighting (a report from one
// source) to an asset, flag serials and UUIDs that turn out to be shared, merge the
// asset's sightings by attribute precedence, detect what changed, record every
// decision, and queue the asset record (carrying those decisions and changes) for
// the server. Runs on a
// connection the caller holds inside a transaction (IngestService does).

#include <functional>
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

// The report as stored (contentJson below, or an agent's body as it arrived), and
// its content hash
// (inventory_body_scan.h: an agent's volatile fields and the delivery fields left out,
// so an agent's re-inventory that differs only in them is "unchanged").
struct ReportContent {
  std::string json;
  std::string sha256;
};
ReportContent reportContent(const wire::InventoryReport& report, const std::string& source);

// An unchanged sighting's writes: the asset is seen now, the report id is recorded
// (duplicates), and a collapsed "seen" item is queued instead of the asset record.
Result<void> recordUnchangedSighting(steward::storage::SqliteDb& db, const Clock& clock,
                                     const std::string& asset_id, const std::string& report_id,
                                     const std::string& agent_id, const std::string& now);

// What a source other than an agent adds to its sighting (SNMP discovery).
struct SightingExtras {
  // Identifiers the source derived itself (SNMP: serial, snmpEngineID, MACs, sysName),
  // used instead of those extracted from the report. The report's agent_id then only
  // marks the source: it is not an identifier and no agent is bound to the asset.
  const std::vector<wire::AssetIdentifier>* identifiers = nullptr;
  // Runs once the asset is decided, before anything is queued, to store the source's
  // own tables (SNMP: the device's network view, which the asset record carries).
  // Returns true when that view changed, so an unchanged sighting is still resent.
  std::function<Result<bool>(const std::string& asset_id, const std::string& now)> before_record;
  // reportContent(report, source), when the caller computed it before its
  // transaction: encoding and hashing 86 KB need no lock, so they should not hold the
  // writer. Computed inside ingest() when null; an empty json (the caller knew only
  // the hash) is encoded inside when the report must be stored.
  const ReportContent* content = nullptr;
  // The JSON of `report` (a report merged alone is itself), when the caller has it
  // before its transaction: the record of a new asset is then not encoded inside it.
  // Ignored when the asset turns out to have other sightings.
  const std::string* new_asset_inventory = nullptr;
  // True when new_asset_inventory is also the sighting's stored text (an agent's
  // body): the new asset's record is then queued without it (kOutboxAssetOfSighting)
  // and gets it from the sighting when sent.
  bool inventory_is_sighting = false;
};

class SightingIngest {
 public:
  SightingIngest(steward::storage::SqliteDb& db, const Clock& clock,
                 const reconcile::Reconciler& reconciler, const reconcile::ReconcileConfig& config,
                 std::string collector_id);

  // `source` is one of wire::kSource* ("agent", "ocs", "snmp", "manual"). A sighting
  // without agent id (SNMP) is identified by its hardware and network keys only.
  Result<SightingOutcome> ingest(const wire::InventoryReport& report, const std::string& source,
                                 const SightingExtras& extras = {});

 private:
  steward::storage::SqliteDb& db_;
  const Clock& clock_;
  const reconcile::Reconciler& reconciler_;
  const reconcile::ReconcileConfig& config_;
  std::string collector_id_;
};

// The asset's current record (its sightings merged by `precedence`, identifiers,
// SNMP network view), without decisions or changes, for requeueing it when something
// outside its sightings changed (SNMP found it on another switch port). nullopt when
// the asset has no sighting. Inside a transaction the caller holds.
Result<std::optional<wire::AssetRecord>> currentAssetRecord(
    steward::storage::SqliteDb& db, const Clock& clock, const std::string& collector_id,
    const std::string& asset_id, const reconcile::AttributePrecedence& precedence);

// The report as stored when there is no agent body to store: report id and
// collection time replaced by fixed placeholders, so two reports with the same
// content encode the same. (Equal content is told by the content hash, which leaves
// those out, so a stored body with its real ids is compared alike.)
std::string contentJson(const wire::InventoryReport& report);

}  // namespace steward::collector::ingest
