#pragma once

// The only way code reads time. Production code gets SystemClock from main();
// tests get FakeClock (tests/support/fake_clock.h) and advance it by hand.

#include <chrono>
#include <string>

#include "shared/common/result.h"

namespace steward {

class Clock {
 public:
  using WallTime = std::chrono::system_clock::time_point;
  using MonoTime = std::chrono::steady_clock::time_point;

  virtual ~Clock() = default;
  // Wall-clock time in UTC, for timestamps that go on the wire or to disk.
  virtual WallTime now() const = 0;
  // Monotonic time, for durations and deadlines.
  virtual MonoTime monotonic() const = 0;
};

class SystemClock final : public Clock {
 public:
  WallTime now() const override { return std::chrono::system_clock::now(); }
  MonoTime monotonic() const override { return std::chrono::steady_clock::now(); }
};

// RFC 3339 in UTC with millisecond precision: "2026-11-25T16:33:24.123Z".
std::string formatRfc3339(Clock::WallTime t);
// Accepts what formatRfc3339 writes, with or without fractional seconds.
Result<Clock::WallTime> parseRfc3339(const std::string& text);

}  // namespace steward
