// The collector's side of agent transport (schema 1.3): heartbeats are idempotent,
// delta reporting (section hashes compared with the last inventory), dropped counts
// from the agent's spool, settings pushed in replies, the delivery log.

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include "collector/ingest/ingest_router.h"
#include "collector/storage/agent_transport_tables.h"
#include "shared/wire/json_codec.h"
#include "tests/collector/sample_reports.h"

namespace steward::collector::ingest {
namespace {

using http::HttpRequest;
using http::HttpResponse;
using storage::AgentTransport;
using storage::AgentTransportTables;
using storage::DeliveryRow;
using testing::CollectorHarness;
using testing::laptopReport;
using testing::testId;

const std::map<std::string, std::string> kHashes = {{"packages", "1200-00000000000000aa"},
                                                    {"system", "80-00000000000000bb"}};

class AgentTransportTest : public ::testing::Test {
 protected:
  HttpResponse post(const std::string& path, const std::string& body) {
    HttpRequest request;
    request.method = "POST";
    request.target = path;
    request.setHeader("Content-Type", "application/json");
    request.body = body;
    return router_.handle(request);
  }
  wire::InventoryReport report(std::uint64_t sequence) {
    auto r = laptopReport();
    r.report_id = testId(1000 + static_cast<int>(sequence));
    r.sequence = sequence;
    r.section_hashes = kHashes;
    return r;
  }
  wire::Heartbeat heartbeat(int n, std::uint64_t sequence) {
    wire::Heartbeat beat;
    beat.heartbeat_id = testId(5000 + n);
    beat.agent_id = laptopReport().agent_id;
    beat.sent_at = "2026-11-25T16:40:00.000Z";
    beat.sequence = sequence;
    beat.section_hashes = kHashes;
    return beat;
  }
  HttpResponse send(const wire::InventoryReport& r) {
    return post("/api/v1/agent/inventory", wire::encodeInventory(r));
  }
  HttpResponse send(const wire::Heartbeat& b) {
    return post("/api/v1/agent/heartbeat", wire::encodeHeartbeat(b));
  }
  std::vector<DeliveryRow> deliveries() {
    std::vector<DeliveryRow> rows;
    EXPECT_TRUE(h_.db().read([&](auto& db) -> Result<void> {
      auto r = AgentTransportTables(db).deliveries(laptopReport().agent_id);
      if (!r) return r.error();
      rows = *r;
      return {};
    }));
    return rows;
  }
  // Rows in the log table, shown or not.
  int storedDeliveries() {
    int count = 0;
    EXPECT_TRUE(h_.db().read([&](auto& db) -> Result<void> {
      auto stmt = db.prepare("SELECT count(*) FROM agent_deliveries WHERE agent_id = ?");
      if (!stmt) return stmt.error();
      auto row = stmt->bind(1, laptopReport().agent_id).step();
      if (!row) return row.error();
      count = static_cast<int>(stmt->int64(0));
      return {};
    }));
    return count;
  }
  AgentTransport transport() {
    AgentTransport out;
    EXPECT_TRUE(h_.db().read([&](auto& db) -> Result<void> {
      auto r = AgentTransportTables(db).transportOf(laptopReport().agent_id);
      if (!r) return r.error();
      out = *r;
      return {};
    }));
    return out;
  }
  static boost::json::value json(const HttpResponse& response) {
    return boost::json::parse(response.body);
  }

  CollectorHarness h_;
  wire::AgentSettings settings_;
  IngestRouter router_{*h_.service, nullptr, settings_};
};

TEST_F(AgentTransportTest, SameHeartbeatTwiceIsStoredOnceAndAnsweredDuplicate) {
  ASSERT_EQ(send(report(1)).status, 200);
  const auto outbox_before = h_.outbox().size();
  const auto first = send(heartbeat(1, 2));
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(json(first).at("status").as_string(), "ok");
  const auto outbox_after_first = h_.outbox().size();
  const int wakes = h_.wakes;

  const auto again = send(heartbeat(1, 2));  // the agent's retry after a lost response
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(json(again).at("status").as_string(), "duplicate");
  EXPECT_EQ(json(again).at("asset_id"), json(first).at("asset_id"));
  EXPECT_EQ(deliveries().size(), 2u) << "inventory + one heartbeat";
  EXPECT_EQ(h_.outbox().size(), outbox_after_first);
  EXPECT_GE(outbox_after_first, outbox_before);
  EXPECT_EQ(h_.wakes, wakes) << "a duplicate queues nothing";
}

TEST_F(AgentTransportTest, DeliveryLogKeepsArrivalOrderWithSequenceNumbers) {
  ASSERT_EQ(send(report(1)).status, 200);
  ASSERT_EQ(send(heartbeat(1, 2)).status, 200);
  ASSERT_EQ(send(report(3)).status, 200);
  ASSERT_EQ(send(heartbeat(2, 4)).status, 200);
  const auto rows = deliveries();
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0].kind, "inventory");
  EXPECT_EQ(rows[0].item_id, testId(1001));
  EXPECT_EQ(rows[1].kind, "heartbeat");
  EXPECT_EQ(rows[1].item_id, testId(5001));
  for (std::size_t i = 0; i < rows.size(); ++i) EXPECT_EQ(rows[i].sequence, std::int64_t(i + 1));
  EXPECT_EQ(transport().last_sequence, 4);
}

TEST_F(AgentTransportTest, HeartbeatWithOtherHashesIs409AndChangesNothing) {
  ASSERT_EQ(send(report(1)).status, 200);
  const auto outbox = h_.outbox().size();
  auto beat = heartbeat(1, 2);
  beat.section_hashes["packages"] = "1300-00000000000000cc";  // a package changed
  const auto response = send(beat);
  ASSERT_EQ(response.status, 409) << response.body;
  EXPECT_EQ(json(response).at("error").at("code").as_string(), "inventory_required");
  EXPECT_NE(response.body.find("packages"), std::string::npos) << response.body;
  EXPECT_EQ(response.body.find("system"), std::string::npos) << "only the differing section";
  EXPECT_EQ(deliveries().size(), 1u);
  EXPECT_EQ(h_.outbox().size(), outbox);

  // A missing section differs as well.
  auto fewer = heartbeat(2, 3);
  fewer.section_hashes.erase("system");
  EXPECT_EQ(send(fewer).status, 409);

  // The inventory with the new hashes makes the same heartbeat acceptable.
  auto changed = report(3);
  changed.section_hashes = beat.section_hashes;
  ASSERT_EQ(send(changed).status, 200);
  EXPECT_EQ(send(beat).status, 200);
}

TEST_F(AgentTransportTest, HeartbeatWithoutHashesIsNotCompared) {
  ASSERT_EQ(send(report(1)).status, 200);
  auto old_agent = heartbeat(1, 2);
  old_agent.section_hashes.clear();
  EXPECT_EQ(send(old_agent).status, 200);
}

TEST_F(AgentTransportTest, InventoryWithoutHashesMakesHashedHeartbeatsAskForOne) {
  auto plain = report(1);
  plain.section_hashes.clear();
  ASSERT_EQ(send(plain).status, 200);
  EXPECT_EQ(send(heartbeat(1, 2)).status, 409);
}

TEST_F(AgentTransportTest, DroppedCountsAddUpOnceAndARetryDoesNotCountTwice) {
  auto first = report(1);
  first.dropped_reports = 3;
  ASSERT_EQ(send(first).status, 200);
  EXPECT_EQ(send(first).status, 200);  // retry: duplicate
  auto beat = heartbeat(1, 9);
  beat.dropped_reports = 2;
  ASSERT_EQ(send(beat).status, 200);
  ASSERT_EQ(send(beat).status, 200);  // retry: duplicate
  const auto t = transport();
  EXPECT_EQ(t.dropped_reports_total, 5u);
  EXPECT_EQ(t.last_dropped_at, formatRfc3339(h_.clock.now()));
  EXPECT_EQ(t.section_hashes, kHashes);
}

TEST_F(AgentTransportTest, RejectedHeartbeatDoesNotCountItsDrops) {
  ASSERT_EQ(send(report(1)).status, 200);
  auto beat = heartbeat(1, 2);
  beat.dropped_reports = 4;
  beat.section_hashes["cpu"] = "1-00";
  ASSERT_EQ(send(beat).status, 409);
  EXPECT_EQ(transport().dropped_reports_total, 0u);
}

TEST_F(AgentTransportTest, OversizedOrMistypedHashesAre400AndChangeNothing) {
  ASSERT_EQ(send(report(1)).status, 200);
  auto many = heartbeat(1, 2);
  for (int i = 0; i < 70; ++i) many.section_hashes["s" + std::to_string(i)] = "1-0";
  const auto response = send(many);
  EXPECT_EQ(response.status, 400);
  EXPECT_NE(response.body.find("section_hashes"), std::string::npos);

  std::string body = wire::encodeHeartbeat(heartbeat(2, 3));
  const std::string hash = "\"1200-00000000000000aa\"";
  body.replace(body.find(hash), hash.size(), "42");
  const auto typed = post("/api/v1/agent/heartbeat", body);
  EXPECT_EQ(typed.status, 400);
  EXPECT_NE(typed.body.find("$.section_hashes.packages"), std::string::npos) << typed.body;

  auto negative = wire::encodeHeartbeat(heartbeat(3, 4));
  negative.replace(negative.find("\"sequence\":4"), 12, "\"sequence\":-4");
  EXPECT_EQ(post("/api/v1/agent/heartbeat", negative).status, 400);
  EXPECT_EQ(deliveries().size(), 1u);
}

TEST_F(AgentTransportTest, DeliveryLogKeepsOnlyTheNewestEntriesPerAgent) {
  ASSERT_EQ(send(report(1)).status, 200);
  for (int i = 0; i < storage::kKeptDeliveries + 5; ++i) {
    ASSERT_EQ(send(heartbeat(i, static_cast<std::uint64_t>(2 + i))).status, 200);
  }
  const auto rows = deliveries();
  ASSERT_EQ(rows.size(), static_cast<std::size_t>(storage::kKeptDeliveries));
  EXPECT_EQ(rows.back().sequence, storage::kKeptDeliveries + 6);
  EXPECT_EQ(rows.front().sequence, 7) << "the newest are shown, oldest first";
  // The table itself is trimmed in steps, never beyond a step's worth.
  for (int i = 0; i < storage::kTrimDeliveriesEvery; ++i) {
    const int n = storage::kKeptDeliveries + 5 + i;
    ASSERT_EQ(send(heartbeat(n, static_cast<std::uint64_t>(2 + n))).status, 200);
    EXPECT_LT(storedDeliveries(), storage::kKeptDeliveries + storage::kTrimDeliveriesEvery);
  }
}

TEST_F(AgentTransportTest, RepliesCarryThePushedSettings) {
  settings_.heartbeat_interval_seconds = 30;
  settings_.inventory["packages"] = false;
  IngestRouter pushing(*h_.service, nullptr, settings_);
  HttpRequest request;
  request.method = "POST";
  request.target = "/api/v1/agent/inventory";
  request.setHeader("Content-Type", "application/json");
  request.body = wire::encodeInventory(report(1));
  const auto reply = pushing.handle(request);
  ASSERT_EQ(reply.status, 200);
  const auto decoded = wire::decodeReplySettings(reply.body);
  ASSERT_TRUE(decoded.config);
  EXPECT_EQ(*decoded.config, settings_);
  EXPECT_TRUE(decoded.problems.empty());

  // No [agents] keys: an empty object, so agents fall back to their own values.
  const auto plain = send(heartbeat(1, 2));
  ASSERT_EQ(plain.status, 200);
  EXPECT_EQ(json(plain).at("config"), boost::json::object{});
}

TEST_F(AgentTransportTest, RepliesCarryTheWatchLevelsOfTheRulesLoadedAtTheTime) {
  settings_.watch_interval_ms = 2000;
  std::vector<wire::WatchLevel> levels{{"filesystem_usage", 90, 85, 0}};
  IngestRouter pushing(*h_.service, nullptr, settings_, [&] { return levels; });
  HttpRequest request;
  request.method = "POST";
  request.target = "/api/v1/agent/inventory";
  request.setHeader("Content-Type", "application/json");
  request.body = wire::encodeInventory(report(1));
  auto decoded = wire::decodeReplySettings(pushing.handle(request).body);
  ASSERT_TRUE(decoded.config);
  EXPECT_EQ(decoded.config->watch_interval_ms, 2000);
  EXPECT_EQ(decoded.config->watch, levels);

  levels = {{"filesystem_read_only", 0, 0, 0}};  // the rules were reloaded
  request.target = "/api/v1/agent/heartbeat";
  request.body = wire::encodeHeartbeat(heartbeat(1, 2));
  const auto reply = pushing.handle(request);
  ASSERT_EQ(reply.status, 200) << reply.body;
  decoded = wire::decodeReplySettings(reply.body);
  ASSERT_TRUE(decoded.config);
  EXPECT_EQ(decoded.config->watch, levels);
}

}  // namespace
}  // namespace steward::collector::ingest
