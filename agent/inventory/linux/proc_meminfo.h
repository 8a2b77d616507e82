#pragma once

// /proc/meminfo: "Key:   value kB" lines.

#include <cstdint>
#include <optional>
#include <string_view>

#include "shared/common/result.h"

namespace steward::agent {

struct MemInfo {
  std::uint64_t total_bytes = 0;                  // MemTotal
  std::optional<std::uint64_t> swap_total_bytes;  // SwapTotal; absent if not listed
  std::optional<std::uint64_t> available_bytes;   // MemAvailable (Linux 3.14+)
  std::optional<std::uint64_t> swap_free_bytes;   // SwapFree
};

// Values in kB are converted to bytes. An Error ("malformed") when MemTotal is
// missing or not a number.
Result<MemInfo> parseProcMeminfo(std::string_view text);

}  // namespace steward::agent
