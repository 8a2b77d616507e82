#pragma once

// What a collector's fault rules send the server about one fault condition. The
// server keeps one open incident per (asset_id, rule_id, subject) and applies each
// event once (event_id is the idempotency key).

#include <optional>
#include <string>
#include <string_view>

#include "shared/common/result.h"
#include "shared/wire/inventory.h"

namespace steward::wire {

struct IncidentEvent {
  SchemaVersion schema;
  std::string event_id;         // unique per event (idempotency key on the server)
  std::string collector_id;     // the collector whose rule fired
  std::string kind;             // "raise", "repeat", "clear" or "reopen"
  std::string asset_id;         // UUID of the asset the fault is on
  std::string rule_id;          // e.g. "disk_usage"
  std::string subject;          // what on the asset: mount point, port, unit; may be ""
  std::string title;            // one line for people
  std::string description;      // free text with the evidence in words
  int urgency = 3;              // 1 high .. 3 low, from the rule
  std::string evidence = "{}";  // a JSON object (metric values, thresholds, varbinds), as text
  std::string occurred_at;      // RFC 3339 UTC
  bool flapping = false;        // the rule damped a flapping condition
  friend bool operator==(const IncidentEvent&, const IncidentEvent&) = default;
};

// True for the four kinds above.
bool isIncidentEventKind(std::string_view kind);

std::string encodeIncidentEvent(const IncidentEvent& event);
// Strict like every decoder (located errors); additionally: kind must be one of the
// four, urgency 1..3, evidence a JSON object, occurred_at RFC 3339, event_id,
// asset_id and rule_id non-empty, and title non-empty for raise/reopen.
Result<IncidentEvent> decodeIncidentEvent(std::string_view json);

}  // namespace steward::wire
