// Group names, input checks, asset classes and who is a member, on literal records.

#include "server/itsm/assets/asset_group.h"

#include <gtest/gtest.h>

#include "tests/server/test_records.h"

namespace steward::server::itsm {
namespace {

using server::testing::kAssetA;
using server::testing::kAssetB;

wire::AssetRecord host(const std::string& hostname, const std::string& os_name,
                       const std::string& os_id, std::optional<std::string> chassis) {
  auto record = server::testing::recordFor(kAssetA, "e", hostname, "2026-11-25T16:30:00.000Z");
  record.inventory.system.fqdn = hostname + ".corp.example";
  record.inventory.system.os_name = os_name;
  record.inventory.system.os_id = os_id;
  record.inventory.hardware.chassis = wire::Chassis{std::move(chassis), std::nullopt, std::nullopt};
  return record;
}

wire::AssetRecord networkDevice(const std::string& hostname, const std::string& device_class) {
  auto record = host(hostname, "", "", std::nullopt);
  record.inventory.system.os_name.reset();
  record.inventory.system.os_id.reset();
  record.network_device = wire::NetworkDevice{};
  record.network_device->device_class = device_class;
  return record;
}

AssetGroup group(std::vector<GroupRule> rules, std::vector<std::string> assets = {}) {
  return AssetGroup{"g", "", std::move(assets), std::move(rules), "", ""};
}

TEST(AssetGroupTest, NamesAreShortLowerCaseAndUrlSafe) {
  for (const char* good : {"dbservers", "core-switches", "site_2.racks", "0day", "a"}) {
    EXPECT_EQ(groupNameProblem(good), "") << good;
  }
  for (const std::string& bad :
       {std::string(), std::string(65, 'a'), std::string("DBServers"), std::string("-x"),
        std::string(".hidden"), std::string("a b"), std::string("a/b"), std::string("x';--"),
        std::string("ä"), std::string("a,b")}) {
    EXPECT_NE(groupNameProblem(bad), "") << bad;
  }
  EXPECT_EQ(groupNameProblem(std::string(64, 'a')), "");
}

TEST(AssetGroupTest, ValidationNamesTheFieldThatIsWrong) {
  struct Case {
    AssetGroup group;
    std::string expected;
  };
  auto with = [](auto change) {
    AssetGroup g{"ok", "", {}, {GroupRule{"db-*", std::nullopt, std::nullopt}}, "", ""};
    change(g);
    return g;
  };
  const Case cases[] = {
      {with([](AssetGroup& g) { g.name = "Bad Name"; }), "$.name:"},
      {with([](AssetGroup& g) { g.description = std::string(501, 'x'); }), "$.description:"},
      {with([](AssetGroup& g) { g.description = "line\nbreak"; }), "$.description:"},
      {with([](AssetGroup& g) { g.assets = {"not-a-uuid"}; }), "$.assets[0]: not an asset id"},
      {with([](AssetGroup& g) {
         g.assets = {kAssetA, kAssetA};
       }),
       "$.assets[1]: listed twice"},
      {with([](AssetGroup& g) { g.rules.push_back(GroupRule{}); }),
       "$.rules[1]: a rule needs at least one of hostname, os, class"},
      {with([](AssetGroup& g) { g.rules[0].hostname = std::string(129, '*'); }),
       "$.rules[0].hostname: a glob of 1..128"},
      {with([](AssetGroup& g) { g.rules[0].os = ""; }), "$.rules[0].os: a glob"},
      {with([](AssetGroup& g) { g.rules[0].asset_class = "mainframe"; }),
       "$.rules[0].class: not one of server, workstation"},
      {with([](AssetGroup& g) {
         g.rules.resize(51, GroupRule{"x", std::nullopt, std::nullopt});
       }),
       "$.rules: at most 50"},
  };
  for (const auto& c : cases) {
    auto checked = validateGroup(c.group);
    ASSERT_FALSE(checked) << c.expected;
    EXPECT_EQ(checked.error().code, "invalid_field");
    EXPECT_NE(checked.error().message.find(c.expected), std::string::npos)
        << "got: " << checked.error().message << "\nwanted: " << c.expected;
  }
  EXPECT_TRUE(validateGroup(with([](AssetGroup&) {})));
  // Quotes and SQL are just characters in a glob or a description.
  EXPECT_TRUE(validateGroup(with([](AssetGroup& g) {
    g.description = "x'); DROP TABLE asset_groups;--";
    g.rules[0].hostname = "db-*' OR '1'='1";
  })));
}

TEST(AssetGroupTest, ClassComesFromDiscoveryOrTheChassis) {
  EXPECT_EQ(assetClass(host("db-01", "", "", "Rack Mount Chassis")), "server");
  EXPECT_EQ(assetClass(host("ws-01", "", "", "Notebook")), "workstation");
  EXPECT_EQ(assetClass(host("ws-02", "", "", "Tower")), "workstation");
  EXPECT_EQ(assetClass(host("vm-01", "", "", "Other")), "computer");
  EXPECT_EQ(assetClass(host("vm-02", "", "", std::nullopt)), "computer");
  EXPECT_EQ(assetClass(networkDevice("sw-core-1", "switch")), "switch");
  EXPECT_EQ(assetClass(networkDevice("prn-2", "printer")), "printer");
}

TEST(AssetGroupTest, RulesMatchHostnameFqdnOsAndClassWithEveryFieldRequired) {
  const auto db = host("db-01", "Debian GNU/Linux 12 (bookworm)", "debian", "Rack Mount Chassis");
  const auto ws = host("ws-07", "Ubuntu 24.04 LTS", "ubuntu", "Notebook");
  const auto sw = networkDevice("sw-core-1", "switch");

  auto by_host = group({GroupRule{"DB-*", std::nullopt, std::nullopt}});
  EXPECT_EQ(membershipReason(by_host, kAssetA, &db), "rule 1");  // hostnames ignore case
  EXPECT_EQ(membershipReason(by_host, kAssetA, &ws), std::nullopt);

  auto by_fqdn = group({GroupRule{"*.corp.example", std::nullopt, std::nullopt}});
  EXPECT_EQ(membershipReason(by_fqdn, kAssetA, &ws), "rule 1");

  auto by_os = group({GroupRule{std::nullopt, "debian*", std::nullopt}});
  EXPECT_EQ(membershipReason(by_os, kAssetA, &db), "rule 1");
  EXPECT_EQ(membershipReason(by_os, kAssetA, &ws), std::nullopt);
  EXPECT_EQ(membershipReason(by_os, kAssetA, &sw), std::nullopt);  // no OS known

  // Both fields of one rule must match; either rule is enough.
  auto debian_servers = group({GroupRule{std::nullopt, "debian", "server"},
                               GroupRule{std::nullopt, std::nullopt, "switch"}});
  EXPECT_EQ(membershipReason(debian_servers, kAssetA, &db), "rule 1");
  EXPECT_EQ(membershipReason(debian_servers, kAssetA, &sw), "rule 2");
  auto ubuntu_server = host("app-01", "Ubuntu 24.04 LTS", "ubuntu", "Rack Mount Chassis");
  EXPECT_EQ(membershipReason(debian_servers, kAssetA, &ubuntu_server), std::nullopt);
}

TEST(AssetGroupTest, ListedAssetsAreMembersEvenWithoutARecord) {
  const auto ws = host("ws-07", "Ubuntu 24.04 LTS", "ubuntu", "Notebook");
  auto listed = group({GroupRule{"db-*", std::nullopt, std::nullopt}}, {kAssetB});
  EXPECT_EQ(membershipReason(listed, kAssetB, nullptr), "listed");
  EXPECT_EQ(membershipReason(listed, kAssetB, &ws), "listed");
  EXPECT_EQ(membershipReason(listed, kAssetA, &ws), std::nullopt);
  EXPECT_EQ(membershipReason(listed, kAssetA, nullptr), std::nullopt);
}

}  // namespace
}  // namespace steward::server::itsm
