#include "server/api/collector_endpoints.h"

#include <gtest/gtest.h>

#include "shared/wire/json_codec.h"
#include "tests/server/api/router_fixture.h"
#include "tests/server/test_records.h"

namespace steward::server::testing {
namespace {

constexpr const char* kAssetsUrl = "/api/v1/collector/assets";
constexpr const char* kSeenUrl = "/api/v1/collector/seen";

using CollectorEndpointsTest = RouterTest;

std::string statusOf(const http::HttpResponse& response) {
  const auto json = parseJson(response);
  return json.is_object() ? std::string(json.at("status").as_string()) : "";
}

TEST_F(CollectorEndpointsTest, WithoutTokenIs401AndNothingIsStored) {
  const auto response = post(kAssetsUrl, wire::encodeAssetRecord(sampleRecord()), std::nullopt);
  EXPECT_EQ(response.status, 401);
  EXPECT_EQ(errorCode(response), "unauthorized");
  EXPECT_EQ(headerOf(response, "WWW-Authenticate"), "Bearer");
  EXPECT_EQ(assetCount(), 0);
}

TEST_F(CollectorEndpointsTest, WrongTokenIs401ForBothEndpoints) {
  EXPECT_EQ(post(kAssetsUrl, wire::encodeAssetRecord(sampleRecord()), "wrong-token").status, 401);
  EXPECT_EQ(post(kAssetsUrl, wire::encodeAssetRecord(sampleRecord()), "").status, 401);
  const auto seen = wire::encodeAssetSeen(seenFor(kAssetA, "s1", "2026-11-25T17:00:00Z"));
  EXPECT_EQ(post(kSeenUrl, seen, "wrong-token").status, 401);
  EXPECT_EQ(assetCount(), 0);
}

TEST_F(CollectorEndpointsTest, NonJsonContentTypeIs415) {
  const auto body = wire::encodeAssetRecord(sampleRecord());
  const auto response = post(kAssetsUrl, body, std::string(kToken), "text/plain");
  EXPECT_EQ(response.status, 415);
  EXPECT_EQ(errorCode(response), "unsupported_media_type");
  EXPECT_EQ(assetCount(), 0);
  // Parameters and case do not matter.
  EXPECT_EQ(post(kAssetsUrl, body, std::string(kToken), "Application/JSON; charset=utf-8").status,
            200);
}

TEST_F(CollectorEndpointsTest, MalformedJsonIs400NamingWhereAndStoresNothing) {
  const auto response = post(kAssetsUrl, R"({"schema_version": "1.0", "event_id": ])");
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(errorCode(response), "malformed_json");
  EXPECT_NE(errorMessage(response).find("byte"), std::string::npos) << errorMessage(response);
  EXPECT_EQ(assetCount(), 0);
}

TEST_F(CollectorEndpointsTest, TruncatedBodyIs400AndStoresNothing) {
  const std::string full = wire::encodeAssetRecord(sampleRecord());
  const auto response = post(kAssetsUrl, full.substr(0, full.size() / 2));
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(errorCode(response), "malformed_json");
  EXPECT_NE(errorMessage(response).find("truncated"), std::string::npos) << errorMessage(response);
  EXPECT_EQ(assetCount(), 0);
}

TEST_F(CollectorEndpointsTest, UnsupportedSchemaVersionIs400AtTheField) {
  auto record = sampleRecord();
  record.schema.major = 9;
  const auto response = post(kAssetsUrl, wire::encodeAssetRecord(record));
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(errorCode(response), "unsupported_schema_version");
  EXPECT_EQ(errorMessage(response).rfind("$.schema_version: major version 9", 0), 0u)
      << errorMessage(response);
  EXPECT_EQ(assetCount(), 0);
}

TEST_F(CollectorEndpointsTest, MissingNestedFieldIs400AtItsPath) {
  auto record = sampleRecord();
  record.inventory.system.hostname = "";
  const auto response = post(kAssetsUrl, wire::encodeAssetRecord(record));
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(errorCode(response), "invalid_field");
  EXPECT_EQ(errorMessage(response), "$.inventory.system.hostname: empty");
  EXPECT_EQ(assetCount(), 0);
}

TEST_F(CollectorEndpointsTest, AssetIdThatIsNotAUuidIs400) {
  const auto response = post(kAssetsUrl, wire::encodeAssetRecord(sampleRecord("laptop-7")));
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(errorCode(response), "invalid_field");
  EXPECT_NE(errorMessage(response).find("$.asset_id"), std::string::npos);
  EXPECT_EQ(assetCount(), 0);
}

TEST_F(CollectorEndpointsTest, FirstDeliveryIsAppliedAndARetryIsDuplicate) {
  const std::string body = wire::encodeAssetRecord(sampleRecord(kAssetA, "event-1"));
  const auto first = post(kAssetsUrl, body);
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(statusOf(first), "applied");
  EXPECT_EQ(parseJson(first).at("asset_id").as_string(), kAssetA);

  const auto retry = post(kAssetsUrl, body);
  ASSERT_EQ(retry.status, 200) << retry.body;
  EXPECT_EQ(statusOf(retry), "duplicate");
  EXPECT_EQ(assetCount(), 1);
}

TEST_F(CollectorEndpointsTest, StaleRecordIsAcknowledgedButDoesNotOverwrite) {
  const auto newer = recordFor(kAssetA, "event-2", "ws-newer", "2026-11-25T17:00:00.000Z");
  ASSERT_EQ(post(kAssetsUrl, wire::encodeAssetRecord(newer)).status, 200);
  const auto older = recordFor(kAssetA, "event-1", "ws-older", "2026-11-25T16:00:00.000Z");
  const auto response = post(kAssetsUrl, wire::encodeAssetRecord(older));
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(statusOf(response), "stale");

  const auto detail = get(std::string("/api/v1/assets/") + kAssetA);
  EXPECT_EQ(parseJson(detail).at("inventory").at("system").at("hostname").as_string(), "ws-newer");
}

TEST_F(CollectorEndpointsTest, SeenMovesLastSeenAndUnknownAssetIs404) {
  const auto unknown =
      post(kSeenUrl, wire::encodeAssetSeen(seenFor(kAssetB, "s0", "2026-11-25T17:00:00.000Z")));
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(errorCode(unknown), "not_found");

  ASSERT_EQ(post(kAssetsUrl, wire::encodeAssetRecord(sampleRecord())).status, 200);
  const auto seen =
      post(kSeenUrl, wire::encodeAssetSeen(seenFor(kAssetA, "s1", "2026-11-25T17:00:00.000Z")));
  ASSERT_EQ(seen.status, 200) << seen.body;
  EXPECT_EQ(statusOf(seen), "applied");
  const auto listed = parseJson(get("/api/v1/assets"));
  EXPECT_EQ(listed.at("items").at(0).at("last_seen").as_string(), "2026-11-25T17:00:00.000Z");

  const auto older =
      post(kSeenUrl, wire::encodeAssetSeen(seenFor(kAssetA, "s2", "2026-11-25T16:50:00.000Z")));
  EXPECT_EQ(statusOf(older), "stale");
}

TEST_F(CollectorEndpointsTest, MalformedSeenIs400) {
  ASSERT_EQ(post(kAssetsUrl, wire::encodeAssetRecord(sampleRecord())).status, 200);
  const auto response = post(kSeenUrl, R"({"schema_version":"1.0","event_id":"s1"})");
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(errorMessage(response), "$.asset_id: required field is missing");
  const auto bad_time =
      post(kSeenUrl, wire::encodeAssetSeen(seenFor(kAssetA, "s2", "last tuesday")));
  EXPECT_EQ(bad_time.status, 400);
  EXPECT_NE(errorMessage(bad_time).find("$.last_seen"), std::string::npos);
  EXPECT_EQ(parseJson(get("/api/v1/assets")).at("items").at(0).at("last_seen").as_string(),
            "2026-11-25T16:30:00.000Z");
}

}  // namespace
}  // namespace steward::server::testing
