#pragma once

// Checkpoints the collector's write-ahead log on a thread of its own. SQLite's
// automatic checkpoint runs inside the COMMIT that crosses its threshold, on the
// group commit's leader, while every other ingest waits for that batch: copying a
// few MB of new inventories into the database file and fsyncing it stalled the whole
// pipeline. Here a commit only notes the log's size; this thread copies what no
// reader still needs (a PASSIVE checkpoint, which never blocks the writer) on its
// own connection, while the next batches commit. The few frames committed
// meanwhile are copied by the writer itself before its next batch (finish()): SQLite
// starts a log over only at a write that begins with all of it copied, which under
// steady load the other thread alone never achieves, so the log would grow without
// end. Durability is unchanged: a commit is durable once the log is fsynced, before
// any checkpoint.

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "shared/common/result.h"
#include "shared/storage/sqlite_db.h"

namespace steward::collector::storage {

class WalCheckpointer {
 public:
  // Takes over checkpointing of `writer`, the connection that commits, for the
  // database at `path`. Checkpoints when the log holds `threshold_pages` or more
  // (SQLite's default threshold is 1000 pages).
  static Result<std::unique_ptr<WalCheckpointer>> start(steward::storage::SqliteDb& writer,
                                                       const std::string& path,
                                                       int threshold_pages = 1000);
  ~WalCheckpointer();
  WalCheckpointer(const WalCheckpointer&) = delete;
  WalCheckpointer& operator=(const WalCheckpointer&) = delete;

  // On the writer's thread, between transactions: when a checkpoint of this
  // thread has finished since the last call, copies what was committed since then
  // (a passive checkpoint of the writer), so that the next write starts the log over.
  void finish();

  // Checkpoints run so far (for tests).
  int checkpoints() const { return checkpoints_; }

 private:
  WalCheckpointer(steward::storage::SqliteDb& writer,
                  std::unique_ptr<steward::storage::SqliteDb> own, int threshold_pages);
  void run();

  steward::storage::SqliteDb& writer_;
  std::unique_ptr<steward::storage::SqliteDb> own_;
  const int threshold_pages_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool due_ = false;
  bool stopping_ = false;
  std::atomic<int> checkpoints_{0};
  std::atomic<bool> finish_due_{false};
  std::thread thread_;
};

}  // namespace steward::collector::storage
