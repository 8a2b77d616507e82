#include "agent/health/linux/smart_monitor.h"

#include <gtest/gtest.h>

#include "agent/platform/linux/spawn_command_runner.h"
#include "tests/agent/fake_command_runner.h"
#include "tests/support/fake_clock.h"
#include "tests/support/temp_dir.h"

namespace steward::agent {
namespace {

using testing::FakeCommandRunner;
using testing::fixtureText;
using namespace std::chrono_literals;

constexpr const char* kScan = "/usr/sbin/smartctl --scan-open --json";
const std::string kAsk = "/usr/sbin/smartctl --json -i -H -A -n standby ";

struct Workstation {
  Workstation() {
    runner.install("/usr/sbin/smartctl");
    runner.answer(kScan, fixtureText("smartctl/workstation-scan-open.json"));
    runner.answer(kAsk + "-d sat /dev/sda", fixtureText("smartctl/sata-ssd-healthy.json"));
    // A failing disk: smartctl exits non-zero (bit mask 24) and still says why.
    runner.answer(kAsk + "-d sat /dev/sdb", fixtureText("smartctl/sata-hdd-failing.json"), 24);
    runner.answer(kAsk + "-d nvme /dev/nvme0", fixtureText("smartctl/nvme-healthy.json"));
  }
  steward::testing::TempDir dir;
  FakeCommandRunner runner;
  steward::testing::FakeClock clock;
};

TEST(SmartMonitorTest, VerdictOfEveryDiskIncludingTheFailingOne) {
  Workstation w;
  FsRoot fs(w.dir.path());
  SmartMonitor smart(fs, w.runner, w.clock, {});
  const auto verdicts = smart.sample();
  ASSERT_EQ(verdicts.size(), 3u);
  EXPECT_EQ(verdicts[0].device, "/dev/nvme0");
  EXPECT_EQ(verdicts[1].device, "/dev/sda");
  EXPECT_TRUE(verdicts[1].passed);
  EXPECT_EQ(verdicts[2].device, "/dev/sdb");
  EXPECT_FALSE(verdicts[2].passed);
  EXPECT_EQ(verdicts[2].reallocated_sectors, 3912u);
  EXPECT_EQ(w.runner.last_limits.timeout, 10s);
}

TEST(SmartMonitorTest, AsksTheDisksAtMostOncePerInterval) {
  Workstation w;
  FsRoot fs(w.dir.path());
  SmartMonitor smart(fs, w.runner, w.clock, {std::chrono::minutes(30)});
  const auto first = smart.sample();
  const auto calls = w.runner.calls.size();
  EXPECT_EQ(calls, 4u);  // scan + three disks
  w.clock.advance(std::chrono::minutes(29));
  EXPECT_EQ(smart.sample(), first);  // the cached answer
  EXPECT_EQ(w.runner.calls.size(), calls);
  w.clock.advance(std::chrono::minutes(1));
  EXPECT_EQ(smart.sample(), first);
  EXPECT_EQ(w.runner.calls.size(), 2 * calls);
}

TEST(SmartMonitorTest, WithoutSmartctlEmptyAndNothingRuns) {
  steward::testing::TempDir dir;
  FakeCommandRunner none;
  steward::testing::FakeClock clock;
  FsRoot fs(dir.path());
  SmartMonitor smart(fs, none, clock, {});
  EXPECT_TRUE(smart.sample().empty());
  EXPECT_TRUE(none.calls.empty());
}

TEST(SmartMonitorTest, SlowGarbledOrSilentDisksAreLeftOut) {
  Workstation w;
  w.runner.fail(kAsk + "-d sat /dev/sda", "timeout");
  w.runner.answer(kAsk + "-d sat /dev/sdb", "{\"smart_status\":{\"pas");
  w.runner.answer(kAsk + "-d nvme /dev/nvme0",
                  fixtureText("smartctl/container-vda-unsupported.json"), 1);
  FsRoot fs(w.dir.path());
  SmartMonitor smart(fs, w.runner, w.clock, {});
  EXPECT_TRUE(smart.sample().empty());
}

TEST(SmartMonitorTest, FailedScanFallsBackToSysBlock) {
  Workstation w;
  w.runner.answer(kScan, "garbage", 1);
  w.dir.write("sys/block/sda/size", "1\n");
  w.dir.write("sys/block/loop0/size", "1\n");
  w.dir.write("sys/block/nvme0n1/size", "1\n");
  w.dir.write("sys/block/dm-0/size", "1\n");
  w.runner.answer(kAsk + "/dev/sda", fixtureText("smartctl/sata-ssd-healthy.json"));
  w.runner.answer(kAsk + "/dev/nvme0n1", fixtureText("smartctl/nvme-healthy.json"));
  FsRoot fs(w.dir.path());
  EXPECT_EQ(sysBlockSmartDevices(fs),
            (std::vector<SmartDevice>{{"/dev/nvme0n1", ""}, {"/dev/sda", ""}}));
  SmartMonitor smart(fs, w.runner, w.clock, {});
  const auto verdicts = smart.sample();
  ASSERT_EQ(verdicts.size(), 2u);
  EXPECT_EQ(verdicts[0].device, "/dev/nvme0n1");
}

TEST(SmartMonitorTest, DeviceCountIsCapped) {
  Workstation w;
  FsRoot fs(w.dir.path());
  SmartMonitor smart(fs, w.runner, w.clock, {30min, 10s, 2});
  EXPECT_EQ(smart.sample().size(), 2u);
  EXPECT_EQ(w.runner.calls.size(), 3u);
}

// The real smartctl, when installed: whatever this machine's disks are, the monitor
// finishes, and every verdict names a device.
TEST(SmartMonitorTest, RealSmartctlOnThisHost) {
  SpawnCommandRunner runner;
  if (!runner.executable("/usr/sbin/smartctl")) GTEST_SKIP() << "smartmontools not installed";
  FsRoot fs("/");
  SystemClock clock;
  SmartMonitor smart(fs, runner, clock, {});
  for (const auto& verdict : smart.sample()) EXPECT_TRUE(verdict.device.starts_with("/dev/"));
}

}  // namespace
}  // namespace steward::agent
