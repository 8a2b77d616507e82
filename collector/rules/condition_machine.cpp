#include "collector/rules/condition_machine.h"

#include <algorithm>

namespace steward::collector::rules {

Timing timingFor(const Rule& rule, const Settings& settings) {
  Timing t;
  t.duration_ms = rule.duration.count();
  t.repeat_ms = settings.repeat_interval.count();
  t.reopen_ms = settings.reopen_window.count();
  t.flap_window_ms = settings.flap_window.count();
  t.flap_changes = settings.flap_changes;
  return t;
}

namespace {

void prune(Condition& c, const Timing& t, std::int64_t now) {
  auto& ch = c.changes_ms;
  ch.erase(std::remove_if(ch.begin(), ch.end(),
                          [&](std::int64_t at) { return now - at > t.flap_window_ms; }),
           ch.end());
}

bool flappingNow(const Condition& c, const Timing& t) {
  return static_cast<int>(c.changes_ms.size()) >= t.flap_changes;
}

Step sent(Condition& c, std::string kind, std::int64_t now) {
  c.last_sent_ms = now;
  return Step{std::move(kind), true};
}

}  // namespace

Step advance(Condition& c, Signal signal, const Timing& t, std::int64_t now, bool suppressed) {
  const Condition before = c;
  prune(c, t, now);
  Step step;
  if (signal == Signal::Fault) {
    c.last_fault_ms = now;
    if (!c.active) {
      if (!c.pending_since_ms) c.pending_since_ms = now;
      if (now - *c.pending_since_ms < t.duration_ms || suppressed) {
        step.changed = !(c == before);
        return step;
      }
      c.active = true;
      c.pending_since_ms.reset();
      c.changes_ms.push_back(now);
      if (flappingNow(c, t)) c.flapping = true;
      if (c.incident_open) {
        // Its clear was held (flapping): the same incident counts one more occurrence.
        if (now - c.last_sent_ms >= t.repeat_ms) return sent(c, "repeat", now);
        return Step{std::nullopt, true};
      }
      c.incident_open = true;
      if (c.cleared_at_ms && now - *c.cleared_at_ms <= t.reopen_ms) return sent(c, "reopen", now);
      return sent(c, "raise", now);
    }
    if (c.incident_open && now - c.last_sent_ms >= t.repeat_ms) return sent(c, "repeat", now);
    step.changed = !(c == before);
    return step;
  }

  if (signal == Signal::Hold && c.active) {
    if (c.incident_open && now - c.last_sent_ms >= t.repeat_ms) return sent(c, "repeat", now);
    step.changed = !(c == before);
    return step;
  }

  // Ok, or Hold while not active (below the raise level: a pending fault starts over).
  c.pending_since_ms.reset();
  if (c.active) {
    c.active = false;
    c.changes_ms.push_back(now);
    if (!c.incident_open) {  // attached to another incident, or raised nothing
      return Step{std::nullopt, true};
    }
    if (flappingNow(c, t) || c.flapping) {
      const bool newly = !c.flapping;
      c.flapping = true;
      // Hold the clear; the first time, tell the server the incident is flapping.
      if (newly) return sent(c, "repeat", now);
      return Step{std::nullopt, true};
    }
    c.incident_open = false;
    c.cleared_at_ms = now;
    return sent(c, "clear", now);
  }
  if (signal == Signal::Ok && c.incident_open && c.flapping &&
      (c.changes_ms.empty() || now - c.changes_ms.back() >= t.flap_window_ms)) {
    // Stable for a whole flap window: release the held clear.
    c.incident_open = false;
    c.flapping = false;
    c.changes_ms.clear();
    c.cleared_at_ms = now;
    return sent(c, "clear", now);
  }
  step.changed = !(c == before);
  return step;
}

bool isIdle(const Condition& c, const Timing& t, std::int64_t now) {
  if (c.active || c.incident_open || c.pending_since_ms || !c.linked_to.empty()) return false;
  if (c.cleared_at_ms && now - *c.cleared_at_ms <= t.reopen_ms) return false;
  for (std::int64_t at : c.changes_ms) {
    if (now - at <= t.flap_window_ms) return false;
  }
  return true;
}

}  // namespace steward::collector::rules
