#include "server/storage/sqlite/sqlite_asset_repository.h"

#include <gtest/gtest.h>

#include "server/storage/sqlite/asset_schema.h"
#include "tests/server/test_records.h"
#include "tests/support/fake_clock.h"
#include "tests/support/temp_dir.h"

namespace steward::server {
namespace {

using testing::kAssetA;
using testing::kAssetB;
using testing::recordFor;
using testing::sampleRecord;
using testing::seenFor;

class SqliteAssetRepositoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = SqliteAssetRepository::open(dir_.file("server.db"), clock_);
    ASSERT_TRUE(opened) << opened.error().message;
    repo_ = std::move(*opened);
  }

  wire::AssetRecord stored(const std::string& id) {
    auto got = repo_->get(id);
    EXPECT_TRUE(got) << got.error().message;
    return got ? *got : wire::AssetRecord{};
  }

  AssetPage page(std::uint32_t page, std::uint32_t per_page, std::string search = "") {
    auto listed = repo_->list(AssetQuery{page, per_page, std::move(search)});
    EXPECT_TRUE(listed) << listed.error().message;
    return listed ? *listed : AssetPage{};
  }

  static std::vector<std::string> hostnames(const AssetPage& p) {
    std::vector<std::string> out;
    for (const auto& item : p.items) out.push_back(item.hostname);
    return out;
  }

  steward::testing::TempDir dir_;
  steward::testing::FakeClock clock_;
  std::unique_ptr<SqliteAssetRepository> repo_;
};

TEST_F(SqliteAssetRepositoryTest, UpsertStoresTheWholeRecord) {
  const wire::AssetRecord record = sampleRecord();
  auto outcome = repo_->upsertAsset(record);
  ASSERT_TRUE(outcome) << outcome.error().message;
  EXPECT_EQ(*outcome, WriteOutcome::Applied);
  EXPECT_EQ(stored(kAssetA), record);
}

TEST_F(SqliteAssetRepositoryTest, SameEventTwiceIsDuplicateAndChangesNothing) {
  ASSERT_EQ(*repo_->upsertAsset(sampleRecord(kAssetA, "event-1")), WriteOutcome::Applied);
  // A retry carries the same idempotency key; even if its body differed, it is not reapplied.
  auto retry = recordFor(kAssetA, "event-1", "renamed", "2026-11-25T17:00:00.000Z");
  auto outcome = repo_->upsertAsset(retry);
  ASSERT_TRUE(outcome) << outcome.error().message;
  EXPECT_EQ(*outcome, WriteOutcome::Duplicate);
  EXPECT_EQ(stored(kAssetA).inventory.system.hostname, "ws-0042");
}

TEST_F(SqliteAssetRepositoryTest, NewerRecordReplacesTheInventory) {
  ASSERT_EQ(*repo_->upsertAsset(sampleRecord(kAssetA, "event-1")), WriteOutcome::Applied);
  auto newer = recordFor(kAssetA, "event-2", "ws-renamed", "2026-11-25T17:00:00.000Z");
  EXPECT_EQ(*repo_->upsertAsset(newer), WriteOutcome::Applied);
  const auto now = stored(kAssetA);
  EXPECT_EQ(now.inventory.system.hostname, "ws-renamed");
  EXPECT_EQ(now.updated_at, "2026-11-25T17:00:00.000Z");
  EXPECT_EQ(now.first_seen, "2026-11-25T16:00:00.000Z");
  EXPECT_EQ(page(1, 10).total, 1u);
}

TEST_F(SqliteAssetRepositoryTest, OlderRecordIsStaleAndKeepsNewerData) {
  auto newer = recordFor(kAssetA, "event-2", "ws-newer", "2026-11-25T17:00:00.000Z");
  ASSERT_EQ(*repo_->upsertAsset(newer), WriteOutcome::Applied);
  auto older = recordFor(kAssetA, "event-1", "ws-older", "2026-11-25T16:30:00.000Z");
  older.first_seen = "2026-11-24T09:00:00.000Z";  // it knew the asset earlier

  auto outcome = repo_->upsertAsset(older);
  ASSERT_TRUE(outcome) << outcome.error().message;
  EXPECT_EQ(*outcome, WriteOutcome::Stale);
  const auto now = stored(kAssetA);
  EXPECT_EQ(now.inventory.system.hostname, "ws-newer");
  EXPECT_EQ(now.updated_at, "2026-11-25T17:00:00.000Z");
  EXPECT_EQ(now.last_seen, "2026-11-25T17:00:00.000Z");
  EXPECT_EQ(now.first_seen, "2026-11-24T09:00:00.000Z");
  // Acknowledged once: a retry of the stale event is a duplicate.
  EXPECT_EQ(*repo_->upsertAsset(older), WriteOutcome::Duplicate);
}

TEST_F(SqliteAssetRepositoryTest, TimestampsAreComparedAsTimesNotText) {
  ASSERT_EQ(
      *repo_->upsertAsset(recordFor(kAssetA, "event-1", "ws-stored", "2026-11-25T16:30:00.500Z")),
      WriteOutcome::Applied);
  // Half a second older, though as text "…00Z" sorts after "…00.500Z".
  auto older = recordFor(kAssetA, "event-2", "ws-older", "2026-11-25T16:30:00Z");
  EXPECT_EQ(*repo_->upsertAsset(older), WriteOutcome::Stale);
  EXPECT_EQ(stored(kAssetA).inventory.system.hostname, "ws-stored");
}

TEST_F(SqliteAssetRepositoryTest, SeenMovesLastSeenForwardOnly) {
  ASSERT_EQ(*repo_->upsertAsset(sampleRecord()), WriteOutcome::Applied);

  auto forward = repo_->markSeen(seenFor(kAssetA, "seen-1", "2026-11-25T16:45:00.000Z"));
  ASSERT_TRUE(forward) << forward.error().message;
  EXPECT_EQ(*forward, WriteOutcome::Applied);
  EXPECT_EQ(stored(kAssetA).last_seen, "2026-11-25T16:45:00.000Z");
  EXPECT_EQ(page(1, 10).items.at(0).last_seen, "2026-11-25T16:45:00.000Z");

  auto backward = repo_->markSeen(seenFor(kAssetA, "seen-2", "2026-11-25T16:40:00.000Z"));
  ASSERT_TRUE(backward) << backward.error().message;
  EXPECT_EQ(*backward, WriteOutcome::Stale);
  EXPECT_EQ(stored(kAssetA).last_seen, "2026-11-25T16:45:00.000Z");

  EXPECT_EQ(*repo_->markSeen(seenFor(kAssetA, "seen-1", "2026-11-25T18:00:00.000Z")),
            WriteOutcome::Duplicate);
  EXPECT_EQ(stored(kAssetA).last_seen, "2026-11-25T16:45:00.000Z");
}

TEST_F(SqliteAssetRepositoryTest, SeenForAnUnknownAssetIsNotFound) {
  auto outcome = repo_->markSeen(seenFor(kAssetB, "seen-1", "2026-11-25T16:45:00.000Z"));
  ASSERT_FALSE(outcome);
  EXPECT_EQ(outcome.error().code, "not_found");
  // Not recorded as processed: once the asset exists, the same event applies.
  ASSERT_EQ(*repo_->upsertAsset(sampleRecord(kAssetB, "event-1")), WriteOutcome::Applied);
  EXPECT_EQ(*repo_->markSeen(seenFor(kAssetB, "seen-1", "2026-11-25T16:45:00.000Z")),
            WriteOutcome::Applied);
}

TEST_F(SqliteAssetRepositoryTest, InvalidIdsAndTimesAreRejectedAndNothingStored) {
  auto bad_id = sampleRecord("not-a-uuid", "event-1");
  auto outcome = repo_->upsertAsset(bad_id);
  ASSERT_FALSE(outcome);
  EXPECT_EQ(outcome.error().code, "invalid_field");
  EXPECT_NE(outcome.error().message.find("$.asset_id"), std::string::npos);

  auto bad_time = sampleRecord(kAssetA, "event-2");
  bad_time.updated_at = "yesterday";
  outcome = repo_->upsertAsset(bad_time);
  ASSERT_FALSE(outcome);
  EXPECT_NE(outcome.error().message.find("$.updated_at"), std::string::npos);

  auto no_event = sampleRecord(kAssetA, "");
  EXPECT_FALSE(repo_->upsertAsset(no_event));
  EXPECT_EQ(page(1, 10).total, 0u);
}

TEST_F(SqliteAssetRepositoryTest, ListPagesInHostnameOrderWithTotal) {
  const char* names[] = {"delta", "Alpha", "echo", "charlie", "bravo"};
  for (int i = 0; i < 5; ++i) {
    const std::string id = "0193a1b2-c3d4-7e5f-8a6b-00000000010" + std::to_string(i);
    ASSERT_TRUE(repo_->upsertAsset(
        recordFor(id, "event-" + std::to_string(i), names[i], "2026-11-25T16:30:00.000Z")));
  }
  const auto first = page(1, 2);
  EXPECT_EQ(first.total, 5u);
  EXPECT_EQ(hostnames(first), (std::vector<std::string>{"Alpha", "bravo"}));
  EXPECT_EQ(hostnames(page(2, 2)), (std::vector<std::string>{"charlie", "delta"}));
  EXPECT_EQ(hostnames(page(3, 2)), (std::vector<std::string>{"echo"}));
  const auto beyond = page(4, 2);
  EXPECT_TRUE(beyond.items.empty());
  EXPECT_EQ(beyond.total, 5u);
}

TEST_F(SqliteAssetRepositoryTest, ListItemsCarryTheColumnsOfTheTable) {
  ASSERT_TRUE(repo_->upsertAsset(sampleRecord()));
  const auto item = page(1, 10).items.at(0);
  EXPECT_EQ(item.asset_id, kAssetA);
  EXPECT_EQ(item.hostname, "ws-0042");
  EXPECT_EQ(item.os_name, "Debian GNU/Linux 12 (bookworm)");
  EXPECT_EQ(item.vendor, "Dell Inc.");
  EXPECT_EQ(item.model, "Latitude 7440");
  EXPECT_EQ(item.serial, "5CG3421XYZ");
  EXPECT_EQ(item.cpu_model, "13th Gen Intel(R) Core(TM) i7-1365U");
  EXPECT_EQ(item.memory_total_bytes, 33'554'432'000ULL);
  EXPECT_EQ(item.package_count, 3u);
  EXPECT_EQ(item.ip_addresses, (std::vector<std::string>{"192.0.2.10", "172.17.0.1"}));
  EXPECT_EQ(item.mac_addresses, (std::vector<std::string>{"8c:04:ba:12:34:56"}));
  EXPECT_EQ(item.first_seen, "2026-11-25T16:00:00.000Z");
  EXPECT_EQ(item.last_seen, "2026-11-25T16:30:00.000Z");
}

TEST_F(SqliteAssetRepositoryTest, SearchMatchesHostnameSerialOrIpIgnoringCase) {
  ASSERT_TRUE(repo_->upsertAsset(sampleRecord(kAssetA, "event-1")));  // ws-0042, 192.0.2.10
  ASSERT_TRUE(repo_->upsertAsset(
      recordFor(kAssetB, "event-2", "db-server", "2026-11-25T16:30:00.000Z")));  // SN-db-server

  EXPECT_EQ(hostnames(page(1, 10, "WS-00")), (std::vector<std::string>{"ws-0042"}));
  EXPECT_EQ(hostnames(page(1, 10, "sn-db")), (std::vector<std::string>{"db-server"}));
  EXPECT_EQ(hostnames(page(1, 10, "192.0.2.10")), (std::vector<std::string>{"ws-0042"}));
  const auto none = page(1, 10, "nothing-like-this");
  EXPECT_EQ(none.total, 0u);
  EXPECT_TRUE(none.items.empty());
  // LIKE wildcards typed by a user are literal characters.
  EXPECT_EQ(page(1, 10, "%").total, 0u);
  EXPECT_EQ(page(1, 10, "ws_0042").total, 0u);
  EXPECT_EQ(page(1, 10, "").total, 2u);
}

TEST_F(SqliteAssetRepositoryTest, ReopeningTheFileKeepsEverything) {
  ASSERT_TRUE(repo_->upsertAsset(sampleRecord(kAssetA, "event-1")));
  repo_.reset();
  auto reopened = SqliteAssetRepository::open(dir_.file("server.db"), clock_);
  ASSERT_TRUE(reopened) << reopened.error().message;
  EXPECT_EQ(*(*reopened)->get(kAssetA), sampleRecord(kAssetA, "event-1"));
  // The idempotency keys survive too.
  EXPECT_EQ(*(*reopened)->upsertAsset(sampleRecord(kAssetA, "event-1")), WriteOutcome::Duplicate);
}

TEST_F(SqliteAssetRepositoryTest, GetOfAnUnknownAssetIsNotFound) {
  auto got = repo_->get(kAssetB);
  ASSERT_FALSE(got);
  EXPECT_EQ(got.error().code, "not_found");
}

TEST(SqliteAssetSchemaTest, RefusesADatabaseFromANewerServer) {
  steward::testing::TempDir dir;
  steward::testing::FakeClock clock;
  {
    auto db = storage::SqliteDb::open(dir.file("server.db"));
    ASSERT_TRUE(db);
    ASSERT_TRUE((*db)->exec("PRAGMA user_version = " + std::to_string(kAssetSchemaVersion + 1)));
  }
  auto opened = SqliteAssetRepository::open(dir.file("server.db"), clock);
  ASSERT_FALSE(opened);
  EXPECT_EQ(opened.error().code, "schema_too_new");
  EXPECT_NE(opened.error().message.find(dir.file("server.db")), std::string::npos);
}

}  // namespace
}  // namespace steward::server
