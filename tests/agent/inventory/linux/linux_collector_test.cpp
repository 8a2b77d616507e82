#include "agent/inventory/linux/linux_collector.h"

#include <gtest/gtest.h>

#include "shared/common/id.h"
#include "shared/wire/json_codec.h"
#include "tests/agent/fake_fs_root.h"
#include "tests/support/fake_clock.h"
#include "tests/support/temp_dir.h"

namespace steward::agent {
namespace {

using steward::agent::testing::FakeFsRoot;
using steward::testing::FakeClock;

TEST(LinuxCollectorTest, WorkstationReportAsTheCollectorReceivesIt) {
  FakeFsRoot fs(steward::testing::fixturesDir() + "/linux/workstation");
  fs.setStats("/", FsStats{500'000'000'000, 200'000'000'000, 175'000'000'000, 0, 0});
  StaticAddressProvider addresses({{"eno1", InterfaceAddress::Family::IPv4, "10.20.30.42/24"}});
  FakeClock clock;
  LinuxCollector collector(fs, addresses, clock, "01a213a0-d1bf-7cf2-b626-40028f404e9c");
  const auto report = collector.collect();

  EXPECT_TRUE(isUuid(report.report_id));
  EXPECT_EQ(report.agent_id, "01a213a0-d1bf-7cf2-b626-40028f404e9c");
  EXPECT_EQ(report.collected_at, formatRfc3339(clock.now()));
  EXPECT_EQ(report.agent_version, "0.1.0");
  EXPECT_EQ(report.system.hostname, "ws-fin-042");
  EXPECT_EQ(report.hardware.serial, "7XK4L53");
  EXPECT_EQ(report.cpu.threads, 16u);
  EXPECT_EQ(report.disks.size(), 2u);
  EXPECT_EQ(report.filesystems.size(), 4u);
  EXPECT_EQ(report.packages.size(), 6u);
  ASSERT_EQ(report.interfaces.size(), 5u);
  EXPECT_EQ(report.interfaces[1].name, "eno1");
  EXPECT_EQ(report.interfaces[1].ipv4, (std::vector<std::string>{"10.20.30.42/24"}));
  EXPECT_EQ(report.pci_devices.size(), 10u);
  EXPECT_EQ(report.usb_devices.size(), 6u);
  ASSERT_EQ(report.monitors.size(), 1u);
  EXPECT_EQ(report.monitors[0].serial, "F3K8123");
  EXPECT_TRUE(report.batteries.empty());  // a desktop
  ASSERT_EQ(report.users.size(), 3u);
  EXPECT_EQ(report.users[1].last_login_from, "laptop-17.corp.example");

  // What goes on the wire decodes to the same report.
  auto decoded = wire::decodeInventory(wire::encodeInventory(report));
  ASSERT_TRUE(decoded) << decoded.error().message;
  EXPECT_EQ(*decoded, report);
}

TEST(LinuxCollectorTest, SwitchedOffCategoriesAreLeftOutAndTheRestStays) {
  FakeFsRoot fs(steward::testing::fixturesDir() + "/linux/workstation");
  StaticAddressProvider addresses({{"eno1", InterfaceAddress::Family::IPv4, "10.20.30.42/24"}});
  FakeClock clock;
  InventorySections sections;
  sections.packages = false;
  sections.network = false;
  sections.hardware = false;
  sections.pci = false;
  sections.usb = false;
  sections.monitors = false;
  LinuxCollector collector(fs, addresses, clock, "01a213a0-d1bf-7cf2-b626-40028f404e9c",
                           std::nullopt, sections);
  const auto report = collector.collect();
  EXPECT_TRUE(report.packages.empty());
  EXPECT_TRUE(report.interfaces.empty());
  EXPECT_TRUE(report.dns_servers.empty());
  EXPECT_FALSE(report.hardware.serial.has_value());
  EXPECT_TRUE(report.memory.modules.empty());
  EXPECT_TRUE(report.pci_devices.empty());
  EXPECT_TRUE(report.usb_devices.empty());
  EXPECT_TRUE(report.monitors.empty());
  // What stays on is still collected in full.
  EXPECT_EQ(report.system.hostname, "ws-fin-042");
  EXPECT_EQ(report.cpu.threads, 16u);
  EXPECT_EQ(report.disks.size(), 2u);
  EXPECT_EQ(report.users[0].last_login, "2025-12-01T08:01:05Z");
  EXPECT_TRUE(wire::decodeInventory(wire::encodeInventory(report)));
}

TEST(LinuxCollectorTest, LaptopBatteriesAndPanelUnlessSwitchedOff) {
  FakeFsRoot fs(steward::testing::fixturesDir() + "/linux/laptop");
  StaticAddressProvider addresses;
  FakeClock clock;
  LinuxCollector collector(fs, addresses, clock, "01a213a0-d1bf-7cf2-b626-40028f404e9c");
  const auto report = collector.collect();
  ASSERT_EQ(report.batteries.size(), 2u);
  ASSERT_EQ(report.monitors.size(), 1u);
  EXPECT_EQ(report.monitors[0].model, "B140HAN06.8");
  auto decoded = wire::decodeInventory(wire::encodeInventory(report));
  ASSERT_TRUE(decoded) << decoded.error().message;
  ASSERT_EQ(decoded->batteries.size(), 2u);
  EXPECT_EQ(decoded->batteries[0].serial, "1432");
  EXPECT_EQ(decoded->batteries[1].capacity_unit, "mAh");
  EXPECT_NEAR(*decoded->batteries[0].health_percent, 91.5, 1e-9);

  InventorySections sections;
  sections.batteries = false;
  LinuxCollector without(fs, addresses, clock, "01a213a0-d1bf-7cf2-b626-40028f404e9c",
                         std::nullopt, sections);
  const auto second = without.collect();
  EXPECT_TRUE(second.batteries.empty());
  EXPECT_EQ(second.monitors.size(), 1u);
}

TEST(LinuxCollectorTest, EachReportHasItsOwnId) {
  FsRoot fs(steward::testing::fixturesDir() + "/linux/debian12-vm");
  StaticAddressProvider addresses;
  FakeClock clock;
  LinuxCollector collector(fs, addresses, clock, "01a213a0-d1bf-7cf2-b626-40028f404e9c");
  const auto first = collector.collect();
  clock.advance(std::chrono::seconds(60));
  const auto second = collector.collect();
  EXPECT_NE(first.report_id, second.report_id);
  EXPECT_NE(first.collected_at, second.collected_at);
}

TEST(LinuxCollectorTest, EmptyRootGivesAnEmptyButValidReport) {
  steward::testing::TempDir dir;
  FsRoot fs(dir.path());
  StaticAddressProvider addresses;
  FakeClock clock;
  LinuxCollector collector(fs, addresses, clock, "01a213a0-d1bf-7cf2-b626-40028f404e9c",
                           std::string("x86_64"));
  const auto report = collector.collect();
  EXPECT_EQ(report.system.hostname, "(none)");
  EXPECT_EQ(report.system.architecture, "x86_64");
  EXPECT_EQ(report.cpu.threads, 0u);
  EXPECT_TRUE(report.disks.empty());
  EXPECT_TRUE(report.packages.empty());
  // The collector accepts it: a report with gaps is still a report.
  auto decoded = wire::decodeInventory(wire::encodeInventory(report));
  EXPECT_TRUE(decoded) << decoded.error().message;
}

}  // namespace
}  // namespace steward::agent
