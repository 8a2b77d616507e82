#include "server/auth/user_command.h"

#include <gtest/gtest.h>

#include <sstream>

#include "server/auth/password_hasher.h"
#include "server/auth/sqlite_user_repository.h"
#include "tests/support/temp_dir.h"

namespace steward::server::auth {
namespace {

class UserCommandTest : public ::testing::Test {
 protected:
  int run(std::vector<std::string> args, const std::string& input = "") {
    args.insert(args.end(), {"--config", "unused.conf"});
    auto cli = parseCommandLine(args);
    EXPECT_TRUE(cli) << cli.error().message;
    std::istringstream in(input);
    out_.str("");
    err_.str("");
    return runUserCommand(*cli, dir_.file("server.db"), in, out_, err_);
  }
  std::optional<LoginRecord> record(const std::string& name) {
    auto users = SqliteUserRepository::open(dir_.file("server.db"));
    EXPECT_TRUE(users);
    auto found = (*users)->findForLogin(name);
    EXPECT_TRUE(found);
    return *found;
  }

  steward::testing::TempDir dir_;
  std::ostringstream out_, err_;
};

TEST_F(UserCommandTest, PasswordFromStdinIsStoredOnlyAsItsHash) {
  ASSERT_EQ(run({"user", "add", "--name", "admin", "--role", "admin", "--password-stdin"},
                "my own long password\n"),
            0)
      << err_.str();
  EXPECT_EQ(out_.str(), "") << "nothing secret is printed";
  auto admin = record("admin");
  ASSERT_TRUE(admin);
  EXPECT_EQ(admin->user.role, Role::Admin);
  EXPECT_EQ(admin->password_hash.find("my own"), std::string::npos);
  EXPECT_TRUE(verifyPassword("my own long password", admin->password_hash));
}

TEST_F(UserCommandTest, RefusalsCreateNothing) {
  EXPECT_EQ(run({"user", "add", "--name", "a", "--role", "admin", "--password-stdin"}, "short\n"),
            1);
  EXPECT_NE(err_.str().find("at least 12"), std::string::npos) << err_.str();
  EXPECT_EQ(run({"user", "add", "--name", "bad name", "--role", "admin"}), 1);
  EXPECT_EQ(run({"user", "add", "--name", "a", "--role", "superuser"}), 1);
  EXPECT_FALSE(record("a"));
  EXPECT_FALSE(record("bad name"));
}

TEST_F(UserCommandTest, GeneratedPasswordIsPrintedOnceAndWorks) {
  ASSERT_EQ(run({"user", "add", "--name", "tech", "--role", "technician"}), 0) << err_.str();
  std::string password = out_.str();
  password.erase(password.find_last_not_of('\n') + 1);
  EXPECT_EQ(password.size(), 24u);
  auto tech = record("tech");
  ASSERT_TRUE(tech);
  EXPECT_TRUE(verifyPassword(password, tech->password_hash));
}

}  // namespace
}  // namespace steward::server::auth
