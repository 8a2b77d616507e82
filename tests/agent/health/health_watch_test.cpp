#include "agent/health/health_watch.h"

#include <gtest/gtest.h>

namespace steward::agent {
namespace {

using namespace std::chrono_literals;
using Mono = HealthWatch::Mono;

wire::WatchLevel level(const std::string& signal, double raise, double clear,
                       std::int64_t duration_ms = 0) {
  return wire::WatchLevel{signal, raise, clear, duration_ms};
}

// /data at `percent` used (of 1000 usable bytes), writable unless `read_only`.
wire::Health disk(double percent, bool read_only = false) {
  wire::Health h;
  wire::FilesystemHealth f;
  f.mount_point = "/data";
  f.device = "/dev/sdz1";
  f.used_bytes = static_cast<std::uint64_t>(percent * 10);
  f.available_bytes = 1000 - f.used_bytes;
  f.size_bytes = 1000;
  f.read_only = read_only;
  h.filesystems.push_back(f);
  return h;
}

Mono at(std::chrono::milliseconds t) { return Mono{} + t; }

class HealthWatchTest : public ::testing::Test {
 protected:
  void SetUp() override { watch_.setLevels({level("filesystem_usage", 80, 60)}); }
  std::optional<std::string> check(const wire::Health& h, std::chrono::milliseconds t) {
    return watch_.check(h, std::nullopt, at(t), 1s);
  }
  HealthWatch watch_;
};

TEST_F(HealthWatchTest, CrossingTheRaiseLevelAsksForAHeartbeatOnce) {
  watch_.reported(disk(50), std::nullopt, at(0s));
  EXPECT_FALSE(check(disk(79), 5s)) << "below the raise level: the collector knows enough";
  const auto why = check(disk(88), 6s);
  ASSERT_TRUE(why);
  EXPECT_EQ(*why, "usage of /data is 88.0 (raise at 80.0)");
  watch_.reported(disk(88), std::nullopt, at(6s));
  EXPECT_FALSE(check(disk(90), 10s)) << "the collector already saw the fault";
}

TEST_F(HealthWatchTest, FallingToTheClearLevelAsksForAHeartbeat) {
  watch_.reported(disk(88), std::nullopt, at(0s));
  EXPECT_FALSE(check(disk(70), 5s)) << "inside the hysteresis band the fault stays";
  const auto why = check(disk(55), 6s);
  ASSERT_TRUE(why);
  EXPECT_EQ(*why, "usage of /data is 55.0 (clear at 60.0)");
}

TEST_F(HealthWatchTest, HysteresisKeepsAValueWobblingAroundOneLevelQuiet) {
  watch_.reported(disk(50), std::nullopt, at(0s));
  ASSERT_TRUE(check(disk(81), 2s));
  watch_.reported(disk(81), std::nullopt, at(2s));
  for (int i = 0; i < 20; ++i) {
    const double value = i % 2 ? 79 : 81;
    EXPECT_FALSE(check(disk(value), std::chrono::seconds(3 + i))) << value;
  }
}

TEST_F(HealthWatchTest, NothingReportedYetCountsAsFine) {
  EXPECT_FALSE(check(disk(70), 0s)) << "in the band, never faulty: nothing to say";
  EXPECT_TRUE(check(disk(85), 0s)) << "the collector has seen no fault yet";
}

TEST_F(HealthWatchTest, AtMostOneHeartbeatPerMinimumGap) {
  watch_.reported(disk(50), std::nullopt, at(10s));
  EXPECT_FALSE(check(disk(95), 10s));
  EXPECT_FALSE(check(disk(95), 10s + 999ms));
  EXPECT_TRUE(check(disk(95), 11s));
  EXPECT_FALSE(watch_.check(disk(95), std::nullopt, at(11s), 5s)) << "a longer gap holds it";
}

TEST_F(HealthWatchTest, AFaultWithADurationGetsAFollowUpOnceTheDurationIsOver) {
  watch_.setLevels({level("filesystem_usage", 80, 60, 5000)});
  watch_.reported(disk(50), std::nullopt, at(0s));
  ASSERT_TRUE(check(disk(88), 1s));
  watch_.reported(disk(88), std::nullopt, at(1s));
  EXPECT_FALSE(check(disk(88), 3s));
  EXPECT_FALSE(check(disk(88), 6s)) << "5 s + the margin are not over";
  const auto why = check(disk(88), 6s + HealthWatch::kFollowUpMargin);
  ASSERT_TRUE(why);
  EXPECT_EQ(*why, "usage of /data is still 88.0 after 5000 ms");
  watch_.reported(disk(88), std::nullopt, at(7s));
  EXPECT_FALSE(check(disk(88), 9s)) << "one follow-up per fault";
}

TEST_F(HealthWatchTest, NoFollowUpWhenTheValueLeftTheFaultyRange) {
  watch_.setLevels({level("filesystem_usage", 80, 60, 5000)});
  watch_.reported(disk(88), std::nullopt, at(0s));
  EXPECT_FALSE(check(disk(75), 10s)) << "in the band: the rule would not raise on it";
}

TEST_F(HealthWatchTest, NewLevelsFromAPushAreWatchedAndKeptLevelsKeepTheirState) {
  watch_.reported(disk(88), std::nullopt, at(0s));
  watch_.setLevels({level("filesystem_usage", 80, 60), level("filesystem_usage", 95, 90)});
  EXPECT_FALSE(check(disk(88), 5s)) << "the 80 % level was reported faulty already";
  EXPECT_EQ(check(disk(96), 5s).value_or(""), "usage of /data is 96.0 (raise at 95.0)");

  // A reload lowered the level; the heartbeat whose reply brought it (88 %) was judged
  // by it already, so staying there is no news, and falling below its clear level is.
  watch_.setLevels({level("filesystem_usage", 50, 40)});
  EXPECT_FALSE(check(disk(88), 5s));
  EXPECT_EQ(check(disk(30), 5s).value_or(""), "usage of /data is 30.0 (clear at 40.0)");
  watch_.setLevels({});
  EXPECT_FALSE(check(disk(99), 5s)) << "no levels: nothing to watch";
}

TEST_F(HealthWatchTest, LevelsBeforeAnyHeartbeatStartFromNothingSeen) {
  HealthWatch fresh;  // an agent restarted with saved levels
  fresh.setLevels({level("filesystem_usage", 80, 60)});
  EXPECT_EQ(fresh.check(disk(85), std::nullopt, at(0s), 1s).value_or(""),
            "usage of /data is 85.0 (raise at 80.0)");
}

TEST_F(HealthWatchTest, ReadOnlyFlipsBothWays) {
  watch_.setLevels({wire::WatchLevel{"filesystem_read_only", 0, 0, 0}});
  watch_.reported(disk(10), std::nullopt, at(0s));
  EXPECT_FALSE(check(disk(99), 2s)) << "usage is not watched here";
  EXPECT_EQ(check(disk(10, true), 2s).value_or(""), "/data is read-only");
  watch_.reported(disk(10, true), std::nullopt, at(2s));
  EXPECT_FALSE(check(disk(10, true), 4s));
  EXPECT_EQ(check(disk(10), 4s).value_or(""), "/data is writable again");
}

TEST_F(HealthWatchTest, LoadIsPerCpuAsTheCollectorComputesIt) {
  watch_.setLevels({level("load_per_cpu", 2, 1.5)});
  wire::Health h;
  h.load5 = 6;
  watch_.reported(wire::Health{}, 4, at(0s));
  EXPECT_FALSE(watch_.check(h, 4, at(2s), 1s)) << "6 over 4 CPUs is 1.5";
  EXPECT_EQ(watch_.check(h, 2, at(2s), 1s).value_or(""), "load5 per CPU is 3.0 (raise at 2.0)");
  EXPECT_TRUE(watch_.check(h, std::nullopt, at(2s), 1s)) << "CPUs unknown: load5 alone";
}

TEST_F(HealthWatchTest, MemoryAndSwapUsage) {
  watch_.setLevels({level("memory_usage", 90, 80), level("swap_usage", 50, 25)});
  wire::Health h;
  h.memory_total_bytes = 1000;
  h.memory_available_bytes = 50;
  h.swap_total_bytes = 0;  // no swap: nothing to fill
  h.swap_free_bytes = 0;
  EXPECT_EQ(watch_.check(h, std::nullopt, at(0s), 1s).value_or(""),
            "memory usage is 95.0 (raise at 90.0)");
  h.memory_available_bytes = 500;
  h.swap_total_bytes = 1000;
  h.swap_free_bytes = 100;
  EXPECT_EQ(watch_.check(h, std::nullopt, at(0s), 1s).value_or(""),
            "swap usage is 90.0 (raise at 50.0)");
}

TEST_F(HealthWatchTest, NeedsOnlyWhatTheLevelsWatch) {
  WatchNeeds needs = watch_.needs();
  EXPECT_TRUE(needs.filesystems);
  EXPECT_FALSE(needs.memory);
  EXPECT_FALSE(needs.load);
  watch_.setLevels({level("swap_usage", 50, 25), level("load_per_cpu", 2, 1)});
  needs = watch_.needs();
  EXPECT_FALSE(needs.filesystems);
  EXPECT_TRUE(needs.memory);
  EXPECT_TRUE(needs.load);
  watch_.setLevels({});
  needs = watch_.needs();
  EXPECT_FALSE(needs.filesystems || needs.memory || needs.load);
}

}  // namespace
}  // namespace steward::agent
