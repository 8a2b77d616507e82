// A trap reaches a technician as an incident: the real collector with its trap
// receiver on and the shipped rules file (config/rules.conf), net-snmp's snmptrap
// sending from the address an agent reported. linkDown opens one incident on that
// asset and port (an interface_down incident: rules.conf feeds trap_link_down into
// interface_down; the asset was never swept, so the port is "ifIndex N"), a repeat
// does not open a second, linkUp resolves it; a trap from an address no asset has is
// stored but raises nothing.

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <chrono>
#include <iostream>
#include <thread>

#include "shared/wire/json_codec.h"
#include "tests/integration/steward_stack.h"
#include "tests/support/sample_report.h"
#include "tests/support/snmp_daemons.h"
#include "tests/support/snmptrap_runner.h"

namespace steward::testing {
namespace {

namespace json = boost::json;
using namespace std::chrono_literals;

constexpr const char* kCommunity = "site-trap-community";
constexpr const char* kLinkDown = "1.3.6.1.6.3.1.1.5.3";
constexpr const char* kLinkUp = "1.3.6.1.6.3.1.1.5.4";
constexpr const char* kIfIndex2 = "1.3.6.1.2.1.2.2.1.1.2";
constexpr const char* kIfDescr2 = "1.3.6.1.2.1.2.2.1.2.2";

class TrapIncidentTest : public ::testing::Test {
 protected:
  void SetUp() override {
    port_ = freeUdpPort();
    stack_.setCollectorExtraConfig("[traps]\nenabled = true\naddress = 127.0.0.1\nport = " +
                                   std::to_string(port_) + "\ncommunities = " + kCommunity + "\n");
    stack_.setCollectorSettings(
        {"rules.file=" + std::string(STEWARD_FIXTURES_DIR) + "/../../config/rules.conf",
         "rules.tick_ms=100"});
    stack_.startServerAndCollector();
  }
  void TearDown() override {
    if (HasFailure()) std::cerr << stack_.logs();
  }

  void trap(const std::string& from, const std::vector<std::string>& oid_and_varbinds) {
    std::vector<std::string> args{"--clientaddr=" + from, "-v2c", "-c", kCommunity,
                                  "127.0.0.1:" + std::to_string(port_), ""};
    args.insert(args.end(), oid_and_varbinds.begin(), oid_and_varbinds.end());
    const auto r = runSnmpTool("snmptrap", args, stack_.dir().path().string());
    ASSERT_EQ(r.exit_code, 0) << r.output;
  }
  json::array linkDownIncidents() const { return stack_.incidents("source=rule:interface_down"); }

  StewardStack stack_;
  int port_ = 0;
};

TEST_F(TrapIncidentTest, LinkDownOpensOneIncidentOnThePortAndLinkUpResolvesIt) {
  wire::InventoryReport report = sampleReport();
  report.interfaces = {{"eth0", "8c:04:ba:12:34:57", {"127.0.0.41/8"}, {}, false}};
  const std::string auth = stack_.enrollDirectly(report.agent_id);
  auto stored = stack_.post(stack_.collectorUrl() + "/api/v1/agent/inventory",
                            wire::encodeInventory(report), "application/json", auth);
  ASSERT_EQ(stored.status, 200) << stored.body;
  const std::string asset_id(stored.json.at("asset_id").as_string());

  trap("127.0.0.41", {kLinkDown, kIfIndex2, "i", "2", kIfDescr2, "s", "uplink-eth0"});
  ASSERT_TRUE(waitUntil([&] { return linkDownIncidents().size() == 1; }, 15s));
  json::value incident = linkDownIncidents().at(0);
  EXPECT_EQ(incident.at("asset_id").as_string(), asset_id);
  EXPECT_EQ(incident.at("subject").as_string(), "ifIndex 2");
  EXPECT_EQ(incident.at("state").as_string(), "new");
  EXPECT_NE(std::string(incident.at("title").as_string()).find("interface ifIndex 2 down"),
            std::string::npos)
      << incident.at("title").as_string();
  // The varbinds travel as evidence, so the technician sees which port by name.
  EXPECT_NE(json::serialize(incident.at("evidence")).find("uplink-eth0"), std::string::npos)
      << json::serialize(incident.at("evidence"));

  // The same port going down again is the same incident, not a second one.
  trap("127.0.0.41", {kLinkDown, kIfIndex2, "i", "2", kIfDescr2, "s", "uplink-eth0"});
  // Another port is another incident.
  trap("127.0.0.41", {kLinkDown, "1.3.6.1.2.1.2.2.1.1.7", "i", "7"});
  ASSERT_TRUE(waitUntil([&] { return linkDownIncidents().size() == 2; }, 15s));
  std::this_thread::sleep_for(1s);
  EXPECT_EQ(linkDownIncidents().size(), 2u);

  trap("127.0.0.41", {kLinkUp, kIfIndex2, "i", "2", kIfDescr2, "s", "uplink-eth0"});
  auto stateOf = [&](const std::string& subject) {
    for (const auto& i : linkDownIncidents()) {
      if (i.at("subject").as_string() == subject) return std::string(i.at("state").as_string());
    }
    return std::string("missing");
  };
  ASSERT_TRUE(waitUntil([&] { return stateOf("ifIndex 2") == "resolved"; }, 15s))
      << stateOf("ifIndex 2");
  EXPECT_EQ(stateOf("ifIndex 7"), "new");
  EXPECT_TRUE(stack_.incidents("source=rule:trap_link_down").empty());
}

TEST_F(TrapIncidentTest, TrapFromAnUnknownAddressRaisesNothing) {
  trap("127.0.0.42", {kLinkDown, kIfIndex2, "i", "2"});
  ASSERT_TRUE(waitUntil(
      [&] {
        auto s = stack_.get(stack_.collectorUrl() + "/api/v1/traps/stats");
        return s.status == 200 && s.json.as_object().at("stored").to_number<int>() == 1;
      },
      10s));
  std::this_thread::sleep_for(1500ms);
  EXPECT_TRUE(linkDownIncidents().empty());
}

}  // namespace
}  // namespace steward::testing
