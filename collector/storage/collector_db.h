#pragma once

// The collector's SQLite database: opens and migrates it, holds the collector id and
// serialises access. One connection is shared by the HTTP threads and the outbox
// thread, so every use goes through transact() or read(), which hold a lock.
// Commits are durable (synchronous=FULL: the WAL is fsynced before COMMIT returns),
// and concurrent transact() calls share one commit (group_commit.h), so that fsync is
// paid once per batch rather than once per report. The write-ahead log is
// checkpointed on a thread of its own (wal_checkpointer.h), not inside a commit.

#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "collector/storage/group_commit.h"
#include "collector/storage/wal_checkpointer.h"
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

  // Runs `work` in an IMMEDIATE transaction: committed when work succeeds (returns
  // once it is on disk), rolled back entirely when it returns an Error. The
  // transaction may be shared with other threads' works (each in its own savepoint);
  // when that shared commit fails, every one of them gets an Error.
  Result<void> transact(const Work& work);
  // Runs `work` under the lock without a transaction (single reads).
  Result<void> read(const Work& work);
  // Runs `work` (reads only) on a second connection that sees every committed
  // transaction and never waits for a commit in progress (WAL readers do not block
  // on the writer), so checking an agent's credential does not queue behind a
  // batch's fsync. In-memory databases have no second connection: read() then.
  Result<void> readCommitted(const Work& work);

  // Checkpoints the log's own thread has run (diagnostics, tests); 0 in memory.
  int checkpoints() const { return checkpointer_ ? checkpointer_->checkpoints() : 0; }

 private:
  CollectorDb(std::unique_ptr<steward::storage::SqliteDb> db,
              std::unique_ptr<steward::storage::SqliteDb> reader, std::string collector_id)
      : db_(std::move(db)),
        reader_(std::move(reader)),
        collector_id_(std::move(collector_id)),
        commits_(*db_, mutex_) {}

  std::mutex mutex_;
  std::unique_ptr<steward::storage::SqliteDb> db_;
  std::mutex reader_mutex_;
  std::unique_ptr<steward::storage::SqliteDb> reader_;  // nullptr for ":memory:"
  std::string collector_id_;
  GroupCommit commits_;
  // Declared last so it stops first, before the connections close.
  std::unique_ptr<WalCheckpointer> checkpointer_;  // nullptr for ":memory:"
};

}  // namespace steward::collector::storage
