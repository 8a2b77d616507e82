#include "server/notify/notification_router.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

namespace steward::server::notify {
namespace {

itsm::Incident incident() {
  itsm::Incident i;
  i.id = "0193c000-0000-7000-8000-000000000001";
  i.number = "INC0000042";
  i.title = "Filesystem /var is 97% full";
  i.source = "rule:disk_usage";
  i.subject = "/var";
  i.asset_id = "0193a000-0000-7000-8000-00000000000a";
  i.priority = 2;
  i.impact = 1;
  i.urgency = 2;
  return i;
}

NotifyRoute route(const std::string& name) {
  NotifyRoute r;
  r.name = name;
  r.emails = {"ops@example.test"};
  r.webhooks = {"http://127.0.0.1:9/hook"};
  return r;
}

TEST(NotificationRouterTest, RendersMailAndWebhookForAMatchingRoute) {
  NotifyConfig config;
  config.routes = {route("all")};
  auto out = notificationsFor(config, "raise", incident());
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].channel, "email");
  EXPECT_EQ(out[0].subject, "[Steward] INC0000042 P2 raised: Filesystem /var is 97% full");
  EXPECT_NE(out[0].body.find("Subject:   /var"), std::string::npos);
  EXPECT_EQ(out[1].channel, "webhook");
  auto body = boost::json::parse(out[1].body);
  EXPECT_EQ(body.at("event").as_string(), "raise");
  EXPECT_EQ(body.at("incident").at("number").as_string(), "INC0000042");
  EXPECT_EQ(body.at("incident").at("priority").as_string(), "P2");
}

TEST(NotificationRouterTest, FiltersByEventPriorityRuleAndAsset) {
  NotifyConfig config;
  auto r = route("p1-only");
  r.priorities = {1};
  config.routes = {r};
  EXPECT_TRUE(notificationsFor(config, "raise", incident()).empty());
  r = route("resolve-only");
  r.events = {"resolve"};
  config.routes = {r};
  EXPECT_TRUE(notificationsFor(config, "raise", incident()).empty());
  EXPECT_EQ(notificationsFor(config, "resolve", incident()).size(), 2u);
  r = route("smart-only");
  r.rules = {"smart_failure"};
  config.routes = {r};
  EXPECT_TRUE(notificationsFor(config, "raise", incident()).empty());
  r = route("other-asset");
  r.assets = {"0193a000-0000-7000-8000-00000000000b"};
  config.routes = {r};
  EXPECT_TRUE(notificationsFor(config, "raise", incident()).empty());
  r.assets = {"0193a000-0000-7000-8000-00000000000a"};
  config.routes = {r};
  EXPECT_EQ(notificationsFor(config, "raise", incident()).size(), 2u);
}

TEST(NotificationRouterTest, GroupsFilterNeedsTheAssetInOneOfThem) {
  NotifyConfig config;
  auto r = route("dba");
  r.groups = {"dbservers", "pgservers"};
  config.routes = {r};
  EXPECT_TRUE(config.routesByGroup());
  EXPECT_TRUE(notificationsFor(config, "raise", incident()).empty());  // groups unknown
  EXPECT_TRUE(notificationsFor(config, "raise", incident(), {"webservers"}).empty());
  EXPECT_EQ(notificationsFor(config, "raise", incident(), {"webservers", "pgservers"}).size(), 2u);
  // Other filters still apply on top.
  r.priorities = {1};
  config.routes = {r};
  EXPECT_TRUE(notificationsFor(config, "raise", incident(), {"dbservers"}).empty());
  config.routes = {route("all")};
  EXPECT_FALSE(config.routesByGroup());
  EXPECT_EQ(notificationsFor(config, "raise", incident(), {}).size(), 2u);
}

TEST(NotificationRouterTest, ATargetInTwoRoutesHearsOnce) {
  NotifyConfig config;
  config.routes = {route("a"), route("b")};
  EXPECT_EQ(notificationsFor(config, "raise", incident()).size(), 2u);
}

TEST(NotificationRouterTest, TitleNewlinesCannotInjectMailHeaders) {
  NotifyConfig config;
  config.routes = {route("all")};
  auto i = incident();
  i.title = "x\r\nBcc: victim@example.test";
  auto out = notificationsFor(config, "raise", i);
  ASSERT_FALSE(out.empty());
  EXPECT_EQ(out[0].subject.find('\n'), std::string::npos);
  EXPECT_EQ(out[0].subject.find('\r'), std::string::npos);
}

TEST(NotifyConfigTest, ReadsRoutesAndRejectsBadOnes) {
  auto good = [] {
    auto ini = IniConfig::empty();
    EXPECT_TRUE(ini.applyOverrides({"notify.routes=oncall", "notify.smtp_port=2525",
                                    "notify.route.oncall.events=raise, resolve",
                                    "notify.route.oncall.priorities=P1,P2",
                                    "notify.route.oncall.groups=dbservers, core-switches",
                                    "notify.route.oncall.email=ops@example.test",
                                    "notify.route.oncall.webhook=http://127.0.0.1:9999/hook"}));
    return ini;
  };
  auto ini = good();
  auto config = loadNotifyConfig(ini);
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->smtp_port, 2525);
  ASSERT_EQ(config->routes.size(), 1u);
  EXPECT_EQ(config->routes[0].events, (std::vector<std::string>{"raise", "resolve"}));
  EXPECT_EQ(config->routes[0].priorities, (std::vector<int>{1, 2}));
  EXPECT_EQ(config->routes[0].groups, (std::vector<std::string>{"dbservers", "core-switches"}));

  for (const auto& [key, value] : std::vector<std::pair<std::string, std::string>>{
           {"notify.route.oncall.events", "explode"},
           {"notify.route.oncall.priorities", "P0"},
           {"notify.route.oncall.groups", "dbservers, DB Servers"},
           {"notify.route.oncall.groups", "x';--"},
           {"notify.route.oncall.webhook", "ftp://x"},
           {"notify.route.oncall.email", "not-an-address"}}) {
    auto bad = good();
    ASSERT_TRUE(bad.applyOverrides({key + "=" + value}));
    auto refused = loadNotifyConfig(bad);
    ASSERT_FALSE(refused) << key;
    EXPECT_NE(refused.error().message.find(key), std::string::npos) << refused.error().message;
  }
  auto empty_route = IniConfig::empty();
  ASSERT_TRUE(empty_route.applyOverrides({"notify.routes=nobody"}));
  EXPECT_FALSE(loadNotifyConfig(empty_route));
}

}  // namespace
}  // namespace steward::server::notify
