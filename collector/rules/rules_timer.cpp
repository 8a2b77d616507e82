#include "collector/rules/rules_timer.h"

namespace steward::collector::rules {

void RulesTimer::start() {
  std::lock_guard lock(mutex_);
  if (thread_.joinable()) return;
  stop_ = false;
  thread_ = std::thread([this] {
    std::unique_lock held(mutex_);
    while (!stop_) {
      held.unlock();
      (void)engine_.tick();  // failures are logged by the engine and retried next tick
      held.lock();
      cv_.wait_for(held, period_, [this] { return stop_; });
    }
  });
}

void RulesTimer::stop() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  cv_.notify_one();
  if (thread_.joinable()) thread_.join();
}

}  // namespace steward::collector::rules
