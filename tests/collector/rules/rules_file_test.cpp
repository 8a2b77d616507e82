#include "collector/rules/rules_file.h"

#include <gtest/gtest.h>

#include "tests/support/temp_dir.h"

namespace steward::collector::rules {
namespace {

using namespace std::chrono_literals;

std::string shippedRulesPath() {
  return ::steward::testing::fixturesDir() + "/../../config/rules.conf";
}

TEST(RulesFileTest, ShippedDefaultsLoadWithEveryRuleType) {
  auto set = loadRulesFile(shippedRulesPath());
  ASSERT_TRUE(set) << set.error().message;
  const Rule* fs = set->find("filesystem_usage");
  ASSERT_NE(fs, nullptr);
  EXPECT_EQ(fs->raise_level, 90);
  EXPECT_EQ(fs->clear_level, 85);
  EXPECT_EQ(fs->duration, 5min);
  const Rule* link = set->find("trap_link_down");
  ASSERT_NE(link, nullptr);
  EXPECT_EQ(link->oid, "1.3.6.1.6.3.1.1.5.3");
  EXPECT_EQ(link->clear_oid, "1.3.6.1.6.3.1.1.5.4");
  EXPECT_EQ(link->condition, "interface_down") << "one incident per port, trap or poll";
  const Rule* port = set->find("interface_down");
  ASSERT_NE(port, nullptr);
  EXPECT_TRUE(port->enabled);
  EXPECT_EQ(port->urgency, 2);
  EXPECT_TRUE(port->monitor_labelled && port->monitor_uplinks && !port->monitor_all);
  for (const char* kind : {"agent_offline", "filesystem_usage", "inode_usage", "memory_usage",
                           "swap_usage", "load_per_cpu", "filesystem_read_only", "failed_unit",
                           "smart_failure", "hardware_removed", "device_unreachable", "interface_down",
                           "trap"}) {
    bool found = false;
    for (const auto& rule : set->rules)
      found = found || ruleKindName(rule.kind) == std::string(kind);
    EXPECT_TRUE(found) << kind;
  }
  EXPECT_EQ(set->settings.flap_changes, 4);
}

TEST(RulesFileTest, ParsesMaintenanceWindowsAndSettings) {
  auto set = parseRules(R"(
[settings]
repeat_interval = 90s
reopen_window = 2h
[maintenance backups]
match = db-*, 0193a1b2-0000-7000-8000-000000000001
weekly = Mon-Wed 22:00-02:00; Sun 01:00-05:00
)",
                        "t.conf");
  ASSERT_TRUE(set) << set.error().message;
  EXPECT_EQ(set->settings.repeat_interval, 90s);
  EXPECT_EQ(set->settings.reopen_window, 2h);
  ASSERT_EQ(set->maintenance.size(), 1u);
  EXPECT_EQ(set->maintenance[0].match.size(), 2u);
  ASSERT_EQ(set->maintenance[0].weekly.size(), 4u);
  EXPECT_EQ(set->maintenance[0].weekly[0].length_minutes, 240);  // past midnight
}

struct BadCase {
  std::string text;
  const char* expected;  // substring of the message, after "bad.conf:"
};

TEST(RulesFileTest, MalformedFilesNameFileLineAndProblem) {
  const BadCase cases[] = {
      {"[rule a]\ntype = nonsense\ntitle = x\n", "bad.conf:2: unknown rule type 'nonsense'"},
      {"[rule a]\ntype = filesystem_usage\ntitle = x\nraise = 9O\n",
       "bad.conf:4: raise = '9O' is not a number"},
      {"[rule a]\ntype = filesystem_usage\ntitle = x\nraise = 80\nclear = 90\n",
       "bad.conf:1: [rule a] clear level"},
      {"[rule a]\ntype = filesystem_usage\ntitle = x\n", "bad.conf:1: [rule a] needs 'raise'"},
      {"[rule a]\ntype = memory_usage\ntitle = x\nraise = 9\nduration = 5 minutes\n",
       "bad.conf:5: duration:"},
      {"\n\n[rule a]\ntype = failed_unit\n", "bad.conf:3: [rule a] has no 'title'"},
      {"[rule a]\ntype = failed_unit\ntitle = {host}\n",
       "bad.conf:3: title: unknown placeholder {host}"},
      {"[rule a]\ntype = failed_unit\ntitle = x\nurgency = 4\n",
       "bad.conf:4: urgency = 4 is outside 1..3"},
      {"[rule a]\ntype = failed_unit\ntitle = x\nraise = 3\n",
       "bad.conf:4: 'raise' does not apply"},
      {"[rule a]\ntype = trap\ntitle = x\noid = 1.3.x\n",
       "bad.conf:4: oid = '1.3.x' is not a numeric OID"},
      {"[rule a]\ntype = trap\ntitle = x\n", "bad.conf:1: [rule a] needs 'oid'"},
      {"[rule a]\ntype = failed_unit\ntitle = x\n[rule a]\ntype = failed_unit\ntitle = y\n",
       "bad.conf:4: rule id 'a' is used twice"},
      {"[rule a]\ntype = failed_unit\ntitle = x\ntitle = y\n", "bad.conf:4: 'title' set twice"},
      {"[rule a]\ntype = failed_unit\ntitle = x\ncolour = red\n",
       "bad.conf:4: unknown key 'colour'"},
      {"[rules]\n", "bad.conf:1: unknown section [rules]"},
      {"[rule a\n", "bad.conf:1: section header without closing ']'"},
      {"type = trap\n", "bad.conf:1: 'type' is outside any section"},
      {"[rule a]\njust words\n", "bad.conf:2: expected 'key = value'"},
      {"[rule a/b]\n", "bad.conf:1: [rule NAME] needs a name"},
      {"[settings]\nflap_changes = 1\n", "bad.conf:2: flap_changes = 1 is outside 2..1000"},
      {"[maintenance m]\nmatch = x\nweekly = Funday 01:00-02:00\n", "bad.conf:3: weekly:"},
      {"[maintenance m]\nmatch = x\nweekly = Mon 25:00-02:00\n", "bad.conf:3: weekly:"},
      {"[maintenance m]\nmatch = x\n",
       "bad.conf:1: [maintenance m] needs 'weekly' or 'from'/'until'"},
      {"[maintenance m]\nmatch = x\nfrom = yesterday\n",
       "bad.conf:3: from = 'yesterday' is not an RFC 3339"},
      {"[maintenance m]\nmatch = x\nfrom = 2026-12-02T00:00:00Z\nuntil = 2026-12-01T00:00:00Z\n",
       "ends before it starts"},
      {"[maintenance m]\ngroup = nosuch\nweekly = Mon 01:00-02:00\n",
       "bad.conf:1: [maintenance m] names group 'nosuch', but no [group nosuch] section"},
      {"[maintenance m]\nweekly = Mon 01:00-02:00\n",
       "bad.conf:1: [maintenance m] needs 'match' (asset ids or hostnames) or 'group'"},
      {"[group g]\n", "bad.conf:1: [group g] needs 'match'"},
      {"[group g]\nmatch = a\nwhere = b\n", "bad.conf:3: unknown key 'where' in [group g]"},
      {"[group g]\nmatch = a\n[group g]\nmatch = b\n", "bad.conf:3: group 'g' is defined twice"},
      {"[group g h]\nmatch = a\n", "bad.conf:1: [group NAME] needs a name"},
      {"[group g]\nmatch = a, " + std::string(256, 'x') + "\n",
       "bad.conf:2: match: a glob is longer than 255 characters"},
      {"[rule a]\ntype = agent_offline\ntitle = x\nheartbeat_interval = 0s\n",
       "bad.conf:4: heartbeat_interval must be positive"},
      // A trap feeding another rule's condition: it must exist and be interface_down.
      {"[rule t]\ntype = trap\ntitle = x\noid = 1.3.6.1.6.3.1.1.5.3\ncondition = ifdown\n",
       "bad.conf:5: condition = 'ifdown': no [rule ifdown] in this file"},
      {"[rule t]\ntype = trap\ntitle = x\noid = 1.3.6.1.6.3.1.1.5.3\ncondition = u\n"
       "[rule u]\ntype = device_unreachable\ntitle = y\n",
       "bad.conf:5: condition = 'u' is a device_unreachable rule; a trap can only feed an "
       "interface_down rule"},
      {"[rule t]\ntype = trap\ntitle = x\noid = 1.3.6.1.6.3.1.1.5.3\ncondition = t\n",
       "bad.conf:5: condition = 't' is a trap rule"},
      {"[rule t]\ntype = trap\ntitle = x\noid = 1.3.6.1.6.3.1.1.5.3\ncondition =\n",
       "bad.conf:5: condition = '' is not a rule id"},
      {"[rule i]\ntype = interface_down\ntitle = x\ncondition = i\n",
       "bad.conf:4: 'condition' does not apply to a interface_down rule"},
      {"[rule t]\ntype = trap\ntitle = x\noid = 1.3.6.1.6.3.1.1.5.3\ncondition = i\n"
       "clear_after = 1h\n[rule i]\ntype = interface_down\ntitle = y\n",
       "bad.conf:1: [rule t] cannot combine clear_after with condition"},
  };
  for (const auto& c : cases) {
    auto set = parseRules(c.text, "bad.conf");
    ASSERT_FALSE(set) << c.text;
    EXPECT_EQ(set.error().code, "rules_invalid");
    EXPECT_NE(set.error().message.find(c.expected), std::string::npos)
        << "got: " << set.error().message << "\nwanted: " << c.expected;
  }
}

TEST(RulesFileTest, OversizedTruncatedAndBinaryInputIsRefused) {
  ::steward::testing::TempDir dir;
  const std::string huge = dir.write("huge.conf", std::string(5 * 1024 * 1024, '#'));
  auto too_big = loadRulesFile(huge);
  ASSERT_FALSE(too_big);
  EXPECT_EQ(too_big.error().message, huge + ": larger than 4 MiB; not a rules file");

  auto long_line = parseRules("[rule a]\ntitle = " + std::string(5000, 'x') + "\n", "l.conf");
  ASSERT_FALSE(long_line);
  EXPECT_EQ(long_line.error().message, "l.conf:2: line longer than 4096 characters");

  auto truncated =
      parseRules("[rule a]\ntype = failed_unit\ntitle = x\n[rule b]\ntype = fil", "t.conf");
  ASSERT_FALSE(truncated);
  EXPECT_EQ(truncated.error().message, "t.conf:5: unknown rule type 'fil'");

  auto binary = parseRules(std::string("\x7f"
                                       "ELF\x02\x01\x01\0\0\0",
                                       10),
                           "b.conf");
  ASSERT_FALSE(binary);
  EXPECT_EQ(binary.error().message, "b.conf:1: expected 'key = value' or a [section]");
}

TEST(RulesFileTest, MissingFileIsNamed) {
  auto set = loadRulesFile("/nonexistent/rules.conf");
  ASSERT_FALSE(set);
  EXPECT_NE(set.error().message.find("/nonexistent/rules.conf"), std::string::npos);
}

TEST(RulesFileTest, DurationsTakeUnits) {
  EXPECT_EQ(*parseDuration("250ms"), 250ms);
  EXPECT_EQ(*parseDuration("45"), 45s);
  EXPECT_EQ(*parseDuration("5m"), 5min);
  EXPECT_EQ(*parseDuration("1d"), 24h);
  EXPECT_FALSE(parseDuration("5w"));
  EXPECT_FALSE(parseDuration("-5s"));
  EXPECT_FALSE(parseDuration(""));
  EXPECT_FALSE(parseDuration("99999999999s"));
}

}  // namespace
}  // namespace steward::collector::rules
