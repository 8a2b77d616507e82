// readSmbiosTable and the collector's choice between the raw SMBIOS table (root) and
// /sys/class/dmi/id (everyone), on the workstation fixture (hand-encoded table, see
// tests/fixtures/linux/README.md) and on broken copies of it.

#include <gtest/gtest.h>

#include "agent/inventory/linux/linux_collector.h"
#include "agent/inventory/linux/readers.h"
#include "tests/agent/fake_fs_root.h"
#include "tests/support/fake_clock.h"
#include "tests/support/temp_dir.h"

namespace steward::agent {
namespace {

using steward::agent::testing::FakeFsRoot;
using steward::testing::FakeClock;
using steward::testing::fixturesDir;
using steward::testing::readFile;
using steward::testing::TempDir;

constexpr const char* kTable = "/sys/firmware/dmi/tables/DMI";
constexpr const char* kEntry = "/sys/firmware/dmi/tables/smbios_entry_point";

std::string workstation() { return fixturesDir() + "/linux/workstation"; }

wire::InventoryReport collect(const FsRoot& fs) {
  StaticAddressProvider addresses;
  FakeClock clock;
  return LinuxCollector(fs, addresses, clock, "agent-1").collect();
}

TEST(SmbiosReaderTest, ReadsTheWorkstationTable) {
  const auto info = readSmbiosTable(FsRoot(workstation()));
  ASSERT_TRUE(info);
  EXPECT_EQ(info->hardware.chassis->asset_tag, "FIN-WS-0042");
  EXPECT_EQ(info->memory_modules.size(), 2u);
}

TEST(SmbiosReaderTest, MissingTableIsAbsent) {
  EXPECT_FALSE(readSmbiosTable(FsRoot(fixturesDir() + "/linux/debian12-vm")));
}

TEST(SmbiosReaderTest, GarbageTableIsAbsent) {
  TempDir dir;
  dir.write(std::string(kTable).substr(1), "\xff\x01garbage");
  EXPECT_FALSE(readSmbiosTable(FsRoot(dir.path())));
}

TEST(SmbiosReaderTest, WithoutEntryPointTheUuidIsReadAsModern) {
  TempDir dir;
  dir.write(std::string(kTable).substr(1), readFile(workstation() + kTable));
  const auto info = readSmbiosTable(FsRoot(dir.path()));
  ASSERT_TRUE(info);
  EXPECT_EQ(info->hardware.uuid, "4c4c4544-0058-4b10-8034-b7c04f4c3533");
}

TEST(SmbiosReaderTest, CollectorUsesTheTableForModulesAndDetails) {
  const auto report = collect(FakeFsRoot(workstation()));
  EXPECT_EQ(report.hardware.serial, "7XK4L53");
  EXPECT_EQ(report.hardware.sku, "0A66");
  EXPECT_EQ(report.hardware.bios, (wire::Bios{"Dell Inc.", "1.19.0", "08/08/2023"}));
  EXPECT_EQ(report.hardware.chassis, (wire::Chassis{"Desktop", "7XK4L53", "FIN-WS-0042"}));
  ASSERT_EQ(report.memory.modules.size(), 2u);
  EXPECT_EQ(report.memory.modules[0].part_number, "M378A2G43AB3-CWE");
  EXPECT_EQ(report.memory.modules[1].serial, "52C1A0F3");
  EXPECT_EQ(report.cpu.max_mhz, 4800.0);  // cpufreq says so too
}

TEST(SmbiosReaderTest, NonRootFallsBackToSysfs) {
  FakeFsRoot fs(workstation());
  fs.deny(kTable);  // mode 0400 on real machines
  fs.deny(kEntry);
  fs.deny("/sys/class/dmi/id/product_serial");
  fs.deny("/sys/class/dmi/id/product_uuid");
  const auto report = collect(fs);
  EXPECT_EQ(report.hardware.vendor, "Dell Inc.");
  EXPECT_EQ(report.hardware.model, "OptiPlex 7090");
  EXPECT_EQ(report.hardware.bios->version, "1.19.0");
  EXPECT_EQ(report.hardware.board->vendor, "Dell Inc.");
  EXPECT_FALSE(report.hardware.serial);
  EXPECT_FALSE(report.hardware.chassis);
  EXPECT_TRUE(report.memory.modules.empty());
}

TEST(SmbiosReaderTest, TruncatedTableKeepsThePrefixAndFillsTheRestFromSysfs) {
  TempDir dir;
  std::filesystem::copy(workstation(), dir.path(), std::filesystem::copy_options::recursive);
  const std::string table = readFile(workstation() + kTable);
  // BIOS structure (0x1A bytes + 3 strings + NUL = 55 bytes) complete, system structure cut.
  dir.write(std::string(kTable).substr(1), table.substr(0, 60));
  const auto report = collect(FsRoot(dir.path()));
  EXPECT_EQ(report.hardware.bios, (wire::Bios{"Dell Inc.", "1.19.0", "08/08/2023"}));
  EXPECT_EQ(report.hardware.serial, "7XK4L53");  // from /sys/class/dmi/id
  EXPECT_TRUE(report.memory.modules.empty());
}

TEST(SmbiosReaderTest, SysfsDetailsWithoutTable) {
  TempDir dir;
  dir.write("sys/class/dmi/id/chassis_type", "10\n");
  dir.write("sys/class/dmi/id/chassis_asset_tag", "IT-4711\n");
  dir.write("sys/class/dmi/id/bios_date", "03/14/2023\n");
  dir.write("sys/class/dmi/id/product_sku", "LENOVO_MT_21AH\n");
  dir.write("sys/class/dmi/id/board_name", "21AHCTO1WW\n");
  const auto id = readDmiId(FsRoot(dir.path()));
  EXPECT_EQ(id.chassis, (wire::Chassis{"Notebook", std::nullopt, "IT-4711"}));
  EXPECT_EQ(id.bios, (wire::Bios{std::nullopt, std::nullopt, "03/14/2023"}));
  EXPECT_EQ(id.board, (wire::Board{std::nullopt, "21AHCTO1WW", std::nullopt}));
  EXPECT_EQ(id.sku, "LENOVO_MT_21AH");
}

TEST(SmbiosReaderTest, MergePrefersTheTable) {
  wire::HardwareIdentity table{"LENOVO", std::nullopt, "PF3XK2MN", std::nullopt};
  wire::HardwareIdentity sysfs{"Lenovo", "21AHCTO1WW", "other",
                               "b1a7e1c2-3d4f-11b2-a85c-d3f0e6a8c912"};
  const auto merged = mergeHardware(table, sysfs);
  EXPECT_EQ(merged.vendor, "LENOVO");
  EXPECT_EQ(merged.model, "21AHCTO1WW");
  EXPECT_EQ(merged.serial, "PF3XK2MN");
  EXPECT_EQ(merged.uuid, "b1a7e1c2-3d4f-11b2-a85c-d3f0e6a8c912");
}

}  // namespace
}  // namespace steward::agent
