#pragma once

// Fixed-window rate limit per source address (enrollment attempts): at most
// `limit` attempts per `window`; the next attempt is allowed when the window that
// started with the first attempt ends. Thread-safe; remembers at most kMaxSources
// addresses (expired windows are forgotten first).

#include <chrono>
#include <map>
#include <mutex>
#include <string>

#include "shared/common/clock.h"

namespace steward::collector::enroll {

class RateLimiter {
 public:
  RateLimiter(const Clock& clock, int limit, std::chrono::seconds window)
      : clock_(clock), limit_(limit), window_(window) {}

  // Counts an attempt from `source`. Returns 0 s when allowed, otherwise how long
  // until the source may try again (at least 1 s).
  std::chrono::seconds attempt(const std::string& source);

 private:
  static constexpr std::size_t kMaxSources = 10000;
  struct Window {
    Clock::MonoTime started;
    int count = 0;
  };
  const Clock& clock_;
  int limit_;
  std::chrono::seconds window_;
  std::mutex mutex_;
  std::map<std::string, Window> windows_;
};

}  // namespace steward::collector::enroll
