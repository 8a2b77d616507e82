#pragma once

// The life cycle of one condition, as a pure function of what was observed and when:
//   ok --fault (for `duration`)--> active: send "raise" ("reopen" within the reopen
//   window of the last clear) --still faulty--> "repeat" at most every repeat_interval
//   --ok--> "clear". A condition changing state flap_changes times within flap_window
//   is flapping: its clear is held (the incident stays open, marked flapping) until it
//   has been stable for a whole flap_window, so it yields one incident, not many.

#include <cstdint>
#include <optional>
#include <string>

#include "collector/rules/condition.h"
#include "collector/rules/rule_set.h"

namespace steward::collector::rules {

enum class Signal {
  Fault,  // at or above the raise level (or a boolean fault)
  Hold,   // inside the hysteresis band: an active condition stays, a pending one resets
  Ok,     // at or below the clear level, or the subject is gone
};

struct Timing {
  std::int64_t duration_ms = 0;
  std::int64_t repeat_ms = 0;
  std::int64_t reopen_ms = 0;
  std::int64_t flap_window_ms = 0;
  int flap_changes = 4;
};

Timing timingFor(const Rule& rule, const Settings& settings);

// "raise", "repeat", "clear", "reopen" or nothing; `flapping` goes on the event.
struct Step {
  std::optional<std::string> kind;
  bool changed = false;  // the condition must be stored again
};

// Advances `c` by one observation at `now_ms`. `suppressed` (a maintenance window)
// keeps a new fault pending instead of raising it; it raises when the window ends
// and the fault is still there.
Step advance(Condition& c, Signal signal, const Timing& timing, std::int64_t now_ms,
             bool suppressed);

// True when the condition holds nothing worth keeping (no fault, no incident, no
// history that matters for reopen or flapping at `now_ms`).
bool isIdle(const Condition& c, const Timing& timing, std::int64_t now_ms);

}  // namespace steward::collector::rules
