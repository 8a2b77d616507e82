#include "collector/outbox/outbox_forwarder.h"

#include <gtest/gtest.h>

#include <deque>
#include <future>
#include <mutex>
#include <utility>

#include "collector/ingest/ingest_service.h"
#include "collector/ingest/inventory_body_scan.h"
#include "collector/storage/outbox_table.h"
#include "shared/wire/json_codec.h"
#include "tests/collector/sample_reports.h"

namespace steward::collector::outbox {
namespace {

using namespace std::chrono_literals;
using testing::laptopReport;
using testing::testId;

// Answers from a script (then 200s) and records what was sent.
class FakeHttpClient final : public http::HttpClient {
 public:
  struct Sent {
    std::string url;
    http::HttpRequest request;
  };

  Result<http::HttpResponse> send(const std::string& url,
                                  const http::HttpRequest& request) override {
    std::lock_guard lock(mutex_);
    sent_.push_back({url, request});
    if (on_send_) on_send_();
    if (script_.empty()) return http::HttpResponse{200, "application/json", "{}", {}};
    auto next = std::move(script_.front());
    script_.pop_front();
    return next;
  }
  void answer(int status, std::string body = "{}",
              std::vector<std::pair<std::string, std::string>> headers = {}) {
    std::lock_guard lock(mutex_);
    script_.push_back(
        http::HttpResponse{status, "application/json", std::move(body), std::move(headers)});
  }
  void failToConnect() {
    std::lock_guard lock(mutex_);
    script_.push_back(makeError("connect", "connection refused"));
  }
  void onSend(std::function<void()> f) {
    std::lock_guard lock(mutex_);
    on_send_ = std::move(f);
  }
  std::vector<Sent> sent() {
    std::lock_guard lock(mutex_);
    return sent_;
  }

 private:
  std::mutex mutex_;
  std::deque<Result<http::HttpResponse>> script_;
  std::vector<Sent> sent_;
  std::function<void()> on_send_;
};

class OutboxForwarderTest : public ::testing::Test {
 protected:
  // Stores an inventory (queueing one "asset" item) for agent n.
  void storeInventory(int n) {
    auto report = laptopReport();
    report.agent_id = testId(n);
    report.report_id = testId(1000 + n);
    report.hardware = {};
    report.system.hostname = "host-" + std::to_string(n);
    report.interfaces.clear();
    ASSERT_TRUE(h_.service->ingestInventory(report));
  }
  // Queues an item as the collector's other enqueuers do.
  void enqueue(const char* kind, const std::string& asset_id, const std::string& event_id,
               const std::string& payload) {
    const auto item =
        storage::newOutboxItem(kind, asset_id, event_id, payload, "2026-12-01T00:00:00Z");
    ASSERT_TRUE(h_.db().transact([&](auto& db) { return storage::OutboxTable(db).enqueue(item); }));
  }
  std::int64_t nowMs() const {
    return std::chrono::duration_cast<std::chrono::milliseconds>(h_.clock.now().time_since_epoch())
        .count();
  }

  testing::CollectorHarness h_;
  FakeHttpClient client_;
  ForwarderOptions options_{"http://server.test:8480", "secret-token", 30s, 100};
  OutboxForwarder forwarder_{h_.db(), client_, h_.clock, options_, 42};
};

TEST_F(OutboxForwarderTest, DeliveredAssetRecordLeavesTheOutbox) {
  storeInventory(1);
  const auto queued = h_.outbox();
  ASSERT_EQ(queued.size(), 1u);

  const BatchOutcome outcome = forwarder_.sendBatch();

  EXPECT_EQ(outcome.delivered, 1);
  const auto sent = client_.sent();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].url, "http://server.test:8480/api/v1/collector/assets");
  EXPECT_EQ(sent[0].request.method, "POST");
  EXPECT_EQ(sent[0].request.header("authorization"), "Bearer secret-token");
  EXPECT_EQ(sent[0].request.header("content-type"), "application/json");
  auto record = wire::decodeAssetRecord(sent[0].request.body);
  ASSERT_TRUE(record) << record.error().message;
  EXPECT_EQ(record->event_id, queued[0].event_id);
  EXPECT_EQ(record->inventory.agent_id, testId(1));
  EXPECT_TRUE(h_.outbox().empty());
}

// A new agent asset's record is queued without the inventory its sighting holds
// (written once); the server gets the whole record all the same.
TEST_F(OutboxForwarderTest, ARecordQueuedWithoutItsInventoryIsSentWithItsSighting) {
  auto report = laptopReport();
  const std::string body = wire::encodeInventory(report);
  const auto scan = ingest::scanInventoryBody(body);
  ASSERT_TRUE(scan);
  const ingest::ScannedBody scanned{body, *scan};
  ASSERT_TRUE(h_.service->ingestInventory(report, "agent", &scanned));
  const auto stored = h_.storedOutbox();
  ASSERT_EQ(stored.size(), 1u);
  ASSERT_EQ(stored[0].kind, storage::kOutboxAssetOfSighting);

  EXPECT_EQ(forwarder_.sendBatch().delivered, 1);
  const auto sent = client_.sent();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].url, "http://server.test:8480/api/v1/collector/assets");
  auto record = wire::decodeAssetRecord(sent[0].request.body);
  ASSERT_TRUE(record) << record.error().message;
  EXPECT_EQ(record->event_id, stored[0].event_id);
  EXPECT_EQ(record->inventory, report);
  EXPECT_TRUE(h_.outbox().empty());
}

// Such a record whose asset has no agent sighting cannot be completed, now or
// later: it is parked with the reason, nothing is sent, and the queue moves on.
TEST_F(OutboxForwarderTest, ARecordWithoutItsSightingIsParkedAndTheQueueMovesOn) {
  enqueue(storage::kOutboxAssetOfSighting, testId(77), "orphan-1",
          R"({"asset_id":"x","inventory":null})");
  storeInventory(2);

  const BatchOutcome outcome = forwarder_.sendBatch();
  EXPECT_EQ(outcome.parked, 1);
  EXPECT_EQ(outcome.delivered, 1);
  const auto sent = client_.sent();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_NE(sent[0].request.header("idempotency-key"), "orphan-1");
  const auto left = h_.outbox();
  ASSERT_EQ(left.size(), 1u);
  EXPECT_EQ(left[0].state, "failed");
  EXPECT_NE(left[0].last_error.find("no agent sighting"), std::string::npos) << left[0].last_error;
}

TEST_F(OutboxForwarderTest, IncidentEventsGoToTheIncidentEventsEndpoint) {
  enqueue(storage::kOutboxIncident, testId(1), "event-1", R"({"kind":"raise"})");
  EXPECT_EQ(forwarder_.sendBatch().delivered, 1);
  const auto sent = client_.sent();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].url, "http://server.test:8480/api/v1/collector/incident-events");
  EXPECT_EQ(sent[0].request.header("idempotency-key"), "event-1");
  EXPECT_EQ(sent[0].request.body, R"({"kind":"raise"})");
  EXPECT_TRUE(h_.outbox().empty());
}

TEST_F(OutboxForwarderTest, HistoryItemsGoToTheHistoryEndpoint) {
  enqueue(storage::kOutboxHistory, testId(1), "history-1", R"({"decisions":[]})");
  EXPECT_EQ(forwarder_.sendBatch().delivered, 1);
  const auto sent = client_.sent();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].url, "http://server.test:8480/api/v1/collector/history");
  EXPECT_EQ(sent[0].request.body, R"({"decisions":[]})");
  EXPECT_TRUE(h_.outbox().empty());
}

TEST_F(OutboxForwarderTest, ItemsGoOldestFirst) {
  storeInventory(1);
  storeInventory(2);
  storeInventory(3);
  EXPECT_EQ(forwarder_.sendBatch().delivered, 3);
  const auto sent = client_.sent();
  ASSERT_EQ(sent.size(), 3u);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(wire::decodeAssetRecord(sent[i].request.body)->inventory.agent_id, testId(i + 1));
  }
}

TEST_F(OutboxForwarderTest, ServiceUnavailableKeepsTheItemAndBacksOff) {
  storeInventory(1);
  client_.answer(503, R"({"error":{"code":"overloaded","message":"busy"}})");

  const BatchOutcome failed = forwarder_.sendBatch();
  EXPECT_EQ(failed.failed_attempts, 1);
  auto items = h_.outbox();
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].state, "pending");
  EXPECT_EQ(items[0].attempts, 1);
  EXPECT_GE(items[0].next_attempt_ms, nowMs() + 500) << "first retry waits 0.5-1 s";
  EXPECT_LE(items[0].next_attempt_ms, nowMs() + 1000);
  ASSERT_TRUE(failed.next_due.has_value());

  // Not due yet: nothing is sent, however often the thread looks.
  forwarder_.sendBatch();
  EXPECT_EQ(client_.sent().size(), 1u);

  h_.clock.advance(1s);
  EXPECT_EQ(forwarder_.sendBatch().delivered, 1);
  EXPECT_EQ(client_.sent().size(), 2u);
  EXPECT_EQ(client_.sent()[1].request.body, client_.sent()[0].request.body)
      << "a retry resends the same event id";
  EXPECT_TRUE(h_.outbox().empty());
}

TEST_F(OutboxForwarderTest, RepeatedFailuresBackOffLongerButNeverBeyondRetryMax) {
  storeInventory(1);
  std::int64_t previous_delay = 0;
  for (int attempt = 1; attempt <= 8; ++attempt) {
    client_.failToConnect();
    forwarder_.sendBatch();
    const auto item = h_.outbox().at(0);
    const std::int64_t delay = item.next_attempt_ms - nowMs();
    EXPECT_EQ(item.attempts, attempt);
    EXPECT_LE(delay, 30'000);
    if (attempt <= 4) {
      EXPECT_GT(delay, previous_delay) << "attempt " << attempt;
    }
    previous_delay = delay;
    h_.clock.advance(std::chrono::milliseconds(delay));
  }
  EXPECT_GE(previous_delay, 15'000) << "capped at retry_max, jittered down by at most half";
  EXPECT_EQ(h_.outbox().size(), 1u) << "network errors never drop an item";
}

TEST_F(OutboxForwarderTest, AFailingItemHoldsBackTheItemsBehindIt) {
  storeInventory(1);
  storeInventory(2);
  client_.answer(500);
  forwarder_.sendBatch();
  EXPECT_EQ(client_.sent().size(), 1u);
  EXPECT_EQ(h_.outbox().size(), 2u);
}

TEST_F(OutboxForwarderTest, RetryAfterFromTheServerIsHonoured) {
  storeInventory(1);
  client_.answer(429, "{}", {{"Retry-After", "12"}});
  forwarder_.sendBatch();
  EXPECT_EQ(h_.outbox().at(0).next_attempt_ms, nowMs() + 12'000);
}

TEST_F(OutboxForwarderTest, RefusedItemIsParkedAndTheQueueMovesOn) {
  storeInventory(1);
  storeInventory(2);
  client_.answer(400, R"({"error":{"code":"invalid_field","message":"$.asset_id: bad"}})");

  const BatchOutcome outcome = forwarder_.sendBatch();

  EXPECT_EQ(outcome.parked, 1);
  EXPECT_EQ(outcome.delivered, 1);
  const auto items = h_.outbox();
  ASSERT_EQ(items.size(), 1u) << "the refused item is kept for an operator";
  EXPECT_EQ(items[0].state, "failed");
  EXPECT_NE(items[0].last_error.find("$.asset_id: bad"), std::string::npos);
  forwarder_.sendBatch();
  EXPECT_EQ(client_.sent().size(), 2u) << "a parked item is not retried";
}

TEST_F(OutboxForwarderTest, WrongTokenIsRetriedNotParked) {
  storeInventory(1);
  client_.answer(401);
  forwarder_.sendBatch();
  EXPECT_EQ(h_.outbox().at(0).state, "pending");
}

TEST_F(OutboxForwarderTest, HeartbeatsCollapseToOneSeenUpdate) {
  storeInventory(1);
  EXPECT_EQ(forwarder_.sendBatch().delivered, 1);
  for (int i = 0; i < 3; ++i) {
    h_.clock.advance(60s);
    wire::Heartbeat beat{{}, testId(7000 + i), testId(1), "2026-11-25T16:40:00Z", {}, {}};
    ASSERT_TRUE(h_.service->recordHeartbeat(beat));
  }
  ASSERT_EQ(h_.outbox().size(), 1u);

  EXPECT_EQ(forwarder_.sendBatch().delivered, 1);
  const auto sent = client_.sent();
  ASSERT_EQ(sent.size(), 2u);
  EXPECT_EQ(sent[1].url, "http://server.test:8480/api/v1/collector/seen");
  auto seen = wire::decodeAssetSeen(sent[1].request.body);
  ASSERT_TRUE(seen) << seen.error().message;
  EXPECT_EQ(seen->last_seen, formatRfc3339(h_.clock.now())) << "the latest sighting wins";
}

// The pending "seen" item is rewritten in place by each sighting; one rewritten while
// its older version is on the wire must survive that version's delivery.
TEST_F(OutboxForwarderTest, ASeenRefreshedWhileInFlightIsStillSent) {
  storeInventory(1);
  EXPECT_EQ(forwarder_.sendBatch().delivered, 1);
  h_.clock.advance(60s);
  ASSERT_TRUE(
      h_.service->recordHeartbeat({{}, testId(7000), testId(1), "2026-11-25T16:40:00Z", {}, {}}));
  const std::string first_seen = formatRfc3339(h_.clock.now());
  bool refreshed = false;
  client_.onSend([&] {
    if (std::exchange(refreshed, true)) return;
    h_.clock.advance(60s);
    ASSERT_TRUE(
        h_.service->recordHeartbeat({{}, testId(7001), testId(1), "2026-11-25T16:41:00Z", {}, {}}));
  });
  EXPECT_EQ(forwarder_.sendBatch().delivered, 1);
  ASSERT_EQ(h_.outbox().size(), 1u) << "the refreshed seen item must stay queued";

  EXPECT_EQ(forwarder_.sendBatch().delivered, 1);
  const auto sent = client_.sent();
  ASSERT_EQ(sent.size(), 3u);
  auto older = wire::decodeAssetSeen(sent[1].request.body);
  auto newer = wire::decodeAssetSeen(sent[2].request.body);
  ASSERT_TRUE(older && newer);
  EXPECT_EQ(older->last_seen, first_seen);
  EXPECT_EQ(newer->last_seen, formatRfc3339(h_.clock.now()));
  EXPECT_NE(sent[1].request.header("idempotency-key"), sent[2].request.header("idempotency-key"));
  EXPECT_TRUE(h_.outbox().empty());
}

TEST_F(OutboxForwarderTest, BackgroundThreadDeliversAsSoonAsAnItemIsQueued) {
  // A long idle wait: only the wake-up can make delivery fast.
  OutboxForwarder forwarder(h_.db(), client_, h_.clock,
                            ForwarderOptions{"http://server.test:8480", "t", 3600s, 100}, 7);
  auto service = std::make_unique<ingest::IngestService>(h_.db(), h_.clock, h_.reconciler,
                                                         [&] { forwarder.wake(); });
  std::promise<void> delivered;
  client_.onSend([&] { delivered.set_value(); });
  forwarder.start();

  auto report = laptopReport();
  ASSERT_TRUE(service->ingestInventory(report));

  EXPECT_EQ(delivered.get_future().wait_for(5s), std::future_status::ready);
  forwarder.stop();
  EXPECT_EQ(client_.sent().size(), 1u);
}

// During an outage every report still queues an item; while the head backs off they
// wait behind it, so the thread does not read the queue again for each of them, and
// sends them all, in order, once the head is due.
TEST_F(OutboxForwarderTest, ItemsQueuedBehindABackingOffHeadDoNotWakeTheThread) {
  OutboxForwarder forwarder(h_.db(), client_, h_.clock,
                            ForwarderOptions{"http://server.test:8480", "t", 3600s, 100}, 7);
  auto service = std::make_unique<ingest::IngestService>(h_.db(), h_.clock, h_.reconciler,
                                                         [&] { forwarder.wake(); });
  client_.answer(503, "{}", {{"Retry-After", "60"}});  // the head backs off a minute
  std::promise<void> attempted;
  bool first = true;
  client_.onSend([&] {
    if (std::exchange(first, false)) attempted.set_value();
  });
  forwarder.start();
  auto report = laptopReport();
  ASSERT_TRUE(service->ingestInventory(report));
  ASSERT_EQ(attempted.get_future().wait_for(5s), std::future_status::ready);
  const std::uint64_t passes = forwarder.passes();

  for (int i = 0; i < 5; ++i) {
    report.report_id = testId(1100 + i);
    report.system.hostname = "renamed-" + std::to_string(i);  // a new record each time
    ASSERT_TRUE(service->ingestInventory(report));
  }
  EXPECT_EQ(forwarder.passes(), passes) << "woken for items that can only wait";
  forwarder.stop();

  h_.clock.advance(61s);
  EXPECT_EQ(forwarder.sendBatch().delivered, 6);
  EXPECT_TRUE(h_.outbox().empty());
  const auto sent = client_.sent();
  ASSERT_EQ(sent.size(), 7u) << "the failed attempt, then the six records";
  for (int i = 0; i < 5; ++i) {
    auto record = wire::decodeAssetRecord(sent[static_cast<std::size_t>(2 + i)].request.body);
    ASSERT_TRUE(record) << record.error().message;
    EXPECT_EQ(record->inventory.system.hostname, "renamed-" + std::to_string(i));
  }
}

}  // namespace
}  // namespace steward::collector::outbox
