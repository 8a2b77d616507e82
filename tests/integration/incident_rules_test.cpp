// Auto-raised incidents end to end: real server, collector and agent processes; the
// agent's health sampler reads a fixture root whose /data is a small tmpfs the test
// fills and frees (mounting needs CAP_SYS_ADMIN; without it those tests skip).

#include <gtest/gtest.h>
#include <sys/mount.h>

#include <boost/json.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "tests/integration/steward_stack.h"

namespace steward::testing {
namespace {

namespace json = boost::json;
using namespace std::chrono_literals;

constexpr const char* kTestRules = R"(# fast rules for integration tests
[settings]
repeat_interval = 1h
reopen_window = 1m
flap_window = 30s
flap_changes = 4

[rule disk]
type = filesystem_usage
urgency = 2
title = {hostname}: filesystem {subject} is {value}% full
raise = 80
clear = 60
duration = 1s

[rule offline]
type = agent_offline
urgency = 2
title = {hostname} is offline
heartbeat_interval = 1s
missed = 3
)";

class IncidentRulesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = stack_.dir().file("health-root");
    std::filesystem::create_directories(root_ + "/proc");
    std::filesystem::create_directories(root_ + "/data");
    stack_.dir().write("health-root/proc/mounts", "/dev/sdz1 /data ext4 rw,relatime 0 0\n");
    rules_ = stack_.dir().write("rules.conf", kTestRules);
    stack_.setCollectorSettings({"rules.file=" + rules_, "rules.tick_ms=100"});
  }
  void TearDown() override {
    stack_.stopAgent();
    if (mounted_) ::umount2((root_ + "/data").c_str(), MNT_DETACH);
  }
  // A 1 MiB tmpfs at <root>/data; false when this process may not mount.
  bool mountData() {
    mounted_ =
        ::mount("tmpfs", (root_ + "/data").c_str(), "tmpfs", MS_NOSUID | MS_NODEV, "size=1m") == 0;
    return mounted_;
  }
  void fill(std::size_t kib) {
    std::ofstream out(root_ + "/data/fill", std::ios::binary | std::ios::trunc);
    const std::string block(1024, 'x');
    for (std::size_t i = 0; i < kib; ++i) out << block;
  }
  void free() { std::filesystem::remove(root_ + "/data/fill"); }

  json::array incidents(const std::string& rule) const {
    return stack_.incidents("source=rule:" + rule);
  }
  std::string state(const json::value& incident) const {
    return std::string(incident.at("state").as_string());
  }

  StewardStack stack_;
  std::string root_;
  std::string rules_;
  bool mounted_ = false;
};

TEST_F(IncidentRulesTest, AFillingFilesystemRaisesAnIncidentThatResolvesWhenFreed) {
  if (!mountData()) GTEST_SKIP() << "cannot mount a tmpfs here (needs CAP_SYS_ADMIN)";
  stack_.setAgentRunArgs({"--health-root", root_});
  stack_.startServerAndCollector();
  stack_.startAgent("first", 1);

  fill(900);  // 88% of 1 MiB
  ASSERT_TRUE(waitUntil([&] { return incidents("disk").size() == 1; }, 20s)) << stack_.logs();
  json::value incident = incidents("disk").at(0);
  EXPECT_EQ(incident.at("subject").as_string(), "/data");
  EXPECT_NE(std::string(incident.at("title").as_string()).find("filesystem /data is 8"),
            std::string::npos)
      << incident.at("title").as_string();
  EXPECT_EQ(incident.at("evidence").at("mount_point").as_string(), "/data");
  EXPECT_GE(incident.at("evidence").at("value").as_double(), 80.0);
  EXPECT_EQ(state(incident), "new");

  free();
  ASSERT_TRUE(waitUntil([&] { return state(incidents("disk").at(0)) == "resolved"; }, 20s))
      << stack_.logs();
  incident = incidents("disk").at(0);
  EXPECT_NE(std::string(incident.at("resolution_note").as_string()).find("Auto-resolved"),
            std::string::npos);
  EXPECT_EQ(incidents("disk").size(), 1u);
}

// The agent's heartbeat is a minute, yet the fault arrives in seconds: the collector
// pushed the disk rule's levels, the agent watches them every second and heartbeats
// at once on a crossing, and again once the rule's 1 s duration is over.
TEST_F(IncidentRulesTest, AFilesystemCrossingItsLevelIsAnIncidentInSecondsDespiteALongHeartbeat) {
  if (!mountData()) GTEST_SKIP() << "cannot mount a tmpfs here (needs CAP_SYS_ADMIN)";
  stack_.dir().write("rules.conf", R"([rule disk]
type = filesystem_usage
title = {hostname}: filesystem {subject} is {value}% full
raise = 80
clear = 60
duration = 1s
)");
  stack_.setAgentRunArgs({"--health-root", root_});
  stack_.startServerAndCollector();
  stack_.startAgent("first", 60);
  ASSERT_TRUE(waitUntil([&] { return stack_.assets().size() == 1; }, 20s)) << stack_.logs();
  std::this_thread::sleep_for(2s);  // the inventory's reply (with the levels) is applied

  fill(900);  // 88% of 1 MiB
  const auto filled = std::chrono::steady_clock::now();
  ASSERT_TRUE(waitUntil([&] { return incidents("disk").size() == 1; }, 20s)) << stack_.logs();
  const auto raised = std::chrono::steady_clock::now() - filled;
  EXPECT_LT(raised, 5s) << "waited for the 60 s heartbeat instead";
  EXPECT_GE(raised, 1s) << "raised before the rule's duration";
  EXPECT_EQ(incidents("disk").at(0).at("subject").as_string(), "/data");

  free();
  const auto freed = std::chrono::steady_clock::now();
  ASSERT_TRUE(waitUntil([&] { return state(incidents("disk").at(0)) == "resolved"; }, 20s))
      << stack_.logs();
  EXPECT_LT(std::chrono::steady_clock::now() - freed, 5s);
  const std::string agent_log = readFile(stack_.dir().file("agent-first.log"));
  EXPECT_NE(agent_log.find("heartbeat now: usage of /data is 8"), std::string::npos) << agent_log;
}

TEST_F(IncidentRulesTest, AFlappingFilesystemGivesExactlyOneIncidentMarkedFlapping) {
  if (!mountData()) GTEST_SKIP() << "cannot mount a tmpfs here (needs CAP_SYS_ADMIN)";
  stack_.setAgentRunArgs({"--health-root", root_});
  stack_.startServerAndCollector();
  stack_.startAgent("first", 1);
  for (int i = 0; i < 3; ++i) {
    fill(900);
    ASSERT_TRUE(waitUntil(
        [&] {
          auto all = incidents("disk");
          return !all.empty() && state(all.at(0)) != "resolved";
        },
        20s))
        << stack_.logs();
    free();
    std::this_thread::sleep_for(2500ms);
  }
  ASSERT_TRUE(waitUntil(
      [&] {
        auto all = incidents("disk");
        return !all.empty() && all.at(0).at("flapping").as_bool();
      },
      10s))
      << stack_.logs();
  const auto all = incidents("disk");
  ASSERT_EQ(all.size(), 1u);
  EXPECT_NE(state(all.at(0)), "resolved") << "a flapping incident stays open until stable";
  EXPECT_GE(all.at(0).at("occurrence_count").as_int64(), 2);
}

TEST_F(IncidentRulesTest, AKilledAgentIsOfflineAfterMissedHeartbeatsAndResolvedWhenBack) {
  stack_.startServerAndCollector();
  stack_.startAgent("first", 1);
  ASSERT_TRUE(waitUntil([&] { return stack_.assets().size() == 1; }, 20s)) << stack_.logs();
  std::this_thread::sleep_for(4s);  // past the collector's start grace (3 x 1 s)
  ASSERT_TRUE(incidents("offline").empty());

  stack_.killAgent();
  const auto killed = std::chrono::steady_clock::now();
  ASSERT_TRUE(waitUntil([&] { return incidents("offline").size() == 1; }, 20s)) << stack_.logs();
  const auto took = std::chrono::steady_clock::now() - killed;
  EXPECT_GE(took, 2s) << "raised before 3 missed 1 s heartbeats";
  const json::value incident = incidents("offline").at(0);
  EXPECT_EQ(incident.at("asset_id"), stack_.assets().at(0).at("asset_id"));
  EXPECT_EQ(state(incident), "new");

  stack_.startAgent("first", 1);
  ASSERT_TRUE(waitUntil([&] { return state(incidents("offline").at(0)) == "resolved"; }, 20s))
      << stack_.logs();
  EXPECT_EQ(incidents("offline").size(), 1u);
}

TEST_F(IncidentRulesTest, AMalformedRulesFileStopsTheCollectorNamingFileAndLine) {
  const std::string bad = stack_.dir().write(
      "bad-rules.conf", "[rule disk]\ntype = filesystem_usage\ntitle = t\nraise = ninety\n");
  const std::string conf = stack_.dir().write(
      "bad-collector.conf", "[server]\nurl = http://127.0.0.1:9\ntoken = t\n[storage]\npath = " +
                                stack_.dir().file("bad.db") + "\n[rules]\nfile = " + bad + "\n");
  ChildProcess collector(binaryPath("steward-collector"),
                         {"--config", conf, "--set", "http.port=0"},
                         stack_.dir().file("bad-collector.log"));
  const int status = collector.wait(20s);
  EXPECT_NE(status, 0);
  EXPECT_NE(status, -1) << "still running with a bad rules file";
  EXPECT_NE(collector.log().find(bad + ":4: raise = 'ninety' is not a number"), std::string::npos)
      << collector.log();
}

TEST_F(IncidentRulesTest, ABadReloadKeepsTheCollectorRunningOnItsOldRules) {
  stack_.startServerAndCollector();
  stack_.dir().write("rules.conf", "[rule disk]\ntype = nonsense\n");
  stack_.reloadCollector();
  ASSERT_TRUE(waitUntil(
      [&] {
        return readFile(stack_.dir().file("collector.log")).find("rules reload failed") !=
               std::string::npos;
      },
      10s))
      << stack_.logs();
  EXPECT_NE(readFile(stack_.dir().file("collector.log")).find(rules_ + ":2: unknown rule type"),
            std::string::npos);
  EXPECT_EQ(stack_.get(stack_.collectorUrl() + "/healthz").status, 200);
}

}  // namespace
}  // namespace steward::testing
