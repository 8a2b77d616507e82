#include "collector/enroll/rate_limiter.h"

namespace steward::collector::enroll {

std::chrono::seconds RateLimiter::attempt(const std::string& source) {
  const auto now = clock_.monotonic();
  std::lock_guard lock(mutex_);
  if (windows_.size() >= kMaxSources) {
    std::erase_if(windows_,
                  [&](const auto& entry) { return now - entry.second.started >= window_; });
    // Still full: every source is busy; start over rather than grow without bound.
    if (windows_.size() >= kMaxSources) windows_.clear();
  }
  auto& w = windows_[source];
  if (w.count == 0 || now - w.started >= window_) w = Window{now, 0};
  if (w.count >= limit_) {
    const auto left = std::chrono::ceil<std::chrono::seconds>(w.started + window_ - now);
    return std::max(left, std::chrono::seconds(1));
  }
  ++w.count;
  return std::chrono::seconds(0);
}

}  // namespace steward::collector::enroll
