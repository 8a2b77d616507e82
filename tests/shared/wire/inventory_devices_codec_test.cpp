// Schema 1.2 inventory additions: PCI/USB devices, monitors, batteries, last logins
// and package vendors travel, stay absent when empty, and bad values are located.

#include <gtest/gtest.h>

#include "shared/wire/json_codec.h"
#include "tests/support/sample_report.h"

namespace steward::wire {
namespace {

using steward::testing::sampleReport;

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const auto pos = text.find(from);
  EXPECT_NE(pos, std::string::npos) << from;
  return text.replace(pos, from.size(), to);
}

TEST(InventoryDevicesCodecTest, SchemaOneTwoFieldsTravel) {
  const std::string text = encodeInventory(sampleReport());
  EXPECT_NE(text.find("\"pci_devices\":[{\"address\":\"0000:00:1f.3\",\"vendor_id\":\"8086\""),
            std::string::npos);
  EXPECT_NE(text.find("\"driver\":\"snd_hda_intel\""), std::string::npos);
  EXPECT_NE(text.find("\"usb_devices\":[{\"port\":\"3-6\""), std::string::npos);
  EXPECT_NE(text.find("\"model\":\"DELL U2723QE\",\"product_code\":17065,\"serial\":\"9PQ3GH3\""),
            std::string::npos);
  EXPECT_NE(text.find("\"health_percent\":9E1"), std::string::npos) << text;
  EXPECT_NE(text.find("\"last_login\":\"2026-11-25T07:58:02Z\",\"last_login_from\":\"192.0.2.77\""),
            std::string::npos);
  auto decoded = decodeInventory(text);
  ASSERT_TRUE(decoded) << decoded.error().message;
  EXPECT_EQ(decoded->pci_devices, sampleReport().pci_devices);
  EXPECT_EQ(decoded->usb_devices[0].speed_mbps, 480u);
  EXPECT_EQ(decoded->monitors[0].model, std::nullopt);
  EXPECT_EQ(decoded->monitors[1].manufacture_year, 2023u);
  EXPECT_EQ(decoded->batteries[0].cycle_count, 214u);
  EXPECT_EQ(decoded->users[1].last_login_from, "192.0.2.77");
  EXPECT_FALSE(decoded->users[0].last_login);
  EXPECT_EQ(decoded->packages[1].vendor, sampleReport().packages[1].vendor);
}

TEST(InventoryDevicesCodecTest, EmptyArraysAreLeftOutAndOlderReportsDecode) {
  InventoryReport old = sampleReport();
  old.schema.minor = 1;
  old.pci_devices.clear();
  old.usb_devices.clear();
  old.monitors.clear();
  old.batteries.clear();
  for (auto& u : old.users) u.last_login.reset(), u.last_login_from.reset();
  for (auto& p : old.packages) p.vendor.reset();
  const std::string text = encodeInventory(old);
  for (const char* key :
       {"pci_devices", "usb_devices", "monitors", "batteries", "last_login", "vendor\":\"Debian"}) {
    EXPECT_EQ(text.find(key), std::string::npos) << key;
  }
  auto decoded = decodeInventory(text);
  ASSERT_TRUE(decoded) << decoded.error().message;
  EXPECT_EQ(*decoded, old);
}

TEST(InventoryDevicesCodecTest, BadValuesAreLocated) {
  const std::string base = encodeInventory(sampleReport());
  struct Case {
    std::string from, to, message;
  };
  const Case cases[] = {
      {"\"vendor_id\":\"8086\",", "", "$.pci_devices[0].vendor_id: required field is missing"},
      {"\"port\":\"3-6\"", "\"port\":3", "$.usb_devices[0].port: expected a string"},
      {"\"speed_mbps\":480", "\"speed_mbps\":-1",
       "$.usb_devices[0].speed_mbps: expected an unsigned integer"},
      {"\"width_mm\":600", "\"width_mm\":\"wide\"",
       "$.monitors[1].width_mm: expected an unsigned integer"},
      {"\"cycle_count\":214", "\"cycle_count\":4294967296",
       "$.batteries[0].cycle_count: value 4294967296 is out of range"},
      {"\"batteries\":[", "\"batteries\":7,\"b\":[", "$.batteries: expected an array"},
      {"\"last_login\":\"2026-11-25T07:58:02Z\"", "\"last_login\":true",
       "$.users[1].last_login: expected a string"},
  };
  for (const auto& c : cases) {
    auto decoded = decodeInventory(replaced(base, c.from, c.to));
    ASSERT_FALSE(decoded) << c.from;
    EXPECT_EQ(decoded.error().message, c.message) << c.from;
  }
}

}  // namespace
}  // namespace steward::wire
