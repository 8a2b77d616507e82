#include "collector/rules/interface_observations.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "collector/rules/rules_file.h"

namespace steward::collector::rules {
namespace {

RuleSet rulesWith(const std::string& extra) {
  auto set = parseRules(
      "[rule ifdown]\ntype = interface_down\ntitle = {hostname}: {subject} down\n" + extra,
      "t.conf");
  EXPECT_TRUE(set) << set.error().message;
  return set ? *set : RuleSet{};
}

PortState port(const std::string& name, std::optional<std::string> alias, const char* admin,
               const char* oper, bool uplink = false) {
  PortState p;
  p.index = 7;
  p.name = name;
  p.alias = std::move(alias);
  if (admin) p.admin_status = admin;
  if (oper) p.oper_status = oper;
  p.uplink = uplink;
  return p;
}

struct Case {
  const char* what;
  const char* rule_extra;  // more lines of the [rule ifdown] section
  PortState port;
  bool raised;            // the port already has a raised condition
  const char* monitored;  // monitoredBecause(), "" for not monitored
  Signal signal;
};

TEST(InterfaceDownRuleTest, WhichPortsAreMonitoredAndWhatTheirStatusMeans) {
  const std::optional<std::string> none;
  const Case cases[] = {
      {"labelled, admin up, oper down", "", port("Gi1/0/2", "desk 12", "up", "down"), false,
       "labelled", Signal::Fault},
      {"labelled and up", "", port("Gi1/0/1", "desk 11", "up", "up"), false, "labelled",
       Signal::Ok},
      {"an empty unlabelled access port", "", port("Gi1/0/9", none, "up", "down"), false, "",
       Signal::Ok},
      {"a blank label is no label", "", port("Gi1/0/9", "  ", "up", "down"), false, "", Signal::Ok},
      {"shut down on purpose", "", port("Gi1/0/3", "spare", "down", "down"), false, "", Signal::Ok},
      {"lowerLayerDown counts as down", "", port("Po1", "to core", "up", "lowerLayerDown"), false,
       "labelled", Signal::Fault},
      {"notPresent (empty slot) is not monitored", "", port("Te1/1/2", "sfp", "up", "notPresent"),
       false, "", Signal::Ok},
      {"dormant is waiting, not down", "", port("Gi1/0/7", "desk 17", "up", "dormant"), false,
       "labelled", Signal::Ok},
      {"testing holds", "", port("Gi1/0/7", "desk 17", "up", "testing"), false, "labelled",
       Signal::Hold},
      {"no oper status holds", "", port("Gi1/0/7", "desk 17", "up", nullptr), false, "labelled",
       Signal::Hold},
      {"no admin status: not monitored", "", port("Gi1/0/7", "desk 17", nullptr, "down"), false, "",
       Signal::Ok},
      {"an unlabelled uplink", "", port("Gi1/0/24", none, "up", "down", true), false, "uplink",
       Signal::Fault},
      {"uplinks not chosen", "monitor = labelled\n", port("Gi1/0/24", none, "up", "down", true),
       false, "", Signal::Ok},
      {"labels not chosen", "monitor = uplinks\n", port("Gi1/0/2", "desk 12", "up", "down"), false,
       "", Signal::Ok},
      {"ports globs with monitor = none", "monitor = none\nports = Gi1/0/1*, Te*\n",
       port("Gi1/0/12", none, "up", "down"), false, "ports", Signal::Fault},
      {"a port outside the globs", "monitor = none\nports = Te*\n",
       port("Gi1/0/2", "desk 12", "up", "down"), false, "", Signal::Ok},
      {"monitor = all", "monitor = all\n", port("Gi1/0/9", none, "up", "down"), false, "all",
       Signal::Fault},
      {"excluded by alias", "exclude = *spare*\n", port("Gi1/0/4", "old spare", "up", "down"),
       false, "", Signal::Ok},
      {"exclude beats ports and raised", "ports = Gi*\nexclude = Gi1/0/4\n",
       port("Gi1/0/4", "desk 14", "up", "down"), true, "", Signal::Ok},
      {"a raised port whose label was removed stays monitored", "",
       port("Gi1/0/24", none, "up", "down"), true, "raised", Signal::Fault},
      {"a raised port shut down is released", "", port("Gi1/0/24", none, "down", "down"), true, "",
       Signal::Ok},
  };
  for (const auto& c : cases) {
    const RuleSet set = rulesWith(c.rule_extra);
    ASSERT_EQ(set.rules.size(), 1u) << c.what;
    EXPECT_EQ(monitoredBecause(set.rules[0], c.port, c.raised), c.monitored) << c.what;
    const auto observed = observeInterfaces(
        set, {c.port}, [&](const std::string&, const std::string&) { return c.raised; },
        Clock::WallTime{});
    ASSERT_EQ(observed.items.size(), 1u) << c.what;
    EXPECT_EQ(observed.items[0].signal, c.signal) << c.what;
    EXPECT_EQ(observed.items[0].subject, c.port.name) << c.what;
    EXPECT_TRUE(observed.evaluated_rules.contains("ifdown")) << c.what;
  }
}

TEST(InterfaceDownRuleTest, EvidenceNamesStatusesAliasAndWhenItWentDown) {
  const RuleSet set = rulesWith("");
  PortState p = port("Gi1/0/2", "desk 12", "up", "down");
  p.index = 2;
  p.in_state_seconds = 3600;
  const auto now = *parseRfc3339("2026-12-01T12:00:00Z");
  const auto observed = observeInterfaces(set, {p}, {}, now);
  ASSERT_EQ(observed.items.size(), 1u);
  const Observation& o = observed.items[0];
  EXPECT_EQ(o.value, "down");
  const auto evidence = boost::json::parse(o.evidence).as_object();
  EXPECT_EQ(evidence.at("interface").as_string(), "Gi1/0/2");
  EXPECT_EQ(evidence.at("if_index").as_int64(), 2);
  EXPECT_EQ(evidence.at("if_admin_status").as_string(), "up");
  EXPECT_EQ(evidence.at("if_oper_status").as_string(), "down");
  EXPECT_EQ(evidence.at("if_alias").as_string(), "desk 12");
  EXPECT_EQ(evidence.at("in_state_seconds").as_int64(), 3600);
  EXPECT_EQ(std::string(evidence.at("last_change").as_string()).substr(0, 19),
            "2026-12-01T11:00:00");
  EXPECT_EQ(evidence.at("monitored").as_string(), "labelled");
  EXPECT_NE(o.description.find("desk 12"), std::string::npos) << o.description;
  EXPECT_NE(o.description.find("ifOperStatus down since 2026-12-01T11:00:00"), std::string::npos)
      << o.description;
}

TEST(InterfaceDownRuleTest, RowsSharingANameAreToldApartByIfIndex) {
  const RuleSet set = rulesWith("");
  PortState a = port("Serial0", "wan a", "up", "down");
  a.index = 3;
  PortState b = port("Serial0", "wan b", "up", "up");
  b.index = 4;
  const auto observed = observeInterfaces(set, {a, b}, {}, Clock::WallTime{});
  ASSERT_EQ(observed.items.size(), 2u);
  EXPECT_EQ(observed.items[0].subject, "Serial0 (ifIndex 3)");
  EXPECT_EQ(observed.items[1].subject, "Serial0 (ifIndex 4)");
}

TEST(InterfaceDownRuleTest, ADisabledRuleEvaluatesNothing) {
  const RuleSet set = rulesWith("enabled = false\n");
  const auto observed =
      observeInterfaces(set, {port("Gi1/0/2", "desk 12", "up", "down")}, {}, Clock::WallTime{});
  EXPECT_TRUE(observed.items.empty());
  EXPECT_TRUE(observed.evaluated_rules.empty());
}

TEST(InterfaceDownRuleTest, MonitorPortsAndExcludeAreCheckedWhenTheFileIsRead) {
  const struct {
    const char* line;
    const char* expected;
  } bad[] = {
      {"monitor = labelled, everything", "t.conf:4: monitor: unknown 'everything'"},
      {"monitor = none, uplinks", "t.conf:4: monitor: 'none' cannot be combined"},
      {"monitor = ,", "t.conf:4: monitor is empty"},
      {"ports = ,", "t.conf:4: ports needs at least one name or glob"},
  };
  for (const auto& c : bad) {
    auto set = parseRules(
        std::string("[rule ifdown]\ntype = interface_down\ntitle = x\n") + c.line + "\n", "t.conf");
    ASSERT_FALSE(set) << c.line;
    EXPECT_NE(set.error().message.find(c.expected), std::string::npos)
        << "got: " << set.error().message;
  }
  auto wrong = parseRules("[rule u]\ntype = failed_unit\ntitle = x\nports = Gi*\n", "t.conf");
  ASSERT_FALSE(wrong);
  EXPECT_NE(wrong.error().message.find("t.conf:4: 'ports' does not apply to a failed_unit rule"),
            std::string::npos)
      << wrong.error().message;

  const RuleSet set =
      rulesWith("monitor = uplinks labelled\nports = Te*, Gi1/0/1\nexclude = Vlan*\n");
  ASSERT_EQ(set.rules.size(), 1u);
  EXPECT_TRUE(set.rules[0].monitor_labelled);
  EXPECT_TRUE(set.rules[0].monitor_uplinks);
  EXPECT_FALSE(set.rules[0].monitor_all);
  EXPECT_EQ(set.rules[0].ports, (std::vector<std::string>{"Te*", "Gi1/0/1"}));
  EXPECT_EQ(set.rules[0].exclude, (std::vector<std::string>{"Vlan*"}));
}

}  // namespace
}  // namespace steward::collector::rules
