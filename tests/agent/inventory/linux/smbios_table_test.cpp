// The SMBIOS parser on raw tables hand-encoded by tests/fixtures/linux/smbios/
// make_tables.py (see tests/fixtures/linux/README.md) and on literal bytes, including
// every way a table can be cut or lie about its lengths.

#include "agent/inventory/linux/smbios_table.h"

#include <gtest/gtest.h>

#include "tests/support/temp_dir.h"

namespace steward::agent {
namespace {

using steward::testing::fixturesDir;
using steward::testing::readFile;

std::string tableOf(const std::string& machine, const std::string& file = "DMI") {
  const std::string base =
      machine == "workstation" ? "/linux/workstation" : "/linux/smbios/" + machine;
  return readFile(fixturesDir() + base + "/sys/firmware/dmi/tables/" + file);
}

SmbiosInfo parsed(const std::string& machine) {
  const auto version = parseSmbiosEntryPoint(tableOf(machine, "smbios_entry_point"));
  EXPECT_TRUE(version.has_value());
  auto info = parseSmbiosTable(tableOf(machine), version.value_or(SmbiosVersion{}));
  EXPECT_TRUE(info) << info.error().message;
  return info ? *info : SmbiosInfo{};
}

TEST(SmbiosEntryPointTest, ReadsBothAnchors) {
  EXPECT_EQ(parseSmbiosEntryPoint(tableOf("poweredge-r750", "smbios_entry_point")),
            (SmbiosVersion{3, 3}));
  EXPECT_EQ(parseSmbiosEntryPoint(tableOf("vmware-vm", "smbios_entry_point")),
            (SmbiosVersion{2, 4}));
}

TEST(SmbiosEntryPointTest, RejectsGarbageAndShortEntryPoints) {
  EXPECT_FALSE(parseSmbiosEntryPoint(""));
  EXPECT_FALSE(parseSmbiosEntryPoint("_SM3_\x01\x18\x03"));  // cut inside the layout
  EXPECT_FALSE(parseSmbiosEntryPoint(std::string(31, 'x')));
}

TEST(SmbiosTableParserTest, DesktopSystemBiosBoardChassis) {
  const auto info = parsed("workstation");
  const auto& hw = info.hardware;
  EXPECT_EQ(hw.vendor, "Dell Inc.");
  EXPECT_EQ(hw.model, "OptiPlex 7090");
  EXPECT_EQ(hw.serial, "7XK4L53");
  EXPECT_EQ(hw.uuid, "4c4c4544-0058-4b10-8034-b7c04f4c3533");  // same as sysfs product_uuid
  EXPECT_EQ(hw.sku, "0A66");
  EXPECT_EQ(hw.family, "OptiPlex");
  EXPECT_EQ(hw.bios, (wire::Bios{"Dell Inc.", "1.19.0", "08/08/2023"}));
  EXPECT_EQ(hw.board, (wire::Board{"Dell Inc.", "0K6CM4", "/7XK4L53/CNCMK0013400HF/"}));
  EXPECT_EQ(hw.chassis, (wire::Chassis{"Desktop", "7XK4L53", "FIN-WS-0042"}));
  EXPECT_FALSE(info.truncated);
}

TEST(SmbiosTableParserTest, MemoryModulesSkipEmptySlots) {
  const auto info = parsed("workstation");
  ASSERT_EQ(info.memory_modules.size(), 2u);  // DIMM2 and DIMM4 are empty
  const auto& dimm = info.memory_modules[0];
  EXPECT_EQ(dimm.slot, "DIMM1");
  EXPECT_EQ(dimm.size_bytes, 16ULL << 30);
  EXPECT_EQ(dimm.type, "DDR4");
  EXPECT_EQ(dimm.speed_mts, 3200u);
  EXPECT_EQ(dimm.manufacturer, "Samsung");
  EXPECT_EQ(dimm.serial, "4A3B2C1D");
  EXPECT_EQ(dimm.part_number, "M378A2G43AB3-CWE");  // trailing padding trimmed
  EXPECT_EQ(info.memory_modules[1].slot, "DIMM3");
  EXPECT_EQ(info.memory_modules[1].manufacturer, "SK Hynix");
}

TEST(SmbiosTableParserTest, ServerExtendedSizeSpeedAndEmptySocket) {
  const auto info = parsed("poweredge-r750");
  EXPECT_EQ(info.hardware.chassis->type, "Rack Mount Chassis");
  ASSERT_EQ(info.processors.size(), 2u);
  EXPECT_TRUE(info.processors[0].populated);
  EXPECT_EQ(info.processors[0].max_mhz, 4000u);
  EXPECT_EQ(info.processors[0].version, "Intel(R) Xeon(R) Gold 6338 CPU @ 2.00GHz");
  EXPECT_FALSE(info.processors[1].populated);
  ASSERT_EQ(info.memory_modules.size(), 3u);
  EXPECT_EQ(info.memory_modules[0].size_bytes, 64ULL << 30);  // 0x7FFF + extended size
  EXPECT_EQ(info.memory_modules[2].type, "DDR5");
  EXPECT_EQ(info.memory_modules[2].size_bytes, 32ULL << 30);
  EXPECT_EQ(info.memory_modules[2].speed_mts, 8800u);  // 0xFFFF + SMBIOS 3.3 extended speed
}

TEST(SmbiosTableParserTest, LaptopSolderedMemoryAndBattery) {
  const auto info = parsed("thinkpad-t14");
  EXPECT_EQ(info.hardware.chassis->type, "Notebook");
  EXPECT_EQ(info.hardware.family, "ThinkPad T14 Gen 3");
  ASSERT_EQ(info.memory_modules.size(), 2u);
  EXPECT_EQ(info.memory_modules[0].type, "LPDDR5");
  EXPECT_EQ(info.memory_modules[0].slot, "Controller0-ChannelA-DIMM0");
  ASSERT_EQ(info.batteries.size(), 1u);
  EXPECT_EQ(info.batteries[0].manufacturer, "SMP");
  EXPECT_EQ(info.batteries[0].name, "5B10W51870");
  EXPECT_EQ(info.batteries[0].chemistry, "Lithium-ion");
  EXPECT_EQ(info.batteries[0].design_capacity_mwh, 52500u);
  EXPECT_EQ(info.batteries[0].serial, "04D2");  // SBDS serial (hex) when no string
}

TEST(SmbiosTableParserTest, OldVersionsStoreTheUuidBigEndian) {
  const auto info = parsed("vmware-vm");  // SMBIOS 2.4
  EXPECT_EQ(info.hardware.uuid, "564d8a3c-1f2e-6b7a-9012-3456789abcde");
  EXPECT_EQ(info.hardware.serial, "VMware-56 4d 8a 3c 1f 2e 6b 7a-90 12 34 56 78 9a bc de");
  EXPECT_FALSE(info.hardware.sku);  // string index 0: not set
  // The same bytes read as 2.6+ swap the first three fields.
  auto modern = parseSmbiosTable(tableOf("vmware-vm"), SmbiosVersion{2, 6});
  ASSERT_TRUE(modern);
  EXPECT_EQ(modern->hardware.uuid, "3c8a4d56-2e1f-7a6b-9012-3456789abcde");
  // A 2.4 memory device is shorter than the extended-size layout: still read.
  ASSERT_EQ(info.memory_modules.size(), 1u);
  EXPECT_EQ(info.memory_modules[0].size_bytes, 4ULL << 30);
  EXPECT_EQ(info.memory_modules[0].type, "RAM");
  EXPECT_FALSE(info.memory_modules[0].speed_mts);  // 0 = unknown
}

TEST(SmbiosTableParserTest, TruncationAtEveryByteNeverCrashesAndKeepsThePrefix) {
  const std::string table = tableOf("poweredge-r750");
  ASSERT_GT(table.size(), 100u);
  constexpr std::size_t kBiosFormatted = 0x1A;
  constexpr std::size_t kVendorEnd = kBiosFormatted + sizeof("Dell Inc.") - 1;
  for (std::size_t n = 0; n < table.size(); ++n) {
    auto info = parseSmbiosTable(std::string_view(table).substr(0, n), {3, 3});
    if (n < kBiosFormatted) {
      EXPECT_FALSE(info) << n;  // not even the BIOS structure's formatted area
      continue;
    }
    ASSERT_TRUE(info) << n;
    // Only the last NUL of the end-of-table marker may go missing unnoticed.
    if (n + 1 < table.size()) {
      EXPECT_TRUE(info->truncated) << n;
    }
    if (n > kVendorEnd) {
      EXPECT_EQ(info->hardware.bios->vendor, "Dell Inc.") << n;
    }
  }
  auto whole = parseSmbiosTable(table, {3, 3});
  ASSERT_TRUE(whole);
  EXPECT_FALSE(whole->truncated);
}

TEST(SmbiosTableParserTest, BadLengthStopsTheWalk) {
  // A type 1 structure claiming 2 bytes (less than its own header).
  const std::string bios(
      "\x00\x12\x00\x00\x01\x02\x00\x00\x03\x00\x00\x00\x00\x00\x00\x00\x00\x00"
      "ACME\0v1\0"
      "01/01/2020\0\0",
      18 + 20);
  const std::string bad("\x01\x02\x01\x00", 4);
  auto info = parseSmbiosTable(bios + bad, {});
  ASSERT_TRUE(info);
  EXPECT_TRUE(info->truncated);
  EXPECT_EQ(info->structures, 1u);
  EXPECT_EQ(info->hardware.bios->vendor, "ACME");
  EXPECT_EQ(info->hardware.bios->date, "01/01/2020");
  EXPECT_FALSE(info->hardware.vendor);
}

TEST(SmbiosTableParserTest, UnterminatedStringSetKeepsWhatItHas) {
  // A system structure whose string set runs to the end of the buffer.
  std::string system(0x1B, '\0');
  system[0] = 1;
  system[1] = 0x1B;
  system[4] = 1;
  system[5] = 2;  // refers to a string that never ends
  system += std::string("Lenovo\0Think", 12);
  auto info = parseSmbiosTable(system, {});
  ASSERT_TRUE(info);
  EXPECT_TRUE(info->truncated);
  EXPECT_EQ(info->hardware.vendor, "Lenovo");
  EXPECT_FALSE(info->hardware.model);
}

TEST(SmbiosTableParserTest, StringIndexPastTheSetAndBlankStringsAreAbsent) {
  std::string system(0x1B, '\0');
  system[0] = 1;
  system[1] = 0x1B;
  system[4] = 1;  // "   " (blank)
  system[5] = 9;  // past the set
  system[7] = 2;  // serial
  system += std::string("   \0SN1\0\0", 9);
  system += std::string("\x7f\x04\x00\x01\0\0", 6);  // end of table
  auto info = parseSmbiosTable(system, {});
  ASSERT_TRUE(info);
  EXPECT_FALSE(info->truncated);
  EXPECT_FALSE(info->hardware.vendor);
  EXPECT_FALSE(info->hardware.model);
  EXPECT_EQ(info->hardware.serial, "SN1");
}

TEST(SmbiosTableParserTest, GarbageIsMalformed) {
  EXPECT_FALSE(parseSmbiosTable("", {}));
  EXPECT_FALSE(parseSmbiosTable("not a table", {}));
  EXPECT_EQ(parseSmbiosTable(std::string(64, '\xff'), {}).error().code, "malformed");
}

TEST(SmbiosNamesTest, ChassisAndMemoryTypes) {
  EXPECT_EQ(smbiosChassisTypeName(0x0A), "Notebook");
  EXPECT_EQ(smbiosChassisTypeName(0x23), "Mini PC");
  EXPECT_EQ(smbiosChassisTypeName(200), "Other");
  EXPECT_EQ(smbiosMemoryTypeName(0x1A), "DDR4");
  EXPECT_EQ(smbiosMemoryTypeName(0x02), std::nullopt);  // "Unknown"
  EXPECT_EQ(smbiosMemoryTypeName(0xEE), std::nullopt);
}

}  // namespace
}  // namespace steward::agent
