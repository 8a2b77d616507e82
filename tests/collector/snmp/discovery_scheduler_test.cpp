#include "collector/snmp/discovery_scheduler.h"

#include <gtest/gtest.h>

#include <atomic>

#include "tests/collector/sample_reports.h"
#include "tests/support/process.h"

namespace steward::collector::snmp {
namespace {

// Counts polls and answers nothing: the scheduler's timing is what is under test.
class CountingClient : public SnmpClient {
 public:
  std::vector<PollResult> poll(const std::vector<PollTarget>& targets, const PollPlan&,
                               const PollOptions& options) override {
    ++polls;
    last_rate = options.rate_per_second;
    addresses += static_cast<int>(targets.size());
    return std::vector<PollResult>(targets.size());
  }
  std::atomic<int> polls{0};
  std::atomic<int> addresses{0};
  std::atomic<int> last_rate{0};
};

TEST(DiscoverySchedulerTest, SweepsEveryRangeAtStartAndStopsPromptly) {
  collector::testing::CollectorHarness h;
  DiscoveryService service(h.db(), h.clock, h.reconciler, 8);
  ASSERT_TRUE(service.prepare());
  SnmpConfig config;
  SnmpCredential cred;
  cred.name = "ro";
  cred.community = "public";
  config.credentials.push_back(cred);
  for (const char* cidr : {"192.0.2.0/30", "198.51.100.0/29"}) {
    SnmpRange range;
    range.name = cidr;
    range.include.push_back(*parseBlock(cidr));
    range.credentials = {"ro"};
    range.interval = std::chrono::hours(1);
    range.rate_per_second = 7;
    config.ranges.push_back(range);
  }
  CountingClient client;
  SystemClock clock;
  RangeSweeper sweeper(client, service, config, clock);
  DiscoveryScheduler scheduler(sweeper, config, clock);
  scheduler.start();
  EXPECT_TRUE(steward::testing::waitUntil([&] { return client.polls.load() == 2; },
                                          std::chrono::seconds(10)));
  EXPECT_EQ(client.addresses.load(), 2 + 6) << "hosts of a /30 and a /29";
  EXPECT_EQ(client.last_rate.load(), 7) << "each range's own rate limit";
  const auto before = std::chrono::steady_clock::now();
  scheduler.stop();
  EXPECT_LT(std::chrono::steady_clock::now() - before, std::chrono::seconds(2))
      << "stop does not wait for the next interval";
  EXPECT_EQ(client.polls.load(), 2) << "the next sweep is an hour away";
}

TEST(DiscoverySchedulerTest, NoRangesStartsNothing) {
  collector::testing::CollectorHarness h;
  DiscoveryService service(h.db(), h.clock, h.reconciler, 8);
  SnmpConfig config;
  CountingClient client;
  SystemClock clock;
  RangeSweeper sweeper(client, service, config, clock);
  DiscoveryScheduler scheduler(sweeper, config, clock);
  scheduler.start();
  scheduler.stop();
  EXPECT_EQ(client.polls.load(), 0);
}

}  // namespace
}  // namespace steward::collector::snmp
