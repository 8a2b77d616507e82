// Batteries from /sys/class/power_supply on the laptop fixture: a ThinkPad battery
// that reports energy (µWh), an HP one that reports only charge (µAh), a wireless
// mouse's battery (scope Device) and mains/USB-C supplies that are not batteries.

#include <gtest/gtest.h>

#include "agent/inventory/linux/readers.h"
#include "tests/agent/fake_fs_root.h"
#include "tests/agent/log_capture.h"
#include "tests/support/temp_dir.h"

namespace steward::agent {
namespace {

using steward::testing::fixturesDir;
using steward::testing::TempDir;
using testing::FakeFsRoot;
using testing::LogCapture;

TEST(BatteryReaderTest, LaptopBatteries) {
  FsRoot fs(fixturesDir() + "/linux/laptop");
  const auto batteries = readBatteries(fs);
  ASSERT_EQ(batteries.size(), 2u);
  const auto& thinkpad = batteries[0];
  EXPECT_EQ(thinkpad.name, "BAT0");
  EXPECT_EQ(thinkpad.manufacturer, "SMP");
  EXPECT_EQ(thinkpad.model, "5B10W51867");
  EXPECT_EQ(thinkpad.serial, "1432");
  EXPECT_EQ(thinkpad.technology, "Li-poly");
  EXPECT_EQ(thinkpad.status, "Discharging");
  EXPECT_EQ(thinkpad.capacity_unit, "mWh");
  EXPECT_EQ(thinkpad.design_capacity, 57'000u);
  EXPECT_EQ(thinkpad.full_capacity, 52'130u);
  EXPECT_EQ(thinkpad.cycle_count, 87u);
  ASSERT_TRUE(thinkpad.health_percent);
  EXPECT_EQ(*thinkpad.health_percent, 91.5);

  const auto& hp = batteries[1];
  EXPECT_EQ(hp.name, "BAT1");
  EXPECT_EQ(hp.capacity_unit, "mAh");
  EXPECT_EQ(hp.design_capacity, 3'900u);
  EXPECT_EQ(hp.full_capacity, 4'020u);
  EXPECT_NEAR(*hp.health_percent, 103.1, 1e-9);  // a new battery can exceed its design
  EXPECT_FALSE(hp.serial);                       // empty attribute
  EXPECT_EQ(hp.cycle_count, 0u);
}

TEST(BatteryReaderTest, GarbageTruncatedDeniedAndMissing) {
  TempDir dir;
  dir.write("sys/class/power_supply/BAT0/type", "Battery\n");
  dir.write("sys/class/power_supply/BAT0/energy_full_design", "lots\n");
  dir.write("sys/class/power_supply/BAT0/energy_full", "50000000\n");
  dir.write("sys/class/power_supply/BAT0/cycle_count", "99999999999\n");
  dir.write("sys/class/power_supply/BAT1/type", "Batt");  // truncated: not a battery
  FakeFsRoot fs(dir.path());
  fs.deny("/sys/class/power_supply/BAT0/model_name");
  dir.write("sys/class/power_supply/BAT0/model_name", "secret\n");
  LogCapture log;
  const auto batteries = readBatteries(fs);
  ASSERT_EQ(batteries.size(), 1u);
  EXPECT_FALSE(batteries[0].design_capacity);
  EXPECT_EQ(batteries[0].full_capacity, 50'000u);
  EXPECT_FALSE(batteries[0].health_percent);  // needs both
  EXPECT_FALSE(batteries[0].cycle_count);     // out of range
  EXPECT_FALSE(batteries[0].model);
  EXPECT_TRUE(log.contains({"/sys/class/power_supply/BAT0/model_name", "permission_denied"}));

  TempDir empty;  // desktops and VMs: no power_supply class at all
  FsRoot none(empty.path());
  EXPECT_TRUE(readBatteries(none).empty());
}

}  // namespace
}  // namespace steward::agent
