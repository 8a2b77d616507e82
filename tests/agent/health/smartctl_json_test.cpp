#include "agent/health/linux/smartctl_json.h"

#include <gtest/gtest.h>

#include "tests/agent/fake_command_runner.h"

namespace steward::agent {
namespace {

using testing::fixtureText;

TEST(SmartctlScanTest, ListsDevicesWithTheirType) {
  auto devices = parseSmartctlScan(fixtureText("smartctl/workstation-scan-open.json"));
  ASSERT_TRUE(devices) << devices.error().message;
  EXPECT_EQ(*devices, (std::vector<SmartDevice>{
                          {"/dev/sda", "sat"}, {"/dev/sdb", "sat"}, {"/dev/nvme0", "nvme"}}));
}

TEST(SmartctlScanTest, CapturedScanWithoutDisksIsEmpty) {
  auto devices = parseSmartctlScan(fixtureText("smartctl/container-scan-open.json"));
  ASSERT_TRUE(devices);
  EXPECT_TRUE(devices->empty());
}

TEST(SmartctlScanTest, HostileDevicesAreSkippedGarbageIsMalformed) {
  auto devices = parseSmartctlScan(
      R"({"devices":[{"name":"/dev/sda; rm -rf /","type":"sat"},{"name":"/etc/passwd"},)"
      R"({"name":"/dev/../etc/shadow"},{"name":"/dev/sdc","type":"sat -x"},{"name":7},)"
      R"({"name":"/dev/sdd","type":"megaraid,3"}]})");
  ASSERT_TRUE(devices);
  EXPECT_EQ(*devices, (std::vector<SmartDevice>{{"/dev/sdd", "megaraid,3"}}));
  EXPECT_FALSE(parseSmartctlScan("smartctl: command not found"));
  EXPECT_FALSE(parseSmartctlScan(R"({"devices":[{"name":"/dev/sda")"));
  EXPECT_FALSE(parseSmartctlScan("[]"));
}

TEST(SmartctlHealthTest, HealthySataSsd) {
  auto h = parseSmartctlHealth(fixtureText("smartctl/sata-ssd-healthy.json"), "/dev/sda");
  ASSERT_TRUE(h) << h.error().message;
  EXPECT_EQ(*h, (wire::SmartHealth{"/dev/sda", true, "Samsung SSD 870 EVO 1TB", "S6PUNX0T412345K",
                                   31, 0}));
}

TEST(SmartctlHealthTest, FailingDiskSaysSo) {
  auto h = parseSmartctlHealth(fixtureText("smartctl/sata-hdd-failing.json"), "/dev/sdb");
  ASSERT_TRUE(h) << h.error().message;
  EXPECT_FALSE(h->passed);
  EXPECT_EQ(h->reallocated_sectors, 3912u);
  EXPECT_EQ(h->temperature_celsius, 44);
  EXPECT_EQ(h->model, "ST2000DM008-2FR102");
}

TEST(SmartctlHealthTest, NvmeHasNoReallocatedSectorAttribute) {
  auto h = parseSmartctlHealth(fixtureText("smartctl/nvme-healthy.json"), "/dev/nvme0");
  ASSERT_TRUE(h);
  EXPECT_TRUE(h->passed);
  EXPECT_EQ(h->temperature_celsius, 38);
  EXPECT_FALSE(h->reallocated_sectors);
  EXPECT_EQ(h->serial, "22461X800123");
}

TEST(SmartctlHealthTest, NoVerdictCarriesSmartctlsReason) {
  auto h = parseSmartctlHealth(fixtureText("smartctl/container-vda-unsupported.json"), "/dev/vda");
  ASSERT_FALSE(h);
  EXPECT_EQ(h.error().code, "no_verdict");
  EXPECT_NE(h.error().message.find("Unable to detect device type"), std::string::npos);
}

TEST(SmartctlHealthTest, TruncatedGarbageAndOddValues) {
  const std::string full = fixtureText("smartctl/sata-ssd-healthy.json");
  auto cut = parseSmartctlHealth(full.substr(0, full.size() - 40), "/dev/sda");
  ASSERT_FALSE(cut);
  EXPECT_EQ(cut.error().code, "malformed");
  EXPECT_EQ(parseSmartctlHealth("", "/dev/sda").error().code, "malformed");
  EXPECT_EQ(parseSmartctlHealth("\x00\x01", "/dev/sda").error().code, "malformed");
  // "passed" must be a boolean; odd temperatures and text fields are dropped.
  EXPECT_EQ(parseSmartctlHealth(R"({"smart_status":{"passed":"yes"}})", "/dev/sda").error().code,
            "no_verdict");
  auto odd = parseSmartctlHealth(
      R"({"smart_status":{"passed":true},"model_name":"bad\u0001name","temperature":{"current":900},)"
      R"("ata_smart_attributes":{"table":[{"id":5,"raw":{"value":-3}}]}})",
      "/dev/sda");
  ASSERT_TRUE(odd);
  EXPECT_FALSE(odd->model);
  EXPECT_FALSE(odd->temperature_celsius);
  EXPECT_FALSE(odd->reallocated_sectors);
}

}  // namespace
}  // namespace steward::agent
