#pragma once

// AssetRepository on one SQLite file (WAL). Calls are serialised by a mutex: the
// HTTP server invokes the router from several threads and a connection is not a
// unit of concurrency we want to reason about.

#include <memory>
#include <mutex>
#include <string>

#include "server/storage/asset_repository.h"
#include "shared/common/clock.h"
#include "shared/storage/sqlite_db.h"

namespace steward::server {

class SqliteAssetRepository final : public AssetRepository {
 public:
  // Opens or creates the database at `path` (":memory:" for tests) and migrates it.
  // `clock` stamps processed events. Errors name the file.
  static Result<std::unique_ptr<SqliteAssetRepository>> open(const std::string& path,
                                                             const Clock& clock);

  Result<WriteOutcome> upsertAsset(const wire::AssetRecord& record) override;
  Result<WriteOutcome> markSeen(const wire::AssetSeen& seen) override;
  Result<AssetPage> list(const AssetQuery& query) override;
  Result<wire::AssetRecord> get(const std::string& asset_id) override;

 private:
  SqliteAssetRepository(std::unique_ptr<storage::SqliteDb> db, const Clock& clock)
      : db_(std::move(db)), clock_(clock) {}

  Result<bool> eventProcessed(const std::string& event_id);
  Result<void> recordEvent(const std::string& event_id, const std::string& asset_id,
                           const char* kind, WriteOutcome outcome);
  Result<void> writeAsset(const wire::AssetRecord& record);
  Result<void> widenSeen(const std::string& asset_id, const std::string& first_seen,
                         const std::string& last_seen);

  std::unique_ptr<storage::SqliteDb> db_;
  const Clock& clock_;
  std::mutex mutex_;
};

}  // namespace steward::server
