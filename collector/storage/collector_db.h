#pragma once

// The collector's SQLite database: opens and migrates it, holds the collector id and
// serialises access. One connection is shared by the HTTP threads and the outbox
// thread, so every use goes through transact() or read(), which hold a lock.

#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "shared/common/clock.h"
#include "shared/common/result.h"
#include "shared/storage/sqlite_db.h"

namespace steward::collector::storage {

class CollectorDb {
 public:
  using Work = std::function<Result<void>(steward::storage::SqliteDb&)>;

  // Opens (creating) `path`, migrates the schema and loads the collector id, making
  // and persisting a UUIDv7 on first start.
  static Result<std::unique_ptr<CollectorDb>> open(const std::string& path, const Clock& clock);

  // This collector's id, stable across restarts.
  const std::string& collectorId() const { return collector_id_; }

  // Runs `work` in one IMMEDIATE transaction: committed when work succeeds, rolled
  // back entirely when it returns an Error.
  Result<void> transact(const Work& work);
  // Runs `work` under the lock without a transaction (single reads).
  Result<void> read(const Work& work);

 private:
  CollectorDb(std::unique_ptr<steward::storage::SqliteDb> db, std::string collector_id)
      : db_(std::move(db)), collector_id_(std::move(collector_id)) {}

  std::mutex mutex_;
  std::unique_ptr<steward::storage::SqliteDb> db_;
  std::string collector_id_;
};

}  // namespace steward::collector::storage
