#pragma once

// Queries over the asset side of the collector database: assets, their identifiers,
// agents, reports already seen and reconciliation decisions. Plain functions of an
// open connection; the caller (through CollectorDb) owns locking and transactions.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "collector/reconcile/reconciler.h"
#include "shared/common/result.h"
#include "shared/storage/sqlite_db.h"
#include "shared/wire/asset.h"

namespace steward::collector::storage {

struct AssetRow {
  std::string asset_id;
  std::string first_seen;  // RFC 3339 UTC
  std::string last_seen;
  std::string updated_at;
  std::string hostname;  // of the merged inventory
};

// One source's latest report for an asset.
struct SightingRow {
  std::string asset_id;
  std::string source;        // "agent", "ocs", "snmp", "manual"
  std::string agent_id;      // "" for sources without one
  std::string content_hash;  // of report_json; equal hashes mean an unchanged report
  std::string report_json;   // contentJson(): report id and collection time fixed
  std::string seen_at;
};

struct DecisionRow {
  std::string asset_id;
  std::string report_id;
  std::string at;
  std::string rule;
  std::string evidence;
  std::string action = "merge";  // see wire::ReconcileDecision
  std::string source = "agent";
  std::optional<std::string> other_asset_id = {};
};

// A strong identifier taken from another asset by replaceIdentifiers().
struct MovedIdentifier {
  wire::AssetIdentifier identifier;
  std::string from_asset_id;
};

class AssetTables {
 public:
  explicit AssetTables(steward::storage::SqliteDb& db) : db_(db) {}

  // The asset a report was filed under, if that report_id was seen before.
  Result<std::optional<std::string>> assetForReport(const std::string& report_id);
  Result<void> recordReport(const std::string& report_id, const std::string& agent_id,
                            const std::string& asset_id, const std::string& received_at);

  // Known assets holding any of `ids`, with the identifiers they share. A weak key
  // may be held by several assets.
  Result<std::vector<reconcile::Candidate>> candidatesFor(
      const std::vector<wire::AssetIdentifier>& ids);

  Result<std::optional<AssetRow>> asset(const std::string& asset_id);
  // Inserts or replaces the row.
  Result<void> saveAsset(const AssetRow& row);
  Result<void> touchLastSeen(const std::string& asset_id, const std::string& last_seen);

  // Gives `asset_id` exactly the identifiers in `ids`, except agent ids, which stay
  // as aliases so an old agent is still recognised. A strong identifier held by
  // another asset moves here (and is returned); weak ones are shared.
  Result<std::vector<MovedIdentifier>> replaceIdentifiers(
      const std::string& asset_id, const std::vector<wire::AssetIdentifier>& ids);
  Result<std::vector<wire::AssetIdentifier>> identifiersOf(const std::string& asset_id);

  Result<std::optional<std::string>> assetForAgent(const std::string& agent_id);
  Result<void> bindAgent(const std::string& agent_id, const std::string& asset_id,
                         const std::string& at);

  // Every source's latest report for the asset (report_json included), by source.
  Result<std::vector<SightingRow>> sightingsOf(const std::string& asset_id);
  // The agent id and content hash of one source's sighting, without the report.
  Result<std::optional<SightingRow>> sightingHead(const std::string& asset_id,
                                                  const std::string& source);
  Result<void> saveSighting(const SightingRow& row);
  // One source's stored report text, or nullopt.
  Result<std::optional<std::string>> sightingText(const std::string& asset_id,
                                                  const std::string& source);

  // Serials and UUIDs found on several machines (flagged automatically).
  Result<bool> isNonUnique(const wire::AssetIdentifier& id);
  // Flags `id` and removes it from every asset.
  Result<void> flagNonUnique(const wire::AssetIdentifier& id, const std::string& at,
                             const std::string& evidence);

  Result<void> recordDecision(const DecisionRow& row);
  Result<std::vector<DecisionRow>> decisionsFor(const std::string& asset_id);

  Result<std::int64_t> assetCount();

 private:
  steward::storage::SqliteDb& db_;
};

}  // namespace steward::collector::storage
