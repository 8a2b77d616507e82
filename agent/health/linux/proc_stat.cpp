#include "agent/health/linux/proc_stat.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>

#include "agent/inventory/linux/text_util.h"

namespace steward::agent {

std::optional<CpuTimes> parseProcStatCpu(std::string_view text) {
  const auto lines = splitLines(text);
  if (lines.empty()) return std::nullopt;
  std::string_view line = lines.front();
  if (!line.starts_with("cpu ")) return std::nullopt;
  line.remove_prefix(4);
  // user nice system idle iowait irq softirq steal: the columns that make up time.
  std::array<std::uint64_t, 8> v{};
  std::size_t n = 0;
  std::size_t pos = 0;
  while (n < v.size()) {
    pos = line.find_first_not_of(' ', pos);
    if (pos == std::string_view::npos) break;
    const std::size_t end = std::min(line.find(' ', pos), line.size());
    const auto value = parseUnsigned(line.substr(pos, end - pos));
    if (!value) return std::nullopt;
    v[n++] = *value;
    pos = end;
  }
  if (n < 4) return std::nullopt;
  CpuTimes t;
  for (std::size_t i = 0; i < n; ++i) {
    if (v[i] > UINT64_MAX - t.total) return std::nullopt;  // hostile numbers
    t.total += v[i];
  }
  const std::uint64_t idle = v[3] + v[4];  // idle + iowait
  t.busy = t.total - idle;
  return t;
}

std::optional<double> cpuUtilisationPercent(const CpuTimes& before, const CpuTimes& after) {
  if (after.total <= before.total || after.busy < before.busy) return std::nullopt;
  const double total = static_cast<double>(after.total - before.total);
  const double busy = static_cast<double>(after.busy - before.busy);
  if (busy > total) return std::nullopt;
  // One decimal is all a heartbeat needs, and it keeps the JSON short.
  return std::round(busy / total * 1000.0) / 10.0;
}

}  // namespace steward::agent
