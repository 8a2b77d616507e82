#include "agent/inventory/linux/proc_cpuinfo.h"

#include <gtest/gtest.h>

#include <string>

namespace steward::agent {
namespace {

std::string block(int processor, int physical, int core) {
  return "processor\t: " + std::to_string(processor) +
         "\nvendor_id\t: GenuineIntel\nmodel name\t: Intel(R) Xeon(R) Gold 6230 CPU @ 2.10GHz\n"
         "physical id\t: " +
         std::to_string(physical) + "\ncore id\t\t: " + std::to_string(core) +
         "\nflags\t\t: fpu vme\n\n";
}

TEST(ProcCpuinfoParserTest, CountsSocketsCoresAndThreadsOnTwoSocketHyperthreadedServer) {
  std::string text;
  int processor = 0;
  for (int thread = 0; thread < 2; ++thread) {
    for (int socket = 0; socket < 2; ++socket) {
      for (int core = 0; core < 4; ++core) text += block(processor++, socket, core);
    }
  }
  auto info = parseProcCpuinfo(text);
  ASSERT_TRUE(info) << info.error().message;
  EXPECT_EQ(info->threads, 16u);
  EXPECT_EQ(info->sockets, 2u);
  EXPECT_EQ(info->cores, 8u);
  EXPECT_EQ(info->model, "Intel(R) Xeon(R) Gold 6230 CPU @ 2.10GHz");
  EXPECT_EQ(info->vendor, "GenuineIntel");
}

TEST(ProcCpuinfoParserTest, WithoutTopologyAssumesOneSocketAndACorePerThread) {
  // Raspberry Pi 4 (aarch64): no vendor_id, physical id or model name per CPU.
  const char* text =
      "processor\t: 0\nBogoMIPS\t: 108.00\nCPU implementer\t: 0x41\n\n"
      "processor\t: 1\nBogoMIPS\t: 108.00\n\n"
      "processor\t: 2\n\nprocessor\t: 3\n\n"
      "Hardware\t: BCM2835\nModel\t\t: Raspberry Pi 4 Model B Rev 1.4\n";
  auto info = parseProcCpuinfo(text);
  ASSERT_TRUE(info);
  EXPECT_EQ(info->threads, 4u);
  EXPECT_EQ(info->sockets, 1u);
  EXPECT_EQ(info->cores, 4u);
  EXPECT_FALSE(info->vendor);
}

TEST(ProcCpuinfoParserTest, ArmProcessorNameLineIsNotACpu) {
  const char* text =
      "Processor\t: ARMv7 Processor rev 4 (v7l)\nprocessor\t: 0\nmodel name\t: ARMv7 Processor "
      "rev 4 (v7l)\n\nprocessor\t: 1\n";
  auto info = parseProcCpuinfo(text);
  ASSERT_TRUE(info);
  EXPECT_EQ(info->threads, 2u);
  EXPECT_EQ(info->model, "ARMv7 Processor rev 4 (v7l)");
}

TEST(ProcCpuinfoParserTest, TruncatedLastBlockStillCounts) {
  auto info =
      parseProcCpuinfo(block(0, 0, 0) + block(1, 0, 1) + "processor\t: 2\nvendor_id\t: Gen");
  ASSERT_TRUE(info);
  EXPECT_EQ(info->threads, 3u);
  EXPECT_EQ(info->cores, 2u);  // the cut block never said which core it is
}

TEST(ProcCpuinfoParserTest, SkipsMalformedLine) {
  auto info = parseProcCpuinfo(
      "processor\t: 0\n@@@ garbage without colon\nprocessor\t: x\n"
      "model name\t: AMD EPYC\n\nprocessor : 1\n");
  ASSERT_TRUE(info);
  EXPECT_EQ(info->threads, 2u);
  EXPECT_EQ(info->model, "AMD EPYC");
}

TEST(ProcCpuinfoParserTest, EmptyOrGarbageIsAnError) {
  EXPECT_EQ(parseProcCpuinfo("").error().code, "malformed");
  EXPECT_EQ(parseProcCpuinfo("MemTotal: 123 kB\n").error().code, "malformed");
}

TEST(ProcCpuinfoParserTest, MaxFreqIsKilohertz) {
  EXPECT_EQ(parseCpuinfoMaxFreq("4800000\n"), 4800.0);
  EXPECT_EQ(parseCpuinfoMaxFreq("3500500"), 3500.5);
  EXPECT_FALSE(parseCpuinfoMaxFreq(""));
  EXPECT_FALSE(parseCpuinfoMaxFreq("0\n"));
  EXPECT_FALSE(parseCpuinfoMaxFreq("fast"));
}

}  // namespace
}  // namespace steward::agent
