// The run loop's watch between heartbeats (agent/health/health_watch.h): levels come
// from the collector's replies, a crossing sends a heartbeat at once even with a long
// heartbeat interval, and the watch never turns into a storm of reports.

#include <gtest/gtest.h>

#include <algorithm>

#include "agent/run_loop.h"
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

constexpr const char* kHeartbeat = "/api/v1/agent/heartbeat";
// The collector's rule "filesystem_usage raise 80 clear 60", as it pushes it.
constexpr const char* kWatchReply =
    R"({"status":"ok","asset_id":"a1","config":{"watch_interval_ms":1000,)"
    R"("watch":[{"signal":"filesystem_usage","raise":80,"clear":60,"duration_ms":0}]}})";

class OneInventory final : public InventoryCollector {
 public:
  wire::InventoryReport collect() override {
    wire::InventoryReport report;
    report.report_id = "report-" + std::to_string(++collected_);
    report.agent_id = "agent-1";
    report.collected_at = "2026-12-01T10:00:00Z";
    report.system.hostname = "ws-fin-042";
    return report;
  }

 private:
  int collected_ = 0;
};

// /data at `percent` used; counts the samples of each kind.
class DiskHealth final : public HealthSampler {
 public:
  HealthSample sample() override {
    ++full_samples;
    return watchSample(WatchNeeds{true, true, true});
  }
  HealthSample watchSample(const WatchNeeds& needs) override {
    ++watch_samples;
    last_needs = needs;
    HealthSample s;
    s.health = wire::Health{};
    wire::FilesystemHealth f;
    f.mount_point = "/data";
    f.used_bytes = static_cast<std::uint64_t>(percent * 10);
    f.available_bytes = 1000 - f.used_bytes;
    s.health->filesystems.push_back(f);
    return s;
  }
  double percent = 20;
  int full_samples = 0;
  int watch_samples = 0;
  WatchNeeds last_needs;
};

class RunLoopWatchTest : public ::testing::Test {
 protected:
  RunLoop makeLoop() {
    RunLoop::Options options;
    options.local = local_;
    options.state_dir = dir_.path().string();
    return RunLoop(collector_, health_, client_, *spool_, clock_, "agent-1", options,
                   [] { return 1.0; });
  }
  // Drives the loop as main() does for `span` of simulated time (the clock ends
  // `span` later), running `each` before every tick.
  void runFor(RunLoop& loop, milliseconds span, const std::function<void()>& each = {}) {
    const auto end = clock_.monotonic() + span;
    int at_once = 0;  // ticks in a row that asked for no wait (settings just applied)
    while (true) {
      if (each) each();
      const milliseconds wait = loop.tick();
      at_once = wait == 0ms ? at_once + 1 : 0;
      ASSERT_LT(at_once, 3) << "the loop never waits";
      if (clock_.monotonic() + wait > end) {
        clock_.advance(std::chrono::duration_cast<milliseconds>(end - clock_.monotonic()));
        return;
      }
      clock_.advance(wait);
    }
  }
  std::vector<wire::Heartbeat> heartbeats() const {
    std::vector<wire::Heartbeat> out;
    for (const auto& sent : http_.requests) {
      if (sent.url.ends_with(kHeartbeat)) out.push_back(*wire::decodeHeartbeat(sent.request.body));
    }
    return out;
  }
  double usage(const wire::Heartbeat& h) const {
    const auto& f = h.health->filesystems.at(0);
    return 100.0 * static_cast<double>(f.used_bytes) /
           static_cast<double>(f.used_bytes + f.available_bytes);
  }

  TempDir dir_;
  FakeClock clock_;
  FakeHttpClient http_;
  CollectorClient client_{http_, "http://collector:8481"};
  SwitchableCollector collector_{
      [](const InventorySections&) -> std::unique_ptr<InventoryCollector> {
        return std::make_unique<OneInventory>();
      },
      InventorySections{}};
  DiskHealth health_;
  RunSettings local_{60s, 3600s, InventorySections{}, 1s, {}};
  std::unique_ptr<Spool> spool_ = Spool::open(dir_.file("spool.db"), SpoolLimits{}, clock_);
};

TEST_F(RunLoopWatchTest, AFilesystemCrossingItsLevelIsReportedWithinAWatchInterval) {
  http_.reply(200, kWatchReply);
  auto loop = makeLoop();
  runFor(loop, 10s);
  EXPECT_TRUE(heartbeats().empty()) << "a 60 s heartbeat, nothing crossed";
  EXPECT_TRUE(health_.last_needs.filesystems);
  EXPECT_FALSE(health_.last_needs.memory) << "only what the pushed levels need is read";

  health_.percent = 90;
  runFor(loop, 1s);
  ASSERT_EQ(heartbeats().size(), 1u);
  EXPECT_EQ(usage(heartbeats().at(0)), 90.0);
  EXPECT_EQ(loop.watchHeartbeats(), 1u);

  // Still full: the collector knows; the next heartbeat comes on the interval again.
  runFor(loop, 59s);
  EXPECT_EQ(heartbeats().size(), 1u);
  runFor(loop, 2s);
  EXPECT_EQ(heartbeats().size(), 2u);

  health_.percent = 70;  // inside the hysteresis band: the incident stays, nothing to say
  runFor(loop, 10s);
  EXPECT_EQ(heartbeats().size(), 2u);
  health_.percent = 30;  // freed: the collector can resolve at once
  runFor(loop, 1500ms);
  ASSERT_EQ(heartbeats().size(), 3u);
  EXPECT_EQ(usage(heartbeats().at(2)), 30.0);
}

TEST_F(RunLoopWatchTest, AFlappingValueSendsAtMostOneHeartbeatPerWatchInterval) {
  http_.reply(200, kWatchReply);
  auto loop = makeLoop();
  runFor(loop, 5s);
  int step = 0;
  // The value flips between full and empty faster than the watch looks at it.
  runFor(loop, 30s, [&] { health_.percent = (step++ % 2) ? 95 : 5; });
  EXPECT_LE(heartbeats().size(), 30u);
  EXPECT_GE(heartbeats().size(), 10u) << "the crossings do get through";
  const auto beats = heartbeats();
  for (std::size_t i = 1; i < beats.size(); ++i) {
    EXPECT_NE(beats[i].sent_at, beats[i - 1].sent_at);
  }
}

TEST_F(RunLoopWatchTest, NoLevelsOrAZeroIntervalMeansNoWatching) {
  http_.reply(200, R"({"status":"ok","asset_id":"a1","config":{}})");
  auto loop = makeLoop();
  health_.percent = 99;
  runFor(loop, 30s);
  EXPECT_TRUE(heartbeats().empty());
  EXPECT_EQ(health_.watch_samples, 0) << "without levels the agent reads nothing extra";

  http_.reply(200, R"({"status":"ok","asset_id":"a1","config":{"watch_interval_ms":0,)"
                   R"("watch":[{"signal":"filesystem_usage","raise":80,"clear":60}]}})");
  runFor(loop, 31s);  // the 60 s heartbeat delivers that reply
  ASSERT_EQ(heartbeats().size(), 1u);
  const int samples = health_.watch_samples;
  runFor(loop, 30s);
  EXPECT_EQ(heartbeats().size(), 1u);
  EXPECT_EQ(health_.watch_samples, samples) << "watch_interval_ms 0 switched it off";
}

TEST_F(RunLoopWatchTest, LevelsPushedLaterApplyAtOnceAndSurviveARestart) {
  std::string reply = R"({"status":"ok","asset_id":"a1","config":{}})";
  http_.respondWith([&](const FakeHttpClient::Sent&) -> Result<http::HttpResponse> {
    http::HttpResponse r;
    r.status = 200;
    r.body = reply;
    return r;
  });
  health_.percent = 90;
  {
    auto loop = makeLoop();
    runFor(loop, 61s);
    ASSERT_EQ(heartbeats().size(), 1u);
    reply = kWatchReply;  // the collector's rules got a disk rule
    runFor(loop, 60s);    // the next heartbeat brings it
    ASSERT_EQ(heartbeats().size(), 2u);
    runFor(loop, 1s);
    EXPECT_EQ(heartbeats().size(), 2u) << "the heartbeat that brought the levels showed 90 %";
    health_.percent = 40;
    runFor(loop, 1s);
    EXPECT_EQ(heartbeats().size(), 3u) << "freed: watched by the new level at once";
  }
  http_.requests.clear();
  auto restarted = makeLoop();  // reads the saved settings
  runFor(restarted, 5s);
  EXPECT_TRUE(heartbeats().empty());
  health_.percent = 85;
  runFor(restarted, 1s);
  EXPECT_EQ(heartbeats().size(), 1u) << "the saved levels are watched before any reply";
}

}  // namespace
}  // namespace steward::agent
