#pragma once

// The agent service's decisions, one step at a time. Every report goes through the
// offline spool (agent/spool/spool.h) and leaves it only when the collector has
// acknowledged it:
//  - inventory: collected at start and every inventory interval; queued in full at
//    start and whenever a section hash changed (agent/inventory/section_hashes.h);
//  - heartbeat: every heartbeat interval, with health and the current section hashes;
//  - watch: every watch interval the cheap health signals are compared with the levels
//    the collector pushed (agent/health/health_watch.h); a crossing queues a heartbeat
//    at once (at most one per watch interval) and restarts the heartbeat interval;
//  - delivery: oldest first; 409 "inventory_required" queues a fresh inventory (unless
//    one is already waiting); failures back off exponentially with jitter while new
//    reports keep queuing;
//  - settings pushed in the collector's replies apply at once and are saved
//    (agent/collector_settings.h).
// tick() never sleeps: it does what is due and says how long to wait, so tests drive
// it with a FakeClock and main sleeps interruptibly between calls.

#include <chrono>
#include <functional>
#include <optional>
#include <string>

#include "agent/collector_settings.h"
#include "agent/health/health_sampler.h"
#include "agent/health/health_watch.h"
#include "agent/inventory/section_hashes.h"
#include "agent/inventory/switchable_collector.h"
#include "agent/spool/spool.h"
#include "agent/transport/collector_client.h"
#include "shared/common/clock.h"

namespace steward::agent {

class RunLoop {
 public:
  struct Options {
    RunSettings local;  // from agent.conf; the collector's pushed settings go over it
    // First retry delay; doubles per consecutive failure up to the heartbeat interval.
    std::chrono::milliseconds initial_backoff{1000};
    // Where pushed settings are saved and read back at start; "" keeps them in memory.
    std::string state_dir;
  };

  // `random01` returns a uniform value in [0, 1] for backoff jitter.
  RunLoop(SwitchableCollector& collector, HealthSampler& health, CollectorClient& client,
          Spool& spool, const Clock& clock, std::string agent_id, Options options,
          std::function<double()> random01);

  // Queues what is due, delivers what the spool holds (a bounded batch) and returns
  // how long to wait before the next call. Calling early is harmless.
  std::chrono::milliseconds tick();

  std::uint64_t inventoriesDelivered() const { return inventories_delivered_; }
  std::uint64_t heartbeatsDelivered() const { return heartbeats_delivered_; }
  // Heartbeats queued early because a watched signal crossed a level.
  std::uint64_t watchHeartbeats() const { return watch_heartbeats_; }
  const RunSettings& settings() const { return settings_; }

 private:
  using Mono = Clock::MonoTime;
  void checkInventory(Mono now, bool force);
  void queueHeartbeat(Mono now);
  bool watching() const;
  void watch(Mono now);
  void deliver(Mono now);
  void retryLater(Mono now, const SpoolItem& item, const Delivery& delivery);
  void applyReply(Mono now, const std::string& body);
  void applySettings(Mono now, const RunSettings& next);

  SwitchableCollector& collector_;
  HealthSampler& health_;
  CollectorClient& client_;
  Spool& spool_;
  const Clock& clock_;
  std::string agent_id_;
  Options options_;
  std::function<double()> random01_;

  RunSettings settings_;                      // effective: local + pushed
  std::optional<wire::AgentSettings> pushed_;  // last settings the collector sent
  std::string last_problems_;                  // so a bad pushed value is logged once
  SectionHashes hashes_;                       // of the last inventory collected
  std::optional<int> cpu_threads_;             // from the last inventory, for load_per_cpu
  HealthWatch watch_;
  bool started_ = false;
  Mono next_heartbeat_{};
  Mono next_inventory_check_{};
  Mono next_watch_{};
  std::optional<Mono> not_before_;  // backoff: nothing is sent before this
  bool backlog_ = false;            // the spool still holds items after this tick
  // False once the spool was seen empty and nothing was queued since: a watch tick
  // then costs no spool query.
  bool maybe_queued_ = true;
  int consecutive_failures_ = 0;
  std::uint64_t inventories_delivered_ = 0;
  std::uint64_t heartbeats_delivered_ = 0;
  std::uint64_t watch_heartbeats_ = 0;
};

}  // namespace steward::agent
