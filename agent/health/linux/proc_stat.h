#pragma once

// /proc/stat's aggregate "cpu" line and CPU utilisation between two readings.

#include <cstdint>
#include <optional>
#include <string_view>

namespace steward::agent {

// Jiffies since boot summed over all CPUs (proc(5)): busy excludes idle and iowait.
// guest time is already counted in user, so it is not added again.
struct CpuTimes {
  std::uint64_t busy = 0;
  std::uint64_t total = 0;
  friend bool operator==(const CpuTimes&, const CpuTimes&) = default;
};

// The first line "cpu  user nice system idle [iowait irq softirq steal ...]", at
// least the first four columns; nullopt when it is missing or garbled.
std::optional<CpuTimes> parseProcStatCpu(std::string_view text);

// Busy share of all CPUs between two readings, 0..100; nullopt when no time passed
// or the counters went backwards (a different boot, a garbled read).
std::optional<double> cpuUtilisationPercent(const CpuTimes& before, const CpuTimes& after);

}  // namespace steward::agent
