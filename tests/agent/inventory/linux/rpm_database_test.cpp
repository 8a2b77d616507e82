// The RPM database reader on tests/fixtures/linux/rpm/host (the Packages table of a
// database Debian's rpm 4.18 wrote, make_rpmdb.sh --minimal), on a full database
// generated here with rpmbuild + rpm when they are installed (compared with what
// `rpm -qa` prints), and on broken, denied and unsupported databases.

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "agent/inventory/linux/readers.h"
#include "shared/common/clock.h"
#include "tests/agent/fake_fs_root.h"
#include "tests/agent/log_capture.h"
#include "tests/support/temp_dir.h"

namespace steward::agent {
namespace {

namespace fs = std::filesystem;
using steward::testing::fixturesDir;
using steward::testing::readFile;
using steward::testing::TempDir;
using testing::FakeFsRoot;
using testing::LogCapture;

const std::string kFixture = fixturesDir() + "/linux/rpm/host";
const std::string kFixtureDb = kFixture + "/var/lib/rpm/rpmdb.sqlite";

// Runs a shell command, returning its stdout; nullopt when it fails.
std::optional<std::string> run(const std::string& command) {
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return std::nullopt;
  std::string out;
  char buffer[4096];
  while (std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe)) out.append(buffer, n);
  if (::pclose(pipe) != 0) return std::nullopt;
  return out;
}

// Executes SQL on a database file (test setup only).
void sql(const std::string& path, const std::string& statements) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  char* error = nullptr;
  const int rc = sqlite3_exec(db, statements.c_str(), nullptr, nullptr, &error);
  EXPECT_EQ(rc, SQLITE_OK) << (error ? error : "");
  sqlite3_free(error);
  sqlite3_close(db);
}

TEST(RpmDatabaseReaderTest, FixtureWrittenByRpm) {
  FsRoot root(kFixture);
  const auto packages = readRpmPackages(root);
  ASSERT_EQ(packages.size(), 3u);
  EXPECT_EQ(packages[0].name, "openssl-libs");
  EXPECT_EQ(packages[0].version, "1:3.0.7-27.el9");
  EXPECT_EQ(packages[0].architecture, "x86_64");
  EXPECT_EQ(packages[0].source, "rpm");
  EXPECT_EQ(packages[0].vendor, "Red Hat, Inc.");
  EXPECT_EQ(packages[0].installed_at, "2026-12-01T14:18:44Z");
  EXPECT_EQ(packages[1].name, "bash");
  EXPECT_EQ(packages[1].version, "5.1.8-9.el9");
  EXPECT_EQ(packages[1].vendor, "Rocky Enterprise Software Foundation");
  EXPECT_EQ(packages[2].name, "tzdata");
  EXPECT_EQ(packages[2].architecture, "noarch");
  EXPECT_EQ(packages[2].vendor, "Fedora Project");  // no Vendor: the Packager
}

TEST(RpmDatabaseReaderTest, FullDatabaseMatchesRpmQuery) {
  if (!run("command -v rpmbuild && command -v rpm && command -v sqlite3")) {
    GTEST_SKIP() << "rpm, rpmbuild or sqlite3 not installed (test_packages in install-deps.sh)";
  }
  TempDir dir;
  ASSERT_TRUE(run(fixturesDir() + "/linux/rpm/make_rpmdb.sh '" + dir.path().string() + "'"));
  const std::string db_dir = dir.path().string() + "/var/lib/rpm";
  auto expected = run("rpm --dbpath '" + db_dir +
                      "' -qa --qf '%{NAME} %{EVR} %{ARCH} %{INSTALLTIME}\\n' | LC_ALL=C sort");
  ASSERT_TRUE(expected);
  const auto db_before = readFile(db_dir + "/rpmdb.sqlite");

  FsRoot root(dir.path());
  const auto packages = readRpmPackages(root);
  std::vector<std::string> lines;
  for (const auto& p : packages) {
    ASSERT_TRUE(p.installed_at);
    auto when = parseRfc3339(*p.installed_at);
    ASSERT_TRUE(when) << *p.installed_at;
    const auto seconds =
        std::chrono::duration_cast<std::chrono::seconds>(when->time_since_epoch()).count();
    lines.push_back(p.name + " " + p.version + " " + p.architecture.value_or("") + " " +
                    std::to_string(seconds) + "\n");
  }
  std::sort(lines.begin(), lines.end());
  std::string actual;
  for (const auto& line : lines) actual += line;
  EXPECT_EQ(actual, *expected);
  EXPECT_EQ(packages.size(), 3u);
  // Read-only and immutable: the database is untouched and no journal appeared.
  EXPECT_EQ(readFile(db_dir + "/rpmdb.sqlite"), db_before);
  EXPECT_FALSE(fs::exists(db_dir + "/rpmdb.sqlite-wal"));
  EXPECT_FALSE(fs::exists(db_dir + "/rpmdb.sqlite-journal"));
}

TEST(RpmDatabaseReaderTest, PathsWithUriCharactersAndTheSysimageLocation) {
  TempDir dir;
  const fs::path root = dir.path() / "odd ?#%25 root";
  fs::create_directories(root / "usr/lib/sysimage/rpm");
  fs::copy_file(kFixtureDb, root / "usr/lib/sysimage/rpm/rpmdb.sqlite");
  FsRoot odd(root);
  EXPECT_EQ(readRpmPackages(odd).size(), 3u);
}

TEST(RpmDatabaseReaderTest, BadRecordsAreSkippedTheRestKept) {
  TempDir dir;
  const std::string db = dir.path().string() + "/var/lib/rpm/rpmdb.sqlite";
  fs::create_directories(dir.path() / "var/lib/rpm");
  fs::copy_file(kFixtureDb, db);
  sql(db,
      "INSERT INTO Packages(blob) VALUES (x'00000001000000ff');"  // index past the blob
      "INSERT INTO Packages(blob) VALUES (zeroblob(0));"
      "UPDATE Packages SET blob = substr(blob, 1, 100) WHERE hnum = 2;");
  FsRoot root(dir.path());
  LogCapture log;
  const auto packages = readRpmPackages(root);
  ASSERT_EQ(packages.size(), 2u);
  EXPECT_EQ(packages[0].name, "openssl-libs");
  EXPECT_EQ(packages[1].name, "tzdata");
  EXPECT_TRUE(log.contains({"skipped package record 2", "shorter than its"}));
  EXPECT_TRUE(log.contains({"skipped 3 unreadable package records"}));
}

TEST(RpmDatabaseReaderTest, GarbageTruncatedDeniedUnsupportedAndMissing) {
  LogCapture log;
  {
    TempDir dir;
    dir.write("var/lib/rpm/rpmdb.sqlite", "this is not a database\n");
    FsRoot root(dir.path());
    EXPECT_TRUE(readRpmPackages(root).empty());
    EXPECT_TRUE(log.contains({"rpmdb.sqlite: not an SQLite database"}));
  }
  {
    TempDir dir;
    dir.write("var/lib/rpm/rpmdb.sqlite", readFile(kFixtureDb).substr(0, 5000));
    FsRoot root(dir.path());
    EXPECT_TRUE(readRpmPackages(root).empty());
    EXPECT_TRUE(log.contains({"rpmdb.sqlite"}));
  }
  {
    TempDir dir;  // a database without the Packages table
    fs::create_directories(dir.path() / "var/lib/rpm");
    sql(dir.path().string() + "/var/lib/rpm/rpmdb.sqlite", "CREATE TABLE Other(x);");
    FsRoot root(dir.path());
    EXPECT_TRUE(readRpmPackages(root).empty());
    EXPECT_TRUE(log.contains({"no such table: Packages"}));
  }
  {
    FakeFsRoot root(kFixture);
    root.deny("/var/lib/rpm/rpmdb.sqlite");
    EXPECT_TRUE(readRpmPackages(root).empty());
    EXPECT_TRUE(log.contains({"skipped /var/lib/rpm/rpmdb.sqlite (permission_denied)"}));
  }
  {
    TempDir dir;
    dir.write("var/lib/rpm/Packages", std::string(4096, '\0'));  // BerkeleyDB, RHEL 8
    FsRoot root(dir.path());
    EXPECT_TRUE(readRpmPackages(root).empty());
    EXPECT_TRUE(log.contains({"/var/lib/rpm/Packages", "other than SQLite are not supported"}));
  }
  TempDir empty;
  FsRoot none(empty.path());
  EXPECT_TRUE(readRpmPackages(none).empty());
}

}  // namespace
}  // namespace steward::agent
