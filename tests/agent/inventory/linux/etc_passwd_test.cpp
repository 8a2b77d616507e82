#include "agent/inventory/linux/etc_passwd.h"

#include <gtest/gtest.h>

#include "agent/inventory/linux/readers.h"
#include "tests/agent/fake_fs_root.h"
#include "tests/support/temp_dir.h"

namespace steward::agent {
namespace {

std::vector<std::string> names(const std::vector<wire::LocalUser>& users) {
  std::vector<std::string> out;
  for (const auto& u : users) out.push_back(u.name + "=" + std::to_string(u.uid));
  return out;
}

TEST(EtcPasswdParserTest, RootAndPeopleOnlyNeverThePassword) {
  const auto users = parseEtcPasswd(
      "root:$6$secrethash:0:0:root:/root:/bin/bash\n"
      "daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n"
      "nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n"
      "jdoe:x:1000:1000:Jane Doe,Room 4,,:/home/jdoe:/bin/zsh\n"
      "ldapuser:x:200000:100::/home/ldapuser:\n");
  EXPECT_EQ(names(users), (std::vector<std::string>{"root=0", "jdoe=1000", "ldapuser=200000"}));
  EXPECT_EQ(users[1], (wire::LocalUser{"jdoe", 1000, "Jane Doe", "/home/jdoe", "/bin/zsh"}));
  EXPECT_FALSE(users[2].full_name);
  EXPECT_FALSE(users[2].shell);
  for (const auto& u : users) {
    EXPECT_EQ(u.full_name.value_or("").find("secrethash"), std::string::npos);
  }
}

TEST(EtcPasswdParserTest, GarbageTruncatedAndNisLinesAreSkipped) {
  EXPECT_EQ(names(parseEtcPasswd("# comment\n+::::::\n-baduser:::::\n:x:1000:1000::/h:/s\n"
                                 "short:x:1000\nnan:x:abc:1::/h:/s\nbig:x:99999999999:1::/h:/s\n"
                                 "cut:x:1002:1002:Cut Off:/home/c")),
            std::vector<std::string>{});
  EXPECT_TRUE(parseEtcPasswd("").empty());
  EXPECT_TRUE(parseEtcPasswd(std::string("\0\xff:\n", 4)).empty());
}

TEST(LocalUsersReaderTest, WorkstationAndDenied) {
  const std::string root = steward::testing::fixturesDir() + "/linux/workstation";
  EXPECT_EQ(names(readLocalUsers(FsRoot(root))),
            (std::vector<std::string>{"root=0", "mschulz=1000", "svc-backup=1001"}));
  testing::FakeFsRoot denied(root);
  denied.deny("/etc/passwd");
  EXPECT_TRUE(readLocalUsers(denied).empty());
}

}  // namespace
}  // namespace steward::agent
