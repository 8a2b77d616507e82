#include "agent/transport/collector_client.h"

#include <gtest/gtest.h>

#include "shared/wire/json_codec.h"
#include "tests/agent/fake_http_client.h"

namespace steward::agent {
namespace {

using steward::agent::testing::FakeHttpClient;
using Outcome = Delivery::Outcome;

http::HttpResponse response(int status, std::string body = "{}") {
  http::HttpResponse r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

TEST(CollectorClientTest, PostsInventoryAsJsonToTheAgentApi) {
  FakeHttpClient http;
  http.reply(response(200, R"({"status":"stored","asset_id":"a1"})"));
  CollectorClient client(http, "http://127.0.0.1:8481/");
  wire::InventoryReport report;
  report.report_id = "r1";
  report.agent_id = "agent-1";
  report.system.hostname = "ws-fin-042";
  const auto delivery = client.sendInventory(report);
  EXPECT_EQ(delivery.outcome, Outcome::Accepted);
  ASSERT_EQ(http.requests.size(), 1u);
  EXPECT_EQ(http.requests[0].url, "http://127.0.0.1:8481/api/v1/agent/inventory");
  EXPECT_EQ(http.requests[0].request.method, "POST");
  EXPECT_EQ(http.requests[0].request.header("content-type"), "application/json");
  auto decoded = wire::decodeInventory(http.requests[0].request.body);
  ASSERT_TRUE(decoded) << decoded.error().message;
  EXPECT_EQ(decoded->report_id, "r1");
}

TEST(CollectorClientTest, PostsHeartbeatToTheAgentApi) {
  FakeHttpClient http;
  http.reply(response(200));
  CollectorClient client(http, "http://collector:8481");
  wire::Heartbeat heartbeat;
  heartbeat.heartbeat_id = "h1";
  heartbeat.agent_id = "agent-1";
  heartbeat.load1 = 0.5;
  EXPECT_EQ(client.sendHeartbeat(heartbeat).outcome, Outcome::Accepted);
  ASSERT_EQ(http.requests.size(), 1u);
  EXPECT_EQ(http.requests[0].url, "http://collector:8481/api/v1/agent/heartbeat");
  auto decoded = wire::decodeHeartbeat(http.requests[0].request.body);
  ASSERT_TRUE(decoded) << decoded.error().message;
  EXPECT_EQ(decoded->load1, 0.5);
}

TEST(CollectorClientTest, ClassifiesAnswers) {
  EXPECT_EQ(classifyResponse(response(201)).outcome, Outcome::Accepted);
  EXPECT_EQ(classifyResponse(response(409, R"({"error":{"code":"inventory_required",
      "message":"agent x never sent an inventory"}})"))
                .outcome,
            Outcome::InventoryRequired);
  // A 409 for any other reason is not a request for an inventory.
  EXPECT_EQ(classifyResponse(response(409, R"({"error":{"code":"conflict"}})")).outcome,
            Outcome::Rejected);
  EXPECT_EQ(classifyResponse(response(409, "not json")).outcome, Outcome::Rejected);
  EXPECT_EQ(classifyResponse(response(400)).outcome, Outcome::Rejected);
  EXPECT_EQ(classifyResponse(response(413)).outcome, Outcome::Rejected);
  EXPECT_EQ(classifyResponse(response(429)).outcome, Outcome::RetryLater);
  EXPECT_EQ(classifyResponse(response(503)).outcome, Outcome::RetryLater);
  EXPECT_EQ(classifyResponse(response(500)).outcome, Outcome::RetryLater);
}

TEST(CollectorClientTest, ReadsRetryAfterSeconds) {
  auto r = response(503);
  r.headers.emplace_back("Retry-After", "30");
  EXPECT_EQ(classifyResponse(r).retry_after, std::chrono::seconds(30));
  auto date = response(503);
  date.headers.emplace_back("retry-after", "Wed, 21 Oct 2015 07:28:00 GMT");
  EXPECT_FALSE(classifyResponse(date).retry_after);
}

TEST(CollectorClientTest, NetworkFailureIsRetryLater) {
  FakeHttpClient http;
  http.fail("connect_failed", "connection refused");
  CollectorClient client(http, "http://127.0.0.1:1");
  const auto delivery = client.sendHeartbeat(wire::Heartbeat{});
  EXPECT_EQ(delivery.outcome, Outcome::RetryLater);
  EXPECT_EQ(delivery.status, 0);
  EXPECT_NE(delivery.detail.find("connection refused"), std::string::npos);
}

TEST(CollectorClientTest, SpooledItemGoesOutWithItsSequenceAndDropCount) {
  FakeHttpClient http;
  http.reply(response(200, R"({"status":"ok","asset_id":"a1"})"));
  CollectorClient client(http, "http://127.0.0.1:8481", "agent-1.secret");
  wire::Heartbeat beat;
  beat.heartbeat_id = "hb-1";
  beat.agent_id = "agent-1";
  beat.sent_at = "2026-12-01T10:00:00Z";
  SpoolItem item{41, SpoolKind::Heartbeat, "hb-1", wire::encodeHeartbeat(beat), 3};
  EXPECT_EQ(client.sendSpooled(item).outcome, Outcome::Accepted);
  ASSERT_EQ(http.requests.size(), 1u);
  EXPECT_EQ(http.requests[0].url, "http://127.0.0.1:8481/api/v1/agent/heartbeat");
  EXPECT_EQ(http.requests[0].request.header("authorization"), "Bearer agent-1.secret");
  auto sent = wire::decodeHeartbeat(http.requests[0].request.body);
  ASSERT_TRUE(sent) << sent.error().message;
  EXPECT_EQ(sent->heartbeat_id, "hb-1");
  EXPECT_EQ(sent->sequence, 41u);
  EXPECT_EQ(sent->dropped_reports, 3u);

  item.dropped = 0;
  item.kind = SpoolKind::Inventory;
  item.body = R"({"schema_version":"1.3"})";
  (void)client.sendSpooled(item);
  EXPECT_EQ(http.requests[1].url, "http://127.0.0.1:8481/api/v1/agent/inventory");
  EXPECT_EQ(http.requests[1].request.body.find("dropped_reports"), std::string::npos);
}

TEST(CollectorClientTest, SpooledItemThatIsNotJsonIsRejectedWithoutARequest) {
  FakeHttpClient http;
  CollectorClient client(http, "http://127.0.0.1:8481");
  for (const char* body : {"", "{\"truncated\":", "[1,2]"}) {
    const auto delivery = client.sendSpooled(SpoolItem{1, SpoolKind::Inventory, "r", body, 0});
    EXPECT_EQ(delivery.outcome, Outcome::Rejected) << body;
  }
  EXPECT_TRUE(http.requests.empty());
}

}  // namespace
}  // namespace steward::agent
