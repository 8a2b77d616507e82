#include "shared/common/glob.h"

#include <gtest/gtest.h>

#include <string>

namespace steward {
namespace {

TEST(GlobTest, StarAndQuestionMark) {
  EXPECT_TRUE(globMatch("db-*", "db-01"));
  EXPECT_TRUE(globMatch("db-*", "db-"));
  EXPECT_FALSE(globMatch("db-*", "xdb-01"));
  EXPECT_TRUE(globMatch("web-?", "web-1"));
  EXPECT_FALSE(globMatch("web-?", "web-10"));
  EXPECT_TRUE(globMatch("*", ""));
  EXPECT_TRUE(globMatch("*a*b*c", "xxaxxbxxc"));
  EXPECT_FALSE(globMatch("*a*b*c", "xxaxxbxx"));
}

TEST(GlobTest, OtherCharactersAreLiteral) {
  EXPECT_TRUE(globMatch("[ab]", "[ab]"));
  EXPECT_FALSE(globMatch("[ab]", "a"));
  EXPECT_TRUE(globMatch("x'; DROP TABLE t;--", "x'; DROP TABLE t;--"));
}

TEST(GlobTest, CaseFoldingOnlyWhenAsked) {
  EXPECT_FALSE(globMatch("DB-*", "db-01"));
  EXPECT_TRUE(globMatch("DB-*", "db-01", GlobCase::Insensitive));
  EXPECT_TRUE(globMatch("debian*", "Debian GNU/Linux 12", GlobCase::Insensitive));
}

TEST(GlobTest, ManyStarsOnALongTextFinish) {
  const std::string pattern(200, '*');
  const std::string text(5000, 'a');
  EXPECT_TRUE(globMatch(pattern + "b", text + "b"));
  EXPECT_FALSE(globMatch(pattern + "b", text));
}

}  // namespace
}  // namespace steward
