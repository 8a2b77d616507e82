#include "collector/ingest/ingest_router.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include "collector/storage/agent_transport_tables.h"
#include "collector/storage/asset_tables.h"
#include "collector/storage/outbox_table.h"
#include "shared/common/id.h"
#include "shared/wire/json_codec.h"
#include "tests/collector/sample_reports.h"

namespace steward::collector::ingest {
namespace {

using http::HttpRequest;
using http::HttpResponse;
using testing::CollectorHarness;
using testing::laptopReport;
using testing::testId;

class IngestRouterTest : public ::testing::Test {
 protected:
  HttpResponse post(const std::string& path, const std::string& body,
                    const std::string& content_type = "application/json") {
    HttpRequest request;
    request.method = "POST";
    request.target = path;
    if (!content_type.empty()) request.setHeader("Content-Type", content_type);
    request.body = body;
    return router_.handle(request);
  }
  HttpResponse postInventory(const wire::InventoryReport& report) {
    return post("/api/v1/agent/inventory", wire::encodeInventory(report));
  }
  HttpResponse postHeartbeat(const std::string& agent_id, int n) {
    wire::Heartbeat beat;
    beat.heartbeat_id = testId(5000 + n);
    beat.agent_id = agent_id;
    beat.sent_at = "2026-11-25T16:40:00.000Z";
    return post("/api/v1/agent/heartbeat", wire::encodeHeartbeat(beat));
  }
  HttpResponse request(const std::string& method, const std::string& path) {
    HttpRequest r;
    r.method = method;
    r.target = path;
    return router_.handle(r);
  }

  static boost::json::value json(const HttpResponse& response) {
    return boost::json::parse(response.body);
  }
  static std::string errorCode(const HttpResponse& response) {
    return std::string(json(response).at("error").at("code").as_string());
  }
  static std::string errorMessage(const HttpResponse& response) {
    return std::string(json(response).at("error").at("message").as_string());
  }

  // Stores one report first, so "nothing changed" is checked against a non-empty store.
  void storeBaseline() {
    ASSERT_EQ(postInventory(laptopReport()).status, 200);
    baseline_assets_ = h_.assetCount();
    baseline_outbox_ = h_.outbox().size();
  }
  void expectNothingStored() {
    EXPECT_EQ(h_.assetCount(), baseline_assets_);
    EXPECT_EQ(h_.outbox().size(), baseline_outbox_);
  }

  CollectorHarness h_;
  IngestRouter router_{*h_.service};
  std::int64_t baseline_assets_ = 0;
  std::size_t baseline_outbox_ = 0;
};

TEST_F(IngestRouterTest, StoresInventoryAndQueuesTheAssetRecordForTheServer) {
  const auto report = laptopReport();
  const HttpResponse response = postInventory(report);

  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(response.content_type, "application/json");
  const std::string asset_id(json(response).at("asset_id").as_string());
  EXPECT_EQ(json(response).at("status").as_string(), "stored");
  EXPECT_TRUE(isUuid(asset_id));
  EXPECT_EQ(h_.assetCount(), 1);

  const auto outbox = h_.outbox();
  ASSERT_EQ(outbox.size(), 1u);
  EXPECT_EQ(outbox[0].kind, "asset");
  auto record = wire::decodeAssetRecord(outbox[0].payload);
  ASSERT_TRUE(record) << record.error().message;
  EXPECT_EQ(record->asset_id, asset_id);
  EXPECT_EQ(record->event_id, outbox[0].event_id);
  EXPECT_EQ(record->collector_id, h_.db().collectorId());
  EXPECT_EQ(record->inventory, report);
  EXPECT_EQ(record->first_seen, formatRfc3339(h_.clock.now()));
  const wire::AssetIdentifier serial{"serial", "dell inc.|5CG3421XYZ"};
  EXPECT_NE(std::find(record->identifiers.begin(), record->identifiers.end(), serial),
            record->identifiers.end());
  EXPECT_EQ(h_.wakes, 1) << "the forwarder must be woken after the commit";
}

// A new agent's 86 KB inventory is written once, as its sighting: the queued record
// holds everything else and gets the sighting when it is sent (what the test above
// decodes through the harness, as the server receives it).
TEST_F(IngestRouterTest, ANewAgentsInventoryIsStoredOnceAndSentWhole) {
  auto report = laptopReport();
  for (int i = 0; i < 300; ++i) {
    report.packages.push_back(
        {"package-" + std::to_string(i), "1.0-" + std::to_string(i), std::string("amd64"), "dpkg"});
  }
  const std::string body = wire::encodeInventory(report);
  ASSERT_EQ(post("/api/v1/agent/inventory", body).status, 200);

  const auto stored = h_.storedOutbox();
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_EQ(stored[0].kind, storage::kOutboxAssetOfSighting);
  EXPECT_NE(stored[0].payload.find("\"inventory\":null"), std::string::npos);
  EXPECT_LT(stored[0].payload.size(), body.size() / 4);

  const auto sent = h_.outbox();
  ASSERT_EQ(sent.size(), 1u);
  auto record = wire::decodeAssetRecord(sent[0].payload);
  ASSERT_TRUE(record) << record.error().message;
  EXPECT_EQ(record->inventory, report);
}

TEST_F(IngestRouterTest, SameReportIdAgainIsADuplicateAndStoresNothing) {
  const auto first = postInventory(laptopReport());
  ASSERT_EQ(first.status, 200);
  const auto again = postInventory(laptopReport());

  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(json(again).at("status").as_string(), "duplicate");
  EXPECT_EQ(json(again).at("asset_id"), json(first).at("asset_id"));
  EXPECT_EQ(h_.assetCount(), 1);
  EXPECT_EQ(h_.outbox().size(), 1u);
}

TEST_F(IngestRouterTest, NextReportFromTheSameAgentUpdatesTheSameAsset) {
  const auto first = postInventory(laptopReport());
  h_.clock.advance(std::chrono::minutes(5));
  auto later = laptopReport();
  later.report_id = testId(1002);
  later.packages.push_back({"curl", "7.88.1-10", "amd64", "dpkg"});
  const auto second = postInventory(later);

  ASSERT_EQ(second.status, 200);
  EXPECT_EQ(json(second).at("status").as_string(), "stored");
  EXPECT_EQ(json(second).at("asset_id"), json(first).at("asset_id"));
  EXPECT_EQ(h_.assetCount(), 1);
  const auto outbox = h_.outbox();
  ASSERT_EQ(outbox.size(), 2u);
  auto record = wire::decodeAssetRecord(outbox[1].payload);
  ASSERT_TRUE(record);
  EXPECT_EQ(record->inventory.packages.size(), 2u);
  EXPECT_LT(record->first_seen, record->updated_at) << "first_seen must survive updates";
}

// A real agent's re-inventory of a machine that did not change still differs in its
// delivery and volatile fields; it must take the unchanged path (no asset record
// resent, only a collapsed "seen"), while its delivery facts are still recorded.
wire::InventoryReport withVolatile(int n) {
  auto report = laptopReport();
  report.report_id = testId(3000 + n);
  report.collected_at = "2026-11-25T1" + std::to_string(n) + ":00:00.000Z";
  report.sequence = static_cast<std::uint64_t>(n);
  report.dropped_reports = n == 2 ? 4u : 0u;
  report.system.uptime_seconds = 1000.0 * n;
  report.filesystems = {{"/", "/dev/sda1", "ext4", 100'000'000ULL, 1'000'000ULL * n}};
  report.interfaces[0].oper_state = n % 2 == 0 ? "down" : "up";
  report.interfaces[0].speed_mbps = 100u * static_cast<unsigned>(n);
  report.section_hashes = {{"system", "10-00000000000000aa"}};
  return report;
}

TEST_F(IngestRouterTest, ReinventoryDifferingOnlyInVolatileFieldsIsUnchanged) {
  const auto first = postInventory(withVolatile(1));
  ASSERT_EQ(first.status, 200) << first.body;
  h_.clock.advance(std::chrono::minutes(5));
  const auto second = postInventory(withVolatile(2));

  ASSERT_EQ(second.status, 200) << second.body;
  EXPECT_EQ(json(second).at("status").as_string(), "stored");
  EXPECT_EQ(json(second).at("asset_id"), json(first).at("asset_id"));
  const auto outbox = h_.outbox();
  ASSERT_EQ(outbox.size(), 2u);
  EXPECT_EQ(outbox[0].kind, "asset");
  EXPECT_EQ(outbox[1].kind, "seen") << "the asset record must not be resent";
  (void)h_.db().read([&](auto& sql) -> Result<void> {
    auto transport = storage::AgentTransportTables(sql).transportOf(laptopReport().agent_id);
    EXPECT_TRUE(transport);
    if (!transport) return {};
    EXPECT_EQ(transport->last_sequence, 2);
    EXPECT_EQ(transport->dropped_reports_total, 4u);
    auto deliveries = storage::AgentTransportTables(sql).deliveries(laptopReport().agent_id);
    EXPECT_TRUE(deliveries && deliveries->size() == 2u);
    return {};
  });
  // The same report again is a duplicate, answered without decoding as well.
  const auto again = postInventory(withVolatile(2));
  ASSERT_EQ(again.status, 200);
  EXPECT_EQ(json(again).at("status").as_string(), "duplicate");
  EXPECT_EQ(h_.outbox().size(), 2u);
}

// The collector remembers each agent's stored hash to skip a read; when the stored
// sighting changed behind that memory, the sighting decides, not the memory.
TEST_F(IngestRouterTest, TheStoredSightingDecidesWhenTheRememberedHashIsStale) {
  ASSERT_EQ(postInventory(withVolatile(1)).status, 200);
  ASSERT_TRUE(h_.db().transact([](auto& sql) {
    return sql.exec("UPDATE sightings SET content_hash = 'changed elsewhere'");
  }));
  const auto second = postInventory(withVolatile(2));
  ASSERT_EQ(second.status, 200) << second.body;
  EXPECT_EQ(h_.outbox().back().kind, "asset") << "content unlike the stored sighting's is merged";

  const auto third = postInventory(withVolatile(3));
  ASSERT_EQ(third.status, 200) << third.body;
  EXPECT_EQ(h_.outbox().back().kind, "seen") << "and the next report is unchanged again";
}

TEST_F(IngestRouterTest, ReinventoryWithoutABodyIgnoresVolatileFieldsToo) {
  ASSERT_TRUE(h_.service->ingestInventory(withVolatile(1)));
  auto second = h_.service->ingestInventory(withVolatile(2));
  ASSERT_TRUE(second);
  EXPECT_TRUE(second->unchanged);
  auto changed = withVolatile(3);
  changed.system.hostname = "renamed";
  auto third = h_.service->ingestInventory(changed);
  ASSERT_TRUE(third);
  EXPECT_FALSE(third->unchanged);
  EXPECT_EQ(h_.outbox().back().kind, "asset");
}

TEST_F(IngestRouterTest, UnchangedContentWithAnInvalidVolatileFieldIsRefused) {
  ASSERT_EQ(postInventory(withVolatile(1)).status, 200);
  baseline_assets_ = h_.assetCount();
  baseline_outbox_ = h_.outbox().size();
  auto body = boost::json::parse(wire::encodeInventory(withVolatile(2)));
  body.at("system").as_object()["uptime_seconds"] = "yesterday";
  const auto response = post("/api/v1/agent/inventory", boost::json::serialize(body));
  EXPECT_EQ(response.status, 400) << response.body;
  EXPECT_NE(errorMessage(response).find("uptime_seconds"), std::string::npos);
  expectNothingStored();

  auto empty_id = boost::json::parse(wire::encodeInventory(withVolatile(2)));
  empty_id.as_object()["report_id"] = "";
  const auto refused = post("/api/v1/agent/inventory", boost::json::serialize(empty_id));
  EXPECT_EQ(refused.status, 400) << refused.body;
  expectNothingStored();
}

TEST_F(IngestRouterTest, MalformedJsonIsRefusedAndChangesNothing) {
  storeBaseline();
  const auto response = post("/api/v1/agent/inventory", "{\"schema_version\": \"1.0\", ]");
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(errorCode(response), "malformed_json");
  expectNothingStored();
}

TEST_F(IngestRouterTest, TruncatedJsonIsRefusedAndChangesNothing) {
  storeBaseline();
  auto other = laptopReport();
  other.report_id = testId(1003);
  const std::string full = wire::encodeInventory(other);
  const auto response = post("/api/v1/agent/inventory", full.substr(0, full.size() / 2));
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(errorCode(response), "malformed_json");
  EXPECT_NE(errorMessage(response).find("truncated"), std::string::npos) << errorMessage(response);
  expectNothingStored();
}

TEST_F(IngestRouterTest, UnsupportedSchemaMajorIsRefusedAndChangesNothing) {
  storeBaseline();
  auto future = laptopReport();
  future.report_id = testId(1004);
  future.schema.major = 2;
  const auto response = postInventory(future);
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(errorCode(response), "unsupported_schema_version");
  expectNothingStored();
}

TEST_F(IngestRouterTest, MissingHostnameIsRefusedWithItsLocation) {
  storeBaseline();
  auto doc = boost::json::parse(wire::encodeInventory(laptopReport())).as_object();
  doc["report_id"] = testId(1005);
  doc["system"].as_object().erase("hostname");
  const auto response = post("/api/v1/agent/inventory", boost::json::serialize(doc));
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(errorCode(response), "invalid_field");
  EXPECT_EQ(errorMessage(response), "$.system.hostname: required field is missing");
  expectNothingStored();
}

TEST_F(IngestRouterTest, NonJsonContentTypeIs415AndChangesNothing) {
  storeBaseline();
  auto other = laptopReport();
  other.report_id = testId(1006);
  const auto response = post("/api/v1/agent/inventory", wire::encodeInventory(other), "text/plain");
  EXPECT_EQ(response.status, 415);
  EXPECT_EQ(errorCode(response), "unsupported_media_type");
  EXPECT_NE(errorMessage(response).find("text/plain"), std::string::npos);
  expectNothingStored();
}

TEST_F(IngestRouterTest, JsonWithCharsetParameterIsAccepted) {
  const auto response = post("/api/v1/agent/inventory", wire::encodeInventory(laptopReport()),
                             "Application/JSON; charset=utf-8");
  EXPECT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(h_.assetCount(), 1);
}

TEST_F(IngestRouterTest, HeartbeatFromAnAgentWithoutInventoryIs409InventoryRequired) {
  storeBaseline();
  const auto response = postHeartbeat(testId(77), 1);
  EXPECT_EQ(response.status, 409);
  EXPECT_EQ(errorCode(response), "inventory_required");
  expectNothingStored();
}

TEST_F(IngestRouterTest, HeartbeatUpdatesLastSeenAndKeepsOnePendingSeenPerAsset) {
  const auto stored = postInventory(laptopReport());
  const std::string asset_id(json(stored).at("asset_id").as_string());

  h_.clock.advance(std::chrono::seconds(60));
  ASSERT_EQ(postHeartbeat(laptopReport().agent_id, 1).status, 200);
  h_.clock.advance(std::chrono::seconds(60));
  const auto second = postHeartbeat(laptopReport().agent_id, 2);
  ASSERT_EQ(second.status, 200) << second.body;
  EXPECT_EQ(json(second).at("asset_id").as_string(), asset_id);

  const std::string now = formatRfc3339(h_.clock.now());
  std::string last_seen;
  ASSERT_TRUE(h_.db().read([&](auto& db) -> Result<void> {
    auto row = storage::AssetTables(db).asset(asset_id);
    if (row && *row) last_seen = (*row)->last_seen;
    return {};
  }));
  EXPECT_EQ(last_seen, now);

  const auto outbox = h_.outbox();
  ASSERT_EQ(outbox.size(), 2u) << "one asset record plus one collapsed seen item";
  EXPECT_EQ(outbox[1].kind, "seen");
  auto seen = wire::decodeAssetSeen(outbox[1].payload);
  ASSERT_TRUE(seen);
  EXPECT_EQ(seen->asset_id, asset_id);
  EXPECT_EQ(seen->last_seen, now);
}

TEST_F(IngestRouterTest, MalformedHeartbeatIs400AndChangesNothing) {
  storeBaseline();
  const auto response = post("/api/v1/agent/heartbeat", R"({"schema_version":"1.0"})");
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(errorCode(response), "invalid_field");
  expectNothingStored();
}

TEST_F(IngestRouterTest, HealthzAnswersOk) {
  const auto response = request("GET", "/healthz");
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(json(response).at("status").as_string(), "ok");
}

TEST_F(IngestRouterTest, UnknownPathIs404Json) {
  const auto response = request("GET", "/api/v1/agent/nope");
  EXPECT_EQ(response.status, 404);
  EXPECT_EQ(errorCode(response), "not_found");
}

TEST_F(IngestRouterTest, WrongMethodIs405JsonWithAllow) {
  const auto response = request("GET", "/api/v1/agent/inventory");
  EXPECT_EQ(response.status, 405);
  EXPECT_EQ(errorCode(response), "method_not_allowed");
  ASSERT_EQ(response.headers.size(), 1u);
  EXPECT_EQ(response.headers[0], (std::pair<std::string, std::string>{"Allow", "POST"}));
  EXPECT_EQ(request("DELETE", "/healthz").status, 405);
  EXPECT_EQ(h_.assetCount(), 0);
}

}  // namespace
}  // namespace steward::collector::ingest
