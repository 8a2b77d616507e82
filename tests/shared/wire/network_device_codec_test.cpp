#include <gtest/gtest.h>

#include "shared/wire/json_codec.h"
#include "tests/support/sample_report.h"

namespace steward::wire {
namespace {

AssetRecord switchRecord() {
  AssetRecord a = steward::testing::sampleAssetRecord();
  NetworkDevice d;
  d.device_class = "switch";
  d.address = "127.0.1.1";
  d.sys_object_id = "1.3.6.1.4.1.9.1.1208";
  d.sys_services = 2;
  d.engine_id = "80001f8880";
  d.interfaces.push_back({1, "Gi1/0/1", "desk 12", "00:11:22:33:44:01", "up", "down", 1000,
                          {"10.0.0.2/24"}});
  d.components.push_back({"chassis", "Catalyst", "WS-C2960X", "FOC1234X0AB", "15.2", {}, "Cisco"});
  d.fdb.push_back({"52:54:00:aa:bb:cc", "Gi1/0/1", 10});
  d.neighbors.push_back({"lldp", "Gi1/0/24", "00:aa:bb:cc:dd:ee", "Gi0/1", "core1", {}});
  d.arp.push_back({"10.0.0.9", "52:54:00:aa:bb:cc", "Vlan10"});
  d.supplies.push_back({"Black Toner", "toner", 40, 100});
  a.network_device = d;
  a.connected_to = PortLink{"0190-switch", "Gi1/0/1", 10};
  return a;
}

TEST(NetworkDeviceCodecTest, RoundTripKeepsEveryField) {
  const AssetRecord original = switchRecord();
  auto decoded = decodeAssetRecord(encodeAssetRecord(original));
  ASSERT_TRUE(decoded) << decoded.error().message;
  EXPECT_EQ(*decoded, original);
}

TEST(NetworkDeviceCodecTest, AgentRecordsCarryNeitherObject) {
  const std::string text = encodeAssetRecord(steward::testing::sampleAssetRecord());
  EXPECT_EQ(text.find("network_device"), std::string::npos);
  EXPECT_EQ(text.find("connected_to"), std::string::npos);
  auto decoded = decodeAssetRecord(text);
  ASSERT_TRUE(decoded);
  EXPECT_FALSE(decoded->network_device);
  EXPECT_FALSE(decoded->connected_to);
}

TEST(NetworkDeviceCodecTest, WrongTypesAreLocated) {
  std::string text = encodeAssetRecord(switchRecord());
  const std::string from = "\"port\":\"Gi1/0/1\",\"vlan\":10}";
  text.replace(text.find(from), from.size(), "\"port\":7}");
  auto decoded = decodeAssetRecord(text);
  ASSERT_FALSE(decoded);
  EXPECT_NE(decoded.error().message.find("$.network_device.fdb[0].port"), std::string::npos)
      << decoded.error().message;
}

TEST(NetworkDeviceCodecTest, EmptySwitchIdInLinkIsRejected) {
  AssetRecord a = switchRecord();
  a.connected_to->asset_id.clear();
  auto decoded = decodeAssetRecord(encodeAssetRecord(a));
  ASSERT_FALSE(decoded);
  EXPECT_NE(decoded.error().message.find("$.connected_to.asset_id"), std::string::npos)
      << decoded.error().message;
}

}  // namespace
}  // namespace steward::wire
