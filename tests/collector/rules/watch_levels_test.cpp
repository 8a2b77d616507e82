#include "collector/rules/watch_levels.h"

#include <gtest/gtest.h>

#include "collector/rules/rules_file.h"

namespace steward::collector::rules {
namespace {

RuleSet parsed(const std::string& text) {
  auto rules = parseRules(text, "rules.conf");
  EXPECT_TRUE(rules) << rules.error().message;
  return rules ? *rules : RuleSet{};
}

TEST(WatchLevelsTest, ThresholdAndReadOnlyRulesBecomeLevelsTheOthersDoNot) {
  const auto levels = watchLevels(parsed(R"(
[rule disk]
type = filesystem_usage
title = t
raise = 90
clear = 85
duration = 5m
[rule disk_warning]
type = filesystem_usage
title = t
raise = 80
clear = 70
[rule load]
type = load_per_cpu
title = t
raise = 2.5
clear = 1.5
[rule ro]
type = filesystem_read_only
title = t
[rule offline]
type = agent_offline
title = t
[rule units]
type = failed_unit
title = t
[rule smart]
type = smart_failure
title = t
[rule off]
type = memory_usage
title = t
raise = 95
clear = 90
enabled = false
)"));
  EXPECT_EQ(levels, (std::vector<wire::WatchLevel>{{"filesystem_usage", 90, 85, 300000},
                                                   {"filesystem_usage", 80, 70, 0},
                                                   {"load_per_cpu", 2.5, 1.5, 0},
                                                   {"filesystem_read_only", 0, 0, 0}}));
}

TEST(WatchLevelsTest, ShippedRulesGiveOneLevelPerCheapRuleWithoutDuplicates) {
  auto shipped = loadRulesFile(std::string(STEWARD_FIXTURES_DIR) + "/../../config/rules.conf");
  ASSERT_TRUE(shipped) << shipped.error().message;
  RuleSet twice = *shipped;
  for (auto rule : shipped->rules) {
    rule.id += "_copy";
    twice.rules.push_back(rule);
  }
  const auto levels = watchLevels(twice);
  EXPECT_EQ(levels, watchLevels(*shipped)) << "the same level twice is watched once";
  std::set<std::string> signals;
  for (const auto& level : levels) signals.insert(level.signal);
  EXPECT_EQ(signals, (std::set<std::string>{"filesystem_usage", "inode_usage", "memory_usage",
                                            "swap_usage", "load_per_cpu", "filesystem_read_only"}));
}

TEST(WatchLevelsTest, NoRulesNothingToWatch) { EXPECT_TRUE(watchLevels(RuleSet{}).empty()); }

}  // namespace
}  // namespace steward::collector::rules
