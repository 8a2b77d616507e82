#pragma once

// Group commit: the transactions of many threads (one per HTTP request) share one
// SQLite transaction and so one commit, and with synchronous=FULL one fsync. A
// caller of run() queues its work and blocks; whichever waiting caller finds no
// batch running becomes the leader, takes everything queued (up to a limit) and
// runs it in one IMMEDIATE transaction, each work inside its own SAVEPOINT:
//   - a work that returns an Error is rolled back to its savepoint alone, and its
//     caller gets that Error; the others of the batch are unaffected;
//   - when BEGIN, a savepoint step or the COMMIT fails, the whole transaction rolls
//     back and every caller of the batch gets an Error: nothing of the batch is
//     stored.
// run() returns only once its work's batch has committed (or failed), so a 2xx sent
// after it still means "committed". Works run on the leader's thread, one after
// another, exactly as if each had its own transaction; a work must not call run().

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>

#include "shared/common/result.h"
#include "shared/storage/sqlite_db.h"

namespace steward::collector::storage {

class GroupCommit {
 public:
  using Work = std::function<Result<void>(steward::storage::SqliteDb&)>;

  // `db_mutex` serialises every other use of `db` (CollectorDb::read); a batch
  // holds it while it runs. `max_batch` bounds how long one batch keeps the others
  // of the next one waiting.
  GroupCommit(steward::storage::SqliteDb& db, std::mutex& db_mutex, std::size_t max_batch = 64);

  Result<void> run(const Work& work);

  // Batches committed or failed so far, and the works they held (for tests and
  // the benchmark's report).
  std::size_t batches() const;
  std::size_t works() const;
  // Works waiting for the next batch.
  std::size_t queued() const;

  // Runs on the leader's thread before each batch's BEGIN, with the database to
  // itself (WalCheckpointer finishes checkpoints there). Set before the first run().
  void setBeforeBatch(std::function<void()> before);

 private:
  // Each caller waits on its own condition variable, so the end of a batch wakes
  // exactly its callers and the one caller that leads the next batch, not every
  // thread queued meanwhile (each wake-up is a thread switch on a loaded machine).
  struct Pending {
    const Work* work;
    bool done = false;
    Result<void> result;
    std::condition_variable wake;
  };

  void runBatch(const std::deque<Pending*>& batch);

  steward::storage::SqliteDb& db_;
  std::mutex& db_mutex_;
  std::function<void()> before_batch_;
  const std::size_t max_batch_;

  mutable std::mutex queue_mutex_;
  std::deque<Pending*> queue_;
  bool leading_ = false;  // a batch is running
  std::size_t batches_ = 0;
  std::size_t works_ = 0;
};

}  // namespace steward::collector::storage
