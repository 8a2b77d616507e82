#include "collector/storage/group_commit.h"

#include <exception>
#include <string>

namespace steward::collector::storage {

using steward::storage::SqliteDb;

GroupCommit::GroupCommit(SqliteDb& db, std::mutex& db_mutex, std::size_t max_batch)
    : db_(db), db_mutex_(db_mutex), max_batch_(max_batch == 0 ? 1 : max_batch) {}

Result<void> GroupCommit::run(const Work& work) {
  Pending mine{&work, false, {}, {}};
  std::unique_lock lock(queue_mutex_);
  queue_.push_back(&mine);
  while (!mine.done) {
    if (leading_) {
      mine.wake.wait(lock);
      continue;
    }
    // Lead: everything queued so far (this work among it, unless an earlier batch
    // left more than max_batch waiting) goes into one transaction.
    leading_ = true;
    std::deque<Pending*> batch;
    while (!queue_.empty() && batch.size() < max_batch_) {
      batch.push_back(queue_.front());
      queue_.pop_front();
    }
    lock.unlock();
    runBatch(batch);
    lock.lock();
    ++batches_;
    works_ += batch.size();
    leading_ = false;
    // Notified with the lock held: once `done` is set and the lock released, a
    // caller may return and destroy its Pending.
    for (Pending* p : batch) {
      p->done = true;
      if (p != &mine) p->wake.notify_one();
    }
    // The oldest queued caller (still waiting, so still alive) leads the next batch.
    if (!queue_.empty() && queue_.front() != &mine) queue_.front()->wake.notify_one();
  }
  return mine.result;
}

void GroupCommit::setBeforeBatch(std::function<void()> before) {
  before_batch_ = std::move(before);
}

void GroupCommit::runBatch(const std::deque<Pending*>& batch) {
  std::lock_guard db_lock(db_mutex_);
  if (before_batch_) before_batch_();
  // Every caller gets `error` unless its own work already failed with its own.
  auto failAll = [&](const Error& error) {
    for (Pending* p : batch) {
      if (p->result) p->result = error;
    }
  };
  // Each work's savepoint statements come from the connection's statement cache:
  // parsed once, not per work on the batch's serial path.
  auto cachedExec = [&](std::string_view sql) -> Result<void> {
    auto stmt = db_.prepare(sql);
    if (!stmt) return stmt.error();
    return stmt->run();
  };
  auto tx = steward::storage::Transaction::begin(db_);
  if (!tx) return failAll(tx.error());
  for (Pending* p : batch) {
    if (auto r = cachedExec("SAVEPOINT work"); !r) return failAll(r.error());  // ~tx rolls back
    try {
      p->result = (*p->work)(db_);
    } catch (const std::exception& e) {
      // The leader must finish the batch whatever a work does, or every caller
      // would wait forever; the thrower gets an Error like any failed work.
      p->result = makeError("storage", std::string("transaction work failed: ") + e.what());
    }
    if (!p->result) {
      // Undo this work alone; if even that fails the transaction is in an unknown
      // state, and none of it may be committed.
      if (auto r = cachedExec("ROLLBACK TO work"); !r) return failAll(r.error());
    }
    if (auto r = cachedExec("RELEASE work"); !r) return failAll(r.error());
  }
  if (auto r = tx->commit(); !r) {
    // A failed COMMIT (busy, I/O) can leave the transaction open: end it.
    (void)db_.exec("ROLLBACK");
    failAll(r.error());
  }
}

std::size_t GroupCommit::batches() const {
  std::lock_guard lock(queue_mutex_);
  return batches_;
}

std::size_t GroupCommit::works() const {
  std::lock_guard lock(queue_mutex_);
  return works_;
}

std::size_t GroupCommit::queued() const {
  std::lock_guard lock(queue_mutex_);
  return queue_.size();
}

}  // namespace steward::collector::storage
