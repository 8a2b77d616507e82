#pragma once

// One fault condition the collector tracks: (asset, rule, subject) and where it is
// in its life cycle. Times are Unix milliseconds (wall clock) so they survive restarts.

#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

namespace steward::collector::rules {

struct ConditionKey {
  std::string asset_id;
  std::string rule_id;
  std::string subject;  // mount point, unit, device, port; "" for the whole asset
  friend auto operator<=>(const ConditionKey&, const ConditionKey&) = default;
};

struct Condition {
  ConditionKey key;
  bool active = false;         // the fault is present (past its duration)
  bool incident_open = false;  // the server holds an open incident we raised for it
  std::optional<std::int64_t> pending_since_ms;  // fault seen, its duration not yet over
  std::int64_t last_sent_ms = 0;                 // last event sent (repeat rate limit)
  std::int64_t last_fault_ms = 0;                // last observation of the fault
  std::optional<std::int64_t> cleared_at_ms;     // last clear sent (reopen window)
  std::vector<std::int64_t> changes_ms;          // active<->inactive changes in the flap window
  bool flapping = false;
  std::string linked_to;        // uplink asset whose incident this one is attached to
  std::string evidence = "{}";  // latest evidence (JSON object text)
  std::string title;            // latest rendered title
  friend bool operator==(const Condition&, const Condition&) = default;
};

// A condition with nothing observed yet.
inline Condition freshCondition(const ConditionKey& key) {
  Condition c;
  c.key = key;
  return c;
}

}  // namespace steward::collector::rules
