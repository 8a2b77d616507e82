#include <gtest/gtest.h>

#include "shared/wire/json_codec.h"
#include "shared/wire/report_reply.h"

namespace steward::wire {
namespace {

TEST(DeliveryFieldsTest, HeartbeatAndInventoryCarrySequenceDropsAndHashes) {
  Heartbeat beat;
  beat.heartbeat_id = "hb-1";
  beat.agent_id = "agent-1";
  beat.sent_at = "2026-12-01T10:00:00Z";
  beat.sequence = 17;
  beat.dropped_reports = 4;
  beat.section_hashes = {{"packages", "12-00ff"}, {"system", "3-0a"}};
  auto decoded = decodeHeartbeat(encodeHeartbeat(beat));
  ASSERT_TRUE(decoded) << decoded.error().message;
  EXPECT_EQ(*decoded, beat);

  InventoryReport report;
  report.report_id = "r-1";
  report.agent_id = "agent-1";
  report.collected_at = "2026-12-01T10:00:00Z";
  report.system.hostname = "h";
  report.sequence = 18;
  report.section_hashes = beat.section_hashes;
  auto inventory = decodeInventory(encodeInventory(report));
  ASSERT_TRUE(inventory) << inventory.error().message;
  EXPECT_EQ(*inventory, report);
}

TEST(DeliveryFieldsTest, OlderBodiesWithoutThemStillDecode) {
  auto beat = decodeHeartbeat(
      R"({"schema_version":"1.2","heartbeat_id":"h","agent_id":"a","sent_at":"t"})");
  ASSERT_TRUE(beat) << beat.error().message;
  EXPECT_FALSE(beat->sequence);
  EXPECT_TRUE(beat->section_hashes.empty());
}

TEST(DeliveryFieldsTest, BadValuesAreRejectedWithTheirLocation) {
  const std::string head = R"({"schema_version":"1.3","heartbeat_id":"h","agent_id":"a","sent_at":"t",)";
  const std::pair<std::string, std::string> cases[] = {
      {R"("sequence":-1})", "$.sequence"},
      {R"("dropped_reports":"many"})", "$.dropped_reports"},
      {R"("section_hashes":[]})", "$.section_hashes"},
      {R"("section_hashes":{"cpu":7}})", "$.section_hashes.cpu"},
      {R"("section_hashes":{"cpu":""}})", "$.section_hashes.cpu"},
      {R"("section_hashes":{"":"1-0"}})", "$.section_hashes"},
      {R"("section_hashes":{"cpu":")" + std::string(200, 'f') + R"("}})", "$.section_hashes.cpu"},
  };
  for (const auto& [tail, where] : cases) {
    auto beat = decodeHeartbeat(head + tail);
    ASSERT_FALSE(beat) << tail;
    EXPECT_NE(beat.error().message.find(where), std::string::npos) << beat.error().message;
  }
  auto empty_id = decodeHeartbeat(
      R"({"schema_version":"1.3","heartbeat_id":"","agent_id":"a","sent_at":"t"})");
  ASSERT_FALSE(empty_id);
  EXPECT_NE(empty_id.error().message.find("$.heartbeat_id"), std::string::npos);
}

TEST(ReportReplyTest, SettingsRoundTrip) {
  AgentSettings settings;
  settings.heartbeat_interval_seconds = 30;
  settings.inventory_interval_seconds = 900;
  settings.inventory = {{"packages", false}, {"users", true}};
  const std::string body = encodeReportReply({"ok", "asset-1", settings});
  const auto decoded = decodeReplySettings(body);
  ASSERT_TRUE(decoded.config);
  EXPECT_EQ(*decoded.config, settings);
  EXPECT_TRUE(decoded.problems.empty());

  EXPECT_FALSE(decodeReplySettings(encodeReportReply({"ok", "asset-1", std::nullopt})).config);
  EXPECT_FALSE(decodeReplySettings("not json").config);
}

TEST(ReportReplyTest, InvalidValuesAreLeftOutAndNamedButTheRestApplies) {
  const auto decoded = decodeReplySettings(
      R"({"status":"ok","config":{"heartbeat_interval_seconds":0,)"
      R"("inventory_interval_seconds":600,"inventory":{"packages":"no","users":false,"gpu":true}}})");
  ASSERT_TRUE(decoded.config);
  EXPECT_FALSE(decoded.config->heartbeat_interval_seconds);
  EXPECT_EQ(decoded.config->inventory_interval_seconds, 600);
  EXPECT_EQ(decoded.config->inventory, (std::map<std::string, bool>{{"users", false}}));
  ASSERT_EQ(decoded.problems.size(), 3u);
  EXPECT_NE(decoded.problems[0].find("$.config.heartbeat_interval_seconds"), std::string::npos);

  for (const char* bad : {R"({"config":{"heartbeat_interval_seconds":"60"}})",
                          R"({"config":{"heartbeat_interval_seconds":1.5}})",
                          R"({"config":{"heartbeat_interval_seconds":86401}})",
                          R"({"config":{"heartbeat_interval_seconds":18446744073709551615}})",
                          R"({"config":{"inventory_interval_seconds":-5}})",
                          R"({"config":{"inventory":[]}})", R"({"config":[]})"}) {
    const auto d = decodeReplySettings(bad);
    EXPECT_EQ(d.problems.size(), 1u) << bad;
    EXPECT_FALSE(d.config && d.config->heartbeat_interval_seconds) << bad;
  }
}

TEST(ReportReplyTest, WatchLevelsRoundTrip) {
  AgentSettings settings;
  settings.watch_interval_ms = 2000;
  settings.watch = {{"filesystem_usage", 90, 85, 300000},
                    {"load_per_cpu", 2.5, 1.5, 0},
                    {"filesystem_read_only", 0, 0, 0}};
  const auto decoded = decodeReplySettings(encodeReportReply({"ok", "asset-1", settings}));
  ASSERT_TRUE(decoded.config);
  EXPECT_EQ(*decoded.config, settings);
  EXPECT_TRUE(decoded.problems.empty());
}

TEST(ReportReplyTest, BadWatchLevelsAreLeftOutAndNamedUnknownSignalsQuietlySkipped) {
  const auto decoded = decodeReplySettings(
      R"({"status":"ok","config":{"watch_interval_ms":3600001,"watch":[)"
      R"({"signal":"memory_usage","raise":"90","clear":80},)"
      R"({"signal":"swap_usage","raise":50,"clear":60},)"
      R"({"signal":"inode_usage","raise":90,"clear":80,"duration_ms":-1},)"
      R"({"signal":"gpu_temperature","raise":90,"clear":80},)"
      R"({"signal":"filesystem_usage","raise":90,"clear":85}]}})");
  ASSERT_TRUE(decoded.config);
  EXPECT_FALSE(decoded.config->watch_interval_ms);
  EXPECT_EQ(decoded.config->watch,
            (std::vector<WatchLevel>{{"filesystem_usage", 90, 85, 0}}))
      << "a newer collector's signal is not an error; the valid rest applies";
  ASSERT_EQ(decoded.problems.size(), 4u);
  EXPECT_NE(decoded.problems[0].find("$.config.watch_interval_ms"), std::string::npos);
  EXPECT_NE(decoded.problems[1].find("$.config.watch[0].raise"), std::string::npos);
  EXPECT_NE(decoded.problems[2].find("$.config.watch[1]: clear 60 is above raise 50"),
            std::string::npos)
      << decoded.problems[2];
  EXPECT_NE(decoded.problems[3].find("$.config.watch[2].duration_ms"), std::string::npos);

  std::string many = R"({"config":{"watch":[)";
  for (std::size_t i = 0; i <= kMaxWatchLevels; ++i) {
    many += std::string(i ? "," : "") + R"({"signal":"filesystem_read_only"})";
  }
  const auto too_many = decodeReplySettings(many + "]}}");
  ASSERT_TRUE(too_many.config);
  EXPECT_TRUE(too_many.config->watch.empty());
  ASSERT_EQ(too_many.problems.size(), 1u);
  EXPECT_NE(too_many.problems[0].find("at most 64"), std::string::npos);
}

}  // namespace
}  // namespace steward::wire
