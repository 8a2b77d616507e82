// Installed packages from dpkg with their install dates (the mtime of
// /var/lib/dpkg/info/<name>[:<arch>].list) and maintainers, on a copy of the
// workstation fixture whose .list files get known times (git keeps no mtimes).

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>

#include "agent/inventory/linux/readers.h"
#include "tests/agent/fake_fs_root.h"
#include "tests/agent/log_capture.h"
#include "tests/support/temp_dir.h"

namespace steward::agent {
namespace {

namespace fs = std::filesystem;
using steward::testing::fixturesDir;
using steward::testing::TempDir;
using testing::FakeFsRoot;
using testing::LogCapture;

void touch(const fs::path& path, std::int64_t unix_seconds) {
  fs::last_write_time(path, fs::file_time_type::clock::from_sys(
                                std::chrono::sys_seconds{std::chrono::seconds{unix_seconds}}));
}

class DpkgPackagesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::create_directories(dir_.path() / "var/lib");
    fs::copy(fixturesDir() + "/linux/workstation/var/lib/dpkg", dir_.path() / "var/lib/dpkg",
             fs::copy_options::recursive);
    const fs::path info = dir_.path() / "var/lib/dpkg/info";
    touch(info / "base-files.list", 1'650'000'000);   // 2022-04-15T05:20:00Z
    touch(info / "libc6:amd64.list", 1'717'243'964);  // 2024-06-01T12:12:44Z
    touch(info / "libc6:i386.list", 1'717'244'000);
    touch(info / "openssh-server.list", 1'730'000'000);
  }
  const wire::Package& find(const std::vector<wire::Package>& packages, const std::string& name,
                            const std::string& arch = "amd64") {
    for (const auto& p : packages) {
      if (p.name == name && p.architecture == arch) return p;
    }
    ADD_FAILURE() << name;
    return packages.front();
  }
  TempDir dir_;
};

TEST_F(DpkgPackagesTest, InstallDatesFromListFilesWhereKnown) {
  FsRoot root(dir_.path());
  const auto packages = readDpkgPackages(root);
  ASSERT_EQ(packages.size(), 6u);
  EXPECT_EQ(find(packages, "base-files").installed_at, "2022-04-15T05:20:00Z");
  // Multi-Arch: same packages have one .list per architecture.
  EXPECT_EQ(find(packages, "libc6").installed_at, "2024-06-01T12:12:44Z");
  EXPECT_EQ(find(packages, "libc6", "i386").installed_at, "2024-06-01T12:13:20Z");
  EXPECT_EQ(find(packages, "openssh-server").installed_at, "2024-10-27T03:33:20Z");
  EXPECT_FALSE(find(packages, "python3").installed_at);  // no .list file
  EXPECT_EQ(find(packages, "code").vendor, "Microsoft Corporation <vscode-linux@microsoft.com>");
  for (const auto& p : packages) EXPECT_EQ(p.source, "dpkg");
}

TEST_F(DpkgPackagesTest, DeniedListFileLeavesOnlyThatDateOut) {
  FakeFsRoot root(dir_.path());
  root.deny("/var/lib/dpkg/info/base-files.list");
  LogCapture log;
  const auto packages = readDpkgPackages(root);
  EXPECT_FALSE(find(packages, "base-files").installed_at);
  EXPECT_EQ(find(packages, "openssh-server").installed_at, "2024-10-27T03:33:20Z");
  EXPECT_TRUE(log.contains({"no readable .list file for 2 packages"}));  // + python3
}

TEST_F(DpkgPackagesTest, MissingInfoDirectoryKeepsThePackages) {
  fs::remove_all(dir_.path() / "var/lib/dpkg/info");
  FsRoot root(dir_.path());
  const auto packages = readDpkgPackages(root);
  ASSERT_EQ(packages.size(), 6u);
  for (const auto& p : packages) EXPECT_FALSE(p.installed_at) << p.name;
}

}  // namespace
}  // namespace steward::agent
