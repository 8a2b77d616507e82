#include "shared/common/id.h"

#include <gtest/gtest.h>

#include <set>

#include "tests/support/fake_clock.h"

namespace steward {
namespace {

TEST(UuidV7Test, CanonicalFormWithVersionAndVariant) {
  testing::FakeClock clock;
  const std::string id = newUuidV7(clock);
  EXPECT_TRUE(isUuid(id)) << id;
  EXPECT_EQ(id[14], '7');
  EXPECT_TRUE(id[19] == '8' || id[19] == '9' || id[19] == 'a' || id[19] == 'b') << id;
}

TEST(UuidV7Test, SortsByCreationTimeAndNeverRepeats) {
  testing::FakeClock clock;
  std::set<std::string> seen;
  std::string previous;
  for (int i = 0; i < 1000; ++i) {
    clock.advance(std::chrono::milliseconds(1));
    const std::string id = newUuidV7(clock);
    EXPECT_TRUE(seen.insert(id).second);
    EXPECT_LT(previous, id);
    previous = id;
  }
}

TEST(UuidV7Test, IsUuidRejectsNearMisses) {
  EXPECT_FALSE(isUuid(""));
  EXPECT_FALSE(isUuid("0193a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2"));
  EXPECT_FALSE(isUuid("0193a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2g"));
  EXPECT_FALSE(isUuid("0193a1b2c-3d4-7e5f-8a6b-7c8d9e0f1a2b"));
  EXPECT_TRUE(isUuid("0193A1B2-C3D4-7E5F-8A6B-7C8D9E0F1A2B"));
}

}  // namespace
}  // namespace steward
