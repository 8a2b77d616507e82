#include "agent/inventory/linux/readers.h"
#include "agent/inventory/linux/smbios_table.h"
#include "agent/inventory/linux/text_util.h"

namespace steward::agent {

// product_serial, product_uuid, board_serial and chassis_serial are mode 0400: an
// unprivileged agent leaves them out. VMs without SMBIOS (and most ARM boards) have no
// /sys/class/dmi at all.
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
  id.sku = attribute("product_sku");
  id.family = attribute("product_family");
  wire::Bios bios{attribute("bios_vendor"), attribute("bios_version"), attribute("bios_date")};
  if (bios != wire::Bios{}) id.bios = bios;
  wire::Board board{attribute("board_vendor"), attribute("board_name"), attribute("board_serial")};
  if (board != wire::Board{}) id.board = board;
  wire::Chassis chassis;
  if (auto code = attribute("chassis_type")) {
    if (auto n = parseUnsigned(*code); n && *n < 256) {
      chassis.type = smbiosChassisTypeName(static_cast<std::uint8_t>(*n));
    }
  }
  chassis.serial = attribute("chassis_serial");
  chassis.asset_tag = attribute("chassis_asset_tag");
  if (chassis != wire::Chassis{}) id.chassis = chassis;
  return id;
}

}  // namespace steward::agent
