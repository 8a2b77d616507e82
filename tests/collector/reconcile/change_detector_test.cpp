#include "collector/reconcile/change_detector.h"

#include <gtest/gtest.h>

#include "collector/reconcile/version_compare.h"
#include "tests/collector/sample_reports.h"

namespace steward::collector::reconcile {
namespace {

std::vector<std::string> kinds(const std::vector<wire::DetectedChange>& changes) {
  std::vector<std::string> out;
  for (const auto& c : changes) {
    out.push_back(c.kind + " " + c.subject + " " + c.before.value_or("-") + " -> " +
                  c.after.value_or("-"));
  }
  return out;
}

TEST(VersionCompareTest, OrdersLikeDpkg) {
  EXPECT_LT(compareVersions("5.2.15-2", "5.2.15-2+b7"), 0);
  EXPECT_LT(compareVersions("1.0~rc1", "1.0"), 0);
  EXPECT_LT(compareVersions("1.9", "1.10"), 0);
  EXPECT_GT(compareVersions("1:0.9", "2.0"), 0) << "epoch wins";
  EXPECT_EQ(compareVersions("1.0", "1.0"), 0);
  EXPECT_EQ(compareVersions("1.01", "1.1"), 0);
  EXPECT_GT(compareVersions("2.0", "1.99.99"), 0);
}

TEST(ChangeDetectorTest, SameInventoryHasNoChanges) {
  EXPECT_TRUE(detectChanges(testing::laptopReport(), testing::laptopReport()).empty());
}

TEST(ChangeDetectorTest, SoftwareUpgradesDowngradesAdditionsAndRemovals) {
  auto before = testing::laptopReport();
  before.packages = {{"bash", "5.2-1", "amd64", "dpkg"},
                     {"openssl", "3.0.11-1", "amd64", "dpkg"},
                     {"vim", "9.0", "amd64", "dpkg"}};
  auto after = before;
  after.packages = {{"bash", "5.2-2", "amd64", "dpkg"},
                    {"openssl", "3.0.9-1", "amd64", "dpkg"},
                    {"vim", "9.0", "i386", "dpkg"}};
  const std::vector<std::string> expected = {
      "software_added vim:i386 - -> 9.0", "software_downgraded openssl:amd64 3.0.11-1 -> 3.0.9-1",
      "software_removed vim:amd64 9.0 -> -", "software_upgraded bash:amd64 5.2-1 -> 5.2-2"};
  EXPECT_EQ(kinds(detectChanges(before, after)), expected);
}

TEST(ChangeDetectorTest, HardwareComponentsAddedAndRemoved) {
  auto before = testing::laptopReport();
  before.disks = {{"sda", std::string("WDC"), std::string("W1"), 1'000'000'000'000ULL, true}};
  wire::MemoryModule dimm;
  dimm.slot = "DIMM A1";
  dimm.size_bytes = 8ULL << 30;
  dimm.type = "DDR4";
  before.memory.modules = {dimm};
  auto after = before;
  after.disks.push_back(
      {"sdb", std::string("Samsung"), std::string("S2"), 500'000'000'000ULL, std::nullopt});
  after.memory.modules = {};
  after.cpu.model = "AMD Ryzen 7 7840U";
  const auto changes = kinds(detectChanges(before, after));
  const std::vector<std::string> expected = {
      "hardware_added cpu - -> AMD Ryzen 7 7840U (10 cores)",
      "hardware_added disk sdb - -> Samsung 500 GB S/N S2",
      "hardware_removed cpu 13th Gen Intel(R) Core(TM) i7-1365U (10 cores) -> -",
      "hardware_removed memory DIMM A1 8192 MiB DDR4 -> -"};
  EXPECT_EQ(changes, expected);
}

TEST(ChangeDetectorTest, NetworkAndOsChanges) {
  auto before = testing::laptopReport();
  auto after = before;
  after.interfaces[0].mac = "8c:04:ba:12:34:99";
  after.interfaces[0].ipv4 = {"192.0.2.10/24", "198.51.100.4/24"};
  after.interfaces[0].ipv6 = {"fe80::1/64"};  // link-local: not worth a change
  after.system.os_name = "Debian GNU/Linux 13 (trixie)";
  const std::vector<std::string> expected = {
      "ip_added 198.51.100.4/24 - -> 198.51.100.4/24",
      "mac_added 8c:04:ba:12:34:99 - -> enp0s31f6",
      "mac_removed 8c:04:ba:12:34:56 enp0s31f6 -> -",
      "os_changed os - -> Debian GNU/Linux 13 (trixie)"};
  EXPECT_EQ(kinds(detectChanges(before, after)), expected);
}

}  // namespace
}  // namespace steward::collector::reconcile
