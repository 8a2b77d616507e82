#pragma once

// AssetHistoryRepository on its own connection to the server's SQLite file (WAL),
// with its tables versioned in component_versions ('asset_history'). Calls are
// serialised by a mutex.

#include <memory>
#include <mutex>
#include <string>

#include "server/storage/asset_history_repository.h"
#include "shared/common/clock.h"
#include "shared/storage/sqlite_db.h"

namespace steward::server {

inline constexpr int kAssetHistorySchemaVersion = 1;

class SqliteAssetHistoryRepository final : public AssetHistoryRepository {
 public:
  // Opens or creates `path` (":memory:" for tests) and migrates the history tables.
  static Result<std::unique_ptr<SqliteAssetHistoryRepository>> open(const std::string& path,
                                                                    const Clock& clock);

  Result<WriteOutcome> storeHistory(const wire::AssetHistory& history) override;
  Result<std::vector<wire::ReconcileDecision>> decisions(const std::string& asset_id) override;
  Result<ChangePage> changes(const std::string& asset_id, const ChangeQuery& query) override;

 private:
  SqliteAssetHistoryRepository(std::unique_ptr<storage::SqliteDb> db, const Clock& clock)
      : db_(std::move(db)), clock_(clock) {}

  std::unique_ptr<storage::SqliteDb> db_;
  const Clock& clock_;
  std::mutex mutex_;
};

}  // namespace steward::server
