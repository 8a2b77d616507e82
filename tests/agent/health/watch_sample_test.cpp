// LinuxHealthSampler::watchSample, what the agent reads every watch interval: only
// the sources asked for, the mounts of the last full sample (no /proc/mounts parse),
// and a read-only remount seen through statvfs.

#include <gtest/gtest.h>

#include "agent/health/linux/linux_health_sampler.h"
#include "tests/agent/fake_fs_root.h"
#include "tests/support/temp_dir.h"

namespace steward::agent {
namespace {

class WatchSampleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_.write("proc/loadavg", "1.50 0.75 0.25 2/300 999\n");
    dir_.write("proc/meminfo", "MemTotal:        8000000 kB\nMemAvailable:    3000000 kB\n");
    dir_.write("proc/mounts", "/dev/sda2 / ext4 rw,relatime 0 0\n");
    fs_.setStats("/", FsStats{100'000, 40'000, 35'000, 6'400, 1'200});
  }
  steward::testing::TempDir dir_;
  testing::FakeFsRoot fs_{dir_.path()};
  LinuxHealthSampler sampler_{fs_};
};

TEST_F(WatchSampleTest, ReadsOnlyWhatIsAskedFor) {
  auto sample = sampler_.watchSample(WatchNeeds{false, true, false});
  ASSERT_TRUE(sample.health);
  EXPECT_EQ(sample.health->load5, 0.75);
  EXPECT_FALSE(sample.health->memory_total_bytes);
  EXPECT_TRUE(sample.health->filesystems.empty());
  EXPECT_FALSE(sample.uptime_seconds) << "not a full sample";

  sample = sampler_.watchSample(WatchNeeds{true, false, true});
  ASSERT_TRUE(sample.health);
  EXPECT_FALSE(sample.health->load5);
  EXPECT_EQ(sample.health->memory_available_bytes, 3'000'000ULL * 1024);
  ASSERT_EQ(sample.health->filesystems.size(), 1u);
  EXPECT_EQ(sample.health->filesystems[0].used_bytes, 60'000u);
}

TEST_F(WatchSampleTest, UsesTheMountsOfTheLastFullSampleAndSeesUsageChange) {
  (void)sampler_.sample();
  dir_.write("proc/mounts", "/dev/sda2 / ext4 rw,relatime 0 0\n/dev/sdb1 /srv ext4 rw 0 0\n");
  fs_.setStats("/srv", FsStats{500'000, 1'000, 1'000, 0, 0});
  fs_.setStats("/", FsStats{100'000, 5'000, 1'000, 6'400, 1'200});  // filling up
  auto watched = sampler_.watchSample(WatchNeeds{false, false, true});
  ASSERT_EQ(watched.health->filesystems.size(), 1u) << "a new mount waits for the heartbeat";
  EXPECT_EQ(watched.health->filesystems[0].used_bytes, 95'000u);

  (void)sampler_.sample();
  watched = sampler_.watchSample(WatchNeeds{false, false, true});
  EXPECT_EQ(watched.health->filesystems.size(), 2u);
}

TEST_F(WatchSampleTest, AReadOnlyRemountShowsThroughStatvfs) {
  (void)sampler_.sample();
  FsStats remounted{100'000, 40'000, 35'000, 6'400, 1'200};
  remounted.read_only = true;  // ext4 errors=remount-ro: /proc/mounts read earlier said rw
  fs_.setStats("/", remounted);
  const auto watched = sampler_.watchSample(WatchNeeds{false, false, true});
  ASSERT_EQ(watched.health->filesystems.size(), 1u);
  EXPECT_TRUE(watched.health->filesystems[0].read_only);
  EXPECT_TRUE(sampler_.sample().health->filesystems[0].read_only) << "the heartbeat agrees";
}

}  // namespace
}  // namespace steward::agent
