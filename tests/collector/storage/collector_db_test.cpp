#include "collector/storage/collector_db.h"

#include <gtest/gtest.h>

#include "collector/storage/asset_tables.h"
#include "collector/storage/schema.h"
#include "shared/common/id.h"
#include "tests/collector/sample_reports.h"

namespace steward::collector::storage {
namespace {

using testing::CollectorHarness;
using testing::laptopReport;
using testing::testId;

TEST(CollectorDbTest, CollectorIdIsMadeOnceAndSurvivesRestart) {
  CollectorHarness h;
  const std::string id = h.db().collectorId();
  EXPECT_TRUE(isUuid(id));
  h.reopen();
  EXPECT_EQ(h.db().collectorId(), id);
}

TEST(CollectorDbTest, SameAgentMapsToTheSameAssetAfterRestart) {
  CollectorHarness h;
  auto first = h.service->ingestInventory(laptopReport());
  ASSERT_TRUE(first);
  h.reopen();

  auto resent = h.service->ingestInventory(laptopReport());
  ASSERT_TRUE(resent);
  EXPECT_TRUE(resent->duplicate) << "report ids are remembered across restarts";

  auto next = laptopReport();
  next.report_id = testId(1500);
  auto second = h.service->ingestInventory(next);
  ASSERT_TRUE(second);
  EXPECT_FALSE(second->duplicate);
  EXPECT_EQ(second->asset_id, first->asset_id);
  EXPECT_EQ(h.assetCount(), 1);
  // The asset record of the first report, a collapsed "seen" for the unchanged second.
  EXPECT_EQ(h.outbox().size(), 2u) << "the undelivered outbox survives the restart";
}

TEST(CollectorDbTest, EveryReconciliationDecisionIsRecorded) {
  CollectorHarness h;
  auto first = h.service->ingestInventory(laptopReport());
  ASSERT_TRUE(first);
  auto reinstall = laptopReport();
  reinstall.agent_id = testId(2);
  reinstall.report_id = testId(1600);
  ASSERT_TRUE(h.service->ingestInventory(reinstall));

  std::vector<DecisionRow> decisions;
  ASSERT_TRUE(h.db().read([&](auto& db) -> Result<void> {
    auto rows = AssetTables(db).decisionsFor(first->asset_id);
    if (!rows) return rows.error();
    decisions = *rows;
    return {};
  }));
  ASSERT_EQ(decisions.size(), 2u);
  EXPECT_EQ(decisions[0].rule, "new_asset");
  EXPECT_EQ(decisions[1].rule, "serial");
  EXPECT_EQ(decisions[1].report_id, testId(1600));
  EXPECT_NE(decisions[1].evidence.find("5CG3421XYZ"), std::string::npos);
}

TEST(CollectorDbTest, ReinstalledAgentStillHeartbeatsUnderOldAndNewIds) {
  CollectorHarness h;
  auto first = h.service->ingestInventory(laptopReport());
  ASSERT_TRUE(first);
  auto reinstall = laptopReport();
  reinstall.agent_id = testId(2);
  reinstall.report_id = testId(1700);
  ASSERT_TRUE(h.service->ingestInventory(reinstall));

  wire::Heartbeat beat{{}, testId(8000), testId(2), "2026-11-25T16:40:00Z", {}, {}};
  auto asset = h.service->recordHeartbeat(beat);
  ASSERT_TRUE(asset);
  EXPECT_EQ(*asset, first->asset_id);
}

TEST(CollectorDbTest, SchemaVersionIsRecordedAndANewerOneIsRefused) {
  ::steward::testing::TempDir dir;
  ::steward::testing::FakeClock clock;
  const std::string path = dir.file("c.db");
  {
    auto db = CollectorDb::open(path, clock);
    ASSERT_TRUE(db);
  }
  {
    auto raw = steward::storage::SqliteDb::open(path);
    ASSERT_TRUE(raw);
    auto version = (*raw)->prepare("PRAGMA user_version");
    ASSERT_TRUE(version);
    ASSERT_TRUE(version->step());
    EXPECT_EQ(version->int64(0), kSchemaVersion);
    ASSERT_TRUE((*raw)->exec("PRAGMA user_version = 99"));
  }
  auto refused = CollectorDb::open(path, clock);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, "schema_too_new");
  EXPECT_NE(refused.error().message.find(path), std::string::npos);
}

TEST(CollectorDbTest, FailedWorkRollsBackEverything) {
  CollectorHarness h;
  auto r = h.db().transact([](auto& db) -> Result<void> {
    AssetTables tables(db);
    if (auto s = tables.saveAsset({"a", "t", "t", "t", "h"}); !s) return s;
    return makeError("boom", "simulated failure after the first write");
  });
  EXPECT_FALSE(r);
  EXPECT_EQ(h.assetCount(), 0);
}

}  // namespace
}  // namespace steward::collector::storage
