// Outage: the real server, collector and agent (1 s heartbeat). The collector goes
// away, the agent runs through many intervals and is restarted once, the collector
// comes back: every report the agent's spool held arrives exactly once, in order.
// Checked on the collector's side through its delivery log (agent_deliveries: item
// ids and the agent's sequence numbers, in arrival order) against the agent's spool
// read just before the collector returned.

#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <set>
#include <thread>

#include "shared/storage/sqlite_db.h"
#include "tests/integration/steward_stack.h"

namespace steward::testing {
namespace {

using namespace std::chrono_literals;

struct Row {
  std::string kind;
  std::string id;
  std::int64_t sequence = 0;
};

// Rows of `sql` (kind, id, sequence) from a SQLite file another process is writing.
std::vector<Row> query(const std::string& path, const std::string& sql,
                       const std::string& param = "") {
  std::vector<Row> rows;
  auto db = storage::SqliteDb::open(path);
  if (!db) return rows;
  auto stmt = (*db)->prepare(sql);
  if (!stmt) return rows;
  if (!param.empty()) stmt->bind(1, param);
  (void)stmt->forEachRow([&](const storage::Statement& s) {
    rows.push_back({s.text(0), s.text(1), s.int64(2)});
  });
  return rows;
}

class AgentOutageTest : public ::testing::Test {
 protected:
  void TearDown() override {
    if (HasFailure()) {
      std::cerr << stack_.logs() << "---- agent-outage.log\n"
                << readFile(stack_.dir().file("agent-outage.log"));
    }
  }
  std::vector<Row> delivered() {
    return query(stack_.dir().file("collector.db"),
                 "SELECT kind, item_id, sequence FROM agent_deliveries WHERE agent_id = ? "
                 "ORDER BY id",
                 agentId());
  }
  std::vector<Row> spooled() {
    return query(stack_.dir().file("state-outage/spool.db"),
                 "SELECT kind, key, sequence FROM items ORDER BY sequence");
  }
  std::string agentId() {
    std::string id = readFile(stack_.dir().file("state-outage/agent_id"));
    id.erase(id.find_last_not_of("\n ") + 1);
    return id;
  }
  // The output of `steward-agent status` for the agent under test.
  std::string status() {
    const std::string log = stack_.dir().file("status-" + std::to_string(++statuses_) + ".log");
    ChildProcess status(binaryPath("steward-agent"),
                        {"status", "--config", stack_.dir().file("agent-outage.conf")}, log);
    status.wait(10s);
    return readFile(log);
  }

  StewardStack stack_;
  int statuses_ = 0;
};

TEST_F(AgentOutageTest, EverySpooledReportArrivesExactlyOnceInOrder) {
  stack_.startServerAndCollector();
  stack_.startAgent("outage", 1);
  ASSERT_TRUE(waitUntil([&] { return delivered().size() >= 3; }, 20s))
      << "no inventory and heartbeats before the outage";

  stack_.stopCollector();
  const std::size_t before_outage = delivered().size();
  std::this_thread::sleep_for(4s);  // about four heartbeat intervals, collapsing
  const std::string during = status();
  EXPECT_NE(during.find("spool depth:   1 (0 inventories, 1 heartbeat"), std::string::npos)
      << during;

  // Restarted during the outage: a fresh inventory joins the spool.
  stack_.stopAgent();
  stack_.startAgent("outage", 1);
  std::this_thread::sleep_for(4s);
  const std::vector<Row> snapshot = spooled();
  ASSERT_GE(snapshot.size(), 2u);
  EXPECT_EQ(snapshot.front().kind, "inventory") << "the restart's inventory, oldest first";
  EXPECT_EQ(std::count_if(snapshot.begin(), snapshot.end(),
                          [](const Row& r) { return r.kind == "heartbeat"; }),
            1);

  stack_.startCollector();
  // Drained when the collector has something newer than the snapshot.
  ASSERT_TRUE(waitUntil(
      [&] {
        const auto rows = delivered();
        return !rows.empty() && rows.back().sequence > snapshot.back().sequence;
      },
      20s));

  const std::vector<Row> rows = delivered();
  // Exactly once: no item id twice. In order: sequence numbers only go up.
  std::set<std::string> ids;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    EXPECT_TRUE(ids.insert(rows[i].id).second) << rows[i].id << " stored twice";
    if (i > 0) {
      EXPECT_LT(rows[i - 1].sequence, rows[i].sequence) << "out of order at " << i;
    }
  }
  // The first report after the outage is the oldest one spooled, and every spooled
  // report arrived, except a heartbeat a newer heartbeat superseded meanwhile.
  ASSERT_GT(rows.size(), before_outage);
  EXPECT_EQ(rows[before_outage].id, snapshot.front().id);
  for (const Row& item : snapshot) {
    const bool arrived = ids.contains(item.id);
    const bool superseded = item.kind == "heartbeat" &&
                            std::any_of(rows.begin(), rows.end(), [&](const Row& r) {
                              return r.kind == "heartbeat" && r.sequence > item.sequence;
                            });
    EXPECT_TRUE(arrived || superseded) << item.kind << " " << item.id << " never arrived";
    if (item.kind == "inventory") {
      EXPECT_TRUE(arrived) << item.id;
    }
  }
  EXPECT_TRUE(waitUntil([&] { return spooled().empty() || spooled().size() == 1; }, 5s));
  const std::string after = status();
  EXPECT_NE(after.find("dropped:       0 since the spool was made"), std::string::npos) << after;
  EXPECT_EQ(stack_.assets().size(), 1u);
}

}  // namespace
}  // namespace steward::testing
