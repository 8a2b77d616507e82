#include "shared/wire/json_codec.h"

#include <gtest/gtest.h>

#include "tests/support/sample_report.h"

namespace steward::wire {
namespace {

using steward::testing::sampleAssetRecord;
using steward::testing::sampleReport;

// Replaces the first occurrence of `from` in `text` (test helper for mutating bodies).
std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const auto pos = text.find(from);
  EXPECT_NE(pos, std::string::npos) << from;
  return text.replace(pos, from.size(), to);
}

TEST(InventoryCodecTest, RoundTripKeepsEveryField) {
  const InventoryReport original = sampleReport();
  auto decoded = decodeInventory(encodeInventory(original));
  ASSERT_TRUE(decoded) << decoded.error().message;
  EXPECT_EQ(*decoded, original);
}

TEST(InventoryCodecTest, AbsentOptionalFieldsStayAbsent) {
  InventoryReport r = sampleReport();
  r.hardware = {};
  r.cpu.max_mhz.reset();
  r.disks[0].rotational.reset();
  const std::string text = encodeInventory(r);
  EXPECT_EQ(text.find("\"serial\":null"), std::string::npos);
  auto decoded = decodeInventory(text);
  ASSERT_TRUE(decoded);
  EXPECT_FALSE(decoded->hardware.serial.has_value());
  EXPECT_FALSE(decoded->cpu.max_mhz.has_value());
  EXPECT_FALSE(decoded->disks[0].rotational.has_value());
}

TEST(InventoryCodecTest, SchemaOneOneFieldsTravel) {
  const std::string text = encodeInventory(sampleReport());
  EXPECT_NE(text.find("\"schema_version\":\"1.3\""), std::string::npos);
  EXPECT_NE(text.find("\"bios\":{\"vendor\":\"Dell Inc.\",\"version\":\"1.12.1\""),
            std::string::npos);
  EXPECT_NE(text.find("\"chassis\":{\"type\":\"Notebook\""), std::string::npos);
  EXPECT_NE(text.find("\"speed_mts\":5200"), std::string::npos);
  EXPECT_NE(text.find("\"dns_servers\":[\"192.0.2.53\",\"2001:db8::53\"]"), std::string::npos);
  EXPECT_NE(text.find("\"installed_at\":\"2025-06-01T09:12:44Z\""), std::string::npos);
  auto decoded = decodeInventory(text);
  ASSERT_TRUE(decoded) << decoded.error().message;
  EXPECT_EQ(decoded->memory.modules.size(), 2u);
  EXPECT_EQ(decoded->interfaces[0].speed_mbps, 1000u);
  EXPECT_EQ(decoded->system.timezone, "Europe/Berlin");
  EXPECT_FALSE(decoded->hardware.chassis->asset_tag);
}

TEST(InventoryCodecTest, VersionOneZeroReportsStillDecode) {
  // A 1.0 agent's report: none of the 1.1 fields.
  InventoryReport old = sampleReport();
  old.schema.minor = 0;
  old.system.uptime_seconds.reset();
  old.system.timezone.reset();
  old.system.virtualization.reset();
  old.hardware = {"Dell Inc.", "Latitude 7440", "5CG3421XYZ", std::nullopt};
  old.memory.modules.clear();
  for (auto& n : old.interfaces) n.speed_mbps.reset(), n.oper_state.reset(), n.kind.reset();
  for (auto& p : old.packages) p.installed_at.reset();
  old.default_gateways.clear();
  old.dns_servers.clear();
  const std::string text = encodeInventory(old);
  for (const char* key : {"bios", "board", "chassis", "modules", "kind", "dns_servers",
                          "default_gateways", "installed_at", "timezone", "sku"}) {
    EXPECT_EQ(text.find(std::string("\"") + key + "\""), std::string::npos) << key;
  }
  auto decoded = decodeInventory(text);
  ASSERT_TRUE(decoded) << decoded.error().message;
  EXPECT_EQ(*decoded, old);
}

TEST(InventoryCodecTest, NewFieldsWithWrongTypesAreLocated) {
  const std::string base = encodeInventory(sampleReport());
  auto decoded = decodeInventory(replaced(base, "\"speed_mts\":5200", "\"speed_mts\":\"fast\""));
  ASSERT_FALSE(decoded);
  EXPECT_EQ(decoded.error().message,
            "$.memory.modules[0].speed_mts: expected an unsigned integer");
  decoded = decodeInventory(replaced(base, "\"bios\":{", "\"bios\":[],\"x\":{"));
  ASSERT_FALSE(decoded);
  EXPECT_EQ(decoded.error().message, "$.hardware.bios: expected an object");
  decoded = decodeInventory(replaced(base, "\"speed_mbps\":1000", "\"speed_mbps\":99999999999"));
  ASSERT_FALSE(decoded);
  EXPECT_EQ(decoded.error().message, "$.interfaces[0].speed_mbps: value 99999999999 is out of range");
  decoded = decodeInventory(replaced(base, "\"dns_servers\":[\"192.0.2.53\"", "\"dns_servers\":[53"));
  ASSERT_FALSE(decoded);
  EXPECT_EQ(decoded.error().message, "$.dns_servers[0]: expected a string");
}

TEST(InventoryCodecTest, IgnoresUnknownFieldsFromNewerAgents) {
  const std::string text =
      replaced(encodeInventory(sampleReport()), "\"report_id\"",
               "\"future_section\":{\"x\":[1,2]},\"schema_version\":\"1.7\",\"report_id\"");
  auto decoded = decodeInventory(text);
  ASSERT_TRUE(decoded) << decoded.error().message;
  EXPECT_EQ(decoded->schema.minor, 7);
  EXPECT_EQ(decoded->system.hostname, "ws-0042");
}

TEST(InventoryCodecTest, RejectsUnsupportedMajorVersion) {
  const std::string text =
      replaced(encodeInventory(sampleReport()), "\"schema_version\":\"1.3\"",
               "\"schema_version\":\"2.0\"");
  auto decoded = decodeInventory(text);
  ASSERT_FALSE(decoded);
  EXPECT_EQ(decoded.error().code, "unsupported_schema_version");
  EXPECT_NE(decoded.error().message.find("$.schema_version"), std::string::npos);
}

TEST(InventoryCodecTest, RejectsGarbageSchemaVersion) {
  const std::string text = replaced(encodeInventory(sampleReport()), "\"schema_version\":\"1.3\"",
                                    "\"schema_version\":\"one\"");
  auto decoded = decodeInventory(text);
  ASSERT_FALSE(decoded);
  EXPECT_EQ(decoded.error().code, "invalid_field");
}

TEST(InventoryCodecTest, MissingRequiredFieldNamesItsPath) {
  const std::string text =
      replaced(encodeInventory(sampleReport()), "\"hostname\":\"ws-0042\",", "");
  auto decoded = decodeInventory(text);
  ASSERT_FALSE(decoded);
  EXPECT_EQ(decoded.error().code, "invalid_field");
  EXPECT_EQ(decoded.error().message, "$.system.hostname: required field is missing");
}

TEST(InventoryCodecTest, WrongTypeNamesArrayElementPath) {
  const std::string text =
      replaced(encodeInventory(sampleReport()), "\"size_bytes\":512110190592", "\"size_bytes\":\"512G\"");
  auto decoded = decodeInventory(text);
  ASSERT_FALSE(decoded);
  EXPECT_EQ(decoded.error().message, "$.disks[0].size_bytes: expected an unsigned integer");
}

TEST(InventoryCodecTest, RejectsNegativeAndAbsurdCounts) {
  auto negative = decodeInventory(
      replaced(encodeInventory(sampleReport()), "\"threads\":12", "\"threads\":-1"));
  ASSERT_FALSE(negative);
  EXPECT_EQ(negative.error().message, "$.cpu.threads: expected an unsigned integer");
  auto absurd = decodeInventory(
      replaced(encodeInventory(sampleReport()), "\"threads\":12", "\"threads\":99999999999"));
  ASSERT_FALSE(absurd);
  EXPECT_NE(absurd.error().message.find("$.cpu.threads"), std::string::npos);
}

TEST(InventoryCodecTest, TruncatedBodyIsMalformed) {
  const std::string text = encodeInventory(sampleReport());
  for (std::size_t cut : {std::size_t{0}, std::size_t{1}, text.size() / 2, text.size() - 1}) {
    auto decoded = decodeInventory(text.substr(0, cut));
    ASSERT_FALSE(decoded) << "cut at " << cut;
    EXPECT_EQ(decoded.error().code, "malformed_json");
  }
}

TEST(InventoryCodecTest, GarbageAndNonObjectsAreRejected) {
  for (const char* body : {"\x89PNG\r\n", "null", "[1,2,3]", "\"text\"", "{\"a\":1} trailing"}) {
    auto decoded = decodeInventory(body);
    ASSERT_FALSE(decoded) << body;
    EXPECT_FALSE(decoded.error().message.empty());
  }
  auto array_root = decodeInventory("[]");
  ASSERT_FALSE(array_root);
  EXPECT_EQ(array_root.error().message, "$: expected an object");
}

TEST(InventoryCodecTest, DeepNestingIsRejectedNotRecursedInto) {
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  auto decoded = decodeInventory(deep);
  ASSERT_FALSE(decoded);
  EXPECT_EQ(decoded.error().code, "malformed_json");
}

TEST(InventoryCodecTest, EmptyHostnameIsRejected) {
  auto decoded = decodeInventory(
      replaced(encodeInventory(sampleReport()), "\"hostname\":\"ws-0042\"", "\"hostname\":\"\""));
  ASSERT_FALSE(decoded);
  EXPECT_EQ(decoded.error().message, "$.system.hostname: empty");
}

TEST(HeartbeatCodecTest, RoundTrip) {
  Heartbeat h;
  h.heartbeat_id = "0193a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2c";
  h.agent_id = "0193a1b2-0000-7000-8000-000000000001";
  h.sent_at = "2026-11-25T16:34:24.000Z";
  h.uptime_seconds = 3600.5;
  h.load1 = 0.25;
  auto decoded = decodeHeartbeat(encodeHeartbeat(h));
  ASSERT_TRUE(decoded) << decoded.error().message;
  EXPECT_EQ(*decoded, h);
}

TEST(HeartbeatCodecTest, HealthRoundTripAndLocatedErrors) {
  Heartbeat h;
  h.heartbeat_id = "hb-1";
  h.agent_id = "agent-1";
  h.sent_at = "2026-11-25T16:34:24.000Z";
  h.health = Health{0.5,   0.25, 8ULL << 30, 3ULL << 30, 2ULL << 30, 1ULL << 30,
                    {{"/", "/dev/sda2", 100, 60, 35, 6400, 1200, false},
                     {"/srv", "/dev/sdb1", 500, 1, 499, std::nullopt, std::nullopt, true}},
                    true};
  const std::string text = encodeHeartbeat(h);
  auto decoded = decodeHeartbeat(text);
  ASSERT_TRUE(decoded) << decoded.error().message;
  EXPECT_EQ(*decoded, h);
  auto bad = decodeHeartbeat(replaced(text, "\"used_bytes\":1,", "\"used_bytes\":-1,"));
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().message, "$.health.filesystems[1].used_bytes: expected an unsigned integer");
  // A 1.0 heartbeat has no health object and still decodes.
  h.health.reset();
  decoded = decodeHeartbeat(encodeHeartbeat(h));
  ASSERT_TRUE(decoded);
  EXPECT_FALSE(decoded->health);
}

TEST(HeartbeatCodecTest, SchemaOneTwoHealthTravels) {
  Heartbeat h;
  h.heartbeat_id = "hb-2";
  h.agent_id = "agent-1";
  h.sent_at = "2026-12-01T10:00:00.000Z";
  Health health;
  health.cpu_utilisation_percent = 37.5;
  health.failed_units = std::vector<std::string>{"nginx.service", "backup.timer"};
  health.smart = {{"/dev/sda", false, "WDC WD40EFRX", "WD-123", 41, 12},
                  {"/dev/nvme0n1", true, std::nullopt, std::nullopt, std::nullopt, std::nullopt}};
  health.clock_offset_seconds = -2.25;
  h.health = health;
  const std::string text = encodeHeartbeat(h);
  auto decoded = decodeHeartbeat(text);
  ASSERT_TRUE(decoded) << decoded.error().message;
  EXPECT_EQ(*decoded, h);

  // "No failed units" (an empty list) and "could not ask systemd" (absent) differ.
  h.health->failed_units = std::vector<std::string>{};
  decoded = decodeHeartbeat(encodeHeartbeat(h));
  ASSERT_TRUE(decoded);
  ASSERT_TRUE(decoded->health->failed_units);
  EXPECT_TRUE(decoded->health->failed_units->empty());
  h.health->failed_units.reset();
  decoded = decodeHeartbeat(encodeHeartbeat(h));
  ASSERT_TRUE(decoded);
  EXPECT_FALSE(decoded->health->failed_units);

  auto bad = decodeHeartbeat(replaced(text, "\"passed\":false", "\"passed\":\"no\""));
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().message, "$.health.smart[0].passed: expected true or false");
  bad = decodeHeartbeat(replaced(text, "\"temperature_celsius\":41", "\"temperature_celsius\":4.5"));
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().message, "$.health.smart[0].temperature_celsius: expected an integer");
}

TEST(HeartbeatCodecTest, RejectsMissingAgentId) {
  auto decoded = decodeHeartbeat(R"({"schema_version":"1.0","heartbeat_id":"x","sent_at":"t"})");
  ASSERT_FALSE(decoded);
  EXPECT_EQ(decoded.error().message, "$.agent_id: required field is missing");
}

TEST(AssetRecordCodecTest, RoundTripIncludingInventory) {
  const AssetRecord original = sampleAssetRecord();
  auto decoded = decodeAssetRecord(encodeAssetRecord(original));
  ASSERT_TRUE(decoded) << decoded.error().message;
  EXPECT_EQ(*decoded, original);
}

TEST(AssetRecordCodecTest, AnInventoryEncodedEarlierGivesTheSameText) {
  AssetRecord original = sampleAssetRecord();
  // A hostname that spells the member being replaced must stay a hostname.
  original.inventory.system.hostname = "\"inventory\":null";
  const std::string inventory = encodeInventory(original.inventory);
  AssetRecord without = original;
  without.inventory = {};
  EXPECT_EQ(encodeAssetRecordWith(without, inventory), encodeAssetRecord(original));
}

TEST(AssetRecordCodecTest, ErrorsInsideInventoryAreLocated) {
  const std::string text = replaced(encodeAssetRecord(sampleAssetRecord()),
                                    "\"total_bytes\":33554432000", "\"total_bytes\":true");
  auto decoded = decodeAssetRecord(text);
  ASSERT_FALSE(decoded);
  EXPECT_EQ(decoded.error().message, "$.inventory.memory.total_bytes: expected an unsigned integer");
}

TEST(AssetSeenCodecTest, RoundTrip) {
  AssetSeen seen{{}, "e1", "a1", "2026-11-25T16:35:00.000Z"};
  auto decoded = decodeAssetSeen(encodeAssetSeen(seen));
  ASSERT_TRUE(decoded);
  EXPECT_EQ(*decoded, seen);
}

}  // namespace
}  // namespace steward::wire
