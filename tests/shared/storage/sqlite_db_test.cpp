#include "shared/storage/sqlite_db.h"

#include <gtest/gtest.h>

#include "tests/support/temp_dir.h"

namespace steward::storage {
namespace {

std::unique_ptr<SqliteDb> openWithTable(const std::string& path) {
  auto db = SqliteDb::open(path);
  EXPECT_TRUE(db) << db.error().message;
  EXPECT_TRUE((*db)->exec("CREATE TABLE IF NOT EXISTS t(k TEXT PRIMARY KEY, v INTEGER)"));
  return std::move(*db);
}

std::int64_t count(SqliteDb& db) {
  auto stmt = db.prepare("SELECT count(*) FROM t");
  EXPECT_TRUE(stmt);
  EXPECT_TRUE(*stmt->step());
  return stmt->int64(0);
}

TEST(SqliteDbTest, UsesWriteAheadLog) {
  testing::TempDir dir;
  auto db = openWithTable(dir.file("a.db"));
  auto stmt = db->prepare("PRAGMA journal_mode");
  ASSERT_TRUE(stmt);
  ASSERT_TRUE(*stmt->step());
  EXPECT_EQ(stmt->text(0), "wal");
}

TEST(SqliteDbTest, BoundTextIsDataNeverSql) {
  testing::TempDir dir;
  auto db = openWithTable(dir.file("a.db"));
  const std::string hostile = "x'); DROP TABLE t; --";
  auto insert = db->prepare("INSERT INTO t(k, v) VALUES (?, ?)");
  ASSERT_TRUE(insert);
  insert->bind(1, hostile).bind(2, std::int64_t{7});
  ASSERT_TRUE(insert->run());
  auto select = db->prepare("SELECT k, v FROM t");
  ASSERT_TRUE(select);
  ASSERT_TRUE(*select->step());
  EXPECT_EQ(select->text(0), hostile);
  EXPECT_EQ(select->int64(1), 7);
}

TEST(SqliteDbTest, ConstraintViolationHasItsOwnCode) {
  testing::TempDir dir;
  auto db = openWithTable(dir.file("a.db"));
  ASSERT_TRUE(db->exec("INSERT INTO t VALUES ('a', 1)"));
  auto again = db->prepare("INSERT INTO t VALUES ('a', 2)");
  ASSERT_TRUE(again);
  auto r = again->run();
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "constraint");
}

TEST(SqliteDbTest, TransactionRollsBackUnlessCommitted) {
  testing::TempDir dir;
  auto db = openWithTable(dir.file("a.db"));
  {
    auto tx = Transaction::begin(*db);
    ASSERT_TRUE(tx);
    ASSERT_TRUE(db->exec("INSERT INTO t VALUES ('lost', 1)"));
  }
  EXPECT_EQ(count(*db), 0);
  {
    auto tx = Transaction::begin(*db);
    ASSERT_TRUE(tx);
    ASSERT_TRUE(db->exec("INSERT INTO t VALUES ('kept', 1)"));
    ASSERT_TRUE(tx->commit());
  }
  EXPECT_EQ(count(*db), 1);
}

TEST(SqliteDbTest, DataSurvivesReopen) {
  testing::TempDir dir;
  {
    auto db = openWithTable(dir.file("a.db"));
    ASSERT_TRUE(db->exec("INSERT INTO t VALUES ('k', 1)"));
  }
  auto db = openWithTable(dir.file("a.db"));
  EXPECT_EQ(count(*db), 1);
}

TEST(SqliteDbTest, UnopenablePathIsAnError) {
  auto db = SqliteDb::open("/nonexistent-dir/sub/a.db");
  ASSERT_FALSE(db);
  EXPECT_NE(db.error().message.find("/nonexistent-dir/sub/a.db"), std::string::npos);
}

TEST(SqliteDbTest, BadSqlIsAnErrorNotACrash) {
  testing::TempDir dir;
  auto db = openWithTable(dir.file("a.db"));
  EXPECT_FALSE(db->prepare("SELEKT nonsense"));
  EXPECT_FALSE(db->exec("INSERT INTO missing VALUES (1)"));
}

}  // namespace
}  // namespace steward::storage
