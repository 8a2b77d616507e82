// End to end: the real steward-server, steward-collector and steward-agent on loopback.
// What the agent reports about this machine is checked against facts read here
// independently (gethostname, /proc/cpuinfo, dpkg-query, /sys/class/net).

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <set>
#include <thread>

#include "tests/integration/machine_facts.h"
#include "tests/integration/steward_stack.h"

namespace steward::testing {
namespace {

namespace json = boost::json;
using namespace std::chrono_literals;

class EndToEndTest : public ::testing::Test {
 protected:
  void TearDown() override {
    if (HasFailure()) std::cerr << stack_.logs();
  }
  bool waitForAssets(std::size_t n) {
    return waitUntil([&] { return stack_.assets().size() == n; }, 30s);
  }
  StewardStack stack_;
};

TEST_F(EndToEndTest, ThisMachineAppearsInTheServerWithItsHardwareSoftwareAndNetwork) {
  stack_.startServerAndCollector();
  stack_.startAgent("first");
  ASSERT_TRUE(waitForAssets(1));

  const json::value listed = stack_.assets().at(0);
  EXPECT_EQ(str(listed, "hostname"), thisHostname());
  EXPECT_EQ(str(listed, "cpu_model"), thisCpuModel());
  EXPECT_EQ(listed.at("package_count").to_number<std::int64_t>(), thisPackageCount());

  const auto detail = stack_.get(stack_.serverUrl() + "/api/v1/assets/" + str(listed, "asset_id"));
  ASSERT_EQ(detail.status, 200) << detail.body;
  const auto& inventory = detail.json.at("inventory");
  EXPECT_EQ(str(inventory.at("system"), "hostname"), thisHostname());
  EXPECT_EQ(str(inventory.at("cpu"), "model"), thisCpuModel());
  EXPECT_EQ(static_cast<std::int64_t>(inventory.at("packages").as_array().size()),
            thisPackageCount());
  std::set<std::string> reported_macs;
  for (const auto& nic : inventory.at("interfaces").as_array()) {
    if (!nic.at("virtual").as_bool() && nic.as_object().contains("mac")) {
      reported_macs.insert(str(nic, "mac"));
    }
  }
  EXPECT_EQ(reported_macs, thisPhysicalMacs());
  EXPECT_FALSE(thisPhysicalMacs().empty());
}

TEST_F(EndToEndTest, HeartbeatsMoveLastSeenForward) {
  stack_.startServerAndCollector();
  stack_.startAgent("first", 1);
  ASSERT_TRUE(waitForAssets(1));
  const std::string first_seen = str(stack_.assets().at(0), "last_seen");
  EXPECT_TRUE(waitUntil([&] { return str(stack_.assets().at(0), "last_seen") > first_seen; }, 15s))
      << "last_seen stayed at " << first_seen;
}

TEST_F(EndToEndTest, RestartAndReinstallOfTheAgentKeepOneAsset) {
  stack_.startServerAndCollector();
  stack_.startAgent("first");
  ASSERT_TRUE(waitForAssets(1));
  const std::string asset_id = str(stack_.assets().at(0), "asset_id");
  const auto detailOf = [&] { return stack_.get(stack_.serverUrl() + "/api/v1/assets/" + asset_id); };
  const std::string seen_before = str(detailOf().json, "last_seen");

  // Restart with the same state dir (same agent id): a fresh inventory, same asset.
  // Its content is that of the last one but for volatile fields (uptime, sequence),
  // so the collector records it as unchanged: the asset is seen, not rewritten.
  stack_.stopAgent();
  stack_.startAgent("first");
  ASSERT_TRUE(waitUntil([&] { return str(detailOf().json, "last_seen") > seen_before; }, 30s));
  EXPECT_EQ(stack_.assets().size(), 1u);

  // Reinstall: a new state dir means a new agent id on the same hardware.
  stack_.stopAgent();
  stack_.startAgent("second");
  std::string second_id;
  ASSERT_TRUE(waitUntil(
      [&] {
        second_id = readFile(stack_.dir().file("state-second/agent_id"));
        second_id.erase(second_id.find_last_not_of("\n ") + 1);
        if (second_id.empty()) return false;
        const auto detail = detailOf();
        const auto* ids = detail.json.is_object() ? detail.json.as_object().if_contains("identifiers") : nullptr;
        if (ids == nullptr || !ids->is_array()) return false;
        for (const auto& id : ids->as_array()) {
          if (str(id, "kind") == "agent_id" && str(id, "value") == second_id) return true;
        }
        return false;
      },
      30s))
      << "the reinstalled agent (" << second_id << ") never joined asset " << asset_id;
  const auto assets = stack_.assets();
  ASSERT_EQ(assets.size(), 1u);
  EXPECT_EQ(str(assets.at(0), "asset_id"), asset_id);
}

TEST_F(EndToEndTest, InventoryTakenWhileTheCollectorIsDownArrivesWhenItReturns) {
  stack_.startServerAndCollector();
  stack_.enrollAgent("first");  // enrollment needs the collector; reporting does not
  stack_.stopCollector();
  stack_.startAgent("first", 1);
  std::this_thread::sleep_for(2s);  // the agent is retrying against a closed port
  EXPECT_EQ(stack_.assets().size(), 0u);
  stack_.startCollector();
  EXPECT_TRUE(waitForAssets(1));
}

TEST_F(EndToEndTest, BadBodiesAreRefusedWithAClearErrorAndChangeNothing) {
  stack_.startServerAndCollector();
  const std::string url = stack_.collectorUrl() + "/api/v1/agent/inventory";
  const std::string agent_id = "0193a1b2-0000-7000-8000-0000000000aa";
  const std::string auth = stack_.enrollDirectly(agent_id);

  auto anonymous = stack_.post(url, R"({"schema_version":"1.0"})");
  EXPECT_EQ(anonymous.status, 401);
  EXPECT_EQ(anonymous.json.at("error").at("code").as_string(), "unauthenticated");

  auto garbage = stack_.post(url, "{\"schema_version\": \"1.0\", \"report_id\": ",
                             "application/json", auth);
  EXPECT_EQ(garbage.status, 400);
  EXPECT_EQ(garbage.json.at("error").at("code").as_string(), "malformed_json");

  auto future = stack_.post(
      url, R"({"schema_version":"9.0","report_id":"r","agent_id":")" + agent_id + R"("})",
      "application/json", auth);
  EXPECT_EQ(future.status, 400);
  EXPECT_EQ(future.json.at("error").at("code").as_string(), "unsupported_schema_version");

  auto oversized = stack_.post(url, std::string(9 * 1024 * 1024, ' '), "application/json", auth);
  EXPECT_EQ(oversized.status, 413);

  std::this_thread::sleep_for(1s);
  EXPECT_EQ(stack_.assets().size(), 0u);
}

TEST_F(EndToEndTest, ServerRefusesCollectorWritesWithoutTheToken) {
  stack_.startServerAndCollector();
  auto reply = stack_.post(stack_.serverUrl() + "/api/v1/collector/assets", "{}");
  EXPECT_EQ(reply.status, 401);
  EXPECT_EQ(stack_.assets().size(), 0u);
}

}  // namespace
}  // namespace steward::testing
