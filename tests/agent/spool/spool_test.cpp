#include "agent/spool/spool.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "tests/support/fake_clock.h"
#include "tests/support/temp_dir.h"

namespace steward::agent {
namespace {

using steward::testing::FakeClock;
using steward::testing::readFile;
using steward::testing::TempDir;

class SpoolTest : public ::testing::Test {
 protected:
  std::unique_ptr<Spool> open(SpoolLimits limits = {}) {
    return Spool::open(path_, limits, clock_);
  }
  static SpoolItem front(Spool& spool) {
    auto item = spool.front();
    EXPECT_TRUE(item) << item.error().message;
    EXPECT_TRUE(item && *item) << "spool is empty";
    return item && *item ? **item : SpoolItem{};
  }
  static std::vector<std::string> drain(Spool& spool) {
    std::vector<std::string> keys;
    for (int i = 0; i < 1000; ++i) {
      auto item = spool.front();
      EXPECT_TRUE(item);
      if (!item || !*item) break;
      keys.push_back((*item)->key);
      EXPECT_TRUE(spool.remove((*item)->sequence));
    }
    return keys;
  }
  std::vector<std::string> asideFiles() const {
    std::vector<std::string> out;
    for (const auto& entry : std::filesystem::directory_iterator(dir_.path())) {
      const std::string name = entry.path().filename().string();
      if (name.starts_with("spool.db.corrupt-") && !name.ends_with("-wal") &&
          !name.ends_with("-shm")) {
        out.push_back(entry.path().string());
      }
    }
    return out;
  }
  static unsigned mode(const std::string& path) {
    struct stat st {};
    EXPECT_EQ(::stat(path.c_str(), &st), 0) << path;
    return st.st_mode & 0777;
  }

  TempDir dir_;
  FakeClock clock_;
  std::string path_ = dir_.file("spool.db");
};

TEST_F(SpoolTest, DrainsOldestFirstAndSurvivesARestart) {
  {
    auto spool = open();
    ASSERT_FALSE(spool->inMemory());
    ASSERT_TRUE(spool->push(SpoolKind::Inventory, "inv-1", "{\"a\":1}"));
    ASSERT_TRUE(spool->push(SpoolKind::Heartbeat, "hb-1", "{}"));
    ASSERT_TRUE(spool->push(SpoolKind::Inventory, "inv-2", "{\"a\":2}"));
  }
  auto spool = open();  // the agent restarted
  const SpoolItem first = front(*spool);
  EXPECT_EQ(first.key, "inv-1");
  EXPECT_EQ(first.kind, SpoolKind::Inventory);
  EXPECT_EQ(first.body, "{\"a\":1}");
  EXPECT_EQ(drain(*spool), (std::vector<std::string>{"inv-1", "hb-1", "inv-2"}));
}

TEST_F(SpoolTest, SequenceNumbersKeepIncreasingAfterDrainsAndRestarts) {
  std::int64_t last = 0;
  for (int round = 0; round < 3; ++round) {
    auto spool = open();
    for (int i = 0; i < 2; ++i) {
      auto seq = spool->push(SpoolKind::Inventory, "r" + std::to_string(round * 2 + i), "{}");
      ASSERT_TRUE(seq);
      EXPECT_GT(*seq, last);
      last = *seq;
    }
    drain(*spool);  // an empty spool must not reuse numbers
  }
}

TEST_F(SpoolTest, HeartbeatsCollapseToTheLatestOne) {
  auto spool = open();
  ASSERT_TRUE(spool->push(SpoolKind::Heartbeat, "hb-1", "{}"));
  ASSERT_TRUE(spool->push(SpoolKind::Inventory, "inv-1", "{}"));
  ASSERT_TRUE(spool->push(SpoolKind::Heartbeat, "hb-2", "{}"));
  ASSERT_TRUE(spool->push(SpoolKind::Heartbeat, "hb-3", "{}"));
  auto stats = spool->stats();
  ASSERT_TRUE(stats);
  EXPECT_EQ(stats->items, 2u);
  EXPECT_EQ(stats->heartbeats, 1u);
  EXPECT_EQ(stats->dropped_total, 0u) << "superseded is not dropped";
  EXPECT_EQ(drain(*spool), (std::vector<std::string>{"inv-1", "hb-3"}));
}

TEST_F(SpoolTest, SameKeyIsQueuedOnce) {
  auto spool = open();
  auto a = spool->push(SpoolKind::Inventory, "inv-1", "{}");
  auto b = spool->push(SpoolKind::Inventory, "inv-1", "{}");
  ASSERT_TRUE(a && b);
  EXPECT_EQ(*a, *b);
  EXPECT_EQ(drain(*spool).size(), 1u);
}

TEST_F(SpoolTest, ItemBoundDropsTheOldestAndCountsEachOnce) {
  auto spool = open(SpoolLimits{3, 1 << 20});
  for (int i = 1; i <= 5; ++i) {
    ASSERT_TRUE(spool->push(SpoolKind::Inventory, "inv-" + std::to_string(i), "{}"));
  }
  auto stats = spool->stats();
  ASSERT_TRUE(stats);
  EXPECT_EQ(stats->items, 3u);
  EXPECT_EQ(stats->dropped_total, 2u);
  EXPECT_EQ(stats->dropped_unreported, 2u);

  // The count rides on the next item to deliver; a retry sees the same count.
  SpoolItem item = front(*spool);
  EXPECT_EQ(item.key, "inv-3");
  EXPECT_EQ(item.dropped, 2u);
  EXPECT_EQ(front(*spool).dropped, 2u);
  ASSERT_TRUE(spool->remove(item.sequence));  // delivered with it
  EXPECT_EQ(front(*spool).dropped, 0u);
  stats = spool->stats();
  EXPECT_EQ(stats->dropped_total, 2u);
  EXPECT_EQ(stats->dropped_unreported, 0u);
}

TEST_F(SpoolTest, ByteBoundDropsTheOldest) {
  auto spool = open(SpoolLimits{1000, 100000});
  const std::string body(40000, 'x');
  for (int i = 1; i <= 4; ++i) {
    ASSERT_TRUE(spool->push(SpoolKind::Inventory, "inv-" + std::to_string(i), body));
  }
  auto stats = spool->stats();
  ASSERT_TRUE(stats);
  EXPECT_EQ(stats->items, 2u);
  EXPECT_LE(stats->bytes, 100000u);
  EXPECT_EQ(stats->dropped_total, 2u);
  EXPECT_EQ(front(*spool).key, "inv-3");
}

TEST_F(SpoolTest, AnItemLargerThanTheBoundIsRefusedAndCounted) {
  auto spool = open(SpoolLimits{10, 65536});
  ASSERT_TRUE(spool->push(SpoolKind::Inventory, "small", "{}"));
  auto big = spool->push(SpoolKind::Inventory, "big", std::string(70000, 'x'));
  ASSERT_FALSE(big);
  EXPECT_EQ(big.error().code, "too_large");
  auto stats = spool->stats();
  EXPECT_EQ(stats->items, 1u);
  EXPECT_EQ(stats->dropped_total, 1u);
  EXPECT_EQ(front(*spool).dropped, 1u);
}

TEST_F(SpoolTest, DropCountOfAnItemThatIsNotDeliveredWaitsForTheNext) {
  auto spool = open(SpoolLimits{2, 1 << 20});
  for (int i = 1; i <= 3; ++i) {
    ASSERT_TRUE(spool->push(SpoolKind::Inventory, "inv-" + std::to_string(i), "{}"));
  }
  SpoolItem refused = front(*spool);
  ASSERT_EQ(refused.dropped, 1u);
  ASSERT_TRUE(spool->discard(refused.sequence));  // the collector refused it
  EXPECT_EQ(front(*spool).dropped, 1u) << "the count moves on, not lost";

  // The same for a heartbeat superseded while it carried a count.
  auto hb_spool = Spool::open(dir_.file("other.db"), SpoolLimits{1, 1 << 20}, clock_);
  ASSERT_TRUE(hb_spool->push(SpoolKind::Inventory, "inv-a", "{}"));
  ASSERT_TRUE(hb_spool->push(SpoolKind::Heartbeat, "hb-a", "{}"));  // drops inv-a
  ASSERT_EQ(front(*hb_spool).dropped, 1u);
  ASSERT_TRUE(hb_spool->push(SpoolKind::Heartbeat, "hb-b", "{}"));  // supersedes hb-a
  const SpoolItem latest = front(*hb_spool);
  EXPECT_EQ(latest.key, "hb-b");
  EXPECT_EQ(latest.dropped, 1u);
}

TEST_F(SpoolTest, FileAndItsJournalAreOwnerOnly) {
  auto spool = open();
  ASSERT_TRUE(spool->push(SpoolKind::Heartbeat, "hb-1", "{\"secretish\":true}"));
  EXPECT_EQ(mode(path_), 0600u);
  if (std::filesystem::exists(path_ + "-wal")) {
    EXPECT_EQ(mode(path_ + "-wal"), 0600u);
  }
}

TEST_F(SpoolTest, LooserModeOfAnExistingFileIsTightened) {
  { open(); }
  ASSERT_EQ(::chmod(path_.c_str(), 0644), 0);
  open();
  EXPECT_EQ(mode(path_), 0600u);
}

TEST_F(SpoolTest, GarbageFileIsSetAsideAndAFreshSpoolWorks) {
  dir_.write("spool.db", std::string(8192, '\x5a'));
  auto spool = open();
  ASSERT_FALSE(spool->inMemory());
  ASSERT_TRUE(spool->push(SpoolKind::Heartbeat, "hb-1", "{}"));
  EXPECT_EQ(front(*spool).key, "hb-1");
  const auto aside = asideFiles();
  ASSERT_EQ(aside.size(), 1u);
  EXPECT_EQ(readFile(aside[0]), std::string(8192, '\x5a')) << "kept for a person to look at";

  // The next start finds a good spool: no second move, no crash loop.
  spool.reset();
  auto again = open();
  EXPECT_EQ(front(*again).key, "hb-1");
  EXPECT_EQ(asideFiles().size(), 1u);
}

TEST_F(SpoolTest, TruncatedSpoolIsSetAside) {
  {
    auto spool = open();
    for (int i = 0; i < 50; ++i) {
      ASSERT_TRUE(spool->push(SpoolKind::Inventory, "inv-" + std::to_string(i),
                              std::string(3000, 'a' + i % 26)));
    }
  }
  // Fold the WAL into the file, then cut the file in half.
  { auto db = storage::SqliteDb::open(path_); ASSERT_TRUE(db); ASSERT_TRUE((*db)->exec("PRAGMA wal_checkpoint(TRUNCATE)")); }
  const auto size = std::filesystem::file_size(path_);
  std::filesystem::resize_file(path_, size / 2);
  auto spool = open();
  ASSERT_FALSE(spool->inMemory());
  EXPECT_EQ(asideFiles().size(), 1u);
  auto stats = spool->stats();
  ASSERT_TRUE(stats);
  EXPECT_EQ(stats->items, 0u);
  EXPECT_TRUE(spool->push(SpoolKind::Heartbeat, "hb-1", "{}"));
}

TEST_F(SpoolTest, SqliteFileOfAnotherKindIsSetAside) {
  {
    auto db = storage::SqliteDb::open(path_);
    ASSERT_TRUE(db);
    ASSERT_TRUE((*db)->exec("CREATE TABLE notes(text TEXT)"));
  }
  auto spool = open();
  EXPECT_EQ(asideFiles().size(), 1u);
  EXPECT_TRUE(spool->push(SpoolKind::Heartbeat, "hb-1", "{}"));

  // A spool from a newer agent (another schema version) is not guessed at either.
  spool.reset();
  {
    auto db = storage::SqliteDb::open(path_);
    ASSERT_TRUE(db);
    ASSERT_TRUE((*db)->exec("PRAGMA user_version = 9"));
  }
  clock_.advance(std::chrono::seconds(1));
  auto newer = open();
  EXPECT_EQ(asideFiles().size(), 2u);
  EXPECT_EQ(newer->stats()->items, 0u);
}

TEST_F(SpoolTest, DirectoryInTheWayIsSetAside) {
  std::filesystem::create_directory(path_);
  auto spool = open();
  ASSERT_FALSE(spool->inMemory());
  EXPECT_TRUE(std::filesystem::is_regular_file(path_));
  EXPECT_EQ(asideFiles().size(), 1u);
}

TEST_F(SpoolTest, UnusableStateDirectoryFallsBackToMemory) {
  dir_.write("not-a-dir", "x");
  auto spool = Spool::open(dir_.file("not-a-dir") + "/spool.db", {}, clock_);
  ASSERT_TRUE(spool);
  EXPECT_TRUE(spool->inMemory());
  ASSERT_TRUE(spool->push(SpoolKind::Heartbeat, "hb-1", "{}"));
  EXPECT_EQ(front(*spool).key, "hb-1");
}

TEST_F(SpoolTest, InspectReadsFiguresWithoutCreatingAnything) {
  auto missing = Spool::inspect(path_);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, "not_found");
  EXPECT_FALSE(std::filesystem::exists(path_));

  auto spool = open(SpoolLimits{2, 1 << 20});
  ASSERT_TRUE(spool->push(SpoolKind::Inventory, "inv-1", std::string(2048, 'x')));
  ASSERT_TRUE(spool->push(SpoolKind::Inventory, "inv-2", "{}"));
  ASSERT_TRUE(spool->push(SpoolKind::Heartbeat, "hb-1", "{}"));
  auto stats = Spool::inspect(path_);  // while the agent holds it open
  ASSERT_TRUE(stats) << stats.error().message;
  EXPECT_EQ(stats->items, 2u);
  EXPECT_EQ(stats->inventories, 1u);
  EXPECT_EQ(stats->heartbeats, 1u);
  EXPECT_EQ(stats->dropped_total, 1u);
  EXPECT_EQ(stats->dropped_unreported, 1u);

  dir_.write("garbage.db", std::string(4096, '\x01'));
  auto garbage = Spool::inspect(dir_.file("garbage.db"));
  ASSERT_FALSE(garbage);
  EXPECT_EQ(readFile(dir_.file("garbage.db")), std::string(4096, '\x01')) << "left alone";
}

}  // namespace
}  // namespace steward::agent
