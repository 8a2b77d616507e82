#pragma once

#include <cstdint>
#include <string>

#include "shared/common/result.h"

namespace steward::collector {

// Writes "PORT\n" to `path` atomically (temp file in the same directory, then rename),
// so a reader never sees a half-written number.
Result<void> writePortFile(const std::string& path, std::uint16_t port);

}  // namespace steward::collector
