// libFuzzer target: the EDID parser on arbitrary bytes (a monitor's EEPROM is
// untrusted input: cheap adapters and KVM switches return garbage).

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "agent/inventory/linux/edid.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto monitor = steward::agent::parseEdid(
      std::string_view(reinterpret_cast<const char*>(data), size), "card0-DP-1");
  if (monitor) {
    // Only the base block is read, and strings are printable ASCII.
    if (size < 128 || monitor->connector != "card0-DP-1") __builtin_trap();
    for (const auto* text : {&monitor->model, &monitor->serial, &monitor->manufacturer_id}) {
      if (!*text) continue;
      for (const char c : **text) {
        if (c < 0x20 || c > 0x7E) __builtin_trap();
      }
    }
    if (monitor->manufacture_year &&
        (*monitor->manufacture_year < 1990 || *monitor->manufacture_year > 1990 + 255)) {
      __builtin_trap();
    }
  }
  return 0;
}
