#include "collector/snmp/traps/trap_stats_endpoint.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace steward::collector::snmp::traps {
namespace {

http::HttpRequest get(const std::string& target, const std::string& method = "GET") {
  http::HttpRequest r;
  r.method = method;
  r.target = target;
  return r;
}

TEST(TrapStatsEndpointTest, CountersAsJson) {
  TrapStats stats;
  stats.countReceived();
  stats.countReceived();
  stats.countReceived();
  stats.countStored(true);
  stats.countDropped(DropReason::UnknownCommunity);
  stats.countDropped(DropReason::BadAuthentication);
  auto r = trapStatsResponse(get("/api/v1/traps/stats"), &stats);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  auto doc = boost::json::parse(r->body).as_object();
  EXPECT_EQ(doc.at("enabled").as_bool(), true);
  EXPECT_EQ(doc.at("received").to_number<std::uint64_t>(), 3u);
  EXPECT_EQ(doc.at("stored").to_number<std::uint64_t>(), 1u);
  EXPECT_EQ(doc.at("matched_to_asset").to_number<std::uint64_t>(), 1u);
  const auto& dropped = doc.at("dropped").as_object();
  EXPECT_EQ(dropped.at("total").to_number<std::uint64_t>(), 2u);
  EXPECT_EQ(dropped.at("unknown_community").to_number<std::uint64_t>(), 1u);
  EXPECT_EQ(dropped.at("bad_authentication").to_number<std::uint64_t>(), 1u);
  EXPECT_EQ(dropped.at("malformed").to_number<std::uint64_t>(), 0u);
  EXPECT_EQ(stats.summary(),
            "received=3 stored=1 matched=1 dropped=2 (unknown_community=1 bad_authentication=1)");
}

TEST(TrapStatsEndpointTest, DisabledReceiverSaysSo) {
  auto r = trapStatsResponse(get("/api/v1/traps/stats"), nullptr);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->body, R"({"enabled":false})");
}

TEST(TrapStatsEndpointTest, OtherPathsAreNotOursAndWritesAreRefused) {
  TrapStats stats;
  EXPECT_FALSE(trapStatsResponse(get("/healthz"), &stats));
  auto post = trapStatsResponse(get("/api/v1/traps/stats", "POST"), &stats);
  ASSERT_TRUE(post);
  EXPECT_EQ(post->status, 405);
}

}  // namespace
}  // namespace steward::collector::snmp::traps
