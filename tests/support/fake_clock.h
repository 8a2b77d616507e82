#pragma once

#include <chrono>

#include "shared/common/clock.h"

namespace steward::testing {

// A clock that moves only when the test says so.
class FakeClock final : public Clock {
 public:
  explicit FakeClock(WallTime start = WallTime{std::chrono::seconds(1'790'000'000)})
      : wall_(start) {}
  WallTime now() const override { return wall_; }
  MonoTime monotonic() const override { return mono_; }
  void advance(std::chrono::milliseconds by) {
    wall_ += by;
    mono_ += by;
  }

 private:
  WallTime wall_;
  MonoTime mono_{};
};

}  // namespace steward::testing
