#include "agent/inventory/linux/os_release.h"

#include <gtest/gtest.h>

namespace steward::agent {
namespace {

TEST(OsReleaseParserTest, ReadsDebianFile) {
  auto fields = parseOsRelease(
      "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nNAME=\"Debian GNU/Linux\"\n"
      "VERSION_ID=\"12\"\nVERSION_CODENAME=bookworm\nID=debian\n");
  ASSERT_TRUE(fields);
  EXPECT_EQ(fields->at("PRETTY_NAME"), "Debian GNU/Linux 12 (bookworm)");
  EXPECT_EQ(fields->at("VERSION_ID"), "12");
  EXPECT_EQ(fields->at("ID"), "debian");
  EXPECT_EQ(fields->at("VERSION_CODENAME"), "bookworm");
}

TEST(OsReleaseParserTest, HandlesSingleQuotesEscapesCommentsAndCrlf) {
  auto fields = parseOsRelease(
      "# comment\r\n\r\nNAME='Fedora Linux'\r\nVARIANT=\"Say \\\"hi\\\" \\$HOME\"\r\n");
  ASSERT_TRUE(fields);
  EXPECT_EQ(fields->at("NAME"), "Fedora Linux");
  EXPECT_EQ(fields->at("VARIANT"), "Say \"hi\" $HOME");
  EXPECT_EQ(fields->size(), 2u);
}

TEST(OsReleaseParserTest, SkipsMalformedLines) {
  auto fields = parseOsRelease(
      "ID=arch\nthis is not an assignment\n1BAD=x\nBAD KEY=y\nOPEN=\"never closed\n");
  ASSERT_TRUE(fields);
  EXPECT_EQ(fields->size(), 1u);
  EXPECT_EQ(fields->at("ID"), "arch");
}

TEST(OsReleaseParserTest, TruncatedFileKeepsCompleteLines) {
  auto fields = parseOsRelease("ID=debian\nPRETTY_NAME=\"Debian GNU/Li");
  ASSERT_TRUE(fields);
  EXPECT_EQ(fields->at("ID"), "debian");
  EXPECT_EQ(fields->count("PRETTY_NAME"), 0u);
}

TEST(OsReleaseParserTest, EmptyOrGarbageIsAnError) {
  EXPECT_FALSE(parseOsRelease(""));
  auto garbage =
      parseOsRelease(std::string("\x7f"
                                 "ELF\x02\x01\x01\0\0",
                                 9));
  ASSERT_FALSE(garbage);
  EXPECT_EQ(garbage.error().code, "malformed");
}

}  // namespace
}  // namespace steward::agent
