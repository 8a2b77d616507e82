#include "agent/health/linux/proc_uptime.h"

#include <gtest/gtest.h>

#include "agent/health/linux/linux_health_sampler.h"
#include "tests/agent/fake_fs_root.h"
#include "tests/support/temp_dir.h"

namespace steward::agent {
namespace {

TEST(ProcUptimeParserTest, ReadsSecondsSinceBoot) {
  EXPECT_EQ(parseProcUptime("749.87 1166.61\n"), 749.87);
  EXPECT_EQ(parseProcUptime("12"), 12.0);
}

TEST(ProcUptimeParserTest, RejectsGarbage) {
  EXPECT_FALSE(parseProcUptime(""));
  EXPECT_FALSE(parseProcUptime("up 3 days"));
  EXPECT_FALSE(parseProcUptime("-5 2"));
  EXPECT_FALSE(parseProcUptime("nan 1"));
}

TEST(ProcLoadavgParserTest, ReadsOneMinuteLoad) {
  EXPECT_EQ(parseProcLoadavg("0.38 0.62 0.34 1/83 5630\n"), 0.38);
  EXPECT_FALSE(parseProcLoadavg("\n"));
  EXPECT_FALSE(parseProcLoadavg("0,38 0,62"));
}

TEST(LinuxHealthSamplerTest, SamplesFixtureAndOmitsWhatIsMissing) {
  steward::testing::TempDir dir;
  dir.write("proc/uptime", "351234.56 5432100.12\n");
  FsRoot fs(dir.path());
  LinuxHealthSampler sampler(fs);
  const auto sample = sampler.sample();
  EXPECT_EQ(sample.uptime_seconds, 351234.56);
  EXPECT_FALSE(sample.load1);
}

TEST(ProcLoadavgParserTest, AllThreeAverages) {
  const auto loads = parseProcLoadavgAll("0.38 0.62 0.34 1/83 5630\n");
  EXPECT_EQ(loads[0], 0.38);
  EXPECT_EQ(loads[1], 0.62);
  EXPECT_EQ(loads[2], 0.34);
  const auto cut = parseProcLoadavgAll("0.38 0.6");
  EXPECT_EQ(cut[1], 0.6);
  EXPECT_FALSE(cut[2]);
  const auto garbage = parseProcLoadavgAll("x -1 2");
  EXPECT_FALSE(garbage[0]);
  EXPECT_FALSE(garbage[1]);
  EXPECT_EQ(garbage[2], 2.0);
}

TEST(LinuxHealthSamplerTest, MemoryFilesystemsReadOnlyAndRebootRequired) {
  steward::testing::TempDir dir;
  dir.write("proc/loadavg", "1.50 0.75 0.25 2/300 999\n");
  dir.write("proc/meminfo",
            "MemTotal:        8000000 kB\nMemAvailable:    3000000 kB\n"
            "SwapTotal:       2000000 kB\nSwapFree:        1500000 kB\n");
  dir.write("proc/mounts",
            "/dev/sda2 / ext4 rw,relatime 0 0\n"
            "/dev/sdb1 /srv ext4 ro,relatime 0 0\n"
            "proc /proc proc rw 0 0\n"
            "server:/export /mnt/nfs nfs4 rw 0 0\n"
            "/dev/sr0 /media/cd iso9660 ro 0 0\n");
  dir.write("var/run/reboot-required", "*** System restart required ***\n");
  testing::FakeFsRoot fs(dir.path());
  fs.setStats("/", FsStats{100'000, 40'000, 35'000, 6'400, 1'200});
  fs.setStats("/srv", FsStats{500'000, 499'000, 499'000, 0, 0});
  fs.setStats("/media/cd", FsStats{700, 0, 0, 0, 0});
  LinuxHealthSampler sampler(fs);
  const auto sample = sampler.sample();
  EXPECT_EQ(sample.load1, 1.5);
  ASSERT_TRUE(sample.health);
  const auto& h = *sample.health;
  EXPECT_EQ(h.load5, 0.75);
  EXPECT_EQ(h.load15, 0.25);
  EXPECT_EQ(h.memory_total_bytes, 8'000'000ULL * 1024);
  EXPECT_EQ(h.memory_available_bytes, 3'000'000ULL * 1024);
  EXPECT_EQ(h.swap_free_bytes, 1'500'000ULL * 1024);
  ASSERT_EQ(h.filesystems.size(), 3u);  // no proc, no NFS (statvfs could hang)
  EXPECT_EQ(h.filesystems[0], (wire::FilesystemHealth{"/", "/dev/sda2", 100'000, 60'000, 35'000,
                                                      6'400, 1'200, false}));
  EXPECT_TRUE(h.filesystems[1].read_only);      // a data disk remounted ro
  EXPECT_FALSE(h.filesystems[1].inodes_total);  // 0 inodes: no inode limit
  EXPECT_FALSE(h.filesystems[2].read_only);     // a CD is read-only by nature
  EXPECT_EQ(h.reboot_required, true);
}

TEST(LinuxHealthSamplerTest, EmptyRootGivesNoNumbersAndNoCrash) {
  steward::testing::TempDir dir;
  testing::FakeFsRoot fs(dir.path());
  LinuxHealthSampler sampler(fs);
  const auto sample = sampler.sample();
  ASSERT_TRUE(sample.health);
  EXPECT_FALSE(sample.health->load5);
  EXPECT_FALSE(sample.health->memory_total_bytes);
  EXPECT_TRUE(sample.health->filesystems.empty());
  EXPECT_EQ(sample.health->reboot_required, false);
}

}  // namespace
}  // namespace steward::agent
