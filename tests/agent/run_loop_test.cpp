#include "agent/run_loop.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <set>

#include "shared/wire/json_codec.h"
#include "tests/agent/fake_http_client.h"
#include "tests/support/fake_clock.h"
#include "tests/support/temp_dir.h"

namespace steward::agent {
namespace {

using namespace std::chrono_literals;
using std::chrono::milliseconds;
using steward::agent::testing::FakeHttpClient;
using steward::testing::FakeClock;
using steward::testing::TempDir;

constexpr const char* kInventory = "/api/v1/agent/inventory";
constexpr const char* kHeartbeat = "/api/v1/agent/heartbeat";
constexpr const char* kInventoryRequired =
    R"({"error":{"code":"inventory_required","message":"agent never sent an inventory"}})";

// The machine as the tests want it: reports count up, packages can be changed, and
// the categories asked for are honoured and recorded.
struct Machine {
  int collected = 0;
  std::string bash_version = "5.2.15-2";
  std::vector<InventorySections> built;  // the sections of every collector made
};

class MachineCollector final : public InventoryCollector {
 public:
  MachineCollector(Machine& machine, const InventorySections& sections)
      : machine_(machine), sections_(sections) {}
  wire::InventoryReport collect() override {
    wire::InventoryReport report;
    report.report_id = "report-" + std::to_string(++machine_.collected);
    report.agent_id = "agent-1";
    report.collected_at = "2026-12-01T10:00:00Z";
    report.system.hostname = "ws-fin-042";
    report.system.uptime_seconds = machine_.collected * 60.0;  // volatile
    if (sections_.packages) report.packages.push_back({"bash", machine_.bash_version, "amd64"});
    return report;
  }

 private:
  Machine& machine_;
  InventorySections sections_;
};

class FixedHealth final : public HealthSampler {
 public:
  HealthSample sample() override { return {3600.5, 0.25}; }
  HealthSample watchSample(const WatchNeeds&) override { return {}; }
};

class RunLoopTest : public ::testing::Test {
 protected:
  RunLoop makeLoop(double jitter = 1.0) {
    RunLoop::Options options;
    options.local = local_;
    options.state_dir = dir_.path().string();
    return RunLoop(collector_, health_, client_, *spool_, clock_, "agent-1", options,
                   [jitter] { return jitter; });
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
  void restartSpool() {
    spool_.reset();
    spool_ = Spool::open(dir_.file("spool.db"), limits_, clock_);
  }
  wire::InventoryReport inventoryOf(std::size_t request) const {
    auto report = wire::decodeInventory(http_.requests.at(request).request.body);
    EXPECT_TRUE(report) << report.error().message;
    return report ? *report : wire::InventoryReport{};
  }
  wire::Heartbeat heartbeatOf(std::size_t request) const {
    auto heartbeat = wire::decodeHeartbeat(http_.requests.at(request).request.body);
    EXPECT_TRUE(heartbeat) << heartbeat.error().message;
    return heartbeat ? *heartbeat : wire::Heartbeat{};
  }
  // The idempotency key and sequence of a request, whatever its kind.
  std::pair<std::string, std::uint64_t> keyOf(std::size_t request) const {
    if (http_.paths().at(request) == kInventory) {
      const auto r = inventoryOf(request);
      return {r.report_id, r.sequence.value_or(0)};
    }
    const auto h = heartbeatOf(request);
    return {h.heartbeat_id, h.sequence.value_or(0)};
  }
  static http::HttpResponse ok(std::string body = R"({"status":"ok","asset_id":"a1"})") {
    http::HttpResponse r;
    r.status = 200;
    r.body = std::move(body);
    return r;
  }

  TempDir dir_;
  FakeClock clock_;
  FakeHttpClient http_;
  CollectorClient client_{http_, "http://collector:8481"};
  Machine machine_;
  SwitchableCollector collector_{
      [this](const InventorySections& sections) -> std::unique_ptr<InventoryCollector> {
        machine_.built.push_back(sections);
        return std::make_unique<MachineCollector>(machine_, sections);
      },
      InventorySections{}};
  FixedHealth health_;
  RunSettings local_{60s, 3600s, InventorySections{}, 1s, {}};
  SpoolLimits limits_;
  std::unique_ptr<Spool> spool_ = Spool::open(dir_.file("spool.db"), limits_, clock_);
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

  const auto inventory = inventoryOf(0);
  const auto heartbeat = heartbeatOf(2);
  EXPECT_EQ(heartbeat.agent_id, "agent-1");
  EXPECT_EQ(heartbeat.sent_at, formatRfc3339(clock_.now()));
  EXPECT_EQ(heartbeat.uptime_seconds, 3600.5);
  EXPECT_EQ(heartbeat.load1, 0.25);
  EXPECT_NE(heartbeat.heartbeat_id, heartbeatOf(1).heartbeat_id);
  // Delta reporting: the inventory and every heartbeat carry the section hashes.
  EXPECT_FALSE(inventory.section_hashes.empty());
  EXPECT_EQ(heartbeat.section_hashes, inventory.section_hashes);
  EXPECT_EQ(heartbeat.section_hashes, sectionHashes(inventory));
  // Sequence numbers follow the queue order.
  EXPECT_LT(keyOf(0).second, keyOf(1).second);
  EXPECT_LT(keyOf(1).second, keyOf(2).second);
  EXPECT_FALSE(heartbeat.dropped_reports);
}

TEST_F(RunLoopTest, UnchangedInventoryStaysHomeAndAChangedOneIsSentInFull) {
  http_.reply(200);
  local_.inventory_interval = 600s;
  auto loop = makeLoop();
  runFor(loop, 2h);
  auto paths = http_.paths();
  EXPECT_EQ(std::count(paths.begin(), paths.end(), kInventory), 1);
  EXPECT_EQ(std::count(paths.begin(), paths.end(), kHeartbeat), 120);
  EXPECT_GE(machine_.collected, 12) << "collected every 10 min, sent only once";
  const auto first_hashes = inventoryOf(0).section_hashes;

  machine_.bash_version = "5.2.15-3";  // an upgrade
  const std::size_t before = http_.requests.size();
  runFor(loop, 10min);
  paths = http_.paths();
  ASSERT_EQ(std::count(paths.begin(), paths.end(), kInventory), 2);
  std::size_t second = before;
  while (paths[second] != kInventory) ++second;
  const auto changed = inventoryOf(second);
  EXPECT_EQ(changedSections(first_hashes, changed.section_hashes), "packages");
  EXPECT_EQ(changed.packages.at(0).version, "5.2.15-3");
  EXPECT_EQ(heartbeatOf(http_.requests.size() - 1).section_hashes, changed.section_hashes);
}

TEST_F(RunLoopTest, InventoryRequiredSendsAFreshInventoryRightAway) {
  http_.reply(200);
  http_.reply(409, kInventoryRequired);
  http_.reply(200);
  auto loop = makeLoop();
  loop.tick();
  clock_.advance(60s);
  EXPECT_EQ(loop.tick(), 60s);
  EXPECT_EQ(http_.paths(), (std::vector<std::string>{kInventory, kHeartbeat, kInventory}));
  EXPECT_EQ(machine_.collected, 2);
  EXPECT_EQ(inventoryOf(2).report_id, "report-2");
  clock_.advance(60s);
  loop.tick();
  EXPECT_EQ(http_.paths().back(), kHeartbeat);
  EXPECT_EQ(spool_->stats()->items, 0u);
}

TEST_F(RunLoopTest, OutageSpoolsReportsThroughARestartAndDeliversEachOnceInOrder) {
  bool collector_up = true;
  std::vector<std::pair<std::string, std::uint64_t>> accepted;  // what the collector took
  http_.respondWith([&](const FakeHttpClient::Sent&) -> Result<http::HttpResponse> {
    if (!collector_up) return makeError("connect_failed", "connection refused");
    accepted.push_back(keyOf(http_.requests.size() - 1));
    return ok();
  });
  {
    auto loop = makeLoop();
    runFor(loop, 3min);  // inventory + 3 heartbeats delivered
    ASSERT_EQ(accepted.size(), 4u);
    collector_up = false;
    runFor(loop, 30min);
    EXPECT_EQ(spool_->stats()->items, 1u) << "heartbeats collapsed to the latest";
  }
  restartSpool();  // the agent restarts during the outage
  const std::size_t sent_before_restart = http_.requests.size();
  auto loop = makeLoop();
  runFor(loop, 10min);
  auto stats = spool_->stats();
  EXPECT_EQ(stats->items, 2u) << "the start's inventory plus the latest heartbeat";
  EXPECT_EQ(stats->inventories, 1u);
  EXPECT_GT(http_.requests.size(), sent_before_restart) << "kept trying";
  EXPECT_EQ(accepted.size(), 4u);

  collector_up = true;
  runFor(loop, 61s);  // the longest backoff is one heartbeat interval
  EXPECT_EQ(spool_->stats()->items, 0u);
  ASSERT_GE(accepted.size(), 6u);
  EXPECT_EQ(accepted[4].first, "report-2") << "oldest first: the inventory made at the restart";
  std::set<std::string> keys;
  for (std::size_t i = 0; i < accepted.size(); ++i) {
    EXPECT_TRUE(keys.insert(accepted[i].first).second) << accepted[i].first << " sent twice";
    if (i > 0) {
      EXPECT_LT(accepted[i - 1].second, accepted[i].second) << "out of order at " << i;
    }
  }
}

TEST_F(RunLoopTest, FullSpoolDropsTheOldestAndReportsTheExactCountOnce) {
  limits_.max_items = 2;
  restartSpool();
  local_.inventory_interval = 300s;
  bool collector_up = false;
  http_.respondWith([&](const FakeHttpClient::Sent&) -> Result<http::HttpResponse> {
    if (!collector_up) return makeError("connect_failed", "connection refused");
    return ok();
  });
  auto loop = makeLoop();
  for (int i = 0; i < 6; ++i) {
    machine_.bash_version = "5.2." + std::to_string(i);  // every check finds a change
    runFor(loop, 300s);
  }
  const auto before = spool_->stats();
  ASSERT_GT(before->dropped_total, 0u);
  EXPECT_EQ(before->dropped_unreported, before->dropped_total);

  const std::size_t first_after = http_.requests.size();
  collector_up = true;
  runFor(loop, 61s);
  std::uint64_t reported = 0;
  int carriers = 0;
  for (std::size_t i = first_after; i < http_.requests.size(); ++i) {
    const auto dropped = http_.paths()[i] == kInventory ? inventoryOf(i).dropped_reports
                                                         : heartbeatOf(i).dropped_reports;
    if (dropped) {
      reported += *dropped;
      ++carriers;
    }
  }
  EXPECT_EQ(reported, before->dropped_total);
  EXPECT_EQ(carriers, 1) << "one report carries the count; the next ones do not repeat it";
  EXPECT_EQ(spool_->stats()->dropped_unreported, 0u);
}

TEST_F(RunLoopTest, UnavailableCollectorBacksOffExponentiallyWithTheSameReport) {
  std::vector<Clock::MonoTime> attempts;
  http_.respondWith([&](const FakeHttpClient::Sent&) -> Result<http::HttpResponse> {
    attempts.push_back(clock_.monotonic());
    http::HttpResponse busy;
    busy.status = 503;
    busy.body = R"({"error":{"code":"overloaded","message":"busy"}})";
    return busy;
  });
  auto loop = makeLoop(1.0);
  runFor(loop, 250s);
  std::vector<milliseconds> gaps;
  for (std::size_t i = 1; i < attempts.size(); ++i) {
    gaps.push_back(std::chrono::duration_cast<milliseconds>(attempts[i] - attempts[i - 1]));
  }
  EXPECT_EQ(gaps, (std::vector<milliseconds>{1s, 2s, 4s, 8s, 16s, 32s, 60s, 60s, 60s}));
  for (std::size_t i = 0; i < http_.requests.size(); ++i) {
    EXPECT_EQ(http_.paths()[i], kInventory) << "the oldest report blocks the queue";
    EXPECT_EQ(inventoryOf(i).report_id, "report-1");
  }
  EXPECT_EQ(machine_.collected, 1);
  EXPECT_EQ(spool_->stats()->heartbeats, 1u) << "heartbeats kept queuing, collapsed";
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
  EXPECT_EQ(loop.tick(), 57s);  // delivered; the heartbeat is due 60 s after the start
  EXPECT_EQ(loop.inventoriesDelivered(), 1u);
  EXPECT_EQ(inventoryOf(2).report_id, "report-1");

  http_.respondWith([](const FakeHttpClient::Sent&) -> Result<http::HttpResponse> {
    return makeError("timeout", "no answer in 8 s");
  });
  clock_.advance(57s);
  EXPECT_EQ(loop.tick(), 1s);  // a new failure starts the backoff from the beginning
}

TEST_F(RunLoopTest, RetryAfterFromTheCollectorIsHonoured) {
  http::HttpResponse busy;
  busy.status = 429;
  busy.headers.emplace_back("Retry-After", "120");
  http_.reply(busy);
  auto loop = makeLoop();
  EXPECT_EQ(loop.tick(), 60s);  // the heartbeat is queued at 60 s, but not sent
  clock_.advance(60s);
  EXPECT_EQ(loop.tick(), 60s);
  EXPECT_EQ(http_.requests.size(), 1u);
  clock_.advance(60s);
  loop.tick();
  EXPECT_EQ(http_.requests.size(), 2u);
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

TEST_F(RunLoopTest, FailedHeartbeatIsRetriedWithTheSameIdempotencyKey) {
  http_.reply(200);
  http_.reply(503);
  http_.reply(200);
  auto loop = makeLoop();
  loop.tick();
  clock_.advance(60s);
  EXPECT_EQ(loop.tick(), 1s);
  clock_.advance(1s);
  EXPECT_EQ(loop.tick(), 59s);
  ASSERT_EQ(http_.paths(), (std::vector<std::string>{kInventory, kHeartbeat, kHeartbeat}));
  EXPECT_EQ(heartbeatOf(1).heartbeat_id, heartbeatOf(2).heartbeat_id)
      << "a retry after a lost answer must not be stored twice";
  EXPECT_EQ(heartbeatOf(1).sequence, heartbeatOf(2).sequence);
}

TEST_F(RunLoopTest, PushedHeartbeatIntervalAppliesAtOnceAndSurvivesARestart) {
  http_.reply(ok(R"({"status":"stored","asset_id":"a1","config":{"heartbeat_interval_seconds":10}})"));
  {
    auto loop = makeLoop();
    EXPECT_EQ(loop.tick(), 10s);
    EXPECT_EQ(loop.settings().heartbeat_interval, 10s);
    runFor(loop, 60s);
    const auto paths = http_.paths();
    EXPECT_EQ(std::count(paths.begin(), paths.end(), kHeartbeat), 6) << "every 10 s, not 60 s";
  }
  const std::string saved = dir_.file(kCollectorSettingsFile);
  struct stat st {};
  ASSERT_EQ(::stat(saved.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);

  // Restarted, before the collector answers: the saved settings apply.
  http_.fail("connect_failed", "connection refused");
  restartSpool();
  auto restarted = makeLoop();
  EXPECT_EQ(restarted.settings().heartbeat_interval, 10s);
}

TEST_F(RunLoopTest, InvalidPushedValuesAreIgnoredAndTheValidOnesApply) {
  http_.reply(ok(R"({"status":"ok","config":{"heartbeat_interval_seconds":0,)"
                 R"("inventory_interval_seconds":600,"inventory":{"gpu":true}}})"));
  auto loop = makeLoop();
  loop.tick();
  EXPECT_EQ(loop.settings().heartbeat_interval, 60s) << "agent.conf's value stays";
  EXPECT_EQ(loop.settings().inventory_interval, 600s);
  EXPECT_EQ(machine_.built.size(), 1u) << "no category changed";
}

TEST_F(RunLoopTest, PushedCategoriesRebuildTheCollectorAndSendAFreshInventory) {
  http_.reply(ok(R"({"status":"ok","config":{"inventory":{"packages":false}}})"));
  auto loop = makeLoop();
  EXPECT_EQ(loop.tick(), 0ms) << "a new inventory is due now";
  ASSERT_EQ(machine_.built.size(), 2u);
  EXPECT_FALSE(machine_.built.back().packages);
  loop.tick();
  ASSERT_EQ(http_.paths(), (std::vector<std::string>{kInventory, kInventory}));
  EXPECT_EQ(inventoryOf(0).packages.size(), 1u);
  EXPECT_TRUE(inventoryOf(1).packages.empty());
  EXPECT_EQ(changedSections(inventoryOf(0).section_hashes, inventoryOf(1).section_hashes),
            "packages");
}

TEST_F(RunLoopTest, SettingsTheCollectorStopsPushingFallBackToAgentConf) {
  http_.reply(ok(R"({"status":"ok","config":{"heartbeat_interval_seconds":10}})"));
  http_.reply(ok(R"({"status":"ok","config":{}})"));
  auto loop = makeLoop();
  EXPECT_EQ(loop.tick(), 10s);
  clock_.advance(10s);
  EXPECT_EQ(loop.tick(), 60s);
  EXPECT_EQ(loop.settings().heartbeat_interval, 60s);
}

}  // namespace
}  // namespace steward::agent
