#include <boost/json/parse.hpp>

#include "tests/collector/rules/rules_engine_test_support.h"

namespace steward::collector::rules {
namespace {

using namespace std::chrono_literals;
using Strings = std::vector<std::string>;

using OfflineCheckTest = RulesEngineFixture;

TEST_F(OfflineCheckTest, ASilentAgentIsOfflineAfterMissedIntervalsAndBackWhenItReports) {
  startEngine(kOfflineRules);
  const std::string asset = addAgent(1, "web-01");
  run(40, {1});
  heartbeat(1);
  EXPECT_TRUE(events().empty());
  run(30, {});
  EXPECT_TRUE(events().empty()) << "offline before 3 x 10 s";
  run(3, {});
  ASSERT_EQ(kinds(), (Strings{"raise:offline:"}));
  EXPECT_EQ(events()[0].asset_id, asset);
  EXPECT_EQ(events()[0].title, "web-01 is offline");
  run(60, {});
  EXPECT_EQ(events().size(), 1u) << "repeats are rate-limited to 10 min";
  heartbeat(1);
  EXPECT_EQ(kinds(), (Strings{"raise:offline:", "clear:offline:"}));
}

TEST_F(OfflineCheckTest, NothingIsRaisedDuringTheStartGraceAfterACollectorRestart) {
  startEngine(kOfflineRules);
  addAgent(1, "web-01");
  run(5, {1});
  // The collector is down for ten minutes; the agent, too, but it comes back.
  engine_.reset();
  advance(10min);
  restart();
  run(25, {});
  EXPECT_TRUE(events().empty()) << "raised while the collector had just started";
  heartbeat(1);
  run(10, {1});
  EXPECT_TRUE(events().empty());
  // A real outage after the grace is raised.
  run(35, {});
  EXPECT_EQ(kinds(), (Strings{"raise:offline:"}));
}

TEST_F(OfflineCheckTest, APausedTimerRestartsTheGrace) {
  startEngine(kOfflineRules);
  addAgent(1, "web-01");
  run(40, {1});
  advance(5min);  // the collector was suspended: no tick, no ingest
  run(29, {});
  EXPECT_TRUE(events().empty());
  run(3, {});
  EXPECT_EQ(kinds(), (Strings{"raise:offline:"}));
}

TEST_F(OfflineCheckTest, AllAgentsSilentAtOnceIsTheCollectorsOwnOutage) {
  startEngine(kOfflineRules);
  for (int n = 1; n <= 6; ++n) addAgent(n, "host-" + std::to_string(n));
  run(40, {1, 2, 3, 4, 5, 6});
  run(60, {});
  EXPECT_TRUE(events().empty()) << "raised six incidents for the collector's own outage";
  // The network is back; then one agent really dies.
  run(40, {1, 2, 3, 4, 5, 6});
  run(40, {1, 2, 3, 4, 5});
  EXPECT_EQ(kinds(), (Strings{"raise:offline:"}));
  EXPECT_EQ(events()[0].title, "host-6 is offline");
}

TEST_F(OfflineCheckTest, EndpointsBehindAnUnreachableSwitchAttachToItsIncident) {
  startEngine(kOfflineRules);
  const std::string sw = addAgent(100, "switch-01");
  std::vector<int> endpoints, all{100};
  for (int n = 1; n <= 20; ++n) {
    const std::string id = addAgent(n, "pc-" + std::to_string(n));
    uplinks_.set(id, sw);
    endpoints.push_back(n);
    all.push_back(n);
  }
  addAgent(50, "elsewhere");  // keeps this from looking like the collector's own outage
  all.push_back(50);
  run(40, all);
  ASSERT_TRUE(engine_->onReachability(sw, false, R"({"snmp":"timeout"})"));
  run(40, {50});
  const auto all_events = events();
  ASSERT_EQ(kinds(), (Strings{"raise:unreachable:", "raise:offline:", "repeat:unreachable:"}))
      << "the switch itself is offline too (agent 100); endpoints raise nothing of their own";
  const auto& linked = all_events.back();
  EXPECT_EQ(linked.asset_id, sw);
  auto evidence = boost::json::parse(linked.evidence).as_object();
  EXPECT_EQ(evidence.at("linked_count").as_int64(), 20);
  EXPECT_EQ(evidence.at("linked_asset_ids").as_array().size(), 20u);
  EXPECT_EQ(evidence.at("snmp").as_string(), "timeout");

  // One endpoint comes back: the list shrinks; no clear for it (it had no incident).
  heartbeat(1);
  ASSERT_TRUE(engine_->tick());
  ASSERT_EQ(events().size(), 4u);
  EXPECT_EQ(boost::json::parse(events()[3].evidence).at("linked_count").as_int64(), 19);
  EXPECT_EQ(events()[3].kind, "repeat");
}

TEST_F(OfflineCheckTest, ASwitchThatRecoversLeavesItsStillSilentEndpointsToRaiseAlone) {
  startEngine(kOfflineRules);
  const std::string sw = addAgent(100, "switch-01");
  const std::string pc = addAgent(1, "pc-1");
  uplinks_.set(pc, sw);
  run(40, {1});
  ASSERT_TRUE(engine_->onReachability(sw, false));
  run(40, {});
  ASSERT_TRUE(engine_->onReachability(sw, true));
  run(2, {});
  const Strings got = kinds();
  ASSERT_GE(got.size(), 4u);
  EXPECT_EQ(got[0], "raise:unreachable:");
  EXPECT_EQ(std::count(got.begin(), got.end(), "clear:unreachable:"), 1);
  const auto all = events();
  EXPECT_EQ(std::count_if(all.begin(), all.end(),
                          [&](const auto& e) { return e.kind == "raise" && e.asset_id == pc; }),
            1);
}

constexpr const char* kTrapRules = R"(
[settings]
repeat_interval = 60s
[rule link]
type = trap
title = {hostname}: port {subject} down
oid = 1.3.6.1.6.3.1.1.5.3
clear_oid = 1.3.6.1.6.3.1.1.5.4
subject_varbind = 1.3.6.1.2.1.2.2.1.1
[rule cold]
type = trap
title = {hostname} restarted
oid = .1.3.6.1.6.3.1.1.5.1
clear_after = 1h
[rule custom]
type = trap
urgency = 1
title = {hostname}: UPS on battery
oid = 1.3.6.1.4.1.318.0.5
)";

TEST_F(OfflineCheckTest, LinkDownTrapsRaisePerPortAndLinkUpClears) {
  startEngine(kTrapRules);
  const std::string sw = addAgent(1, "switch-01");
  const std::vector<TrapVarbind> port3{{".1.3.6.1.2.1.2.2.1.1.3", "3"},
                                       {"1.3.6.1.2.1.2.2.1.7.3", "1"}};
  ASSERT_TRUE(engine_->onTrap(sw, ".1.3.6.1.6.3.1.1.5.3", port3, ""));
  ASSERT_TRUE(engine_->onTrap(sw, "1.3.6.1.6.3.1.1.5.3", {{"1.3.6.1.2.1.2.2.1.1.7", "7"}}, ""));
  ASSERT_TRUE(engine_->onTrap(sw, "1.3.6.1.6.3.1.1.5.3", port3, ""));  // same port again
  // Never polled: the port is "ifIndex N", as interface_down would name it.
  EXPECT_EQ(kinds(), (Strings{"raise:link:ifIndex 3", "raise:link:ifIndex 7"}));
  EXPECT_EQ(events()[0].title, "switch-01: port ifIndex 3 down");
  EXPECT_NE(events()[0].evidence.find("1.3.6.1.2.1.2.2.1.7.3"), std::string::npos);
  ASSERT_TRUE(engine_->onTrap(sw, "1.3.6.1.6.3.1.1.5.4", port3, ""));
  EXPECT_EQ(kinds(),
            (Strings{"raise:link:ifIndex 3", "raise:link:ifIndex 7", "clear:link:ifIndex 3"}));
  ASSERT_TRUE(engine_->onTrap(sw, "1.3.6.1.6.3.1.1.5.99", {}, "x"));  // no rule: nothing
  EXPECT_EQ(events().size(), 3u);
}

TEST_F(OfflineCheckTest, ColdStartAndConfiguredTrapsRaiseAndQuietPeriodsClear) {
  startEngine(kTrapRules);
  const std::string ups = addAgent(1, "ups-01");
  ASSERT_TRUE(engine_->onTrap(ups, "1.3.6.1.6.3.1.1.5.1", {}, ""));
  ASSERT_TRUE(engine_->onTrap(ups, "1.3.6.1.4.1.318.0.5", {}, "battery"));
  EXPECT_EQ(kinds(), (Strings{"raise:cold:", "raise:custom:battery"}));
  EXPECT_EQ(events()[1].urgency, 1);
  advance(59min);
  ASSERT_TRUE(engine_->tick());
  EXPECT_EQ(events().size(), 2u);
  advance(1min);
  ASSERT_TRUE(engine_->tick());
  EXPECT_EQ(kinds(), (Strings{"raise:cold:", "raise:custom:battery", "clear:cold:"}));
}

}  // namespace
}  // namespace steward::collector::rules
