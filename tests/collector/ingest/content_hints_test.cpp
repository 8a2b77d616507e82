// The in-memory hint of each agent's stored content hash.

#include "collector/ingest/content_hints.h"

#include <gtest/gtest.h>

#include <string>

namespace steward::collector::ingest {
namespace {

const std::string kHashA(64, 'a');
const std::string kOther = "b" + std::string(63, 'a');

TEST(ContentHintsTest, KnowsOnlyWhatItWasTold) {
  ContentHints hints;
  EXPECT_FALSE(hints.matches("agent-1", kHashA).has_value()) << "unknown agents ask the database";
  hints.remember("agent-1", kHashA);
  EXPECT_EQ(hints.matches("agent-1", kHashA), true);
  EXPECT_EQ(hints.matches("agent-1", kOther), false);
  EXPECT_FALSE(hints.matches("agent-2", kHashA).has_value());
  hints.forget("agent-1");
  EXPECT_FALSE(hints.matches("agent-1", kHashA).has_value());
}

TEST(ContentHintsTest, ANewHashReplacesTheOld) {
  ContentHints hints;
  hints.remember("agent-1", kHashA);
  hints.remember("agent-1", kOther);
  EXPECT_EQ(hints.matches("agent-1", kOther), true);
  EXPECT_EQ(hints.matches("agent-1", kHashA), false);
}

TEST(ContentHintsTest, AFullMemoryStartsAgainRatherThanGrowing) {
  ContentHints hints(2);
  hints.remember("agent-1", kHashA);
  hints.remember("agent-2", kHashA);
  hints.remember("agent-2", kOther);  // known agents are updated in place
  EXPECT_EQ(hints.matches("agent-1", kHashA), true);
  hints.remember("agent-3", kHashA);
  EXPECT_FALSE(hints.matches("agent-1", kHashA).has_value());
  EXPECT_EQ(hints.matches("agent-3", kHashA), true);
}

}  // namespace
}  // namespace steward::collector::ingest
