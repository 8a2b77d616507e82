#include "agent/agent_identity.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>

#include "shared/common/id.h"
#include "tests/support/fake_clock.h"
#include "tests/support/temp_dir.h"

namespace steward::agent {
namespace {

using steward::testing::FakeClock;
using steward::testing::readFile;
using steward::testing::TempDir;

unsigned modeOf(const std::string& path) {
  struct stat st {};
  EXPECT_EQ(::stat(path.c_str(), &st), 0) << path;
  return st.st_mode & 07777;
}

TEST(AgentIdentityTest, FirstRunCreatesPrivateIdFile) {
  TempDir dir;
  FakeClock clock;
  const std::string state = dir.file("state/nested");
  auto id = loadOrCreateAgentId(state, clock);
  ASSERT_TRUE(id) << id.error().message;
  EXPECT_TRUE(isUuid(*id));
  EXPECT_EQ(readFile(state + "/agent_id"), *id + "\n");
  EXPECT_EQ(modeOf(state + "/agent_id"), 0600u);
  EXPECT_EQ(modeOf(state), 0700u);
  EXPECT_FALSE(std::filesystem::exists(state + "/agent_id.tmp"));
}

TEST(AgentIdentityTest, LaterRunsReuseTheId) {
  TempDir dir;
  FakeClock clock;
  auto first = loadOrCreateAgentId(dir.file("state"), clock);
  clock.advance(std::chrono::hours(24));
  auto second = loadOrCreateAgentId(dir.file("state"), clock);
  ASSERT_TRUE(first);
  ASSERT_TRUE(second);
  EXPECT_EQ(*first, *second);
}

TEST(AgentIdentityTest, NewStateDirectoryIsANewAgent) {
  TempDir dir;
  FakeClock clock;
  auto first = loadOrCreateAgentId(dir.file("one"), clock);
  auto second = loadOrCreateAgentId(dir.file("two"), clock);
  ASSERT_TRUE(first && second);
  EXPECT_NE(*first, *second);
}

TEST(AgentIdentityTest, CorruptIdFileIsAnErrorAndLeftAlone) {
  TempDir dir;
  FakeClock clock;
  const std::string path = dir.write("state/agent_id", "not-a-uuid\n");
  auto id = loadOrCreateAgentId(dir.file("state"), clock);
  ASSERT_FALSE(id);
  EXPECT_EQ(id.error().code, "state_corrupt");
  EXPECT_NE(id.error().message.find(path), std::string::npos);
  EXPECT_EQ(readFile(path), "not-a-uuid\n");
}

TEST(AgentIdentityTest, UnwritableStateDirectoryIsAnError) {
  TempDir dir;
  FakeClock clock;
  dir.write("blocker", "a file where the directory should be");
  auto id = loadOrCreateAgentId(dir.file("blocker/state"), clock);
  ASSERT_FALSE(id);
  EXPECT_EQ(id.error().code, "state_unwritable");
}

}  // namespace
}  // namespace steward::agent
