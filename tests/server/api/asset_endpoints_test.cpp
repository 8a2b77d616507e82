#include "server/api/asset_endpoints.h"

#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>

#include "shared/wire/json_codec.h"
#include "tests/server/api/router_fixture.h"
#include "tests/server/test_records.h"

namespace steward::server::testing {
namespace {

namespace json = boost::json;

class AssetEndpointsTest : public RouterTest {
 protected:
  void store(const wire::AssetRecord& record) {
    const auto response = post("/api/v1/collector/assets", wire::encodeAssetRecord(record));
    ASSERT_EQ(response.status, 200) << response.body;
  }
  void storeNamed(int n, const std::string& hostname) {
    store(recordFor("0193a1b2-c3d4-7e5f-8a6b-0000000002" + std::to_string(10 + n),
                    "event-named-" + std::to_string(n), hostname, "2026-11-25T16:30:00.000Z"));
  }
  std::vector<std::string> listedHostnames(const std::string& target) {
    const auto response = get(target);
    EXPECT_EQ(response.status, 200) << response.body;
    std::vector<std::string> out;
    const auto body = parseJson(response);
    for (const auto& item : body.at("items").as_array()) {
      out.emplace_back(item.at("hostname").as_string());
    }
    return out;
  }
};

TEST_F(AssetEndpointsTest, EmptyListSaysSoWithPaging) {
  const auto response = get("/api/v1/assets");
  ASSERT_EQ(response.status, 200);
  EXPECT_EQ(response.body, R"({"items":[],"page":1,"per_page":50,"total":0})");
}

TEST_F(AssetEndpointsTest, ListItemHasTheSummaryColumns) {
  store(sampleRecord());
  const auto item = parseJson(get("/api/v1/assets")).at("items").at(0);
  EXPECT_EQ(item.at("asset_id").as_string(), kAssetA);
  EXPECT_EQ(item.at("hostname").as_string(), "ws-0042");
  EXPECT_EQ(item.at("os_name").as_string(), "Debian GNU/Linux 12 (bookworm)");
  EXPECT_EQ(item.at("vendor").as_string(), "Dell Inc.");
  EXPECT_EQ(item.at("model").as_string(), "Latitude 7440");
  EXPECT_EQ(item.at("serial").as_string(), "5CG3421XYZ");
  EXPECT_EQ(item.at("cpu_model").as_string(), "13th Gen Intel(R) Core(TM) i7-1365U");
  EXPECT_EQ(item.at("memory_total_bytes").to_number<std::uint64_t>(), 33'554'432'000ULL);
  EXPECT_EQ(item.at("package_count").to_number<int>(), 3);
  EXPECT_EQ(item.at("ip_addresses"), (json::array{"192.0.2.10", "172.17.0.1"}));
  EXPECT_EQ(item.at("mac_addresses"), (json::array{"8c:04:ba:12:34:56"}));
  EXPECT_EQ(item.at("first_seen").as_string(), "2026-11-25T16:00:00.000Z");
  EXPECT_EQ(item.at("last_seen").as_string(), "2026-11-25T16:30:00.000Z");
}

TEST_F(AssetEndpointsTest, MissingOptionalValuesAreNull) {
  auto record = sampleRecord();
  record.inventory.hardware.serial.reset();
  record.inventory.system.os_name.reset();
  store(record);
  const auto item = parseJson(get("/api/v1/assets")).at("items").at(0);
  EXPECT_TRUE(item.at("serial").is_null());
  EXPECT_TRUE(item.at("os_name").is_null());
}

TEST_F(AssetEndpointsTest, PagesThroughAssetsInHostnameOrder) {
  const char* names[] = {"kilo", "alpha", "india", "bravo", "hotel"};
  for (int i = 0; i < 5; ++i) storeNamed(i, names[i]);

  const auto first = parseJson(get("/api/v1/assets?page=1&per_page=2"));
  EXPECT_EQ(first.at("page").to_number<int>(), 1);
  EXPECT_EQ(first.at("per_page").to_number<int>(), 2);
  EXPECT_EQ(first.at("total").to_number<int>(), 5);
  EXPECT_EQ(listedHostnames("/api/v1/assets?page=1&per_page=2"),
            (std::vector<std::string>{"alpha", "bravo"}));
  EXPECT_EQ(listedHostnames("/api/v1/assets?per_page=2&page=3"),
            (std::vector<std::string>{"kilo"}));
  EXPECT_TRUE(listedHostnames("/api/v1/assets?per_page=2&page=4").empty());
}

TEST_F(AssetEndpointsTest, BadPagingIs400NamingTheParameter) {
  for (const char* query : {"per_page=0", "per_page=501", "per_page=abc", "page=0", "page=-1",
                            "page=1.5", "page=", "per_page=99999999999999999999", "page=%zz"}) {
    const auto response = get(std::string("/api/v1/assets?") + query);
    EXPECT_EQ(response.status, 400) << query;
    EXPECT_EQ(errorCode(response), "invalid_query") << query;
    const std::string name = std::string(query).substr(0, std::string(query).find('='));
    EXPECT_EQ(errorMessage(response).rfind(name, 0), 0u) << errorMessage(response);
  }
  EXPECT_EQ(get("/api/v1/assets?per_page=500").status, 200);
  EXPECT_EQ(get("/api/v1/assets?per_page=1").status, 200);
}

TEST_F(AssetEndpointsTest, SearchFiltersByHostnameSerialOrIp) {
  store(sampleRecord(kAssetA, "event-1"));
  storeNamed(1, "db-server");
  EXPECT_EQ(listedHostnames("/api/v1/assets?q=DB-"), (std::vector<std::string>{"db-server"}));
  EXPECT_EQ(listedHostnames("/api/v1/assets?q=5CG342"), (std::vector<std::string>{"ws-0042"}));
  EXPECT_EQ(listedHostnames("/api/v1/assets?q=192.0.2.1"), (std::vector<std::string>{"ws-0042"}));
  EXPECT_EQ(listedHostnames("/api/v1/assets?q=ws%2D0042"), (std::vector<std::string>{"ws-0042"}));
  const auto none = parseJson(get("/api/v1/assets?q=printer"));
  EXPECT_EQ(none.at("total").to_number<int>(), 0);
  EXPECT_EQ(get("/api/v1/assets?q=" + std::string(201, 'a')).status, 400);
}

TEST_F(AssetEndpointsTest, DetailHasIdentityIdentifiersAndTheFullInventory) {
  const auto record = sampleRecord();
  store(record);
  const auto response = get(std::string("/api/v1/assets/") + kAssetA);
  ASSERT_EQ(response.status, 200) << response.body;
  const auto detail = parseJson(response);
  EXPECT_EQ(detail.at("asset_id").as_string(), kAssetA);
  EXPECT_EQ(detail.at("collector_id").as_string(), record.collector_id);
  EXPECT_EQ(detail.at("first_seen").as_string(), "2026-11-25T16:00:00.000Z");
  EXPECT_EQ(detail.at("last_seen").as_string(), "2026-11-25T16:30:00.000Z");
  EXPECT_EQ(detail.at("updated_at").as_string(), "2026-11-25T16:30:00.000Z");
  EXPECT_EQ(detail.at("identifiers"),
            (json::array{json::object{{"kind", "serial"}, {"value", "dell inc.|5CG3421XYZ"}},
                         json::object{{"kind", "mac"}, {"value", "8c:04:ba:12:34:56"}}}));
  // The inventory is exactly what the wire codec makes of it: decoding gives it back.
  const auto inventory = wire::decodeInventory(json::serialize(detail.at("inventory")));
  ASSERT_TRUE(inventory) << inventory.error().message;
  EXPECT_EQ(*inventory, record.inventory);
}

TEST_F(AssetEndpointsTest, DetailOfUnknownIs404AndOfMalformedIdIs400) {
  const auto unknown = get(std::string("/api/v1/assets/") + kAssetB);
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(errorCode(unknown), "not_found");
  const auto malformed = get("/api/v1/assets/not-a-uuid");
  EXPECT_EQ(malformed.status, 400);
  EXPECT_EQ(errorCode(malformed), "invalid_id");
  EXPECT_EQ(get(std::string("/api/v1/assets/") + kAssetA + "/extra").status, 404);
}

}  // namespace
}  // namespace steward::server::testing
