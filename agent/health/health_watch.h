#pragma once

// Between heartbeats the agent watches its cheap health signals (load, memory, swap,
// filesystem usage and inodes, read-only mounts) against the levels the collector
// pushed (shared/wire/report_reply.h, derived from its fault rules), so a fault
// reaches the collector in about one watch interval instead of one heartbeat interval.
//
// The watch remembers on which side of every level each signal was in the last
// heartbeat queued (what the collector saw), with the rules' hysteresis: a value is
// faulty at >= raise, fine at <= clear, and in between keeps its side. A heartbeat is
// due now when a signal changed side since, or when a fault reported `duration` ago is
// still there (the rule raises only on a second observation after its duration), but
// never sooner than `min_gap` after the previous heartbeat: no storms.
//
// Pure logic: the run loop samples, asks check() and, when it sends, calls reported().

#include <chrono>
#include <compare>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "agent/health/health_sampler.h"
#include "shared/common/clock.h"
#include "shared/wire/inventory.h"
#include "shared/wire/report_reply.h"

namespace steward::agent {

class HealthWatch {
 public:
  using Mono = Clock::MonoTime;
  // The collector times a rule's duration from its own receipt of the first faulty
  // heartbeat; the follow-up goes this much later so it arrives after the duration.
  static constexpr std::chrono::milliseconds kFollowUpMargin{500};

  // Replaces the levels. Levels that stay keep what the collector saw of them; new
  // ones take the side of the last heartbeat's values (the collector judged that
  // heartbeat with the rules these levels come from), or none before any heartbeat.
  void setLevels(const std::vector<wire::WatchLevel>& levels);
  const std::vector<wire::WatchLevel>& levels() const { return levels_; }
  // Which sources a watch sample must read; all false when there are no levels.
  WatchNeeds needs() const;

  // A heartbeat with `health` was queued at `now`. `cpus`: logical CPUs from the last
  // inventory (load_per_cpu divides by it, as the collector does), nullopt unknown.
  void reported(const wire::Health& health, std::optional<int> cpus, Mono now);

  // Why a heartbeat should go now for `health` sampled at `now` ("usage of /data is
  // 88.2 (raise at 80)"), or nullopt.
  std::optional<std::string> check(const wire::Health& health, std::optional<int> cpus, Mono now,
                                   std::chrono::milliseconds min_gap) const;

 private:
  struct Key {
    std::size_t level = 0;  // index into levels_
    std::string subject;    // mount point; "" for machine-wide signals
    auto operator<=>(const Key&) const = default;
  };
  struct Reading {
    double value = 0;  // percent, load per CPU, or 1/0 for read-only
    std::string what;  // for the log
  };
  std::map<Key, Reading> readings(const wire::Health& health, std::optional<int> cpus) const;
  // The side of a level (true: faulty) for `value`, given the side it was on.
  bool side(const wire::WatchLevel& level, double value, bool before) const;

  std::vector<wire::WatchLevel> levels_;
  std::map<Key, bool> reported_;   // side of every level in the last heartbeat
  std::map<Key, Mono> follow_up_;  // faults with a duration: a heartbeat due then
  std::optional<Mono> last_report_;
  std::optional<wire::Health> last_health_;  // of the last heartbeat
  std::optional<int> last_cpus_;
};

}  // namespace steward::agent
