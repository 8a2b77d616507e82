#include "server/api/incident_endpoints.h"

#include <gtest/gtest.h>

#include "server/itsm/incidents/sqlite_incident_repository.h"
#include "tests/server/api/router_fixture.h"

namespace steward::server::testing {
namespace {

constexpr const char* kAsset = "0193a000-0000-7000-8000-00000000000a";

class IncidentApiTest : public RouterTest {
 protected:
  void SetUp() override {
    RouterTest::SetUp();
    auto opened = itsm::SqliteIncidentRepository::open(dir_.file("server.db"), clock_);
    ASSERT_TRUE(opened) << opened.error().message;
    incidents_ = std::move(*opened);
    service_.emplace(*incidents_, clock_, policy_, notify_);
    endpoints_.emplace(*service_, *incidents_, *incidents_, clock_, *tokens_);
    router_->setIncidentEndpoints(&*endpoints_);
  }

  // As technician `actor` (the admin when empty): the timeline records that name.
  http::HttpResponse send(const std::string& method, const std::string& target,
                          const std::string& body, const std::string& actor = "") {
    return RouterTest::send(method, target, body,
                            actor.empty() ? admin_token_ : tokenFor(actor, auth::Role::Technician));
  }

  std::string createIncident(const std::string& body) {
    auto response = send("POST", "/api/v1/incidents", body, "alice");
    EXPECT_EQ(response.status, 201) << response.body;
    return std::string(parseJson(response).at("number").as_string());
  }

  std::string event(const std::string& kind, const std::string& event_id) const {
    return R"({"schema_version":"1.1","event_id":")" + event_id +
           R"(","collector_id":"site-1","kind":")" + kind + R"(","asset_id":")" + kAsset +
           R"(","rule_id":"disk_usage","subject":"/var","title":"Filesystem /var is 97% full",)"
           R"("description":"97% used, threshold 90%","urgency":1,)"
           R"("evidence":{"used_percent":97,"threshold":90},"occurred_at":"2026-09-21T10:00:00Z"})";
  }

  itsm::IncidentPolicy policy_;
  notify::NotifyConfig notify_;
  std::unique_ptr<itsm::SqliteIncidentRepository> incidents_;
  std::optional<itsm::IncidentService> service_;
  std::optional<IncidentEndpoints> endpoints_;
};

TEST_F(IncidentApiTest, CreatesAManualIncidentAndShowsItWithItsTimeline) {
  auto response = send("POST", "/api/v1/incidents",
                       R"({"title":"Printer on floor 2 jams","urgency":2,"impact":2,)"
                       R"("category":"hardware","asset_id":")" +
                           std::string(kAsset) + R"("})",
                       "alice");
  ASSERT_EQ(response.status, 201) << response.body;
  EXPECT_EQ(headerOf(response, "Location"), "/api/v1/incidents/INC0000001");
  auto detail = get("/api/v1/incidents/INC0000001");
  ASSERT_EQ(detail.status, 200) << detail.body;
  auto json = parseJson(detail);
  EXPECT_EQ(json.at("priority").as_string(), "P3");
  EXPECT_EQ(json.at("state").as_string(), "new");
  EXPECT_EQ(json.at("source").as_string(), "person:alice");
  EXPECT_EQ(json.at("sla").at("response_breached").as_bool(), false);
  ASSERT_EQ(json.at("timeline").as_array().size(), 1u);
  EXPECT_EQ(json.at("timeline").at(0).at("action").as_string(), "created");
}

TEST_F(IncidentApiTest, RejectsBadBodiesWithLocatedErrorsAndStoresNothing) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {R"({"urgency":2})", "$.title"},
      {R"({"title":"x","urgency":7})", "$.urgency"},
      {R"({"title":"x","impact":"high"})", "$.impact"},
      {R"({"title":"x","asset_id":"not-a-uuid"})", "$.asset_id"},
      {R"({"title":"x","colour":"red"})", "$.colour"},
      {R"({"title":"x","evidence":[1]})", "$.evidence"},
      {R"(["title"])", "$"},
  };
  for (const auto& [body, location] : cases) {
    auto response = send("POST", "/api/v1/incidents", body);
    EXPECT_EQ(response.status, 400) << body;
    EXPECT_NE(errorMessage(response).find(location), std::string::npos) << errorMessage(response);
  }
  EXPECT_EQ(send("POST", "/api/v1/incidents", "{not json").status, 400);
  EXPECT_EQ(parseJson(get("/api/v1/incidents")).at("total").as_int64(), 0);
}

TEST_F(IncidentApiTest, InvalidTransitionIs409WithTheReasonAndChangesNothing) {
  const std::string number = createIncident(R"({"title":"Mail queue stuck"})");
  auto refused =
      send("PATCH", "/api/v1/incidents/" + number, R"({"state":"closed","assignee":"bob"})", "bob");
  EXPECT_EQ(refused.status, 409);
  EXPECT_EQ(errorCode(refused), "invalid_transition");
  EXPECT_NE(errorMessage(refused).find("from new to closed"), std::string::npos);
  auto hold = send("PATCH", "/api/v1/incidents/" + number, R"({"state":"on_hold"})");
  EXPECT_EQ(hold.status, 409);
  EXPECT_NE(errorMessage(hold).find("hold_reason"), std::string::npos);
  auto json = parseJson(get("/api/v1/incidents/" + number));
  EXPECT_EQ(json.at("state").as_string(), "new");
  EXPECT_EQ(json.at("assignee").as_string(), "");
  EXPECT_EQ(json.at("timeline").as_array().size(), 1u);
}

TEST_F(IncidentApiTest, PatchWalksTheLifecycleAndRecordsTheActor) {
  const std::string number = createIncident(R"({"title":"Wi-Fi drops"})");
  const std::string path = "/api/v1/incidents/" + number;
  auto working = send("PATCH", path,
                      R"({"state":"in_progress","assignee":"bob","assignment_group":"network",)"
                      R"("work_note":"checking the AP logs"})",
                      "bob");
  ASSERT_EQ(working.status, 200) << working.body;
  EXPECT_FALSE(parseJson(working).at("responded_at").is_null());
  ASSERT_EQ(
      send("PATCH", path, R"({"state":"resolved","resolution_note":"firmware updated"})").status,
      200);
  auto json = parseJson(get(path));
  EXPECT_EQ(json.at("state").as_string(), "resolved");
  EXPECT_EQ(json.at("resolution_note").as_string(), "firmware updated");
  const auto& timeline = json.at("timeline").as_array();
  ASSERT_EQ(timeline.size(), 4u);
  EXPECT_EQ(timeline[1].at("actor").as_string(), "person:bob");
  EXPECT_EQ(timeline[1].at("changes").at("assignee").at("to").as_string(), "bob");
  EXPECT_EQ(timeline[2].at("note").as_string(), "checking the AP logs");
  EXPECT_EQ(timeline[3].at("actor").as_string(), "person:admin");
  EXPECT_EQ(send("PATCH", path, R"({"state":"sideways"})").status, 400);
  EXPECT_EQ(send("PATCH", path, R"({})").status, 400);
  EXPECT_EQ(send("PATCH", "/api/v1/incidents/INC9999999", R"({"assignee":"x"})").status, 404);
}

TEST_F(IncidentApiTest, ListFiltersAndRejectsBadFilterValues) {
  createIncident(R"({"title":"a","impact":1,"urgency":1})");
  createIncident(R"({"title":"b"})");
  send("PATCH", "/api/v1/incidents/INC0000002", R"({"assignee":"carol"})");
  auto p1 = parseJson(get("/api/v1/incidents?priority=P1"));
  ASSERT_EQ(p1.at("total").as_int64(), 1);
  EXPECT_EQ(p1.at("items").at(0).at("title").as_string(), "a");
  EXPECT_EQ(parseJson(get("/api/v1/incidents?assignee=carol")).at("total").as_int64(), 1);
  EXPECT_EQ(parseJson(get("/api/v1/incidents?source=person")).at("total").as_int64(), 2);
  EXPECT_EQ(parseJson(get("/api/v1/incidents?source=rule")).at("total").as_int64(), 0);
  EXPECT_EQ(parseJson(get("/api/v1/incidents?state=new&per_page=1")).at("items").as_array().size(),
            1u);
  for (const char* bad : {"state=open", "priority=P9", "asset_id=42", "source=robot", "page=0",
                          "per_page=501", "per_page=x"}) {
    auto response = get(std::string("/api/v1/incidents?") + bad);
    EXPECT_EQ(response.status, 400) << bad;
    EXPECT_EQ(errorCode(response), "invalid_query") << bad;
  }
}

TEST_F(IncidentApiTest, CollectorEventsNeedTheTokenAndApplyOnce) {
  auto refused = post("/api/v1/collector/incident-events", event("raise", "e1"), "wrong");
  EXPECT_EQ(refused.status, 401);
  auto raised = post("/api/v1/collector/incident-events", event("raise", "e1"));
  ASSERT_EQ(raised.status, 200) << raised.body;
  EXPECT_EQ(parseJson(raised).at("action").as_string(), "raised");
  auto replay = post("/api/v1/collector/incident-events", event("raise", "e1"));
  EXPECT_EQ(parseJson(replay).at("status").as_string(), "duplicate");
  post("/api/v1/collector/incident-events", event("repeat", "e2"));
  auto json = parseJson(get("/api/v1/incidents/INC0000001"));
  EXPECT_EQ(json.at("occurrence_count").as_int64(), 2);
  EXPECT_EQ(json.at("source").as_string(), "rule:disk_usage");
  EXPECT_EQ(json.at("subject").as_string(), "/var");
  EXPECT_EQ(json.at("evidence").at("used_percent").as_int64(), 97);
  auto bad = post("/api/v1/collector/incident-events", event("explode", "e3"));
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(errorMessage(bad).find("$.kind"), std::string::npos);
  auto cleared = post("/api/v1/collector/incident-events", event("clear", "e4"));
  EXPECT_EQ(parseJson(cleared).at("action").as_string(), "resolved");
  EXPECT_EQ(parseJson(get("/api/v1/incidents/INC0000001")).at("state").as_string(), "resolved");
}

TEST_F(IncidentApiTest, AssetCriticalitySetsTheImpactOfNewIncidents) {
  auto set =
      send("PUT", std::string("/api/v1/assets/") + kAsset + "/criticality", R"({"criticality":1})");
  ASSERT_EQ(set.status, 200) << set.body;
  EXPECT_EQ(
      send("PUT", std::string("/api/v1/assets/") + kAsset + "/criticality", R"({"criticality":0})")
          .status,
      400);
  post("/api/v1/collector/incident-events", event("raise", "e1"));  // urgency 1
  auto json = parseJson(get("/api/v1/incidents/INC0000001"));
  EXPECT_EQ(json.at("impact").as_int64(), 1);
  EXPECT_EQ(json.at("priority").as_string(), "P1");
}

TEST_F(IncidentApiTest, SlaBreachShowsInTheApi) {
  createIncident(R"({"title":"Core switch down","impact":1,"urgency":1})");
  clock_.advance(std::chrono::minutes(16));
  auto json = parseJson(get("/api/v1/incidents/INC0000001"));
  EXPECT_TRUE(json.at("sla").at("response_breached").as_bool());
  EXPECT_FALSE(json.at("sla").at("resolution_breached").as_bool());
}

}  // namespace
}  // namespace steward::server::testing
