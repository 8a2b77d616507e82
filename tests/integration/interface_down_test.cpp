// A labelled switch port that is admin up but oper down becomes one incident on the
// switch, its empty unlabelled ports raise nothing, and the port coming up resolves
// it: the real collector sweeps snmpsimd (tests/fixtures/snmp/access-switch.snmprec)
// every second with the shipped rules file (config/rules.conf, interface_down) and
// feeds the real server.

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>
#include <iostream>
#include <thread>

#include "tests/integration/steward_stack.h"
#include "tests/support/snmp_daemons.h"

namespace steward::testing {
namespace {

namespace json = boost::json;
using namespace std::chrono_literals;

class InterfaceDownTest : public ::testing::Test {
 protected:
  void TearDown() override {
    if (HasFailure()) std::cerr << stack_.logs() << (sim_ ? sim_->log() : "");
  }
  json::array interfaceDown() const { return stack_.incidents("source=rule:interface_down"); }

  StewardStack stack_;
  std::unique_ptr<SnmpsimDaemon> sim_;
};

TEST_F(InterfaceDownTest, LabelledDownPortRaisesOneIncidentThatResolvesWhenThePortComesUp) {
  if (!haveProgram("/usr/bin/snmpsimd")) GTEST_SKIP() << "snmpsimd is not installed";
  const std::string fixtures(STEWARD_FIXTURES_DIR);
  std::string error;
  sim_ = SnmpsimDaemon::start({"127.0.46.1"}, {fixtures + "/snmp/access-switch.snmprec"}, &error);
  ASSERT_TRUE(sim_) << error;
  stack_.setCollectorExtraConfig(
      "[snmp]\nranges = lab\ntimeout_ms = 1500\nretries = 1\n"
      "[snmp.range.lab]\ncidr = 127.0.46.1\ncredentials = lab-ro\ninterval_seconds = 1\n"
      "port = " + std::to_string(sim_->port()) +
      "\n[snmp.credential.lab-ro]\nversion = 2c\ncommunity = public\n");
  stack_.setCollectorSettings(
      {"rules.file=" + fixtures + "/../../config/rules.conf", "rules.tick_ms=100"});
  stack_.startServerAndCollector();

  ASSERT_TRUE(waitUntil([&] { return stack_.assets().size() == 1; }, 30s));
  const std::string switch_id(stack_.assets().at(0).at("asset_id").as_string());
  ASSERT_TRUE(waitUntil([&] { return !interfaceDown().empty(); }, 30s));
  // More sweeps: Gi1/0/3 and Gi1/0/4 (unlabelled, down), Gi1/0/5 (shut down) and
  // Gi1/0/6 (empty slot) never raise, and Gi1/0/2 is not raised twice.
  std::this_thread::sleep_for(3s);
  json::array incidents = interfaceDown();
  ASSERT_EQ(incidents.size(), 1u) << json::serialize(incidents);
  const json::value incident = incidents.at(0);
  EXPECT_EQ(incident.at("asset_id").as_string(), switch_id);
  EXPECT_EQ(incident.at("subject").as_string(), "Gi1/0/2");
  EXPECT_EQ(incident.at("title").as_string(),
            "sw-floor-3: interface Gi1/0/2 down (admin up, oper down)");
  EXPECT_EQ(incident.at("state").as_string(), "new");
  const std::string evidence = json::serialize(incident.at("evidence"));
  EXPECT_NE(evidence.find("printer room 3"), std::string::npos) << evidence;
  EXPECT_NE(evidence.find("\"if_oper_status\":\"down\""), std::string::npos) << evidence;
  EXPECT_NE(evidence.find("\"in_state_seconds\":3600"), std::string::npos) << evidence;
  EXPECT_NE(std::string(incident.at("description").as_string()).find("printer room 3"),
            std::string::npos);

  // Someone plugs the printer back in: the switch now answers Gi1/0/2 oper up.
  ASSERT_TRUE(sim_->replaceData(0, fixtures + "/snmp/access-switch-port-up.snmprec", &error))
      << error;
  ASSERT_TRUE(waitUntil(
      [&] {
        auto all = interfaceDown();
        return all.size() == 1 && all.at(0).at("state").as_string() == "resolved";
      },
      30s))
      << json::serialize(interfaceDown());
  EXPECT_EQ(stack_.assets().size(), 1u);
}

}  // namespace
}  // namespace steward::testing
