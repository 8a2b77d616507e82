// libFuzzer target: the dpkg status parser on arbitrary text.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "agent/inventory/linux/dpkg_status.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto status =
      steward::agent::parseDpkgStatus(std::string_view(reinterpret_cast<const char*>(data), size));
  // A reported package always has a name and a version: the parser's promise.
  for (const auto& p : status.installed) {
    if (p.name.empty() || p.version.empty()) __builtin_trap();
  }
  return 0;
}
