// The asset group API through the router with real authentication and SQLite: the
// life cycle of a group, which roles may read and write, hostile and malformed
// input (refused, nothing changed), the groups of an asset, and the audit log.

#include "server/api/asset_group_endpoints.h"

#include <gtest/gtest.h>

#include "server/itsm/assets/sqlite_asset_group_repository.h"
#include "shared/wire/json_codec.h"
#include "tests/server/api/router_fixture.h"
#include "tests/server/test_records.h"

namespace steward::server::testing {
namespace {

constexpr const char* kGroups = "/api/v1/asset-groups";
constexpr const char* kUnknownAsset = "0193a1b2-c3d4-7e5f-8a6b-0000000000ff";

class AssetGroupApiTest : public RouterTest {
 protected:
  void SetUp() override {
    RouterTest::SetUp();
    auto opened = itsm::SqliteAssetGroupRepository::open(dir_.file("server.db"));
    ASSERT_TRUE(opened) << opened.error().message;
    groups_ = std::move(*opened);
    service_.emplace(*groups_, *repo_, clock_);
    endpoints_.emplace(*service_, &*auth_);
    router_->setAssetGroupEndpoints(&*endpoints_);
    store(kAssetA, "db-01", "Rack Mount Chassis");
    store(kAssetB, "ws-07", "Notebook");
  }
  void store(const std::string& id, const std::string& hostname, const std::string& chassis) {
    auto record = recordFor(id, "event-" + hostname, hostname, "2026-11-25T16:30:00.000Z");
    record.inventory.system.fqdn = hostname + ".corp.example";
    record.inventory.hardware.chassis = wire::Chassis{chassis, std::nullopt, std::nullopt};
    const auto response = post("/api/v1/collector/assets", wire::encodeAssetRecord(record));
    ASSERT_EQ(response.status, 200) << response.body;
  }
  http::HttpResponse as(const std::string& method, const std::string& target,
                        const std::string& body = "") const {
    return send(method, target, body, admin_token_);
  }
  std::size_t groupCount() const {
    auto response = get(kGroups);
    EXPECT_EQ(response.status, 200) << response.body;
    return parseJson(response).at("items").as_array().size();
  }
  std::vector<std::string> groupsOf(const std::string& asset_id) const {
    auto response = get(std::string("/api/v1/assets/") + asset_id + "/groups");
    EXPECT_EQ(response.status, 200) << response.body;
    std::vector<std::string> out;
    const auto body = parseJson(response);
    for (const auto& g : body.at("groups").as_array()) {
      out.push_back(std::string(g.at("name").as_string()) + ":" +
                    std::string(g.at("reason").as_string()));
    }
    return out;
  }

  std::unique_ptr<itsm::SqliteAssetGroupRepository> groups_;
  std::optional<itsm::AssetGroupService> service_;
  std::optional<AssetGroupEndpoints> endpoints_;
};

TEST_F(AssetGroupApiTest, CreateReadChangeAndDeleteAGroup) {
  auto created = as("POST", kGroups,
                    R"({"name":"dbservers","description":"Databases",)"
                    R"("rules":[{"hostname":"db-*"}],"assets":[")" +
                        std::string(kAssetB) + R"("]})");
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(headerOf(created, "Location"), "/api/v1/asset-groups/dbservers");
  auto body = parseJson(created);
  EXPECT_EQ(body.at("name").as_string(), "dbservers");
  EXPECT_EQ(body.at("rules").at(0).at("hostname").as_string(), "db-*");
  EXPECT_EQ(body.at("assets").at(0).as_string(), kAssetB);
  EXPECT_EQ(body.at("created_at").as_string(), formatRfc3339(clock_.now()));

  auto one = get(std::string(kGroups) + "/dbservers");
  ASSERT_EQ(one.status, 200) << one.body;
  EXPECT_EQ(one.body, created.body);
  EXPECT_EQ(groupCount(), 1u);
  EXPECT_EQ(groupsOf(kAssetA), std::vector<std::string>{"dbservers:rule 1"});
  EXPECT_EQ(groupsOf(kAssetB), std::vector<std::string>{"dbservers:listed"});
  auto members = get(std::string(kGroups) + "/dbservers/assets");
  ASSERT_EQ(members.status, 200) << members.body;
  EXPECT_EQ(members.body, R"({"name":"dbservers","items":[{"asset_id":")" + std::string(kAssetA) +
                              R"(","hostname":"db-01","reason":"rule 1"},{"asset_id":")" +
                              std::string(kAssetB) +
                              R"(","hostname":"ws-07","reason":"listed"}],"total":2})");

  clock_.advance(std::chrono::minutes(5));
  auto changed = as("PATCH", std::string(kGroups) + "/dbservers",
                    R"({"assets":[],"rules":[{"class":"server"},{"os":"ubuntu*"}]})");
  ASSERT_EQ(changed.status, 200) << changed.body;
  body = parseJson(changed);
  EXPECT_EQ(body.at("description").as_string(), "Databases");  // untouched
  EXPECT_TRUE(body.at("assets").as_array().empty());
  EXPECT_EQ(body.at("rules").at(0).at("class").as_string(), "server");
  EXPECT_NE(body.at("updated_at"), body.at("created_at"));
  EXPECT_EQ(groupsOf(kAssetA), std::vector<std::string>{"dbservers:rule 1"});
  EXPECT_TRUE(groupsOf(kAssetB).empty());  // a notebook, and no longer listed

  auto deleted = as("DELETE", std::string(kGroups) + "/dbservers");
  ASSERT_EQ(deleted.status, 200) << deleted.body;
  EXPECT_EQ(get(std::string(kGroups) + "/dbservers").status, 404);
  EXPECT_EQ(as("DELETE", std::string(kGroups) + "/dbservers").status, 404);
  EXPECT_EQ(groupCount(), 0u);
  EXPECT_TRUE(groupsOf(kAssetA).empty());
}

TEST_F(AssetGroupApiTest, ReadingNeedsAStaffLoginAndWritingTheAdmin) {
  const auto viewer = tokenFor("vera", auth::Role::Viewer);
  const auto tech = tokenFor("tom", auth::Role::Technician);
  const auto requester = tokenFor("rita", auth::Role::Requester);
  ASSERT_EQ(as("POST", kGroups, R"({"name":"dbservers"})").status, 201);
  const std::string one = std::string(kGroups) + "/dbservers";
  const std::string asset_groups = std::string("/api/v1/assets/") + kAssetA + "/groups";

  for (const auto& path : {std::string(kGroups), one, one + "/assets", asset_groups}) {
    EXPECT_EQ(send("GET", path, "", std::nullopt).status, 401) << path;
    EXPECT_EQ(send("GET", path, "", viewer).status, 200) << path;
    EXPECT_EQ(send("GET", path, "", tech).status, 200) << path;
    EXPECT_EQ(send("GET", path, "", requester).status, 403) << path;
  }
  for (const auto& token : {viewer, tech, requester}) {
    EXPECT_EQ(send("POST", kGroups, R"({"name":"mine"})", token).status, 403);
    EXPECT_EQ(send("PATCH", one, R"({"description":"x"})", token).status, 403);
    EXPECT_EQ(send("DELETE", one, "", token).status, 403);
  }
  EXPECT_EQ(send("POST", kGroups, R"({"name":"mine"})", std::nullopt).status, 401);
  auto still = parseJson(get(one));
  EXPECT_EQ(still.at("description").as_string(), "");
  EXPECT_EQ(groupCount(), 1u);
}

TEST_F(AssetGroupApiTest, BadInputIsRefusedWithTheReasonAndChangesNothing) {
  ASSERT_EQ(as("POST", kGroups, R"({"name":"dbservers","description":"original"})").status, 201);
  struct Case {
    std::string body;
    int status;
    std::string code;
    std::string message;  // substring
  };
  const std::string unknown_member =
      R"({"name":"x","assets":[")" + std::string(kUnknownAsset) + R"("]})";
  const Case cases[] = {
      {R"({"name":"dbservers"})", 409, "conflict", "'dbservers' already exists"},
      {R"({"name":"DBServers"})", 400, "invalid_field",
       "$.name: a group name starts with a lower-case"},
      {R"({"name":"db servers"})", 400, "invalid_field",
       "$.name: a group name has only lower-case"},
      {R"({"name":"x'; DROP TABLE asset_groups;--"})", 400, "invalid_field", "$.name:"},
      {R"({"name":")" + std::string(65, 'a') + R"("})", 400, "invalid_field", "1..64 characters"},
      {R"({"name":""})", 400, "invalid_field", "$.name:"},
      {R"({"description":"no name"})", 400, "invalid_field", "$.name: required"},
      {R"({"name":7})", 400, "invalid_field", "$.name: expected a string"},
      {R"({"name":"x","colour":"red"})", 400, "invalid_field", "$.colour: unknown field"},
      {R"({"name":"x","rules":[{"hostname":"db-*","ip":"10.*"}]})", 400, "invalid_field",
       "$.rules[0].ip: unknown field"},
      {R"({"name":"x","rules":[{}]})", 400, "invalid_field", "$.rules[0]: a rule needs"},
      {R"({"name":"x","rules":[{"hostname":")" + std::string(129, 'a') + R"("}]})", 400,
       "invalid_field", "$.rules[0].hostname: a glob of 1..128"},
      {R"({"name":"x","rules":[{"class":"mainframe"}]})", 400, "invalid_field",
       "$.rules[0].class: not one of"},
      {R"({"name":"x","rules":"db-*"})", 400, "invalid_field", "$.rules: expected an array"},
      {R"({"name":"x","assets":["not-a-uuid"]})", 400, "invalid_field", "$.assets[0]: not an"},
      {unknown_member, 422, "unknown_asset", kUnknownAsset},
      {R"({"name":"x",)", 400, "malformed_json", "not valid JSON"},
      {R"(["x"])", 400, "invalid_field", "$: expected an object"},
  };
  for (const auto& c : cases) {
    auto response = as("POST", kGroups, c.body);
    EXPECT_EQ(response.status, c.status) << c.body << "\n" << response.body;
    EXPECT_EQ(errorCode(response), c.code) << c.body;
    EXPECT_NE(errorMessage(response).find(c.message), std::string::npos)
        << c.body << "\ngot: " << errorMessage(response);
  }
  auto not_json = post(kGroups, R"({"name":"y"})", std::string(kToken), "text/plain");
  EXPECT_EQ(not_json.status, 415);

  const std::string one = std::string(kGroups) + "/dbservers";
  const Case patches[] = {
      {R"({"name":"renamed"})", 400, "invalid_field", "cannot be renamed"},
      {R"({})", 400, "invalid_field", "nothing to change"},
      {R"({"description":"a\nb"})", 400, "invalid_field", "$.description:"},
      {R"({"assets":[")" + std::string(kUnknownAsset) + R"("]})", 422, "unknown_asset",
       "$.assets[0]"},
  };
  for (const auto& c : patches) {
    auto response = as("PATCH", one, c.body);
    EXPECT_EQ(response.status, c.status) << c.body << "\n" << response.body;
    EXPECT_EQ(errorCode(response), c.code) << c.body;
    EXPECT_NE(errorMessage(response).find(c.message), std::string::npos)
        << c.body << "\ngot: " << errorMessage(response);
  }
  EXPECT_EQ(as("PATCH", std::string(kGroups) + "/nosuch", R"({"description":"x"})").status, 404);
  EXPECT_EQ(as("GET", std::string(kGroups) + "/Bad%20Name").status, 400);
  EXPECT_EQ(as("GET", std::string(kGroups) + "/x'%20OR%20'1'='1").status, 400);
  EXPECT_EQ(as("PUT", one, R"({"description":"x"})").status, 405);
  EXPECT_EQ(get(std::string(kGroups) + "/nosuch/assets").status, 404);
  EXPECT_EQ(as("POST", one + "/assets", "{}").status, 405);
  EXPECT_EQ(get(one + "/other").status, 404);

  // Nothing above changed anything.
  EXPECT_EQ(groupCount(), 1u);
  auto kept = parseJson(get(one));
  EXPECT_EQ(kept.at("description").as_string(), "original");
  EXPECT_TRUE(kept.at("assets").as_array().empty());
}

TEST_F(AssetGroupApiTest, SqlInGlobsAndDescriptionsIsStoredAndMatchedLiterally) {
  const std::string hostile = "x'); DROP TABLE asset_groups; --";
  auto created = as("POST", kGroups,
                    R"({"name":"odd","description":"x'); DROP TABLE asset_groups; --",)"
                    R"("rules":[{"hostname":"db-01' OR '1'='1"}]})");
  ASSERT_EQ(created.status, 201) << created.body;
  auto got = parseJson(get(std::string(kGroups) + "/odd"));
  EXPECT_EQ(got.at("description").as_string(), hostile);
  EXPECT_EQ(got.at("rules").at(0).at("hostname").as_string(), "db-01' OR '1'='1");
  EXPECT_TRUE(groupsOf(kAssetA).empty());  // "db-01" is not "db-01' OR '1'='1"
  EXPECT_EQ(groupCount(), 1u);
}

TEST_F(AssetGroupApiTest, GroupsOfAnUnknownOrMalformedAssetAreErrors) {
  auto unknown = get(std::string("/api/v1/assets/") + kUnknownAsset + "/groups");
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(errorCode(unknown), "not_found");
  auto bad = get("/api/v1/assets/not-a-uuid/groups");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(errorCode(bad), "invalid_id");
  EXPECT_EQ(as("POST", std::string("/api/v1/assets/") + kAssetA + "/groups", "{}").status, 405);
  // The asset detail itself still answers.
  EXPECT_EQ(get(std::string("/api/v1/assets/") + kAssetA).status, 200);
}

TEST_F(AssetGroupApiTest, EveryChangeIsAudited) {
  ASSERT_EQ(as("POST", kGroups, R"({"name":"dbservers","rules":[{"hostname":"db-*"}]})").status,
            201);
  ASSERT_EQ(as("PATCH", std::string(kGroups) + "/dbservers", R"({"description":"DBs"})").status,
            200);
  ASSERT_EQ(as("DELETE", std::string(kGroups) + "/dbservers").status, 200);
  ASSERT_EQ(as("POST", kGroups, R"({"name":"BAD"})").status, 400);  // refused: not audited
  auto audit = parseJson(get("/api/v1/audit?per_page=50"));
  std::vector<std::string> actions;
  for (const auto& entry : audit.at("items").as_array()) {
    const std::string action(entry.at("action").as_string());
    if (action.starts_with("asset_group.") || action.find("asset-groups") != std::string::npos) {
      actions.push_back(action + " " + std::string(entry.at("target").as_string()) + " " +
                        std::string(entry.at("actor").as_string()));
    }
  }
  // Newest first; one entry per change (the router adds no second, generic one).
  EXPECT_EQ(actions, (std::vector<std::string>{"asset_group.delete dbservers admin",
                                               "asset_group.update dbservers admin",
                                               "asset_group.create dbservers admin"}));
}

}  // namespace
}  // namespace steward::server::testing
