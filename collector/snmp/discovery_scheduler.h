#pragma once

// Runs each configured range's sweep at its interval on one background thread
// (first sweep right after start). Sweeps of different ranges run one after another.

#include <condition_variable>
#include <mutex>
#include <thread>

#include "collector/snmp/range_sweeper.h"

namespace steward::collector::snmp {

class DiscoveryScheduler {
 public:
  DiscoveryScheduler(RangeSweeper& sweeper, const SnmpConfig& config, const Clock& clock)
      : sweeper_(sweeper), config_(config), clock_(clock) {}
  ~DiscoveryScheduler() { stop(); }
  DiscoveryScheduler(const DiscoveryScheduler&) = delete;
  DiscoveryScheduler& operator=(const DiscoveryScheduler&) = delete;

  void start();
  // Waits for a sweep in progress to finish (bounded by the ranges' timeouts).
  void stop();

 private:
  void loop();

  RangeSweeper& sweeper_;
  const SnmpConfig& config_;
  const Clock& clock_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace steward::collector::snmp
