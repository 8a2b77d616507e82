#include "collector/storage/wal_checkpointer.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "collector/storage/collector_db.h"
#include "shared/storage/sqlite_db.h"
#include "tests/support/fake_clock.h"
#include "tests/support/process.h"
#include "tests/support/temp_dir.h"

namespace steward::collector::storage {
namespace {

using steward::storage::SqliteDb;

std::uintmax_t walBytes(const std::string& path) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path + "-wal", ec);
  return ec ? 0 : size;
}

Result<void> writeOneMegabyte(SqliteDb& db, int n) {
  auto stmt = db.prepare("INSERT INTO blobs(n, text) VALUES (?, ?)");
  if (!stmt) return stmt.error();
  return stmt->bind(1, std::int64_t{n}).bind(2, std::string(1 << 20, 'a' + n % 26)).run();
}

// 40 MB committed in 40 transactions: without checkpoints the log would hold all of
// it; the checkpointer's copies let the writer start the log over again and again.
TEST(WalCheckpointerTest, TheWriteAheadLogStaysSmallWhileCommitsGoOn) {
  ::steward::testing::TempDir dir;
  ::steward::testing::FakeClock clock;
  const std::string path = dir.file("c.db");
  auto db = CollectorDb::open(path, clock);
  ASSERT_TRUE(db) << db.error().message;
  ASSERT_TRUE((*db)->transact(
      [](SqliteDb& sql) { return sql.exec("CREATE TABLE blobs (n INTEGER, text TEXT)"); }));
  std::uintmax_t largest = 0;
  int seen = 0;  // checkpoints the thread had run at the last look
  for (int i = 0; i < 40; ++i) {
    ASSERT_TRUE((*db)->transact([i](SqliteDb& sql) { return writeOneMegabyte(sql, i); }));
    largest = std::max(largest, walBytes(path));
    // Commits keep coming back to back (a pause would let the checkpoint catch up
    // and the log start over without the writer's part), but when a loaded machine
    // gave the checkpoint thread no turn in the last eight, wait for one: the log's
    // file keeps its largest size, so one long stall would fail the bound below.
    if (i % 8 == 7) {
      ASSERT_TRUE(::steward::testing::waitUntil([&] { return (*db)->checkpoints() > seen; },
                                                std::chrono::seconds(10)));
      seen = (*db)->checkpoints();
    }
  }
  EXPECT_LT(largest, 32u << 20) << "the log grew with everything written";
  std::int64_t rows = 0;
  ASSERT_TRUE((*db)->readCommitted([&](SqliteDb& sql) -> Result<void> {
    auto stmt = sql.prepare("SELECT count(*) FROM blobs");
    if (!stmt) return stmt.error();
    auto row = stmt->step();
    if (!row) return row.error();
    rows = stmt->int64(0);
    return {};
  }));
  EXPECT_EQ(rows, 40);
}

// The committing connection never checkpoints itself any more: its commits only
// tell the checkpointer, which copies the log into the database file.
TEST(WalCheckpointerTest, CommitsHandTheCheckpointToItsThread) {
  ::steward::testing::TempDir dir;
  const std::string path = dir.file("c.db");
  auto writer = SqliteDb::open(path);
  ASSERT_TRUE(writer);
  ASSERT_TRUE((*writer)->exec("CREATE TABLE blobs (n INTEGER, text TEXT)"));
  auto checkpointer = WalCheckpointer::start(**writer, path, 100);
  ASSERT_TRUE(checkpointer) << checkpointer.error().message;
  EXPECT_EQ((*checkpointer)->checkpoints(), 0);
  ASSERT_TRUE(writeOneMegabyte(**writer, 1));  // about 256 pages: over the threshold
  EXPECT_TRUE(::steward::testing::waitUntil([&] { return (*checkpointer)->checkpoints() > 0; },
                                            std::chrono::seconds(10)));
  // The megabyte is in the database file now, copied there by the other thread.
  EXPECT_GE(std::filesystem::file_size(path), 1u << 20);
}

}  // namespace
}  // namespace steward::collector::storage
