#include "agent/platform/fs_root.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

#include "tests/support/temp_dir.h"

namespace steward::agent {
namespace {

using steward::testing::TempDir;

TEST(FsRootTest, ReadsAbsolutePathsUnderTheRoot) {
  TempDir dir;
  dir.write("proc/sys/kernel/hostname", "ws-fin-042\n");
  FsRoot fs(dir.path());
  auto text = fs.readFile("/proc/sys/kernel/hostname");
  ASSERT_TRUE(text) << text.error().message;
  EXPECT_EQ(*text, "ws-fin-042\n");
}

TEST(FsRootTest, MissingFileIsNotFound) {
  TempDir dir;
  FsRoot fs(dir.path());
  auto text = fs.readFile("/etc/os-release");
  ASSERT_FALSE(text);
  EXPECT_EQ(text.error().code, "not_found");
  EXPECT_NE(text.error().message.find("etc/os-release"), std::string::npos);
}

TEST(FsRootTest, FileLargerThanTheCapIsTooLarge) {
  TempDir dir;
  dir.write("var/lib/dpkg/status", std::string(5000, 'x'));
  FsRoot fs(dir.path());
  auto text = fs.readFile("/var/lib/dpkg/status", 4096);
  ASSERT_FALSE(text);
  EXPECT_EQ(text.error().code, "too_large");
  EXPECT_TRUE(fs.readFile("/var/lib/dpkg/status", 5000));
}

TEST(FsRootTest, RefusesRelativePathsAndParentReferences) {
  TempDir dir;
  dir.write("secret", "x");
  FsRoot fs(dir.path() / "root");
  EXPECT_EQ(fs.readFile("proc/cpuinfo").error().code, "invalid_path");
  EXPECT_EQ(fs.readFile("/../secret").error().code, "invalid_path");
  EXPECT_FALSE(fs.exists("/../secret"));
}

TEST(FsRootTest, UnreadableFileIsPermissionDenied) {
  TempDir dir;
  const auto path = dir.write("sys/class/dmi/id/product_serial", "7XK4L53\n");
  ASSERT_EQ(::chmod(path.c_str(), 0), 0);
  ASSERT_EQ(::chmod(dir.path().c_str(), 0755), 0);
  // Root reads mode-000 files anyway, so the read happens in a child that drops to
  // "nobody" first when the suite runs as root (as it does in CI).
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    if (::geteuid() == 0 && (::setgid(65534) != 0 || ::setuid(65534) != 0)) ::_exit(3);
    FsRoot fs(dir.path());
    auto text = fs.readFile("/sys/class/dmi/id/product_serial");
    ::_exit(text ? 1 : text.error().code == "permission_denied" ? 0 : 2);
  }
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0) << "1: read succeeded, 2: wrong error code, 3: setuid failed";
}

TEST(FsRootTest, ReadsProcFilesThatReportSizeZero) {
  FsRoot fs("/");
  auto text = fs.readFile("/proc/self/status");
  ASSERT_TRUE(text) << text.error().message;
  EXPECT_NE(text->find("Name:"), std::string::npos);
}

TEST(FsRootTest, ListsDirectorySorted) {
  TempDir dir;
  dir.write("sys/class/net/wlan0/address", "");
  dir.write("sys/class/net/eth0/address", "");
  dir.write("sys/class/net/bonding_masters", "");
  FsRoot fs(dir.path());
  auto names = fs.listDirectory("/sys/class/net");
  ASSERT_TRUE(names);
  EXPECT_EQ(*names, (std::vector<std::string>{"bonding_masters", "eth0", "wlan0"}));
  EXPECT_EQ(fs.listDirectory("/sys/block").error().code, "not_found");
}

TEST(FsRootTest, ExistsAndReadLink) {
  TempDir dir;
  dir.write("sys/class/net/eth0/device/vendor", "0x8086\n");
  std::filesystem::create_directories(dir.path() / "sys/block");
  std::filesystem::create_symlink("../devices/virtual/block/loop0", dir.path() / "sys/block/loop0");
  FsRoot fs(dir.path());
  EXPECT_TRUE(fs.exists("/sys/class/net/eth0/device"));
  EXPECT_FALSE(fs.exists("/sys/class/net/docker0/device"));
  auto target = fs.readLink("/sys/block/loop0");
  ASSERT_TRUE(target);
  EXPECT_EQ(*target, "../devices/virtual/block/loop0");
  EXPECT_EQ(fs.readLink("/sys/block/sda").error().code, "not_found");
}

TEST(FsRootTest, StatvfsReportsCapacityOfTheFilesystem) {
  TempDir dir;
  FsRoot fs(dir.path());
  auto stats = fs.statvfs("/");
  ASSERT_TRUE(stats) << stats.error().message;
  EXPECT_GT(stats->total_bytes, 0u);
  EXPECT_LE(stats->free_bytes, stats->total_bytes);
  EXPECT_LE(stats->available_bytes, stats->free_bytes);
  EXPECT_EQ(fs.statvfs("/no/such/mount").error().code, "not_found");
}

}  // namespace
}  // namespace steward::agent

namespace steward::agent {
namespace {

using steward::testing::TempDir;

std::vector<std::string> lines(const FsRoot& fs, const std::string& path) {
  std::vector<std::string> out;
  auto read = fs.forEachLine(path, [&](std::string_view line) {
    out.emplace_back(line);
    return true;
  });
  EXPECT_TRUE(read) << read.error().message;
  return out;
}

TEST(FsRootStreamTest, ForEachLineAcrossChunksWithAnUnterminatedLastLine) {
  TempDir dir;
  std::string text;
  for (int i = 0; i < 5000; ++i) text += "line " + std::to_string(i) + "\n";
  text += "last";  // about 48 KB: several 16 KiB chunks, lines split between them
  dir.write("usr/share/misc/pci.ids", text);
  FsRoot fs(dir.path());
  const auto got = lines(fs, "/usr/share/misc/pci.ids");
  ASSERT_EQ(got.size(), 5001u);
  EXPECT_EQ(got[0], "line 0");
  EXPECT_EQ(got[4999], "line 4999");
  EXPECT_EQ(got[5000], "last");
}

TEST(FsRootStreamTest, OverlongLinesAreCutAndStoppingEarlyWorks) {
  TempDir dir;
  dir.write("f", std::string(40'000, 'x') + "\nshort\n" + std::string(4096, 'y') + "\nend\n");
  FsRoot fs(dir.path());
  const auto got = lines(fs, "/f");
  ASSERT_EQ(got.size(), 4u);
  EXPECT_EQ(got[0], std::string(FsRoot::kMaxLineBytes, 'x'));
  EXPECT_EQ(got[1], "short");
  EXPECT_EQ(got[2], std::string(4096, 'y'));
  EXPECT_EQ(got[3], "end");
  int calls = 0;
  ASSERT_TRUE(fs.forEachLine("/f", [&](std::string_view) { return ++calls < 2; }));
  EXPECT_EQ(calls, 2);
}

TEST(FsRootStreamTest, ChunksErrorsAndModifiedTime) {
  TempDir dir;
  dir.write("var/log/wtmp", std::string(50'000, 'w'));
  FsRoot fs(dir.path());
  std::size_t total = 0;
  ASSERT_TRUE(fs.readChunks("/var/log/wtmp", [&](std::string_view chunk) {
    EXPECT_LE(chunk.size(), 16u * 1024u);
    total += chunk.size();
    return true;
  }));
  EXPECT_EQ(total, 50'000u);
  auto capped = fs.readChunks("/var/log/wtmp", [](std::string_view) { return true; }, 20'000);
  ASSERT_FALSE(capped);
  EXPECT_EQ(capped.error().code, "too_large");
  EXPECT_EQ(fs.readChunks("/missing", [](std::string_view) { return true; }).error().code,
            "not_found");
  EXPECT_EQ(fs.forEachLine("../x", [](std::string_view) { return true; }).error().code,
            "invalid_path");

  std::filesystem::last_write_time(dir.path() / "var/log/wtmp",
                                   std::filesystem::file_time_type::clock::from_sys(
                                       std::chrono::sys_seconds{std::chrono::seconds{1'700'000'000}}));
  EXPECT_EQ(fs.modifiedTime("/var/log/wtmp").value(), 1'700'000'000);
  EXPECT_EQ(fs.modifiedTime("/nope").error().code, "not_found");
  EXPECT_EQ(fs.hostPath("/var/log/wtmp").value(), dir.path() / "var/log/wtmp");
}

}  // namespace
}  // namespace steward::agent
