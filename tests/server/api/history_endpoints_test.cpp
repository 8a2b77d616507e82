#include "server/api/history_endpoints.h"

#include <gtest/gtest.h>

#include "server/storage/sqlite/sqlite_asset_history_repository.h"
#include "shared/wire/asset_history_codec.h"
#include "shared/wire/json_codec.h"
#include "tests/server/api/router_fixture.h"

namespace steward::server::testing {
namespace {

constexpr const char* kHistoryUrl = "/api/v1/collector/history";
constexpr const char* kAsset = "0193a1b2-0000-7000-8000-0000000000aa";
constexpr const char* kOther = "0193a1b2-0000-7000-8000-0000000000bb";

std::string id(int n) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "0193a1b2-0000-7000-8000-%012d", n);
  return buf;
}

wire::DetectedChange change(int n, const std::string& kind, const std::string& subject,
                            const std::string& at) {
  wire::DetectedChange c;
  c.change_id = id(n);
  c.asset_id = kAsset;
  c.at = at;
  c.source = "agent";
  c.kind = kind;
  c.subject = subject;
  c.after = "2.0";
  return c;
}

wire::AssetHistory sampleHistory() {
  wire::AssetHistory h;
  h.event_id = id(1);
  h.collector_id = id(2);
  h.asset_id = kAsset;
  wire::ReconcileDecision d;
  d.decision_id = id(10);
  d.asset_id = kAsset;
  d.at = "2026-11-25T16:00:00Z";
  d.action = "new";
  d.rule = "new_asset";
  d.source = "agent";
  d.report_id = "r1";
  d.evidence = "no strong key matched";
  h.decisions.push_back(d);
  d.decision_id = id(11);
  d.at = "2026-11-25T16:05:00Z";
  d.action = "refuse";
  d.rule = "non_unique";
  d.evidence = "serial shared with a clone";
  d.other_asset_id = kOther;
  h.decisions.push_back(d);
  h.changes = {change(20, "software_added", "curl:amd64", "2026-11-25T16:05:00Z"),
               change(21, "software_upgraded", "bash:amd64", "2026-11-25T16:06:00Z"),
               change(22, "ip_added", "192.0.2.7/24", "2026-11-25T16:07:00Z")};
  return h;
}

class HistoryEndpointsTest : public RouterTest {
 protected:
  void SetUp() override {
    RouterTest::SetUp();
    auto opened = SqliteAssetHistoryRepository::open(dir_.file("server.db"), clock_);
    ASSERT_TRUE(opened) << opened.error().message;
    history_ = std::move(*opened);
    router_->setHistoryEndpoints(history_.get());
  }
  std::unique_ptr<SqliteAssetHistoryRepository> history_;
};

TEST_F(HistoryEndpointsTest, ReconciliationShowsWhyTheAssetIsOneAsset) {
  const auto posted = post(kHistoryUrl, wire::encodeAssetHistory(sampleHistory()));
  ASSERT_EQ(posted.status, 200) << posted.body;
  const auto response = get(std::string("/api/v1/assets/") + kAsset + "/reconciliation");
  ASSERT_EQ(response.status, 200) << response.body;
  const auto json = parseJson(response);
  const auto& decisions = json.at("decisions").as_array();
  ASSERT_EQ(decisions.size(), 2u);
  EXPECT_EQ(decisions[0].at("action").as_string(), "new");
  EXPECT_EQ(decisions[1].at("action").as_string(), "refuse");
  EXPECT_EQ(decisions[1].at("rule").as_string(), "non_unique");
  EXPECT_EQ(decisions[1].at("other_asset_id").as_string(), kOther);
  EXPECT_EQ(decisions[1].at("evidence").as_string(), "serial shared with a clone");
}

TEST_F(HistoryEndpointsTest, SameBatchTwiceIsStoredOnce) {
  const auto body = wire::encodeAssetHistory(sampleHistory());
  ASSERT_EQ(post(kHistoryUrl, body).status, 200);
  const auto again = post(kHistoryUrl, body);
  ASSERT_EQ(again.status, 200);
  EXPECT_EQ(parseJson(again).at("status").as_string(), "duplicate");
  // The same rows under a new batch id (a collector that lost its ack) are not doubled.
  auto replay = sampleHistory();
  replay.event_id = id(3);
  ASSERT_EQ(post(kHistoryUrl, wire::encodeAssetHistory(replay)).status, 200);
  const auto changes = parseJson(get(std::string("/api/v1/assets/") + kAsset + "/changes"));
  EXPECT_EQ(changes.at("total").as_int64(), 3);
  const auto decisions =
      parseJson(get(std::string("/api/v1/assets/") + kAsset + "/reconciliation"));
  EXPECT_EQ(decisions.at("decisions").as_array().size(), 2u);
}

TEST_F(HistoryEndpointsTest, ChangesArePagedNewestFirstAndFilteredByKind) {
  ASSERT_EQ(post(kHistoryUrl, wire::encodeAssetHistory(sampleHistory())).status, 200);
  const std::string base = std::string("/api/v1/assets/") + kAsset + "/changes";
  const auto first = parseJson(get(base + "?per_page=2"));
  EXPECT_EQ(first.at("total").as_int64(), 3);
  ASSERT_EQ(first.at("items").as_array().size(), 2u);
  EXPECT_EQ(first.at("items").as_array()[0].at("kind").as_string(), "ip_added");
  const auto second = parseJson(get(base + "?per_page=2&page=2"));
  ASSERT_EQ(second.at("items").as_array().size(), 1u);
  EXPECT_EQ(second.at("items").as_array()[0].at("subject").as_string(), "curl:amd64");

  const auto software = parseJson(get(base + "?kind=software"));
  EXPECT_EQ(software.at("total").as_int64(), 2);
  const auto upgraded = parseJson(get(base + "?kind=software_upgraded"));
  ASSERT_EQ(upgraded.at("total").as_int64(), 1);
  EXPECT_EQ(upgraded.at("items").as_array()[0].at("subject").as_string(), "bash:amd64");
}

TEST_F(HistoryEndpointsTest, BadQueriesAndIdsAre400) {
  const std::string base = std::string("/api/v1/assets/") + kAsset + "/changes";
  EXPECT_EQ(errorCode(get(base + "?kind=everything")), "invalid_query");
  EXPECT_EQ(errorCode(get(base + "?per_page=501")), "invalid_query");
  EXPECT_EQ(errorCode(get(base + "?page=0")), "invalid_query");
  EXPECT_EQ(errorCode(get("/api/v1/assets/not-a-uuid/changes")), "invalid_id");
  EXPECT_EQ(errorCode(get("/api/v1/assets/not-a-uuid/reconciliation")), "invalid_id");
  EXPECT_EQ(post(base, "{}").status, 405);
}

TEST_F(HistoryEndpointsTest, BadBatchesAreRefusedAndStoreNothing) {
  auto unknown_action = sampleHistory();
  unknown_action.decisions[1].action = "obliterate";
  auto bad_time = sampleHistory();
  bad_time.changes[2].at = "yesterday";
  auto bad_asset = sampleHistory();
  bad_asset.changes[0].asset_id = "../../etc";
  for (const auto& body :
       {wire::encodeAssetHistory(unknown_action), wire::encodeAssetHistory(bad_time),
        wire::encodeAssetHistory(bad_asset), std::string("{\"event_id\": "),
        std::string("[1,2,3]")}) {
    const auto response = post(kHistoryUrl, body);
    EXPECT_EQ(response.status, 400) << body.substr(0, 80);
  }
  EXPECT_EQ(post(kHistoryUrl, wire::encodeAssetHistory(sampleHistory()), std::nullopt).status,
            401);
  const auto changes = parseJson(get(std::string("/api/v1/assets/") + kAsset + "/changes"));
  EXPECT_EQ(changes.at("total").as_int64(), 0) << "a refused batch stores nothing";
}

}  // namespace
}  // namespace steward::server::testing

namespace steward::server::testing {
namespace {

TEST_F(HistoryEndpointsTest, DecisionsAndChangesInAnAssetRecordAreStoredApart) {
  wire::AssetRecord record;
  record.event_id = id(90);
  record.asset_id = kAsset;
  record.collector_id = id(2);
  record.first_seen = record.last_seen = record.updated_at = "2026-11-25T16:00:00Z";
  record.inventory.report_id = id(91);
  record.inventory.agent_id = id(92);
  record.inventory.collected_at = "2026-11-25T16:00:00Z";
  record.inventory.system.hostname = "ws-1";
  record.decisions = sampleHistory().decisions;
  record.changes = sampleHistory().changes;
  const auto body = wire::encodeAssetRecord(record);
  ASSERT_EQ(post("/api/v1/collector/assets", body).status, 200);
  ASSERT_EQ(post("/api/v1/collector/assets", body).status, 200) << "a retry is harmless";

  const auto decisions = parseJson(get(std::string("/api/v1/assets/") + kAsset + "/reconciliation"));
  EXPECT_EQ(decisions.at("decisions").as_array().size(), 2u);
  const auto changes = parseJson(get(std::string("/api/v1/assets/") + kAsset + "/changes"));
  EXPECT_EQ(changes.at("total").as_int64(), 3);
  const auto detail = parseJson(get(std::string("/api/v1/assets/") + kAsset));
  EXPECT_FALSE(detail.as_object().contains("decisions")) << "history is not part of the record";
}

}  // namespace
}  // namespace steward::server::testing
