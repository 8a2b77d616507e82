// Group commit: concurrent transactions share one commit, and an answer always
// tells the truth about what was stored.

#include "collector/storage/group_commit.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace steward::collector::storage {
namespace {

using steward::storage::SqliteDb;
using namespace std::chrono_literals;

class GroupCommitTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = SqliteDb::open(":memory:");
    ASSERT_TRUE(opened) << opened.error().message;
    db_ = std::move(*opened);
    // A deferred foreign key is only checked at COMMIT: a work that breaks it
    // succeeds itself and makes its batch's commit fail.
    ASSERT_TRUE(db_->exec("CREATE TABLE parent (id TEXT PRIMARY KEY);"
                          "CREATE TABLE item (name TEXT PRIMARY KEY, parent TEXT REFERENCES "
                          "parent(id) DEFERRABLE INITIALLY DEFERRED);"
                          "INSERT INTO parent VALUES ('p');"));
  }

  GroupCommit::Work insert(const std::string& name, const std::string& parent = "p") {
    return [name, parent](SqliteDb& db) -> Result<void> {
      auto stmt = db.prepare("INSERT INTO item(name, parent) VALUES (?, ?)");
      if (!stmt) return stmt.error();
      return stmt->bind(1, name).bind(2, parent).run();
    };
  }

  std::vector<std::string> stored() {
    std::vector<std::string> names;
    auto stmt = db_->prepare("SELECT name FROM item ORDER BY name");
    EXPECT_TRUE(stmt);
    EXPECT_TRUE(stmt->forEachRow([&](auto& row) { names.push_back(row.text(0)); }));
    return names;
  }

  // Runs `blocker`'s batch until `others` are all queued behind it, so that they
  // form the next batch together; returns their results in order.
  std::vector<Result<void>> runAsOneBatch(GroupCommit& commits,
                                          const std::vector<GroupCommit::Work>& others) {
    std::atomic<bool> release{false};
    std::atomic<bool> blocking{false};
    std::thread blocker([&] {
      auto r = commits.run([&](SqliteDb&) -> Result<void> {
        blocking = true;
        while (!release) std::this_thread::sleep_for(1ms);
        return {};
      });
      EXPECT_TRUE(r);
    });
    while (!blocking) std::this_thread::sleep_for(1ms);
    std::vector<Result<void>> results(others.size());
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < others.size(); ++i) {
      threads.emplace_back([&, i] { results[i] = commits.run(others[i]); });
    }
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    while (commits.queued() < others.size() && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(1ms);
    }
    EXPECT_EQ(commits.queued(), others.size());
    release = true;
    blocker.join();
    for (auto& t : threads) t.join();
    return results;
  }

  std::unique_ptr<SqliteDb> db_;
  std::mutex mutex_;
};

TEST_F(GroupCommitTest, ConcurrentTransactionsShareOneCommitAndAllAreStored) {
  GroupCommit commits(*db_, mutex_);
  auto results = runAsOneBatch(commits, {insert("a"), insert("b"), insert("c"), insert("d")});
  for (const auto& r : results) EXPECT_TRUE(r) << r.error().message;
  EXPECT_EQ(stored(), (std::vector<std::string>{"a", "b", "c", "d"}));
  // The blocker's batch, then one batch for the four that waited behind it.
  EXPECT_EQ(commits.batches(), 2u);
  EXPECT_EQ(commits.works(), 5u);
}

TEST_F(GroupCommitTest, AFailedCommitAnswersEveryWaiterWithAnErrorAndStoresNothingOfTheBatch) {
  GroupCommit commits(*db_, mutex_);
  auto results =
      runAsOneBatch(commits, {insert("a"), insert("orphan", "no-such-parent"), insert("c")});
  for (const auto& r : results) {
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, "constraint") << r.error().message;
  }
  EXPECT_TRUE(stored().empty());
  EXPECT_EQ(commits.batches(), 2u);
  // The database is usable afterwards: the next transaction commits.
  EXPECT_TRUE(commits.run(insert("later")));
  EXPECT_EQ(stored(), (std::vector<std::string>{"later"}));
}

TEST_F(GroupCommitTest, AFailingWorkIsRolledBackAloneAndTheOthersCommit) {
  GroupCommit commits(*db_, mutex_);
  GroupCommit::Work half_then_fail = [](SqliteDb& db) -> Result<void> {
    auto stmt = db.prepare("INSERT INTO item(name, parent) VALUES ('half', 'p')");
    if (!stmt) return stmt.error();
    if (auto r = stmt->run(); !r) return r;
    return makeError("invalid", "refused after writing");
  };
  GroupCommit::Work throws = [](SqliteDb& db) -> Result<void> {
    (void)db.exec("INSERT INTO item(name, parent) VALUES ('thrown', 'p')");
    throw std::runtime_error("boom");
  };
  auto results = runAsOneBatch(commits, {insert("a"), half_then_fail, throws, insert("d")});
  EXPECT_TRUE(results[0]);
  ASSERT_FALSE(results[1]);
  EXPECT_EQ(results[1].error().code, "invalid");
  ASSERT_FALSE(results[2]);
  EXPECT_NE(results[2].error().message.find("boom"), std::string::npos);
  EXPECT_TRUE(results[3]);
  EXPECT_EQ(stored(), (std::vector<std::string>{"a", "d"}));
}

TEST_F(GroupCommitTest, ABatchIsCappedAndTheRestRunInTheNext) {
  GroupCommit commits(*db_, mutex_, 2);
  auto results = runAsOneBatch(commits, {insert("a"), insert("b"), insert("c")});
  for (const auto& r : results) EXPECT_TRUE(r);
  EXPECT_EQ(stored(), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(commits.batches(), 3u);  // blocker, then two, then one
}

TEST_F(GroupCommitTest, ManyThreadsEachGetTheirOwnAnswer) {
  GroupCommit commits(*db_, mutex_);
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  std::atomic<int> refused{0};
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i) {
        // Every tenth is a duplicate name: a constraint error for that caller only.
        const std::string name = i % 10 == 9 ? "t" + std::to_string(t) + "-0"
                                             : "t" + std::to_string(t) + "-" + std::to_string(i);
        (commits.run(insert(name)) ? ok : refused)++;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 8 * 45);
  EXPECT_EQ(refused.load(), 8 * 5);
  EXPECT_EQ(stored().size(), 8u * 45);
  EXPECT_EQ(commits.works(), 8u * 50);
}

}  // namespace
}  // namespace steward::collector::storage
