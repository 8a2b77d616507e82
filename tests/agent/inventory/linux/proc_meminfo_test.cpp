#include "agent/inventory/linux/proc_meminfo.h"

#include <gtest/gtest.h>

namespace steward::agent {
namespace {

TEST(ProcMeminfoParserTest, ConvertsKilobytesToBytes) {
  auto info = parseProcMeminfo(
      "MemTotal:       32559236 kB\nMemFree:        20123456 kB\nSwapTotal:       2097148 kB\n"
      "HugePages_Total:       0\n");
  ASSERT_TRUE(info);
  EXPECT_EQ(info->total_bytes, 32559236ull * 1024);
  EXPECT_EQ(info->swap_total_bytes, 2097148ull * 1024);
}

TEST(ProcMeminfoParserTest, NoSwapLineMeansSwapUnknown) {
  auto info = parseProcMeminfo("MemTotal: 1024 kB\n");
  ASSERT_TRUE(info);
  EXPECT_EQ(info->total_bytes, 1024u * 1024);
  EXPECT_FALSE(info->swap_total_bytes);
}

TEST(ProcMeminfoParserTest, ZeroSwapIsReportedAsZero) {
  auto info = parseProcMeminfo("MemTotal: 1024 kB\nSwapTotal:     0 kB\n");
  ASSERT_TRUE(info);
  EXPECT_EQ(info->swap_total_bytes, 0u);
}

TEST(ProcMeminfoParserTest, MissingOrGarbledMemTotalIsAnError) {
  EXPECT_EQ(parseProcMeminfo("").error().code, "malformed");
  EXPECT_EQ(parseProcMeminfo("SwapTotal: 0 kB\n").error().code, "malformed");
  EXPECT_FALSE(parseProcMeminfo("MemTotal: lots kB\n"));
  EXPECT_FALSE(parseProcMeminfo("MemTotal: 99999999999999999999999 kB\n"));
  // Truncated in the middle of the number's unit: "k" is not a unit we know.
  EXPECT_FALSE(parseProcMeminfo("MemTotal:       32559236 k"));
}

}  // namespace
}  // namespace steward::agent
