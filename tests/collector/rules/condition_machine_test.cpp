#include "collector/rules/condition_machine.h"

#include <gtest/gtest.h>

namespace steward::collector::rules {
namespace {

constexpr std::int64_t kSec = 1000;

Timing timing() {
  Timing t;
  t.duration_ms = 60 * kSec;
  t.repeat_ms = 300 * kSec;
  t.reopen_ms = 600 * kSec;
  t.flap_window_ms = 900 * kSec;
  t.flap_changes = 4;
  return t;
}

std::string kindOf(const Step& s) { return s.kind.value_or("-"); }

TEST(ConditionMachineTest, RaisesOnlyAfterTheDuration) {
  Condition c;
  EXPECT_EQ(kindOf(advance(c, Signal::Fault, timing(), 0, false)), "-");
  EXPECT_EQ(kindOf(advance(c, Signal::Fault, timing(), 59 * kSec, false)), "-");
  EXPECT_EQ(kindOf(advance(c, Signal::Fault, timing(), 60 * kSec, false)), "raise");
  EXPECT_TRUE(c.active);
  EXPECT_TRUE(c.incident_open);
}

TEST(ConditionMachineTest, ADipBelowTheRaiseLevelRestartsTheDuration) {
  Condition c;
  advance(c, Signal::Fault, timing(), 0, false);
  advance(c, Signal::Hold, timing(), 30 * kSec, false);
  EXPECT_EQ(kindOf(advance(c, Signal::Fault, timing(), 60 * kSec, false)), "-");
  EXPECT_EQ(kindOf(advance(c, Signal::Fault, timing(), 120 * kSec, false)), "raise");
}

TEST(ConditionMachineTest, HysteresisHoldsAnActiveConditionUntilTheClearLevel) {
  Timing t = timing();
  t.duration_ms = 0;
  Condition c;
  EXPECT_EQ(kindOf(advance(c, Signal::Fault, t, 0, false)), "raise");
  EXPECT_EQ(kindOf(advance(c, Signal::Hold, t, 10 * kSec, false)), "-");
  EXPECT_TRUE(c.active);
  EXPECT_EQ(kindOf(advance(c, Signal::Ok, t, 20 * kSec, false)), "clear");
  EXPECT_FALSE(c.incident_open);
}

TEST(ConditionMachineTest, RepeatsAreRateLimited) {
  Timing t = timing();
  t.duration_ms = 0;
  Condition c;
  advance(c, Signal::Fault, t, 0, false);
  int repeats = 0;
  for (std::int64_t s = 1; s <= 900; ++s) {
    repeats += kindOf(advance(c, Signal::Fault, t, s * kSec, false)) == "repeat";
  }
  EXPECT_EQ(repeats, 3);  // at 300, 600 and 900 s
}

TEST(ConditionMachineTest, AFaultBackWithinTheWindowReopensAfterItRaisesAnew) {
  Timing t = timing();
  t.duration_ms = 0;
  t.flap_changes = 10;
  Condition c;
  advance(c, Signal::Fault, t, 0, false);
  advance(c, Signal::Ok, t, 10 * kSec, false);
  EXPECT_EQ(kindOf(advance(c, Signal::Fault, t, 100 * kSec, false)), "reopen");
  advance(c, Signal::Ok, t, 200 * kSec, false);
  EXPECT_EQ(kindOf(advance(c, Signal::Fault, t, 2000 * kSec, false)), "raise");
}

TEST(ConditionMachineTest, FlappingHoldsTheClearUntilStable) {
  Timing t = timing();
  t.duration_ms = 0;
  t.repeat_ms = 0;
  Condition c;
  std::vector<std::string> kinds;
  std::int64_t now = 0;
  for (int i = 0; i < 4; ++i) {
    kinds.push_back(kindOf(advance(c, Signal::Fault, t, now += 10 * kSec, false)));
    kinds.push_back(kindOf(advance(c, Signal::Ok, t, now += 10 * kSec, false)));
  }
  EXPECT_EQ(kinds, (std::vector<std::string>{"raise", "clear", "reopen", "repeat", "repeat", "-",
                                             "repeat", "-"}));
  EXPECT_TRUE(c.flapping);
  EXPECT_TRUE(c.incident_open);
  // Stable, but not for a whole flap window yet.
  EXPECT_EQ(kindOf(advance(c, Signal::Ok, t, now + 600 * kSec, false)), "-");
  EXPECT_EQ(kindOf(advance(c, Signal::Ok, t, now + 900 * kSec, false)), "clear");
  EXPECT_FALSE(c.flapping);
  EXPECT_FALSE(c.incident_open);
}

TEST(ConditionMachineTest, MaintenanceKeepsAFaultPendingAndRaisesWhenItEnds) {
  Timing t = timing();
  t.duration_ms = 0;
  Condition c;
  EXPECT_EQ(kindOf(advance(c, Signal::Fault, t, 0, true)), "-");
  EXPECT_EQ(kindOf(advance(c, Signal::Fault, t, 100 * kSec, true)), "-");
  EXPECT_FALSE(c.active);
  EXPECT_EQ(kindOf(advance(c, Signal::Fault, t, 200 * kSec, false)), "raise");
}

TEST(ConditionMachineTest, IdleOnlyWhenNothingIsLeftToRemember) {
  Timing t = timing();
  t.duration_ms = 0;
  Condition c;
  advance(c, Signal::Fault, t, 0, false);
  EXPECT_FALSE(isIdle(c, t, 0));
  advance(c, Signal::Ok, t, kSec, false);
  EXPECT_FALSE(isIdle(c, t, 2 * kSec));  // a return now would reopen
  EXPECT_TRUE(isIdle(c, t, 2000 * kSec));
}

}  // namespace
}  // namespace steward::collector::rules
