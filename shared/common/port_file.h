#pragma once

// A server or collector that bound port 0 writes the port it got to a file
// (http.port_file), so the scripts and tests that started it can find it.

#include <cstdint>
#include <string>

#include "shared/common/result.h"

namespace steward {

// Writes "PORT\n" to `path` atomically: a temp file beside it, then rename, so a
// reader sees either no file or the whole number. Error "port_file" names the path.
Result<void> writePortFile(const std::string& path, std::uint16_t port);

}  // namespace steward
