// The wtmp scanner on records built here byte by byte (glibc x86_64 struct utmp),
// and the last-login reader on the workstation fixture (make_wtmp.py; `last -F -f`
// on it shows mschulz from laptop-17.corp.example at 16:20 and root on tty1).

#include "agent/inventory/linux/wtmp.h"

#include <gtest/gtest.h>

#include <cstring>

#include "agent/inventory/linux/readers.h"
#include "tests/agent/fake_fs_root.h"
#include "tests/agent/log_capture.h"
#include "tests/support/temp_dir.h"

namespace steward::agent {
namespace {

using steward::testing::fixturesDir;
using steward::testing::TempDir;
using testing::FakeFsRoot;
using testing::LogCapture;

std::string utmp(std::int16_t type, const std::string& user, const std::string& host,
                 std::int32_t seconds) {
  std::string r(kUtmpRecordBytes, '\0');
  std::memcpy(r.data(), &type, sizeof type);
  std::memcpy(r.data() + 44, user.data(), std::min<std::size_t>(user.size(), 32));
  std::memcpy(r.data() + 76, host.data(), std::min<std::size_t>(host.size(), 256));
  std::memcpy(r.data() + 340, &seconds, sizeof seconds);
  return r;
}

TEST(WtmpScannerTest, KeepsTheLatestUserProcessPerUser) {
  WtmpScanner scanner;
  scanner.feed(utmp(2, "reboot", "6.1.0", 100) + utmp(7, "ann", "192.0.2.1", 200) +
               utmp(8, "", "", 300) + utmp(7, "ann", "", 400) + utmp(6, "LOGIN", "", 500) +
               utmp(7, "bob", "host.example", 350));
  EXPECT_EQ(scanner.records(), 6u);
  EXPECT_EQ(scanner.trailingBytes(), 0u);
  const auto& last = scanner.lastLogins();
  ASSERT_EQ(last.size(), 2u);
  EXPECT_EQ(last.at("ann"), (LastLogin{400, std::nullopt}));  // console: no host
  EXPECT_EQ(last.at("bob"), (LastLogin{350, "host.example"}));
}

TEST(WtmpScannerTest, AnyChunkingGivesTheSameResult) {
  const std::string bytes = utmp(7, "ann", "a.example", 10) + utmp(7, "bob", "b.example", 20) +
                            utmp(7, "ann", "c.example", 30);
  WtmpScanner whole;
  whole.feed(bytes);
  for (const std::size_t step : {1u, 7u, 383u, 384u, 385u, 1000u}) {
    WtmpScanner pieces;
    for (std::size_t at = 0; at < bytes.size(); at += step) pieces.feed(bytes.substr(at, step));
    EXPECT_EQ(pieces.lastLogins(), whole.lastLogins()) << step;
    EXPECT_EQ(pieces.records(), 3u) << step;
  }
}

TEST(WtmpScannerTest, TruncatedTailIsIgnoredAndCounted) {
  WtmpScanner scanner;
  const std::string last = utmp(7, "ann", "late.example", 99);
  scanner.feed(utmp(7, "ann", "early.example", 10) + last.substr(0, 200));
  EXPECT_EQ(scanner.trailingBytes(), 200u);
  EXPECT_EQ(scanner.lastLogins().at("ann").host, "early.example");
}

TEST(WtmpScannerTest, HostileRecordsAreSkipped) {
  WtmpScanner scanner({"ann", "bob"});
  std::string full_host(256, 'h');  // no NUL: the field ends at its size
  scanner.feed(utmp(7, "ann", full_host, 10) + utmp(7, "bob", "x", -5) +
               utmp(7, "b\x01ob", "y", 20) + utmp(7, "eve", "z", 30) +
               utmp(7, "bob", "bad\xff host", 40) + std::string(kUtmpRecordBytes, '\xff'));
  const auto& last = scanner.lastLogins();
  ASSERT_EQ(last.size(), 2u);
  EXPECT_EQ(last.at("ann").host, full_host);
  EXPECT_EQ(last.at("bob"), (LastLogin{40, std::nullopt}));  // non-ASCII host left out
}

TEST(LastLoginsReaderTest, WorkstationFixture) {
  FsRoot fs(fixturesDir() + "/linux/workstation");
  auto users = readLocalUsers(fs);
  addLastLogins(fs, users);
  ASSERT_EQ(users.size(), 3u);
  EXPECT_EQ(users[0].name, "root");
  EXPECT_EQ(users[0].last_login, "2025-12-01T08:01:05Z");
  EXPECT_FALSE(users[0].last_login_from);
  EXPECT_EQ(users[1].name, "mschulz");
  EXPECT_EQ(users[1].last_login, "2025-12-01T16:20:00Z");
  EXPECT_EQ(users[1].last_login_from, "laptop-17.corp.example");
  EXPECT_EQ(users[2].name, "svc-backup");  // never logged in
  EXPECT_FALSE(users[2].last_login);
}

TEST(LastLoginsReaderTest, MissingDeniedAndTruncatedWtmp) {
  const std::vector<wire::LocalUser> accounts = {{"ann", 1000, {}, {}, {}}};
  {
    TempDir dir;
    FsRoot fs(dir.path());
    auto users = accounts;
    addLastLogins(fs, users);  // no wtmp: containers, minimal images
    EXPECT_FALSE(users[0].last_login);
  }
  {
    FakeFsRoot fs(fixturesDir() + "/linux/workstation");
    fs.deny("/var/log/wtmp");
    auto users = readLocalUsers(fs);
    LogCapture log;
    addLastLogins(fs, users);
    for (const auto& u : users) EXPECT_FALSE(u.last_login) << u.name;
    EXPECT_TRUE(log.contains({"/var/log/wtmp", "permission_denied", "last logins left out"}));
  }
  {
    TempDir dir;
    dir.write("var/log/wtmp", utmp(7, "ann", "h.example", 1'764'576'000) + "garbage tail");
    FsRoot fs(dir.path());
    auto users = accounts;
    LogCapture log;
    addLastLogins(fs, users);
    EXPECT_EQ(users[0].last_login, "2025-12-01T08:00:00Z");
    EXPECT_TRUE(log.contains({"ignored 12 bytes after the last whole 384-byte record"}));
  }
}

}  // namespace
}  // namespace steward::agent
