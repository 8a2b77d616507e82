#include "server/auth/password_hasher.h"

#include <gtest/gtest.h>

#include <set>

namespace steward::server::auth {
namespace {

TEST(PasswordHasherTest, HashIsSaltedSlowAndVerifiesOnlyThePassword) {
  const std::string a = hashPassword("correct horse battery");
  const std::string b = hashPassword("correct horse battery", 1000);
  EXPECT_NE(a.substr(a.rfind('$')), b.substr(b.rfind('$'))) << "a fresh salt each time";
  EXPECT_NE(hashPassword("same", 1000), hashPassword("same", 1000));
  EXPECT_TRUE(a.starts_with("pbkdf2-sha256$" + std::to_string(kPbkdf2Iterations) + "$"));
  EXPECT_GE(kPbkdf2Iterations, 200'000);
  EXPECT_EQ(a.find("correct"), std::string::npos);
  EXPECT_TRUE(verifyPassword("correct horse battery", a));
  EXPECT_TRUE(verifyPassword("correct horse battery", b));
  EXPECT_FALSE(verifyPassword("correct horse batterY", a));
  EXPECT_FALSE(verifyPassword("", b));
}

TEST(PasswordHasherTest, MalformedStoredValuesNeverVerify) {
  const std::string good = hashPassword("x", 1000);
  ASSERT_TRUE(verifyPassword("x", good));
  for (const std::string& bad : std::vector<std::string>{
           std::string(), std::string("x"), std::string("no-password"),
           "md5$1000$" + good.substr(good.find('$', 14) + 1), good.substr(0, good.size() - 2),
           std::string("pbkdf2-sha256$0$00$00"), std::string("pbkdf2-sha256$99999999999$00$00"),
           std::string("pbkdf2-sha256$1000$zz$") + std::string(64, '0')}) {
    EXPECT_FALSE(verifyPassword("x", bad)) << bad;
  }
}

TEST(PasswordHasherTest, GeneratedSecretsAreLongAndDistinct) {
  std::set<std::string> seen;
  for (int i = 0; i < 50; ++i) {
    const std::string password = generatePassword();
    EXPECT_EQ(password.size(), 24u);
    EXPECT_EQ(passwordProblem(password), "");
    seen.insert(password);
  }
  EXPECT_EQ(seen.size(), 50u);
  EXPECT_EQ(randomHex(32).size(), 64u);
}

TEST(PasswordHasherTest, LengthIsTheOnlyRule) {
  EXPECT_NE(passwordProblem("elevenchars"), "");
  EXPECT_EQ(passwordProblem("twelve chars"), "");
  EXPECT_NE(passwordProblem(std::string(1025, 'a')), "");
  EXPECT_NE(passwordProblem(std::string("twelve\0chars", 12)), "");
}

}  // namespace
}  // namespace steward::server::auth
