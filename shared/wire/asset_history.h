#pragma once

// What a collector tells the server about how an asset came to be and how it changed:
// reconciliation decisions ("why is this one asset?") and detected changes between
// two inventories. Each decision and change carries its own id, so the server can
// store a batch that arrives twice exactly once.

#include <optional>
#include <string>
#include <vector>

#include "shared/wire/inventory.h"

namespace steward::wire {

// Where a sighting came from; also the names used by attribute precedence.
inline constexpr const char* kSourceAgent = "agent";  // Steward agent
inline constexpr const char* kSourceOcs = "ocs";      // OCS Inventory / FusionInventory agent
inline constexpr const char* kSourceSnmp = "snmp";    // SNMP discovery (FDB, device polls)
inline constexpr const char* kSourceManual = "manual";

// One reconciliation decision about one asset.
struct ReconcileDecision {
  std::string decision_id;  // UUIDv7, unique
  std::string asset_id;     // the asset the decision is about
  std::string at;           // RFC 3339 UTC
  // "new" (a new asset was made), "merge" (a sighting joined this asset), "refuse"
  // (a sighting was kept apart from this asset), "split" (an identifier left this
  // asset for another one), "flag" (an identifier was found on several machines and
  // no longer identifies anything).
  std::string action;
  std::string rule;    // "serial", "smbios_uuid", "agent_id", "weak_keys", "new_asset", ...
  std::string source;  // kSource*
  std::string report_id;
  std::string evidence;  // for people: the identifiers that decided, what was ignored
  std::optional<std::string> other_asset_id = {};  // the asset on the other side, if any
  friend bool operator==(const ReconcileDecision&, const ReconcileDecision&) = default;
};

// One difference between the previous and the new inventory of an asset.
struct DetectedChange {
  std::string change_id;  // UUIDv7, unique
  std::string asset_id;
  std::string at;      // when the collector detected it, RFC 3339 UTC
  std::string source;  // the source whose sighting showed the change
  // "software_added", "software_removed", "software_upgraded", "software_downgraded",
  // "hardware_added", "hardware_removed", "ip_added", "ip_removed", "mac_added",
  // "mac_removed", "hostname_changed", "os_changed".
  std::string kind;
  std::string subject;  // package name, "disk sda", "memory DIMM A1", "cpu", an address
  std::optional<std::string> before = {};
  std::optional<std::string> after = {};
  friend bool operator==(const DetectedChange&, const DetectedChange&) = default;
};

// The outbox payload: decisions and changes from one ingest.
struct AssetHistory {
  SchemaVersion schema;
  std::string event_id;  // idempotency key of the batch
  std::string collector_id;
  std::string asset_id;  // the asset the ingest was for
  std::vector<ReconcileDecision> decisions;
  std::vector<DetectedChange> changes;
  friend bool operator==(const AssetHistory&, const AssetHistory&) = default;
};

// True for the decision actions and change kinds listed above.
bool isDecisionAction(const std::string& action);
bool isChangeKind(const std::string& kind);

}  // namespace steward::wire
