// interface_down through the engine: SNMP polls of a switch's interface table raise
// one incident per monitored down port, repeat nothing within the repeat interval,
// and clear when the port comes up, is shut down or leaves the table.

#include <boost/json/parse.hpp>

#include "tests/collector/rules/rules_engine_test_support.h"

namespace steward::collector::rules {
namespace {

using namespace std::chrono_literals;
using Strings = std::vector<std::string>;

constexpr const char* kInterfaceRules = R"(
[settings]
repeat_interval = 15m
flap_changes = 10
[rule ifdown]
type = interface_down
urgency = 2
title = {hostname}: interface {subject} down (admin up, oper {value})
)";

const std::string kSwitch = "0193a1b2-0000-7000-8000-00000000a001";

PortState port(std::uint32_t index, const std::string& name, std::optional<std::string> alias,
               const std::string& admin, const std::string& oper) {
  PortState p;
  p.index = index;
  p.name = name;
  p.alias = std::move(alias);
  p.admin_status = admin;
  p.oper_status = oper;
  return p;
}

// An access switch: a labelled desk port down, 40 empty unlabelled ports, one up.
std::vector<PortState> accessSwitch(const std::string& gi2_oper) {
  std::vector<PortState> ports{port(1, "Gi1/0/1", "desk 11", "up", "up"),
                               port(2, "Gi1/0/2", "desk 12", "up", gi2_oper)};
  ports[1].in_state_seconds = 600;
  for (std::uint32_t n = 3; n <= 42; ++n) {
    ports.push_back(port(n, "Gi1/0/" + std::to_string(n), std::nullopt, "up", "down"));
  }
  return ports;
}

class InterfaceDownTest : public RulesEngineFixture {
 protected:
  void poll(const std::vector<PortState>& ports) {
    ASSERT_TRUE(engine_->onInterfaces(kSwitch, "sw-access-1", ports));
  }
};

TEST_F(InterfaceDownTest, OneIncidentForTheLabelledPortNoneForEmptyPortsClearedWhenItComesUp) {
  startEngine(kInterfaceRules);
  poll(accessSwitch("down"));
  auto raised = events();
  ASSERT_EQ(kinds(), (Strings{"raise:ifdown:Gi1/0/2"})) << "the 40 empty ports raise nothing";
  EXPECT_EQ(raised[0].asset_id, kSwitch);
  EXPECT_EQ(raised[0].title, "sw-access-1: interface Gi1/0/2 down (admin up, oper down)");
  EXPECT_EQ(raised[0].urgency, 2);
  const auto evidence = boost::json::parse(raised[0].evidence).as_object();
  EXPECT_EQ(evidence.at("if_alias").as_string(), "desk 12");
  EXPECT_EQ(evidence.at("if_admin_status").as_string(), "up");
  EXPECT_EQ(evidence.at("if_oper_status").as_string(), "down");
  EXPECT_TRUE(evidence.contains("last_change"));
  EXPECT_NE(raised[0].description.find("desk 12"), std::string::npos) << raised[0].description;

  for (int i = 0; i < 5; ++i) {
    advance(60s);
    poll(accessSwitch("down"));
  }
  EXPECT_EQ(events().size(), 1u) << "still down: no new incident, no repeat within 15 min";

  advance(60s);
  poll(accessSwitch("up"));
  EXPECT_EQ(kinds(), (Strings{"raise:ifdown:Gi1/0/2", "clear:ifdown:Gi1/0/2"}));
  EXPECT_TRUE(engine_->conditions().empty() || !engine_->conditions()[0].active);
}

TEST_F(InterfaceDownTest, APortLeavingTheTableOrShutDownClears) {
  startEngine(kInterfaceRules);
  std::vector<PortState> ports{port(2, "Gi1/0/2", "desk 12", "up", "down"),
                               port(5, "Gi1/0/5", "printer", "up", "lowerLayerDown")};
  poll(ports);
  ASSERT_EQ(kinds(), (Strings{"raise:ifdown:Gi1/0/2", "raise:ifdown:Gi1/0/5"}));
  advance(60s);
  poll({});  // the interface walk failed: no verdict on anything
  EXPECT_EQ(events().size(), 2u);
  advance(60s);
  poll({ports[1]});  // Gi1/0/2's line card was removed
  advance(60s);
  ports[1].admin_status = "down";  // someone shut Gi1/0/5 on purpose
  poll({ports[1]});
  EXPECT_EQ(kinds(), (Strings{"raise:ifdown:Gi1/0/2", "raise:ifdown:Gi1/0/5",
                              "clear:ifdown:Gi1/0/2", "clear:ifdown:Gi1/0/5"}));
}

TEST_F(InterfaceDownTest, AnUplinkStaysMonitoredAfterItsNeighbourAgesOut) {
  startEngine(kInterfaceRules);
  PortState uplink = port(24, "Gi1/0/24", std::nullopt, "up", "down");
  uplink.uplink = true;  // the previous poll still saw its LLDP neighbour
  poll({uplink});
  ASSERT_EQ(kinds(), (Strings{"raise:ifdown:Gi1/0/24"}));
  uplink.uplink = false;  // neighbour and MACs gone with the link
  advance(60s);
  poll({uplink});
  EXPECT_EQ(kinds(), (Strings{"raise:ifdown:Gi1/0/24"})) << "must not clear while still down";
  uplink.oper_status = "up";
  advance(60s);
  poll({uplink});
  EXPECT_EQ(kinds(), (Strings{"raise:ifdown:Gi1/0/24", "clear:ifdown:Gi1/0/24"}));
}

TEST_F(InterfaceDownTest, ARestartNeitherReRaisesNorForgetsADownPort) {
  startEngine(kInterfaceRules);
  poll(accessSwitch("down"));
  ASSERT_EQ(events().size(), 1u);
  restart();
  advance(60s);
  poll(accessSwitch("down"));
  EXPECT_EQ(events().size(), 1u);
  advance(60s);
  poll(accessSwitch("up"));
  EXPECT_EQ(kinds(), (Strings{"raise:ifdown:Gi1/0/2", "clear:ifdown:Gi1/0/2"}));
}

}  // namespace
}  // namespace steward::collector::rules
