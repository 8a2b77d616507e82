#include "shared/common/clock.h"

#include <gtest/gtest.h>

namespace steward {
namespace {

TEST(Rfc3339Test, FormatsUtcWithMilliseconds) {
  const Clock::WallTime t{std::chrono::milliseconds(1'795'624'404'123LL)};
  EXPECT_EQ(formatRfc3339(t), "2026-11-25T16:33:24.123Z");
}

TEST(Rfc3339Test, ParseInvertsFormat) {
  const Clock::WallTime t{std::chrono::milliseconds(1'795'624'404'007LL)};
  auto parsed = parseRfc3339(formatRfc3339(t));
  ASSERT_TRUE(parsed);
  EXPECT_EQ(*parsed, t);
}

TEST(Rfc3339Test, AcceptsWholeSecondsAndLongFractions) {
  auto whole = parseRfc3339("2026-11-25T16:33:24Z");
  ASSERT_TRUE(whole);
  auto fine = parseRfc3339("2026-11-25T16:33:24.123456Z");
  ASSERT_TRUE(fine);
  EXPECT_EQ(*fine - *whole, std::chrono::milliseconds(123));
}

TEST(Rfc3339Test, RejectsLocalTimesAndGarbage) {
  for (const char* bad : {"", "yesterday", "2026-11-25 16:33:24Z", "2026-11-25T16:33:24+01:00",
                          "2026-13-25T16:33:24Z", "2026-11-25T16:33:24.Z", "2026-11-25T16:33:24"}) {
    EXPECT_FALSE(parseRfc3339(bad)) << bad;
  }
}

}  // namespace
}  // namespace steward
