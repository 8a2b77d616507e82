// libFuzzer target: the RPM header parser on arbitrary blobs (a damaged or hostile
// rpmdb.sqlite row).

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "agent/inventory/linux/rpm_header.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto header =
      steward::agent::parseRpmHeader(std::string_view(reinterpret_cast<const char*>(data), size));
  // A parsed header always has a name and a version: the parser's promise.
  if (header && (header->name.empty() || header->version.empty())) __builtin_trap();
  if (header) (void)steward::agent::rpmEvr(*header);
  return 0;
}
