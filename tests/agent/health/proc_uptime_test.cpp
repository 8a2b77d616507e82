#include "agent/health/linux/proc_uptime.h"

#include <gtest/gtest.h>

#include "agent/health/linux/linux_health_sampler.h"
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

}  // namespace
}  // namespace steward::agent
