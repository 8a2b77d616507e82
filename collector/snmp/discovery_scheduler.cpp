#include "collector/snmp/discovery_scheduler.h"

#include <algorithm>
#include <vector>

#include "shared/common/log.h"

namespace steward::collector::snmp {

void DiscoveryScheduler::start() {
  if (config_.ranges.empty() || thread_.joinable()) return;
  thread_ = std::thread([this] { loop(); });
}

void DiscoveryScheduler::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void DiscoveryScheduler::loop() {
  std::vector<Clock::MonoTime> due(config_.ranges.size(), clock_.monotonic());
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    for (std::size_t i = 0; i < config_.ranges.size(); ++i) {
      if (due[i] > clock_.monotonic()) continue;
      lock.unlock();
      auto summary = sweeper_.sweep(config_.ranges[i]);
      if (!summary) {
        logger("collector.snmp")
            .error("[range=%s] sweep failed: %s", config_.ranges[i].name, summary.error().message);
      }
      lock.lock();
      due[i] = clock_.monotonic() + config_.ranges[i].interval;
      if (stopping_) return;
    }
    const auto next = *std::min_element(due.begin(), due.end());
    const auto wait = next - clock_.monotonic();
    if (wait > Clock::MonoTime::duration::zero()) wake_.wait_for(lock, wait);
  }
}

}  // namespace steward::collector::snmp
