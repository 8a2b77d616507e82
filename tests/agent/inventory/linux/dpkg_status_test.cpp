#include "agent/inventory/linux/dpkg_status.h"

#include <gtest/gtest.h>

namespace steward::agent {
namespace {

std::vector<std::string> names(const DpkgStatus& status) {
  std::vector<std::string> out;
  for (const auto& p : status.installed) out.push_back(p.name + "=" + p.version);
  return out;
}

TEST(DpkgStatusParserTest, KeepsOnlyInstalledPackages) {
  auto status = parseDpkgStatus(
      "Package: vim\nStatus: install ok installed\nArchitecture: amd64\nVersion: 2:9.0.1378-2\n\n"
      "Package: nano\nStatus: deinstall ok config-files\nVersion: 7.2-1\n\n"
      "Package: docker-ce\nStatus: hold ok installed\nVersion: 5:26.1.3-1\n\n"
      "Package: linux-image\nStatus: install ok half-configured\nVersion: 6.1.0-18\n\n"
      "Package: broken\nStatus: install reinstreq installed\nVersion: 1.0\n\n"
      "Package: gone\nStatus: purge ok not-installed\n\n");
  EXPECT_EQ(names(status), (std::vector<std::string>{"vim=2:9.0.1378-2", "broken=1.0"}));
  ASSERT_FALSE(status.installed.empty());
  EXPECT_EQ(status.installed[0].architecture, "amd64");
  EXPECT_EQ(status.installed[0].source, "dpkg");
  EXPECT_EQ(status.skipped, 1u);  // "gone" has no version: nothing to report
}

TEST(DpkgStatusParserTest, EmptyPackageNameIsSkipped) {
  auto status = parseDpkgStatus(
      "Package: \nStatus: install ok installed\nVersion: 1.0\n\n"
      "Package: ok\nStatus: install ok installed\nVersion: 2.0\n");
  EXPECT_EQ(names(status), (std::vector<std::string>{"ok=2.0"}));
  EXPECT_EQ(status.skipped, 1u);
}

TEST(DpkgStatusParserTest, ContinuationLinesAreNotFields) {
  auto status = parseDpkgStatus(
      "Package: openssh-server\nStatus: install ok installed\nConffiles:\n"
      " /etc/ssh/moduli 0b1c2b4e\nDescription: secure shell server\n"
      " Version: 9.9 (this line is description text)\n .\n Package: fake\n"
      "Version: 1:9.2p1-2+deb12u2\n");
  ASSERT_EQ(status.installed.size(), 1u);
  EXPECT_EQ(status.installed[0].name, "openssh-server");
  EXPECT_EQ(status.installed[0].version, "1:9.2p1-2+deb12u2");
  EXPECT_FALSE(status.installed[0].architecture);
}

TEST(DpkgStatusParserTest, AcceptsCrlfAndBlankLinesWithSpaces) {
  auto status = parseDpkgStatus(
      "Package: a\r\nStatus: install ok installed\r\nVersion: 1\r\n  \r\n"
      "Package: b\r\nStatus: install ok installed\r\nVersion: 2\r\n");
  EXPECT_EQ(names(status), (std::vector<std::string>{"a=1", "b=2"}));
}

TEST(DpkgStatusParserTest, TruncatedLastStanzaIsDroppedUnlessComplete) {
  const std::string first = "Package: a\nStatus: install ok installed\nVersion: 1\n\n";
  auto cut = parseDpkgStatus(first + "Package: b\nStatus: install ok inst");
  EXPECT_EQ(names(cut), (std::vector<std::string>{"a=1"}));
  auto no_version = parseDpkgStatus(first + "Package: b\nStatus: install ok installed\n");
  EXPECT_EQ(names(no_version), (std::vector<std::string>{"a=1"}));
  EXPECT_EQ(no_version.skipped, 1u);
}

TEST(DpkgStatusParserTest, MissingBlankLineBetweenStanzas) {
  auto status = parseDpkgStatus(
      "Package: a\nStatus: install ok installed\nVersion: 1\n"
      "Package: b\nStatus: install ok installed\nVersion: 2\n");
  EXPECT_EQ(names(status), (std::vector<std::string>{"a=1", "b=2"}));
}

TEST(DpkgStatusParserTest, EmptyAndGarbageYieldNothing) {
  EXPECT_TRUE(parseDpkgStatus("").installed.empty());
  auto garbage = parseDpkgStatus(std::string("\0\x01\x02 binary\n::::\n", 15));
  EXPECT_TRUE(garbage.installed.empty());
}

}  // namespace
}  // namespace steward::agent
