// The gate's streaming read of a report's agent_id must claim exactly what the
// decoder would read, or a report could pass the gate as one agent and be stored
// as another.

#include "collector/auth/claimed_agent_id.h"

#include <gtest/gtest.h>

namespace steward::collector::auth {
namespace {

TEST(ClaimedAgentIdTest, ReadsTheTopLevelAgentIdWhereverItStands) {
  EXPECT_EQ(claimedAgentId(R"({"agent_id":"a-1","report_id":"r"})"), "a-1");
  EXPECT_EQ(claimedAgentId(R"({"report_id":"r","packages":[{"agent_id":"inner"}],)"
                           R"("system":{"agent_id":"nested"},"agent_id":"a-2"})"),
            "a-2");
}

TEST(ClaimedAgentIdTest, NestedAgentIdsClaimNothing) {
  EXPECT_EQ(claimedAgentId(R"({"system":{"agent_id":"nested"},"x":[{"agent_id":"y"}]})"), "");
}

TEST(ClaimedAgentIdTest, TheLastOfRepeatedKeysCountsAsTheDecoderKeepsIt) {
  EXPECT_EQ(claimedAgentId(R"({"agent_id":"first","agent_id":"second"})"), "second");
  EXPECT_EQ(claimedAgentId(R"({"agent_id":"first","agent_id":7})"), "");
  EXPECT_EQ(claimedAgentId(R"({"agent_id":{"a":1},"agent_id":"last"})"), "last");
}

TEST(ClaimedAgentIdTest, EscapedStringsAreDecoded) {
  EXPECT_EQ(claimedAgentId(R"({"agent\u005fid":"a\u002d1"})"), "a-1");
}

TEST(ClaimedAgentIdTest, AnythingButAWellFormedObjectWithAStringIdClaimsNothing) {
  EXPECT_EQ(claimedAgentId(""), "");
  EXPECT_EQ(claimedAgentId("not json"), "");
  EXPECT_EQ(claimedAgentId(R"({"agent_id":"a-1")"), "");           // truncated
  EXPECT_EQ(claimedAgentId(R"({"agent_id":"a-1"} trailing)"), "");  // trailing garbage
  EXPECT_EQ(claimedAgentId(R"(["agent_id","a-1"])"), "");
  EXPECT_EQ(claimedAgentId(R"("a-1")"), "");
  EXPECT_EQ(claimedAgentId(R"({"agent_id":null})"), "");
  EXPECT_EQ(claimedAgentId(R"({"agent_id":["a-1"]})"), "");
  EXPECT_EQ(claimedAgentId(R"({"report_id":"r"})"), "");
}

TEST(ClaimedAgentIdTest, ALongIdSplitAcrossBufferPartsIsWhole) {
  const std::string id(5000, 'x');
  EXPECT_EQ(claimedAgentId(R"({"agent_id":")" + id + R"("})"), id);
}

}  // namespace
}  // namespace steward::collector::auth
