// A labelled switch port that is admin up but oper down becomes one incident on the
// switch, its empty unlabelled ports raise nothing, and the port coming up resolves
// it: the real collector sweeps snmpsimd (tests/fixtures/snmp/access-switch.snmprec)
// every second with the shipped rules file (config/rules.conf, interface_down) and
// feeds the real server. With the trap receiver on as well, a port seen down both
// by a linkDown trap and by the sweeps is still one incident (rules.conf feeds
// trap_link_down into interface_down), named as the sweep names the port.

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

#include "tests/integration/steward_stack.h"
#include "tests/support/snmp_daemons.h"
#include "tests/support/snmptrap_runner.h"

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
  // The switch on 127.0.46.1 swept every second with the shipped rules.
  void sweepTheSwitchWithTheShippedRules(const std::string& extra_config = "") {
    const std::string fixtures(STEWARD_FIXTURES_DIR);
    stack_.setCollectorExtraConfig(
        extra_config + "[snmp]\nranges = lab\ntimeout_ms = 1500\nretries = 1\n"
        "[snmp.range.lab]\ncidr = 127.0.46.1\ncredentials = lab-ro\ninterval_seconds = 1\n"
        "port = " + std::to_string(sim_->port()) +
        "\n[snmp.credential.lab-ro]\nversion = 2c\ncommunity = public\n");
    stack_.setCollectorSettings(
        {"rules.file=" + fixtures + "/../../config/rules.conf", "rules.tick_ms=100"});
  }

  StewardStack stack_;
  std::unique_ptr<SnmpsimDaemon> sim_;
};

TEST_F(InterfaceDownTest, LabelledDownPortRaisesOneIncidentThatResolvesWhenThePortComesUp) {
  if (!haveProgram("/usr/bin/snmpsimd")) GTEST_SKIP() << "snmpsimd is not installed";
  const std::string fixtures(STEWARD_FIXTURES_DIR);
  std::string error;
  sim_ = SnmpsimDaemon::start({"127.0.46.1"}, {fixtures + "/snmp/access-switch.snmprec"}, &error);
  ASSERT_TRUE(sim_) << error;
  sweepTheSwitchWithTheShippedRules();
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

// The access switch with its management address 127.0.46.1 on Gi1/0/48 (ipAddrTable),
// so traps from that address match the swept switch.
std::string switchWithManagementAddress(const std::string& fixtures, const std::string& dir) {
  std::ifstream in(fixtures + "/snmp/access-switch.snmprec");
  std::ostringstream out;
  bool inserted = false;
  for (std::string line; std::getline(in, line);) {
    // snmprec files are in OID order: ip (1.3.6.1.2.1.4) sorts before ifXTable (.31).
    if (!inserted && line.starts_with("1.3.6.1.2.1.31.")) {
      out << "1.3.6.1.2.1.4.20.1.1.127.0.46.1|64|127.0.46.1\n"
             "1.3.6.1.2.1.4.20.1.2.127.0.46.1|2|48\n"
             "1.3.6.1.2.1.4.20.1.3.127.0.46.1|64|255.0.0.0\n";
      inserted = true;
    }
    out << line << "\n";
  }
  const std::string path = dir + "/access-switch-managed.snmprec";
  std::ofstream(path) << out.str();
  return path;
}

TEST_F(InterfaceDownTest, APortSeenByTrapAndBySweepIsOneIncident) {
  if (!haveProgram("/usr/bin/snmpsimd")) GTEST_SKIP() << "snmpsimd is not installed";
  const std::string fixtures(STEWARD_FIXTURES_DIR);
  const std::string community = "site-trap-community";
  std::string error;
  sim_ = SnmpsimDaemon::start(
      {"127.0.46.1"},
      {switchWithManagementAddress(fixtures, stack_.dir().path().string())}, &error);
  ASSERT_TRUE(sim_) << error;
  const int trap_port = freeUdpPort();
  sweepTheSwitchWithTheShippedRules("[traps]\nenabled = true\naddress = 127.0.0.1\nport = " +
                                    std::to_string(trap_port) + "\ncommunities = " + community +
                                    "\n");
  stack_.startServerAndCollector();
  // linkDown (RFC 2863 varbinds: ifIndex, ifAdminStatus up, ifOperStatus down) as the
  // switch itself would send it, from its management address.
  const auto linkTrap = [&](const char* trap_oid, int index, int oper) {
    const std::string i = std::to_string(index);
    const auto r = runSnmpTool(
        "snmptrap",
        {"--clientaddr=127.0.46.1", "-v2c", "-c", community,
         "127.0.0.1:" + std::to_string(trap_port), "", trap_oid, "1.3.6.1.2.1.2.2.1.1." + i,
         "i", i, "1.3.6.1.2.1.2.2.1.7." + i, "i", "1", "1.3.6.1.2.1.2.2.1.8." + i, "i",
         std::to_string(oper)},
        stack_.dir().path().string());
    EXPECT_EQ(r.exit_code, 0) << r.output;
  };
  const auto matchedTraps = [&] {
    auto s = stack_.get(stack_.collectorUrl() + "/api/v1/traps/stats");
    return s.status == 200 ? s.json.as_object().at("matched_to_asset").to_number<int>() : -1;
  };
  const auto subjects = [&] {
    std::vector<std::string> out;
    for (const auto& i : interfaceDown()) out.emplace_back(i.at("subject").as_string());
    return out;
  };

  // The sweep raises Gi1/0/2 (labelled "printer room 3", oper down).
  ASSERT_TRUE(waitUntil([&] { return subjects() == std::vector<std::string>{"Gi1/0/2"}; }, 30s))
      << json::serialize(interfaceDown());
  // Gi1/0/3 is unlabelled: sweeps alone leave it alone, a linkDown raises it, under the
  // name the sweep gave it. Sent until the address index knows the switch's address.
  ASSERT_TRUE(waitUntil(
      [&] {
        linkTrap("1.3.6.1.6.3.1.1.5.3", 3, 2);
        std::this_thread::sleep_for(300ms);
        return subjects().size() == 2;
      },
      30s))
      << json::serialize(interfaceDown());
  // The switch's linkDown for Gi1/0/2, already raised by the sweep: no second incident.
  const int matched = matchedTraps();
  linkTrap("1.3.6.1.6.3.1.1.5.3", 2, 2);
  ASSERT_TRUE(waitUntil([&] { return matchedTraps() > matched; }, 10s));
  std::this_thread::sleep_for(3s);  // three more sweeps of both ports, still down
  json::array incidents = interfaceDown();
  ASSERT_EQ(incidents.size(), 2u) << json::serialize(incidents);
  EXPECT_TRUE(stack_.incidents("source=rule:trap_link_down").empty())
      << "the trap rule feeds interface_down; it has no incidents of its own";
  for (const auto& incident : incidents) {
    const std::string subject(incident.at("subject").as_string());
    EXPECT_TRUE(subject == "Gi1/0/2" || subject == "Gi1/0/3") << subject;
    EXPECT_EQ(incident.at("state").as_string(), "new") << subject;
    if (subject == "Gi1/0/3") {
      const std::string evidence = json::serialize(incident.at("evidence"));
      EXPECT_NE(evidence.find("\"if_index\":3"), std::string::npos) << evidence;
      EXPECT_NE(evidence.find("1.3.6.1.2.1.2.2.1.8.3"), std::string::npos) << evidence;
    }
  }

  // linkUp for Gi1/0/3 resolves it; the sweeps, which do not watch that unlabelled
  // port, do not raise it again.
  linkTrap("1.3.6.1.6.3.1.1.5.4", 3, 1);
  const auto stateOf = [&](const std::string& subject) {
    for (const auto& i : interfaceDown()) {
      if (i.at("subject").as_string() == subject) return std::string(i.at("state").as_string());
    }
    return std::string("missing");
  };
  ASSERT_TRUE(waitUntil([&] { return stateOf("Gi1/0/3") == "resolved"; }, 15s))
      << stateOf("Gi1/0/3");
  std::this_thread::sleep_for(2s);
  EXPECT_EQ(stateOf("Gi1/0/3"), "resolved");
  EXPECT_EQ(stateOf("Gi1/0/2"), "new");
  EXPECT_EQ(interfaceDown().size(), 2u);
}

}  // namespace
}  // namespace steward::testing
