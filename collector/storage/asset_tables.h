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
  std::string hostname;
  std::string inventory_json;  // the latest report, as received
};

struct DecisionRow {
  std::string asset_id;
  std::string report_id;
  std::string at;
  std::string rule;
  std::string evidence;
};

class AssetTables {
 public:
  explicit AssetTables(steward::storage::SqliteDb& db) : db_(db) {}

  // The asset a report was filed under, if that report_id was seen before.
  Result<std::optional<std::string>> assetForReport(const std::string& report_id);
  Result<void> recordReport(const std::string& report_id, const std::string& agent_id,
                            const std::string& asset_id, const std::string& received_at);

  // Known assets holding any of `ids`, with the identifiers they share.
  Result<std::vector<reconcile::Candidate>> candidatesFor(
      const std::vector<wire::AssetIdentifier>& ids);

  Result<std::optional<AssetRow>> asset(const std::string& asset_id);
  // Inserts or replaces the row.
  Result<void> saveAsset(const AssetRow& row);
  Result<void> touchLastSeen(const std::string& asset_id, const std::string& last_seen);

  // Points every identifier in `ids` at `asset_id` (moving it from another asset if
  // needed) and drops the asset's other identifiers, except agent ids, which stay as
  // aliases so an old agent is still recognised.
  Result<void> replaceIdentifiers(const std::string& asset_id,
                                  const std::vector<wire::AssetIdentifier>& ids);
  Result<std::vector<wire::AssetIdentifier>> identifiersOf(const std::string& asset_id);

  Result<std::optional<std::string>> assetForAgent(const std::string& agent_id);
  Result<void> bindAgent(const std::string& agent_id, const std::string& asset_id,
                         const std::string& at);

  Result<void> recordDecision(const DecisionRow& row);
  Result<std::vector<DecisionRow>> decisionsFor(const std::string& asset_id);

  Result<std::int64_t> assetCount();

 private:
  steward::storage::SqliteDb& db_;
};

}  // namespace steward::collector::storage
