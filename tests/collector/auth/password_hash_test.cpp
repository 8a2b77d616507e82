#include "collector/auth/password_hash.h"

#include <gtest/gtest.h>

namespace steward::collector::auth {
namespace {

constexpr int kFast = 10000;  // the minimum accepted, to keep the tests quick

TEST(PasswordHashTest, HashVerifiesItsPasswordOnly) {
  const std::string hash = hashPassword("correct horse", kFast);
  EXPECT_TRUE(validatePasswordHash(hash));
  EXPECT_TRUE(verifyPassword("correct horse", hash));
  EXPECT_FALSE(verifyPassword("correct hors", hash));
  EXPECT_FALSE(verifyPassword("", hash));
}

TEST(PasswordHashTest, SaltMakesEveryHashDifferent) {
  EXPECT_NE(hashPassword("same", kFast), hashPassword("same", kFast));
}

TEST(PasswordHashTest, DefaultHashHasTheDocumentedShape) {
  const std::string hash = hashPassword("pw");
  EXPECT_EQ(hash.rfind("pbkdf2-sha256$200000$", 0), 0u) << hash;
}

TEST(PasswordHashTest, MalformedHashesAreRejectedAndVerifyNothing) {
  const std::string good = hashPassword("pw", kFast);
  for (const std::string& bad :
       {std::string(""), std::string("pw"), std::string("sha256$10000$00$00"),
        std::string("pbkdf2-sha256$10$0011223344556677$") + std::string(64, 'a'),
        std::string("pbkdf2-sha256$x$0011223344556677$") + std::string(64, 'a'),
        std::string("pbkdf2-sha256$10000$0011223344556677$abc"),
        std::string("pbkdf2-sha256$10000$zz11223344556677$") + std::string(64, 'a'),
        std::string("pbkdf2-sha256$10000$0011223344556677$") + std::string(64, 'A'),
        good + "$extra"}) {
    EXPECT_FALSE(validatePasswordHash(bad)) << bad;
    EXPECT_FALSE(verifyPassword("pw", bad)) << bad;
  }
}

}  // namespace
}  // namespace steward::collector::auth
