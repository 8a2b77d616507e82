// libFuzzer target: the raw SMBIOS table and entry point parsers on arbitrary bytes.
// The first input byte picks the SMBIOS version (UUID byte order, field layouts); the
// rest is the table. Any crash, out-of-bounds read (ASan) or undefined behaviour
// (UBSan) fails the run.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "agent/inventory/linux/smbios_table.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  (void)steward::agent::parseSmbiosEntryPoint(bytes);
  if (size == 0) return 0;
  const steward::agent::SmbiosVersion version{data[0] >> 4, data[0] & 0x0F};
  auto info = steward::agent::parseSmbiosTable(bytes.substr(1), version);
  if (info) {
    // Every populated module the parser reports has a size or is explicitly unknown;
    // touching the strings makes ASan check them.
    std::size_t total = 0;
    for (const auto& m : info->memory_modules) total += m.slot.size() + m.type.value_or("").size();
    (void)total;
  }
  return 0;
}
