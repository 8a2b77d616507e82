#include "agent/inventory/linux/proc_meminfo.h"

#include <limits>

#include "agent/inventory/linux/text_util.h"

namespace steward::agent {
namespace {

// "24683656 kB" -> bytes; a bare number is already bytes (HugePages_* style).
std::optional<std::uint64_t> bytesOf(std::string_view value) {
  value = trim(value);
  std::uint64_t unit = 1;
  if (value.size() > 2 && value.substr(value.size() - 2) == "kB") {
    unit = 1024;
    value.remove_suffix(2);
  }
  const auto number = parseUnsigned(value);
  if (!number || *number > std::numeric_limits<std::uint64_t>::max() / unit) return std::nullopt;
  return *number * unit;
}

}  // namespace

Result<MemInfo> parseProcMeminfo(std::string_view text) {
  std::optional<std::uint64_t> total;
  MemInfo info;
  for (const auto line : splitLines(text)) {
    const auto colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    const auto key = trim(line.substr(0, colon));
    if (key == "MemTotal") {
      total = bytesOf(line.substr(colon + 1));
    } else if (key == "SwapTotal") {
      info.swap_total_bytes = bytesOf(line.substr(colon + 1));
    } else if (key == "MemAvailable") {
      info.available_bytes = bytesOf(line.substr(colon + 1));
    } else if (key == "SwapFree") {
      info.swap_free_bytes = bytesOf(line.substr(colon + 1));
    }
  }
  if (!total) return makeError("malformed", "no valid MemTotal line");
  info.total_bytes = *total;
  return info;
}

}  // namespace steward::agent
