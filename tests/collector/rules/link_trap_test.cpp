// linkDown/linkUp traps feeding interface_down (`condition = ifdown`): one outage
// seen by a trap and by the polls is one incident per port, whichever comes first;
// linkUp clears it, and the trap names the port as the latest poll does.

#include <boost/json/parse.hpp>

#include "tests/collector/rules/rules_engine_test_support.h"

namespace steward::collector::rules {
namespace {

using namespace std::chrono_literals;
using Strings = std::vector<std::string>;

constexpr const char* kLinkRules = R"(
[settings]
repeat_interval = 1m
flap_changes = 10
[rule ifdown]
type = interface_down
urgency = 2
title = {hostname}: interface {subject} down (admin up, oper {value})
exclude = *spare*
[rule link]
type = trap
title = {hostname}: interface {subject} down (linkDown)
oid = 1.3.6.1.6.3.1.1.5.3
clear_oid = 1.3.6.1.6.3.1.1.5.4
subject_varbind = 1.3.6.1.2.1.2.2.1.1
condition = ifdown
)";

const std::string kSwitch = "0193a1b2-0000-7000-8000-00000000a002";
const std::string kLinkDown = "1.3.6.1.6.3.1.1.5.3";
const std::string kLinkUp = "1.3.6.1.6.3.1.1.5.4";

PortState port(std::uint32_t index, const std::string& name, std::optional<std::string> alias,
               const std::string& oper) {
  PortState p;
  p.index = index;
  p.name = name;
  p.alias = std::move(alias);
  p.admin_status = "up";
  p.oper_status = oper;
  return p;
}

// Gi1/0/2 (ifIndex 10102, "desk 12") in the given state; an unlabelled and a spare port.
std::vector<PortState> table(const std::string& gi2_oper, const std::string& gi3_oper = "up") {
  return {port(10101, "Gi1/0/1", "desk 11", "up"), port(10102, "Gi1/0/2", "desk 12", gi2_oper),
          port(10103, "Gi1/0/3", std::nullopt, gi3_oper), port(10104, "Gi1/0/4", "spare", "down")};
}

// RFC 2863 linkDown/linkUp varbinds: ifIndex, ifAdminStatus, ifOperStatus.
std::vector<TrapVarbind> linkVarbinds(std::uint32_t index, int admin, int oper) {
  const std::string i = std::to_string(index);
  return {{"1.3.6.1.2.1.2.2.1.1." + i, i},
          {"1.3.6.1.2.1.2.2.1.7." + i, std::to_string(admin)},
          {"1.3.6.1.2.1.2.2.1.8." + i, std::to_string(oper)}};
}

class LinkTrapInterfaceDownTest : public RulesEngineFixture {
 protected:
  void poll(const std::vector<PortState>& ports) {
    ASSERT_TRUE(engine_->onInterfaces(kSwitch, "sw-access-2", ports));
  }
  // What the trap receiver hands over: varbinds and its "ifIndex=N" subject.
  void trap(const std::string& oid, std::uint32_t index, int admin, int oper) {
    ASSERT_TRUE(engine_->onTrap(kSwitch, oid, linkVarbinds(index, admin, oper),
                                "ifIndex=" + std::to_string(index)));
  }
};

TEST_F(LinkTrapInterfaceDownTest, LinkDownTrapThenPollIsOneIncidentCountedTwice) {
  startEngine(kLinkRules);
  poll(table("up"));
  ASSERT_TRUE(events().empty());
  trap(kLinkDown, 10102, 1, 2);
  ASSERT_EQ(kinds(), (Strings{"raise:ifdown:Gi1/0/2"})) << "named as the poll names it";
  const auto raised = events()[0];
  EXPECT_EQ(raised.title, "sw-access-2: interface Gi1/0/2 down (admin up, oper down)");
  const auto evidence = boost::json::parse(raised.evidence).as_object();
  EXPECT_EQ(evidence.at("source").as_string(), "trap");
  EXPECT_EQ(evidence.at("if_index").as_int64(), 10102);
  EXPECT_EQ(evidence.at("if_alias").as_string(), "desk 12");
  EXPECT_EQ(evidence.at("varbinds").as_object().at("1.3.6.1.2.1.2.2.1.8.10102").as_string(), "2");

  advance(2min);  // past repeat_interval: the poll's confirmation counts an occurrence
  poll(table("down"));
  EXPECT_EQ(kinds(), (Strings{"raise:ifdown:Gi1/0/2", "repeat:ifdown:Gi1/0/2"}))
      << "one incident (one raise), occurrence count 2; no second rule's incident";

  advance(10s);
  trap(kLinkUp, 10102, 1, 1);
  EXPECT_EQ(kinds(),
            (Strings{"raise:ifdown:Gi1/0/2", "repeat:ifdown:Gi1/0/2", "clear:ifdown:Gi1/0/2"}))
      << "linkUp clears it before the next poll";
  advance(50s);
  poll(table("up"));
  EXPECT_EQ(events().size(), 3u) << "the poll agrees: nothing more";
}

TEST_F(LinkTrapInterfaceDownTest, PollFirstThenTrapIsStillOneIncident) {
  startEngine(kLinkRules);
  poll(table("down"));
  ASSERT_EQ(kinds(), (Strings{"raise:ifdown:Gi1/0/2"}));
  trap(kLinkDown, 10102, 1, 2);  // the same outage, within repeat_interval
  EXPECT_EQ(kinds(), (Strings{"raise:ifdown:Gi1/0/2"}));
  advance(2min);
  trap(kLinkDown, 10102, 1, 2);  // it bounced and went down again, unseen by polls
  EXPECT_EQ(kinds(), (Strings{"raise:ifdown:Gi1/0/2", "repeat:ifdown:Gi1/0/2"}));
  advance(10s);
  poll(table("up"));
  trap(kLinkUp, 10102, 1, 1);  // late linkUp: already clear, nothing more
  EXPECT_EQ(kinds(),
            (Strings{"raise:ifdown:Gi1/0/2", "repeat:ifdown:Gi1/0/2", "clear:ifdown:Gi1/0/2"}));
}

TEST_F(LinkTrapInterfaceDownTest, UnlabelledPortRaisesByTrapExcludedOrShutDownDoesNot) {
  startEngine(kLinkRules);
  poll(table("up"));
  trap(kLinkDown, 10104, 1, 2);  // "spare": excluded from ifdown
  trap(kLinkDown, 10101, 2, 2);  // ifAdminStatus down: someone shut it
  EXPECT_TRUE(events().empty());
  trap(kLinkDown, 10103, 1, 2);  // unlabelled: polls alone would not watch it
  ASSERT_EQ(kinds(), (Strings{"raise:ifdown:Gi1/0/3"}));
  advance(30s);
  poll(table("up", "down"));
  EXPECT_EQ(events().size(), 1u) << "the poll keeps the raised port monitored, still down";
  advance(30s);
  poll(table("up", "up"));
  EXPECT_EQ(kinds(), (Strings{"raise:ifdown:Gi1/0/3", "clear:ifdown:Gi1/0/3"}))
      << "the poll clears it when the port is up, without a linkUp";
}

TEST_F(LinkTrapInterfaceDownTest, NeverPolledDeviceNamesThePortByIfIndex) {
  startEngine(kLinkRules);
  trap(kLinkDown, 7, 1, 2);
  ASSERT_EQ(kinds(), (Strings{"raise:ifdown:ifIndex 7"}));
  trap(kLinkUp, 7, 1, 1);
  EXPECT_EQ(kinds(), (Strings{"raise:ifdown:ifIndex 7", "clear:ifdown:ifIndex 7"}));
}

TEST_F(LinkTrapInterfaceDownTest, ARestartKeepsThePortNamesOfTheLastSweep) {
  startEngine(kLinkRules);
  poll(table("up"));
  restart();  // before the device's next sweep
  trap(kLinkDown, 10102, 1, 2);
  ASSERT_EQ(kinds(), (Strings{"raise:ifdown:Gi1/0/2"}));
  trap(kLinkDown, 10104, 1, 2);  // the stored alias still excludes "spare"
  EXPECT_EQ(events().size(), 1u);
  std::vector<PortState> renamed = table("up");
  renamed[1].name = "Te1/0/2";  // a new module: the next sweep renames the port
  advance(30s);
  poll(renamed);
  restart();
  trap(kLinkUp, 10102, 1, 1);  // nothing open under the new name: nothing to clear
  trap(kLinkDown, 10102, 1, 2);
  EXPECT_EQ(kinds(),
            (Strings{"raise:ifdown:Gi1/0/2", "clear:ifdown:Gi1/0/2", "raise:ifdown:Te1/0/2"}))
      << "the sweep cleared the old name; the trap uses the new one after a restart";
}

TEST_F(LinkTrapInterfaceDownTest, FlappingPortSeenBothWaysIsOneIncidentMarkedFlapping) {
  startEngine(kLinkRules);
  // flap_changes = 10 above: six down/up cycles, each seen by trap and poll, in 8 min.
  poll(table("up"));
  for (int i = 0; i < 6; ++i) {
    advance(20s);
    trap(kLinkDown, 10102, 1, 2);
    advance(20s);
    poll(table("down"));
    advance(20s);
    trap(kLinkUp, 10102, 1, 1);
    advance(20s);
    poll(table("up"));
  }
  int raises = 0;
  bool flapping = false;
  for (const auto& e : events()) {
    raises += e.kind == "raise" ? 1 : 0;
    flapping = flapping || e.flapping;
    EXPECT_EQ(e.rule_id, "ifdown");
  }
  EXPECT_EQ(raises, 1) << "later downs reopen the same incident";
  EXPECT_TRUE(flapping);
  EXPECT_TRUE(events().back().kind != "clear") << "the clear waits while it flaps";
}

TEST_F(LinkTrapInterfaceDownTest, WithoutConditionTheTrapRuleKeepsItsOwnIncidentNamedByPoll) {
  std::string rules = kLinkRules;
  rules.erase(rules.find("condition = ifdown"));
  startEngine(rules);
  poll(table("up"));
  trap(kLinkDown, 10102, 1, 2);
  EXPECT_EQ(kinds(), (Strings{"raise:link:Gi1/0/2"}));
}

}  // namespace
}  // namespace steward::collector::rules
