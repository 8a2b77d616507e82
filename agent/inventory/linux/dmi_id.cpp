#include "agent/inventory/linux/readers.h"
#include "agent/inventory/linux/text_util.h"

namespace steward::agent {

// product_serial and product_uuid are mode 0400: an unprivileged agent leaves them
// out. VMs without SMBIOS (and most ARM boards) have no /sys/class/dmi at all.
wire::HardwareIdentity readDmiId(const FsRoot& fs) {
  wire::HardwareIdentity id;
  const auto attribute = [&](const char* name) -> std::optional<std::string> {
    auto text = readSource(fs, std::string("/sys/class/dmi/id/") + name, false);
    return text ? sysfsValue(*text) : std::nullopt;
  };
  id.vendor = attribute("sys_vendor");
  id.model = attribute("product_name");
  id.serial = attribute("product_serial");
  if (auto uuid = attribute("product_uuid")) id.uuid = toLower(*uuid);
  return id;
}

}  // namespace steward::agent
