#include <gtest/gtest.h>

#include "shared/wire/json_codec.h"
#include "tests/support/sample_report.h"

namespace steward::wire {
namespace {

using steward::testing::sampleReport;

InventoryReport withServices() {
  InventoryReport r = sampleReport();
  r.services = std::vector<Service>{
      {"ssh.service", "OpenBSD Secure Shell server", "loaded", "active", "running", "enabled"},
      {"smartmontools.service", std::nullopt, std::nullopt, std::nullopt, std::nullopt,
       "disabled"}};
  return r;
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const auto pos = text.find(from);
  EXPECT_NE(pos, std::string::npos) << from;
  return text.replace(pos, from.size(), to);
}

TEST(ServicesCodecTest, RoundTripKeepsEveryStateAndLeavesUnknownsOut) {
  const InventoryReport original = withServices();
  const std::string text = encodeInventory(original);
  EXPECT_NE(text.find("{\"name\":\"ssh.service\",\"description\":\"OpenBSD Secure Shell "
                      "server\",\"load_state\":\"loaded\",\"active_state\":\"active\","
                      "\"sub_state\":\"running\",\"unit_file_state\":\"enabled\"}"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("{\"name\":\"smartmontools.service\",\"unit_file_state\":\"disabled\"}"),
            std::string::npos);
  auto decoded = decodeInventory(text);
  ASSERT_TRUE(decoded) << decoded.error().message;
  EXPECT_EQ(*decoded, original);
}

TEST(ServicesCodecTest, AbsentIsNotTheSameAsEmpty) {
  InventoryReport r = sampleReport();
  r.services.reset();
  std::string text = encodeInventory(r);
  EXPECT_EQ(text.find("\"services\""), std::string::npos);
  auto decoded = decodeInventory(text);
  ASSERT_TRUE(decoded);
  EXPECT_FALSE(decoded->services.has_value());

  r.services = std::vector<Service>{};
  text = encodeInventory(r);
  EXPECT_NE(text.find("\"services\":[]"), std::string::npos);
  decoded = decodeInventory(text);
  ASSERT_TRUE(decoded);
  ASSERT_TRUE(decoded->services.has_value());
  EXPECT_TRUE(decoded->services->empty());
}

TEST(ServicesCodecTest, BadServicesAreLocatedAndRejected) {
  const std::string base = encodeInventory(withServices());
  auto decoded = decodeInventory(replaced(base, "\"name\":\"ssh.service\"", "\"name\":7"));
  ASSERT_FALSE(decoded);
  EXPECT_EQ(decoded.error().message, "$.services[0].name: expected a string");
  decoded = decodeInventory(replaced(base, "\"name\":\"ssh.service\"", "\"name\":\"\""));
  ASSERT_FALSE(decoded);
  EXPECT_EQ(decoded.error().message, "$.services[0].name: empty");
  decoded = decodeInventory(replaced(base, "\"sub_state\":\"running\"", "\"sub_state\":[]"));
  ASSERT_FALSE(decoded);
  EXPECT_EQ(decoded.error().message, "$.services[0].sub_state: expected a string");
  decoded = decodeInventory(replaced(base, "\"services\":[", "\"services\":{\"x\":["));
  ASSERT_FALSE(decoded);
  EXPECT_EQ(decoded.error().code, "malformed_json");
  decoded = decodeInventory(replaced(base, "\"services\":[", "\"services\":\"all\",\"y\":["));
  ASSERT_FALSE(decoded);
  EXPECT_EQ(decoded.error().message, "$.services: expected an array");
}

TEST(ServicesCodecTest, NullServicesMeanNotReported) {
  const std::string text =
      replaced(encodeInventory(withServices()), "\"services\":[", "\"services\":null,\"z\":[");
  auto decoded = decodeInventory(text);
  ASSERT_TRUE(decoded) << decoded.error().message;
  EXPECT_FALSE(decoded->services.has_value());
}

}  // namespace
}  // namespace steward::wire
