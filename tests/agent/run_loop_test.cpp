#include "agent/run_loop.h"

#include <gtest/gtest.h>

#include "shared/wire/json_codec.h"
#include "tests/agent/fake_http_client.h"
#include "tests/support/fake_clock.h"

namespace steward::agent {
namespace {

using namespace std::chrono_literals;
using std::chrono::milliseconds;
using steward::agent::testing::FakeHttpClient;
using steward::testing::FakeClock;

constexpr const char* kInventory = "/api/v1/agent/inventory";
constexpr const char* kHeartbeat = "/api/v1/agent/heartbeat";
constexpr const char* kInventoryRequired =
    R"({"error":{"code":"inventory_required","message":"agent never sent an inventory"}})";

class CountingCollector final : public InventoryCollector {
 public:
  wire::InventoryReport collect() override {
    wire::InventoryReport report;
    report.report_id = "report-" + std::to_string(++collected);
    report.agent_id = "agent-1";
    report.system.hostname = "ws-fin-042";
    return report;
  }
  int collected = 0;
};

class FixedHealth final : public HealthSampler {
 public:
  HealthSample sample() override { return {3600.5, 0.25}; }
};

class RunLoopTest : public ::testing::Test {
 protected:
  RunLoop makeLoop(double jitter = 1.0) {
    return RunLoop(collector_, health_, client_, clock_, "agent-1",
                   RunLoop::Options{60s, milliseconds(1000)}, [jitter] { return jitter; });
  }
  // Drives the loop like main() does, for `span` of simulated time.
  void runFor(RunLoop& loop, milliseconds span) {
    milliseconds elapsed{0};
    for (int i = 0; i < 100000; ++i) {
      const milliseconds wait = loop.tick();
      if (elapsed + wait > span) return;
      clock_.advance(wait);
      elapsed += wait;
    }
    FAIL() << "the loop never waited: retry storm";
  }
  std::string reportIdOf(std::size_t request) const {
    auto report = wire::decodeInventory(http_.requests.at(request).request.body);
    EXPECT_TRUE(report) << report.error().message;
    return report ? report->report_id : std::string();
  }
  wire::Heartbeat heartbeatOf(std::size_t request) const {
    auto heartbeat = wire::decodeHeartbeat(http_.requests.at(request).request.body);
    EXPECT_TRUE(heartbeat) << heartbeat.error().message;
    return heartbeat ? *heartbeat : wire::Heartbeat{};
  }

  FakeClock clock_;
  FakeHttpClient http_;
  CollectorClient client_{http_, "http://collector:8481"};
  CountingCollector collector_;
  FixedHealth health_;
};

TEST_F(RunLoopTest, SendsInventoryAtStartThenHeartbeatsEveryInterval) {
  http_.reply(200, R"({"status":"stored","asset_id":"a1"})");
  auto loop = makeLoop();
  EXPECT_EQ(loop.tick(), 60s);
  EXPECT_EQ(http_.paths(), (std::vector<std::string>{kInventory}));

  // Waking early sends nothing and says how long is left.
  clock_.advance(20s);
  EXPECT_EQ(loop.tick(), 40s);
  EXPECT_EQ(http_.requests.size(), 1u);

  clock_.advance(40s);
  EXPECT_EQ(loop.tick(), 60s);
  clock_.advance(60s);
  EXPECT_EQ(loop.tick(), 60s);
  EXPECT_EQ(http_.paths(), (std::vector<std::string>{kInventory, kHeartbeat, kHeartbeat}));
  EXPECT_EQ(loop.inventoriesDelivered(), 1u);
  EXPECT_EQ(loop.heartbeatsDelivered(), 2u);

  const auto heartbeat = heartbeatOf(2);
  EXPECT_EQ(heartbeat.agent_id, "agent-1");
  EXPECT_EQ(heartbeat.sent_at, formatRfc3339(clock_.now()));
  EXPECT_EQ(heartbeat.uptime_seconds, 3600.5);
  EXPECT_EQ(heartbeat.load1, 0.25);
  EXPECT_NE(heartbeat.heartbeat_id, heartbeatOf(1).heartbeat_id);
}

TEST_F(RunLoopTest, InventoryRequiredSendsAFreshInventoryRightAway) {
  http_.reply(200);
  http_.reply(409, kInventoryRequired);
  http_.reply(200);
  auto loop = makeLoop();
  loop.tick();
  clock_.advance(60s);
  EXPECT_EQ(loop.tick(), 0ms);
  EXPECT_EQ(loop.tick(), 60s);
  EXPECT_EQ(http_.paths(), (std::vector<std::string>{kInventory, kHeartbeat, kInventory}));
  EXPECT_EQ(collector_.collected, 2);
  EXPECT_EQ(reportIdOf(2), "report-2");
  clock_.advance(60s);
  loop.tick();
  EXPECT_EQ(http_.paths().back(), kHeartbeat);
}

TEST_F(RunLoopTest, UnavailableCollectorBacksOffExponentiallyUpToTheIntervalWithTheSameReport) {
  http_.reply(503, R"({"error":{"code":"overloaded","message":"busy"}})");
  auto loop = makeLoop(1.0);
  std::vector<milliseconds> waits;
  for (int i = 0; i < 9; ++i) {
    waits.push_back(loop.tick());
    // Nothing is resent before the backoff ends.
    clock_.advance(waits.back() - 1ms);
    loop.tick();
    clock_.advance(1ms);
  }
  EXPECT_EQ(waits, (std::vector<milliseconds>{1s, 2s, 4s, 8s, 16s, 32s, 60s, 60s, 60s}));
  ASSERT_EQ(http_.requests.size(), 9u);
  for (std::size_t i = 0; i < 9; ++i) EXPECT_EQ(reportIdOf(i), "report-1");
  EXPECT_EQ(collector_.collected, 1);
}

TEST_F(RunLoopTest, JitterSpreadsRetriesBetweenHalfAndAllOfTheBackoff) {
  http_.fail("connect_failed", "connection refused");
  auto low = makeLoop(0.0);
  EXPECT_EQ(low.tick(), 500ms);
  clock_.advance(500ms);
  EXPECT_EQ(low.tick(), 1000ms);
  auto mid = makeLoop(0.5);
  EXPECT_EQ(mid.tick(), 750ms);
}

TEST_F(RunLoopTest, NetworkFailureThenRecoveryResetsTheBackoff) {
  http_.fail("connect_failed", "connection refused");
  http_.fail("connect_failed", "connection refused");
  http_.reply(200);
  auto loop = makeLoop();
  EXPECT_EQ(loop.tick(), 1s);
  clock_.advance(1s);
  EXPECT_EQ(loop.tick(), 2s);
  clock_.advance(2s);
  EXPECT_EQ(loop.tick(), 60s);  // delivered
  EXPECT_EQ(loop.inventoriesDelivered(), 1u);
  EXPECT_EQ(reportIdOf(2), "report-1");

  http_.respondWith([](const FakeHttpClient::Sent&) -> Result<http::HttpResponse> {
    return makeError("timeout", "no answer in 8 s");
  });
  clock_.advance(60s);
  EXPECT_EQ(loop.tick(), 1s);  // a new failure starts the backoff from the beginning
}

TEST_F(RunLoopTest, RetryAfterFromTheCollectorIsHonoured) {
  http::HttpResponse busy;
  busy.status = 429;
  busy.headers.emplace_back("Retry-After", "120");
  http_.reply(busy);
  auto loop = makeLoop();
  EXPECT_EQ(loop.tick(), 120s);
}

TEST_F(RunLoopTest, RejectedInventoryIsNotRetriedAndHeartbeatsGoOn) {
  http_.respondWith([](const FakeHttpClient::Sent& sent) -> Result<http::HttpResponse> {
    http::HttpResponse r;
    r.status = sent.url.ends_with("/inventory") ? 400 : 200;
    r.body = R"({"error":{"code":"missing_field","message":"$.system.hostname: required"}})";
    return r;
  });
  auto loop = makeLoop();
  runFor(loop, 10min);
  const auto paths = http_.paths();
  EXPECT_EQ(std::count(paths.begin(), paths.end(), kInventory), 1);
  EXPECT_EQ(std::count(paths.begin(), paths.end(), kHeartbeat), 10);
  EXPECT_EQ(loop.inventoriesDelivered(), 0u);
}

TEST_F(RunLoopTest, CollectorThatRejectsInventoryAndDemandsItNeverCausesAStorm) {
  http_.respondWith([](const FakeHttpClient::Sent& sent) -> Result<http::HttpResponse> {
    http::HttpResponse r;
    r.status = sent.url.ends_with("/inventory") ? 413 : 409;
    r.body = sent.url.ends_with("/inventory") ? "{}" : kInventoryRequired;
    return r;
  });
  auto loop = makeLoop();
  runFor(loop, 60min);
  // One inventory and one heartbeat per interval at most.
  EXPECT_LE(http_.requests.size(), 2u * 61);
  EXPECT_GE(http_.requests.size(), 60u);
}

TEST_F(RunLoopTest, FailedHeartbeatIsRetriedWithFreshStateThenScheduleResumes) {
  http_.reply(200);
  http_.reply(503);
  http_.reply(200);
  auto loop = makeLoop();
  loop.tick();
  clock_.advance(60s);
  EXPECT_EQ(loop.tick(), 1s);
  clock_.advance(1s);
  EXPECT_EQ(loop.tick(), 60s);
  ASSERT_EQ(http_.paths(), (std::vector<std::string>{kInventory, kHeartbeat, kHeartbeat}));
  EXPECT_NE(heartbeatOf(1).heartbeat_id, heartbeatOf(2).heartbeat_id);
  EXPECT_NE(heartbeatOf(1).sent_at, heartbeatOf(2).sent_at);
}

}  // namespace
}  // namespace steward::agent
