// The asset group tables on a real SQLite file: round trips, order, duplicates,
// hostile text kept literally, cascading deletes and reopening the file.

#include "server/itsm/assets/sqlite_asset_group_repository.h"

#include <gtest/gtest.h>

#include "server/storage/sqlite/sqlite_asset_repository.h"
#include "tests/server/test_records.h"
#include "tests/support/fake_clock.h"
#include "tests/support/temp_dir.h"

namespace steward::server::itsm {
namespace {

using server::testing::kAssetA;
using server::testing::kAssetB;

AssetGroup sample(const std::string& name) {
  return AssetGroup{
      name,
      "database servers",
      {kAssetB, kAssetA},
      {GroupRule{"db-*", std::nullopt, std::nullopt}, GroupRule{std::nullopt, "debian*", "server"}},
      "2026-12-01T10:00:00.000Z",
      "2026-12-01T10:00:00.000Z"};
}

void expectSame(const AssetGroup& a, const AssetGroup& b) {
  EXPECT_EQ(a.name, b.name);
  EXPECT_EQ(a.description, b.description);
  EXPECT_EQ(a.assets, b.assets);
  EXPECT_EQ(a.rules, b.rules);
  EXPECT_EQ(a.created_at, b.created_at);
  EXPECT_EQ(a.updated_at, b.updated_at);
}

class SqliteAssetGroupRepositoryTest : public ::testing::Test {
 protected:
  void SetUp() override { reopen(); }
  void reopen() {
    repo_.reset();
    auto opened = SqliteAssetGroupRepository::open(dir_.file("server.db"));
    ASSERT_TRUE(opened) << opened.error().message;
    repo_ = std::move(*opened);
  }
  steward::testing::TempDir dir_;
  std::unique_ptr<SqliteAssetGroupRepository> repo_;
};

TEST_F(SqliteAssetGroupRepositoryTest, StoresAndReadsBackMembersAndRulesInOrder) {
  ASSERT_TRUE(repo_->create(sample("dbservers")));
  ASSERT_TRUE(repo_->create(AssetGroup{"core-switches", "", {}, {}, "t", "t"}));
  auto got = repo_->get("dbservers");
  ASSERT_TRUE(got) << got.error().message;
  expectSame(*got, sample("dbservers"));
  auto all = repo_->list();
  ASSERT_TRUE(all);
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].name, "core-switches");  // by name
  EXPECT_TRUE((*all)[0].assets.empty());
  expectSame((*all)[1], sample("dbservers"));
  reopen();  // it is on disk, not in memory
  got = repo_->get("dbservers");
  ASSERT_TRUE(got);
  expectSame(*got, sample("dbservers"));
}

TEST_F(SqliteAssetGroupRepositoryTest, ADuplicateNameIsAConflictAndChangesNothing) {
  ASSERT_TRUE(repo_->create(sample("dbservers")));
  auto other = sample("dbservers");
  other.description = "someone else's";
  other.assets = {kAssetA};
  auto again = repo_->create(other);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, "conflict");
  EXPECT_NE(again.error().message.find("'dbservers' already exists"), std::string::npos);
  expectSame(*repo_->get("dbservers"), sample("dbservers"));
}

TEST_F(SqliteAssetGroupRepositoryTest, HostileTextIsStoredLiterally) {
  auto g = sample("x");
  g.description = "'); DROP TABLE asset_groups; --";
  g.rules = {GroupRule{"db-*' OR '1'='1", "%\\_[a-z]", std::nullopt}};
  ASSERT_TRUE(repo_->create(g));
  auto got = repo_->get("x");
  ASSERT_TRUE(got) << got.error().message;
  expectSame(*got, g);
  EXPECT_EQ(repo_->list()->size(), 1u);
  // A name made of SQL finds nothing rather than everything.
  auto injected = repo_->get("x' OR '1'='1");
  ASSERT_FALSE(injected);
  EXPECT_EQ(injected.error().code, "not_found");
}

TEST_F(SqliteAssetGroupRepositoryTest, ReplaceSwapsThePartsAndKeepsCreation) {
  ASSERT_TRUE(repo_->create(sample("dbservers")));
  auto next = sample("dbservers");
  next.description = "only the primary";
  next.assets = {kAssetA};
  next.rules = {};
  next.created_at = "ignored";
  next.updated_at = "2026-12-01T11:00:00.000Z";
  ASSERT_TRUE(repo_->replace(next));
  auto got = repo_->get("dbservers");
  ASSERT_TRUE(got);
  EXPECT_EQ(got->description, "only the primary");
  EXPECT_EQ(got->assets, std::vector<std::string>{kAssetA});
  EXPECT_TRUE(got->rules.empty());
  EXPECT_EQ(got->created_at, "2026-12-01T10:00:00.000Z");
  EXPECT_EQ(got->updated_at, "2026-12-01T11:00:00.000Z");
  auto missing = repo_->replace(sample("nosuch"));
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, "not_found");
}

TEST_F(SqliteAssetGroupRepositoryTest, RemoveTakesMembersAndRulesWithIt) {
  ASSERT_TRUE(repo_->create(sample("dbservers")));
  ASSERT_TRUE(repo_->remove("dbservers"));
  EXPECT_EQ(repo_->get("dbservers").error().code, "not_found");
  EXPECT_EQ(repo_->remove("dbservers").error().code, "not_found");
  // Re-creating the name starts empty: no rows were left behind.
  ASSERT_TRUE(repo_->create(AssetGroup{"dbservers", "", {}, {}, "t", "t"}));
  auto got = repo_->get("dbservers");
  ASSERT_TRUE(got);
  EXPECT_TRUE(got->assets.empty());
  EXPECT_TRUE(got->rules.empty());
}

TEST_F(SqliteAssetGroupRepositoryTest, SharesTheFileWithTheOtherComponents) {
  // The asset repository migrates its own schema in the same file.
  steward::testing::FakeClock clock;
  auto assets = SqliteAssetRepository::open(dir_.file("server.db"), clock);
  ASSERT_TRUE(assets) << assets.error().message;
  ASSERT_TRUE(repo_->create(sample("dbservers")));
  reopen();
  EXPECT_TRUE(repo_->get("dbservers"));
}

}  // namespace
}  // namespace steward::server::itsm
