#pragma once

// /proc/cpuinfo: one "key<TAB>: value" block per logical CPU, blocks separated by
// blank lines.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "shared/common/result.h"

namespace steward::agent {

struct CpuInfo {
  std::optional<std::string> model;   // "model name" (x86, some ARM) or "cpu model"
  std::optional<std::string> vendor;  // "vendor_id", e.g. "GenuineIntel"
  std::uint32_t threads = 0;          // logical CPUs: "processor" entries
  std::uint32_t sockets = 0;          // distinct "physical id"
  std::uint32_t cores = 0;            // distinct ("physical id", "core id")
};

// Counts processors and topology. When the kernel gives no topology (many VMs and
// ARM boards omit "physical id"/"core id") it assumes one socket and one core per
// thread. An Error ("malformed") when there is no "processor" entry at all.
Result<CpuInfo> parseProcCpuinfo(std::string_view text);

// /sys/devices/system/cpu/cpu0/cpufreq/cpuinfo_max_freq holds kHz; returns MHz.
std::optional<double> parseCpuinfoMaxFreq(std::string_view text);

}  // namespace steward::agent
