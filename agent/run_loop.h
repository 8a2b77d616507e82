#pragma once

// The agent service's decisions, one step at a time: a full inventory at start, then
// a heartbeat every interval; a 409 "inventory_required" answer sends the inventory
// again; failures back off exponentially with jitter. tick() never sleeps: it does
// what is due and says how long to wait, so tests drive it with a FakeClock and main
// sleeps interruptibly between calls.

#include <chrono>
#include <functional>
#include <optional>
#include <string>

#include "agent/health/health_sampler.h"
#include "agent/inventory/collector.h"
#include "agent/transport/collector_client.h"
#include "shared/common/clock.h"

namespace steward::agent {

class RunLoop {
 public:
  struct Options {
    std::chrono::seconds heartbeat_interval{60};
    // First retry delay; doubles per consecutive failure up to heartbeat_interval.
    std::chrono::milliseconds initial_backoff{1000};
  };

  // `random01` returns a uniform value in [0, 1] for backoff jitter.
  RunLoop(InventoryCollector& collector, HealthSampler& health, CollectorClient& client,
          const Clock& clock, std::string agent_id, Options options,
          std::function<double()> random01);

  // Sends what is due now (at most one request) and returns how long to wait before
  // the next call. Calling early is harmless: nothing is sent before its time.
  std::chrono::milliseconds tick();

  std::uint64_t inventoriesDelivered() const { return inventories_delivered_; }
  std::uint64_t heartbeatsDelivered() const { return heartbeats_delivered_; }

 private:
  using Mono = Clock::MonoTime;
  std::chrono::milliseconds deliverInventory(Mono now);
  std::chrono::milliseconds deliverHeartbeat(Mono now);
  std::chrono::milliseconds retryLater(Mono now, const char* what, const Delivery& delivery);
  std::chrono::milliseconds scheduleNextHeartbeat(Mono now);

  InventoryCollector& collector_;
  HealthSampler& health_;
  CollectorClient& client_;
  const Clock& clock_;
  std::string agent_id_;
  Options options_;
  std::function<double()> random01_;

  bool inventory_needed_ = true;
  // Kept across retries so the collector sees the same report_id (idempotency key).
  std::optional<wire::InventoryReport> pending_inventory_;
  std::optional<Mono> next_heartbeat_;
  std::optional<Mono> not_before_;  // backoff: nothing is sent before this
  int consecutive_failures_ = 0;
  std::uint64_t inventories_delivered_ = 0;
  std::uint64_t heartbeats_delivered_ = 0;
};

}  // namespace steward::agent
