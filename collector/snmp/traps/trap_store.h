#pragma once

// Trap events in the collector database (table trap_events, created by prepare()),
// with bounded retention: at most max_events rows and none older than max_age.
// Plain SQL through CollectorDb, parameterised only.

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "collector/snmp/traps/trap_event.h"
#include "collector/storage/collector_db.h"
#include "shared/common/clock.h"
#include "shared/common/result.h"

namespace steward::collector::snmp::traps {

struct TrapRetention {
  std::int64_t max_events = 100000;
  std::chrono::hours max_age{24 * 30};
};

class TrapStore {
 public:
  TrapStore(storage::CollectorDb& db, const Clock& clock, TrapRetention retention)
      : db_(db), clock_(clock), retention_(retention) {}

  // Creates the table and its indexes when missing.
  static Result<void> prepare(storage::CollectorDb& db);

  // Inserts one event (its event_id is unique: a repeat is ignored) and, every
  // kPruneEvery inserts, applies the retention bounds.
  Result<void> add(const TrapEvent& event);
  // Deletes rows beyond max_events (oldest first) and older than max_age.
  Result<void> prune();

  // Newest first, at most `limit`, varbinds decoded back.
  Result<std::vector<TrapEvent>> recent(std::int64_t limit);
  Result<std::int64_t> count();

  static constexpr int kPruneEvery = 100;

 private:
  storage::CollectorDb& db_;
  const Clock& clock_;
  TrapRetention retention_;
  int inserts_since_prune_ = 0;
};

// The varbinds as a JSON array of {"oid","type","value"}, and back.
std::string varbindsToJson(const std::vector<TrapVarbind>& varbinds);
std::vector<TrapVarbind> varbindsFromJson(const std::string& json);

}  // namespace steward::collector::snmp::traps
