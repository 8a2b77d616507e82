#include "collector/snmp/traps/trap_store.h"

#include <gtest/gtest.h>

#include "collector/snmp/traps/trap_oids.h"
#include "shared/common/id.h"
#include "tests/collector/sample_reports.h"

namespace steward::collector::snmp::traps {
namespace {

using namespace std::chrono_literals;

class TrapStoreTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(TrapStore::prepare(h_.db())); }

  TrapEvent event(const std::string& trap_oid = kLinkDown) {
    TrapEvent e;
    e.event_id = newUuidV7(h_.clock);
    e.received_at = formatRfc3339(h_.clock.now());
    e.source_address = "192.0.2.7";
    e.version = "v2c";
    e.trap_oid = trap_oid;
    e.uptime_hundredths = 42;
    e.varbinds = {{"1.3.6.1.2.1.2.2.1.1.3", "integer", "3"},
                  {"1.3.6.1.4.1.9.1", "string", "quote \" and \\ and \xc3\xa9"}};
    e.subject = "ifIndex=3";
    return e;
  }

  collector::testing::CollectorHarness h_;
};

TEST_F(TrapStoreTest, EventRoundTripsWithVarbinds) {
  TrapStore store(h_.db(), h_.clock, {});
  TrapEvent e = event();
  e.asset_id = "0193a1b2-0000-7000-8000-000000000001";
  e.inform = true;
  ASSERT_TRUE(store.add(e));
  auto back = store.recent(10);
  ASSERT_TRUE(back);
  ASSERT_EQ(back->size(), 1u);
  const TrapEvent& b = (*back)[0];
  EXPECT_EQ(b.event_id, e.event_id);
  EXPECT_EQ(b.asset_id, e.asset_id);
  EXPECT_EQ(b.trap_oid, kLinkDown);
  EXPECT_EQ(b.uptime_hundredths, 42u);
  EXPECT_TRUE(b.inform);
  EXPECT_EQ(b.varbinds, e.varbinds);
  EXPECT_EQ(b.subject, "ifIndex=3");
}

TEST_F(TrapStoreTest, TheSameEventIdIsStoredOnce) {
  TrapStore store(h_.db(), h_.clock, {});
  TrapEvent e = event();
  ASSERT_TRUE(store.add(e));
  ASSERT_TRUE(store.add(e));
  EXPECT_EQ(*store.count(), 1);
}

TEST_F(TrapStoreTest, RetentionKeepsTheNewestMaxEvents) {
  TrapStore store(h_.db(), h_.clock, TrapRetention{150, 24h * 30});
  for (int i = 0; i < 250; ++i) {
    h_.clock.advance(1ms);
    ASSERT_TRUE(store.add(event("1.3.6.1.4.1.9.0." + std::to_string(i))));
  }
  ASSERT_TRUE(store.prune());
  EXPECT_EQ(*store.count(), 150);
  auto newest = store.recent(1);
  ASSERT_TRUE(newest);
  EXPECT_EQ((*newest)[0].trap_oid, "1.3.6.1.4.1.9.0.249");
  auto all = store.recent(1000);
  EXPECT_EQ(all->back().trap_oid, "1.3.6.1.4.1.9.0.100");
}

TEST_F(TrapStoreTest, RetentionDropsEventsOlderThanMaxAge) {
  TrapStore store(h_.db(), h_.clock, TrapRetention{1000, 24h});
  ASSERT_TRUE(store.add(event(kColdStart)));
  h_.clock.advance(23h);
  ASSERT_TRUE(store.add(event(kWarmStart)));
  h_.clock.advance(2h);
  ASSERT_TRUE(store.prune());
  auto left = store.recent(10);
  ASSERT_EQ(left->size(), 1u);
  EXPECT_EQ((*left)[0].trap_oid, kWarmStart);
}

TEST_F(TrapStoreTest, AddPrunesEveryHundredInserts) {
  TrapStore store(h_.db(), h_.clock, TrapRetention{100, 24h});
  for (int i = 0; i < 199; ++i) ASSERT_TRUE(store.add(event()));
  EXPECT_EQ(*store.count(), 199);   // the prune at the 100th insert found nothing to drop
  ASSERT_TRUE(store.add(event()));  // the 200th prunes again
  EXPECT_EQ(*store.count(), 100);
}

TEST_F(TrapStoreTest, VarbindsJsonIgnoresGarbage) {
  EXPECT_TRUE(varbindsFromJson("not json").empty());
  EXPECT_TRUE(varbindsFromJson("{}").empty());
  EXPECT_EQ(varbindsFromJson(R"([1, {"oid":"1.3","type":"null"}])").size(), 1u);
}

}  // namespace
}  // namespace steward::collector::snmp::traps
