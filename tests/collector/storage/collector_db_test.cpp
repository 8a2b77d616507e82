#include "collector/storage/collector_db.h"

#include <gtest/gtest.h>

#include "collector/storage/agent_transport_tables.h"
#include "collector/storage/asset_tables.h"
#include "collector/storage/schema.h"
#include "shared/common/id.h"
#include "shared/wire/json_codec.h"
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
  EXPECT_EQ(asset->asset_id, first->asset_id);
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

namespace {

// What a version 1 collector left (an outbox limited to assets and sightings, the
// inventory in the assets row), stamped `version`: 1, or 2 as the rules engine's
// outbox rebuild stamped it before reconciliation in depth moved the inventory out.
void writeOldDatabase(const std::string& path, int version, const std::string& inventory_json) {
  auto raw = steward::storage::SqliteDb::open(path);
  ASSERT_TRUE(raw);
  ASSERT_TRUE((*raw)->exec(
      "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
      "CREATE TABLE assets (asset_id TEXT PRIMARY KEY, first_seen TEXT NOT NULL, last_seen TEXT "
      "NOT NULL, updated_at TEXT NOT NULL, hostname TEXT NOT NULL, inventory_json TEXT NOT NULL);"
      "CREATE TABLE identifiers (kind TEXT NOT NULL, value TEXT NOT NULL, asset_id TEXT NOT NULL "
      "REFERENCES assets(asset_id), PRIMARY KEY (kind, value));"
      "CREATE INDEX identifiers_by_asset ON identifiers(asset_id);"
      "CREATE TABLE agents (agent_id TEXT PRIMARY KEY, asset_id TEXT NOT NULL REFERENCES "
      "assets(asset_id), first_seen TEXT NOT NULL);"
      "CREATE TABLE reports (report_id TEXT PRIMARY KEY, agent_id TEXT NOT NULL, asset_id TEXT NOT "
      "NULL REFERENCES assets(asset_id), received_at TEXT NOT NULL);"
      "CREATE TABLE decisions (id INTEGER PRIMARY KEY AUTOINCREMENT, asset_id TEXT NOT NULL "
      "REFERENCES assets(asset_id), report_id TEXT NOT NULL, at TEXT NOT NULL, rule TEXT NOT "
      "NULL, evidence TEXT NOT NULL);"
      "CREATE INDEX decisions_by_asset ON decisions(asset_id);"
      "CREATE TABLE outbox (seq INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL CHECK "
      "(kind IN ('asset', 'seen')), asset_id TEXT NOT NULL, event_id TEXT NOT NULL UNIQUE, "
      "payload TEXT NOT NULL, created_at TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, "
      "next_attempt_ms INTEGER NOT NULL DEFAULT 0, state TEXT NOT NULL DEFAULT 'pending', "
      "last_error TEXT NOT NULL DEFAULT '');"
      "CREATE INDEX outbox_pending ON outbox(state, seq);"
      "INSERT INTO outbox(kind, asset_id, event_id, payload, created_at) "
      "VALUES ('seen', 'a', 'e1', '{}', 't');"
      "PRAGMA user_version = " +
      std::to_string(version) + ";"));
  auto insert = (*raw)->prepare(
      "INSERT INTO assets VALUES ('a', '2026-11-01T00:00:00Z', '2026-11-02T00:00:00Z', "
      "'2026-11-02T00:00:00Z', 'old-host', ?)");
  ASSERT_TRUE(insert);
  insert->bind(1, inventory_json);
  ASSERT_TRUE(insert->run());
}

class OldDatabaseTest : public ::testing::TestWithParam<int> {};

// The last column of `table`: where its large text must be, so that reading the
// small columns before it never walks the text's overflow pages.
std::string lastColumn(CollectorDb& db, const std::string& table) {
  std::string last;
  (void)db.read([&](auto& sql) -> Result<void> {
    auto stmt = sql.prepare("SELECT name FROM pragma_table_info(?) ORDER BY cid DESC LIMIT 1");
    if (!stmt) return stmt.error();
    stmt->bind(1, table);
    auto row = stmt->step();
    if (row && *row) last = stmt->text(0);
    return {};
  });
  return last;
}

}  // namespace

TEST_P(OldDatabaseTest, KeepsItsOutboxAndInventoryAndAcceptsIncidentAndHistoryItems) {
  ::steward::testing::TempDir dir;
  ::steward::testing::FakeClock clock;
  const std::string path = dir.file("c.db");
  const auto report = laptopReport();
  writeOldDatabase(path, GetParam(), wire::encodeInventory(report));
  if (HasFatalFailure()) return;
  auto db = CollectorDb::open(path, clock);
  ASSERT_TRUE(db) << db.error().message;
  std::vector<OutboxItem> items;
  for (const char* kind : {kOutboxIncident, kOutboxHistory}) {
    OutboxItem item;
    item.kind = kind;
    item.asset_id = "a";
    item.event_id = std::string("e-") + kind;
    item.payload = "{}";
    item.created_at = "t";
    ASSERT_TRUE((*db)->transact([&](auto& sql) { return OutboxTable(sql).enqueue(item); }));
  }
  std::vector<SightingRow> sightings;
  ASSERT_TRUE((*db)->read([&](auto& sql) -> Result<void> {
    auto all = OutboxTable(sql).all();
    if (!all) return all.error();
    items = *all;
    auto found = AssetTables(sql).sightingsOf("a");
    if (!found) return found.error();
    sightings = *found;
    return {};
  }));
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items[0].event_id, "e1");
  EXPECT_EQ(items[1].kind, "incident");
  EXPECT_EQ(items[2].kind, "history");
  // The inventory the assets row held is now the asset's agent sighting.
  ASSERT_EQ(sightings.size(), 1u);
  EXPECT_EQ(sightings[0].source, "agent");
  EXPECT_EQ(sightings[0].agent_id, report.agent_id);
  auto decoded = wire::decodeInventory(sightings[0].report_json);
  ASSERT_TRUE(decoded);
  EXPECT_EQ(decoded->system.hostname, report.system.hostname);
  EXPECT_EQ(lastColumn(**db, "sightings"), "report_json");
  EXPECT_EQ(lastColumn(**db, "outbox"), "payload");
}

INSTANTIATE_TEST_SUITE_P(Version, OldDatabaseTest, ::testing::Values(1, 2));

TEST(CollectorDbTest, ReportsAndOutboxPayloadsAreTheLastColumns) {
  CollectorHarness h;
  EXPECT_EQ(lastColumn(h.db(), "sightings"), "report_json");
  EXPECT_EQ(lastColumn(h.db(), "outbox"), "payload");
}

// The agent table as collectors before the stepped trim of the delivery log made it:
// opening adds the counter and keeps what the agent's row held.
TEST(CollectorDbTest, AnAgentTableWithoutTheTrimCounterGetsIt) {
  ::steward::testing::TempDir dir;
  ::steward::testing::FakeClock clock;
  const std::string path = dir.file("c.db");
  {
    auto raw = steward::storage::SqliteDb::open(path);
    ASSERT_TRUE(raw);
    ASSERT_TRUE((*raw)->exec(
        "CREATE TABLE agent_transport (agent_id TEXT PRIMARY KEY, section_hashes TEXT NOT NULL "
        "DEFAULT '', last_sequence INTEGER, dropped_reports_total INTEGER NOT NULL DEFAULT 0, "
        "last_dropped_at TEXT);"
        "INSERT INTO agent_transport VALUES ('agent-1', 'system=1-ab\n', 41, 3, "
        "'2026-11-01T00:00:00Z');"));
  }
  auto db = CollectorDb::open(path, clock);
  ASSERT_TRUE(db) << db.error().message;
  ASSERT_TRUE((*db)->transact([](auto& sql) {
    return AgentTransportTables(sql).recordDelivery(
        {"agent-1", "heartbeat", "hb-1", 42, "2026-11-02T00:00:00Z", "2026-11-02T00:00:01Z", 0});
  }));
  AgentTransport transport;
  ASSERT_TRUE((*db)->read([&](auto& sql) -> Result<void> {
    auto row = AgentTransportTables(sql).transportOf("agent-1");
    if (!row) return row.error();
    transport = *row;
    return {};
  }));
  EXPECT_EQ(transport.last_sequence, 42);
  EXPECT_EQ(transport.dropped_reports_total, 3u);
  EXPECT_EQ(transport.last_dropped_at, "2026-11-01T00:00:00Z");
  EXPECT_EQ(transport.section_hashes.at("system"), "1-ab");
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
