#pragma once

// The agent's offline spool: every report goes through a bounded on-disk queue
// (SQLite, <state_dir>/spool.db, mode 0600) and leaves it only when the collector has
// acknowledged it, so reports survive agent restarts and collector outages.
//  - Oldest first: front() is the item queued earliest; its sequence number (SQLite
//    AUTOINCREMENT, never reused) travels with it so the collector sees the order.
//  - Heartbeats collapse: queuing one removes the heartbeats still waiting, since
//    only the latest state matters. That is not counted as dropping.
//  - Bounded by items and bytes: when a push goes over, the oldest items go, and each
//    one is counted. The count waits in the spool until front() attaches it to the
//    next item to deliver, so a retried item reports the same count and a lost one
//    gives it back: the collector learns the exact number once.
//  - A file that is not a usable spool (garbage, truncated, another schema) is
//    renamed aside as <path>.corrupt-<UTC time> with an error in the log and a fresh
//    spool takes its place; when even that is impossible (state directory read-only)
//    the spool lives in memory for this run. Opening never fails, so a damaged file
//    can never put the service into a crash loop.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "shared/common/clock.h"
#include "shared/common/result.h"
#include "shared/storage/sqlite_db.h"

namespace steward::agent {

enum class SpoolKind { Inventory, Heartbeat };

struct SpoolItem {
  std::int64_t sequence = 0;  // increasing in queue order, per spool
  SpoolKind kind = SpoolKind::Heartbeat;
  std::string key;            // report_id or heartbeat_id: the collector's idempotency key
  std::string body;           // the encoded report, as queued
  std::uint64_t dropped = 0;  // items dropped before this one, reported with it
};

struct SpoolLimits {
  std::uint64_t max_items = 1000;
  std::uint64_t max_bytes = 16 * 1024 * 1024;
};

struct SpoolStats {
  std::uint64_t items = 0;
  std::uint64_t inventories = 0;
  std::uint64_t heartbeats = 0;
  std::uint64_t bytes = 0;
  std::uint64_t dropped_total = 0;       // dropped by the bound since the spool was made
  std::uint64_t dropped_unreported = 0;  // of those, not yet acknowledged by the collector
};

class Spool {
 public:
  static constexpr const char* kFileName = "spool.db";

  // Opens or creates the spool at `path` (":memory:" for an in-memory one). Never
  // fails; see the header comment for what happens to a damaged file.
  static std::unique_ptr<Spool> open(const std::string& path, SpoolLimits limits,
                                     const Clock& clock);

  // Reads the figures of an existing spool without creating or repairing anything
  // (for `steward-agent status`). Errors: "not_found", "corrupt", "storage".
  static Result<SpoolStats> inspect(const std::string& path);

  // Queues an item at the back and returns its sequence number. A key already queued
  // changes nothing and returns that item's number. Error "too_large" when the item
  // alone exceeds max_bytes (it is counted as dropped); storage errors otherwise.
  Result<std::int64_t> push(SpoolKind kind, const std::string& key, const std::string& body);
  // The oldest item, if any, with the unreported drop count attached to it.
  Result<std::optional<SpoolItem>> front();
  // The collector acknowledged the item: it is gone, and so is its drop count.
  Result<void> remove(std::int64_t sequence);
  // The item will not be delivered (the collector refused it): it is gone, and its
  // drop count waits for the next item.
  Result<void> discard(std::int64_t sequence);
  Result<SpoolStats> stats();
  Result<bool> holdsInventory();

  bool inMemory() const { return path_ == ":memory:"; }
  const std::string& path() const { return path_; }

 private:
  Spool(std::unique_ptr<storage::SqliteDb> db, std::string path, SpoolLimits limits,
        const Clock& clock)
      : db_(std::move(db)), path_(std::move(path)), limits_(limits), clock_(clock) {}

  // Runs `op`; a "corrupt" error sets the file aside, opens a fresh spool and runs
  // `op` once more on it.
  template <typename T, typename Op>
  Result<T> guarded(Op op);
  void replaceCorrupt(const std::string& why);

  std::unique_ptr<storage::SqliteDb> db_;
  std::string path_;
  SpoolLimits limits_;
  const Clock& clock_;
};

}  // namespace steward::agent
