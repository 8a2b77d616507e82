#include "agent/health/linux/proc_stat.h"

#include <gtest/gtest.h>

#include "agent/health/linux/linux_health_sampler.h"
#include "tests/support/temp_dir.h"

namespace steward::agent {
namespace {

TEST(ProcStatParserTest, SumsTheAggregateCpuLine) {
  // user nice system idle iowait irq softirq steal guest guest_nice
  const auto t = parseProcStatCpu(
      "cpu  100 5 50 800 20 3 2 10 40 0\ncpu0 50 2 25 400 10 1 1 5 20 0\nintr 1 2 3\n");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->total, 990u);  // guest is already inside user: not added again
  EXPECT_EQ(t->busy, 170u);   // total - idle - iowait
  // Old kernels print only four columns.
  EXPECT_EQ(parseProcStatCpu("cpu 1 2 3 4\n"), (CpuTimes{6, 10}));
}

TEST(ProcStatParserTest, RejectsGarbageAndTruncation) {
  EXPECT_FALSE(parseProcStatCpu(""));
  EXPECT_FALSE(parseProcStatCpu("cpu0 1 2 3 4\n"));  // no aggregate line first
  EXPECT_FALSE(parseProcStatCpu("cpu  1 2 3\n"));    // cut before idle
  EXPECT_FALSE(parseProcStatCpu("cpu  1 2 x 4\n"));
  EXPECT_FALSE(parseProcStatCpu("cpu  -1 2 3 4\n"));
  EXPECT_FALSE(parseProcStatCpu("cpu  18446744073709551615 18446744073709551615 1 1\n"));
}

TEST(CpuUtilisationTest, BusyShareBetweenTwoReadings) {
  EXPECT_EQ(cpuUtilisationPercent({100, 1000}, {150, 1200}), 25.0);
  EXPECT_EQ(cpuUtilisationPercent({0, 0}, {1, 3}), 33.3);
  EXPECT_EQ(cpuUtilisationPercent({100, 1000}, {100, 1100}), 0.0);
  EXPECT_FALSE(cpuUtilisationPercent({100, 1000}, {100, 1000}));  // no time passed
  EXPECT_FALSE(cpuUtilisationPercent({100, 1000}, {50, 500}));    // counters went back
}

TEST(LinuxHealthSamplerTest, CpuUtilisationFromTheSecondSampleOn) {
  steward::testing::TempDir dir;
  dir.write("proc/stat", "cpu  100 0 100 800 0 0 0 0 0 0\n");
  FsRoot fs(dir.path());
  LinuxHealthSampler sampler(fs);
  auto first = sampler.sample();
  ASSERT_TRUE(first.health);
  EXPECT_FALSE(first.health->cpu_utilisation_percent);  // nothing to compare with yet
  dir.write("proc/stat", "cpu  160 0 140 900 0 0 0 0 0 0\n");
  auto second = sampler.sample();
  EXPECT_EQ(second.health->cpu_utilisation_percent, 50.0);
  dir.write("proc/stat", "garbage\n");
  auto third = sampler.sample();
  EXPECT_FALSE(third.health->cpu_utilisation_percent);
  // Without the optional sources those fields stay absent.
  EXPECT_FALSE(third.health->failed_units);
  EXPECT_TRUE(third.health->smart.empty());
  EXPECT_FALSE(third.health->clock_offset_seconds);
}

}  // namespace
}  // namespace steward::agent
