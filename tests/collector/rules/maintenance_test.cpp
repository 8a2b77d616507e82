#include "collector/rules/maintenance.h"

#include <gtest/gtest.h>

#include "collector/rules/rules_file.h"

namespace steward::collector::rules {
namespace {

Clock::WallTime at(const std::string& text) { return *parseRfc3339(text); }

MaintenanceWindow window(const std::string& body) {
  auto set = parseRules("[maintenance w]\n" + body, "w.conf");
  EXPECT_TRUE(set) << set.error().message;
  return set->maintenance.at(0);
}

TEST(MaintenanceTest, GlobsMatchHostnamesAndIds) {
  EXPECT_TRUE(globMatch("db-*", "db-01"));
  EXPECT_TRUE(globMatch("web-?", "web-1"));
  EXPECT_FALSE(globMatch("web-?", "web-10"));
  EXPECT_TRUE(globMatch("*", ""));
  EXPECT_FALSE(globMatch("db-*", "xdb-01"));
  EXPECT_TRUE(globMatch("*a*b*c", "xxaxxbxxc"));
}

TEST(MaintenanceTest, WeeklyWindowRunsPastMidnight) {
  // 2026-12-07 is a Monday.
  const auto w = window("match = db-*\nweekly = Mon 22:00-02:00\n");
  EXPECT_FALSE(inWindow(w, "id", "db-01", at("2026-12-07T21:59:00Z")));
  EXPECT_TRUE(inWindow(w, "id", "db-01", at("2026-12-07T22:00:00Z")));
  EXPECT_TRUE(inWindow(w, "id", "db-01", at("2026-12-08T01:59:00Z")));
  EXPECT_FALSE(inWindow(w, "id", "db-01", at("2026-12-08T02:00:00Z")));
  EXPECT_FALSE(inWindow(w, "id", "web-01", at("2026-12-07T23:00:00Z")));
  EXPECT_FALSE(inWindow(w, "id", "db-01", at("2026-12-08T23:00:00Z")));  // Tuesday
}

TEST(MaintenanceTest, SundayToMondayWrapsTheWeek) {
  const auto w = window("match = *\nweekly = Sun 23:00-01:00\n");
  EXPECT_TRUE(inWindow(w, "id", "", at("2026-12-06T23:30:00Z")));  // Sunday
  EXPECT_TRUE(inWindow(w, "id", "", at("2026-12-07T00:30:00Z")));  // Monday
  EXPECT_FALSE(inWindow(w, "id", "", at("2026-12-07T01:30:00Z")));
}

TEST(MaintenanceTest, AbsoluteRangeByAssetId) {
  const auto w =
      window("match = 0193*\nfrom = 2026-12-24T00:00:00Z\nuntil = 2026-12-27T00:00:00Z\n");
  EXPECT_TRUE(inWindow(w, "0193abcd", "anything", at("2026-12-25T12:00:00Z")));
  EXPECT_FALSE(inWindow(w, "0193abcd", "anything", at("2026-12-27T00:00:00Z")));
  EXPECT_FALSE(inWindow(w, "0194abcd", "anything", at("2026-12-25T12:00:00Z")));
  EXPECT_EQ(activeWindow({w}, "0193abcd", "", at("2026-12-25T12:00:00Z")), "w");
}

TEST(MaintenanceTest, WindowByGroupMatchesTheGroupsHostsAndItsOwn) {
  auto set = parseRules(R"(
[maintenance db-patching]
group = dbservers, backup
match = extra-01
from = 2026-12-24T00:00:00Z
until = 2026-12-27T00:00:00Z
[group dbservers]
match = db-*, pg-??
[group backup]
match = 0193*
[group unused]
match = web-*
)",
                        "g.conf");
  ASSERT_TRUE(set) << set.error().message;
  ASSERT_EQ(set->groups.size(), 3u);
  const auto& w = set->maintenance.at(0);
  EXPECT_EQ(w.groups, (std::vector<std::string>{"dbservers", "backup"}));
  const auto t = at("2026-12-25T12:00:00Z");
  EXPECT_TRUE(inWindow(w, "id", "db-01", t));
  EXPECT_TRUE(inWindow(w, "id", "pg-02", t));
  EXPECT_TRUE(inWindow(w, "0193abcd", "anything", t));  // by asset id, through a group
  EXPECT_TRUE(inWindow(w, "id", "extra-01", t));        // its own match still counts
  EXPECT_FALSE(inWindow(w, "id", "pg-100", t));
  EXPECT_FALSE(inWindow(w, "id", "web-01", t));  // a group it does not name
  EXPECT_FALSE(inWindow(w, "id", "db-01", at("2026-12-27T00:00:00Z")));  // window over
}

TEST(MaintenanceTest, WindowWithOnlyAGroupNeedsNoMatch) {
  auto set = parseRules(
      "[group switches]\nmatch = sw-*\n[maintenance m]\ngroup = switches\n"
      "weekly = Sun 01:00-05:00\n",
      "g.conf");
  ASSERT_TRUE(set) << set.error().message;
  EXPECT_EQ(set->maintenance.at(0).match, (std::vector<std::string>{"sw-*"}));
  EXPECT_EQ(activeWindow(set->maintenance, "id", "sw-core-1", at("2026-12-06T02:00:00Z")), "m");
  EXPECT_EQ(activeWindow(set->maintenance, "id", "sw-core-1", at("2026-12-06T06:00:00Z")), "");
}

}  // namespace
}  // namespace steward::collector::rules
