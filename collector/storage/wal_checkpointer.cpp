#include "collector/storage/wal_checkpointer.h"

#include "shared/common/log.h"

namespace steward::collector::storage {

Result<std::unique_ptr<WalCheckpointer>> WalCheckpointer::start(
    steward::storage::SqliteDb& writer, const std::string& path, int threshold_pages) {
  auto own = steward::storage::SqliteDb::open(path);
  if (!own) return own.error();
  // The database file is fsynced after each checkpoint, as the writer's would be.
  if (auto r = (*own)->exec("PRAGMA synchronous=FULL"); !r) return r.error();
  return std::unique_ptr<WalCheckpointer>(
      new WalCheckpointer(writer, std::move(*own), threshold_pages));
}

WalCheckpointer::WalCheckpointer(steward::storage::SqliteDb& writer,
                                 std::unique_ptr<steward::storage::SqliteDb> own,
                                 int threshold_pages)
    : writer_(writer), own_(std::move(own)), threshold_pages_(threshold_pages) {
  thread_ = std::thread([this] { run(); });
  writer_.setWalCommitHook([this](int pages) {
    if (pages < threshold_pages_) return;
    {
      std::lock_guard lock(mutex_);
      due_ = true;
    }
    wake_.notify_one();
  });
}

WalCheckpointer::~WalCheckpointer() {
  writer_.setWalCommitHook(nullptr);
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  thread_.join();
}

void WalCheckpointer::finish() {
  if (!finish_due_.exchange(false)) return;
  if (auto r = writer_.checkpointPassive(); !r) {
    logger("collector.storage").warning("WAL checkpoint failed: %s", r.error().message);
  }
}

void WalCheckpointer::run() {
  std::unique_lock lock(mutex_);
  while (true) {
    wake_.wait(lock, [this] { return due_ || stopping_; });
    if (stopping_) return;
    due_ = false;
    lock.unlock();
    if (auto r = own_->checkpointPassive(); !r) {
      // The log keeps growing until a later checkpoint succeeds; nothing is lost.
      logger("collector.storage").warning("WAL checkpoint failed: %s", r.error().message);
    } else {
      finish_due_ = true;
    }
    ++checkpoints_;
    lock.lock();
  }
}

}  // namespace steward::collector::storage
