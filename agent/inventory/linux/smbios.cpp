#include "agent/inventory/linux/readers.h"
#include "agent/inventory/linux/smbios_table.h"
#include "shared/common/log.h"

namespace steward::agent {
namespace {

// Fills what `primary` lacks from `secondary`, field by field.
template <typename T>
void fill(std::optional<T>& primary, const std::optional<T>& secondary) {
  if (!primary) primary = secondary;
}

}  // namespace

std::optional<SmbiosInfo> readSmbiosTable(const FsRoot& fs) {
  // Real tables are a few KiB; 1 MiB is far above any seen and bounds a bad file.
  auto table = readSource(fs, "/sys/firmware/dmi/tables/DMI", false);
  if (!table) return std::nullopt;
  SmbiosVersion version;  // unknown: parsed as SMBIOS 2.6+
  if (auto entry = readSource(fs, "/sys/firmware/dmi/tables/smbios_entry_point", false)) {
    if (auto parsed = parseSmbiosEntryPoint(*entry)) {
      version = *parsed;
    } else {
      logger("agent.inventory").warning("SMBIOS entry point has no _SM_/_SM3_ anchor");
    }
  }
  auto info = parseSmbiosTable(*table, version);
  if (!info) {
    logger("agent.inventory").warning("SMBIOS table unusable: " + info.error().message);
    return std::nullopt;
  }
  if (info->truncated) {
    logger("agent.inventory")
        .warning("SMBIOS table truncated after " + std::to_string(info->structures) +
                 " structures; later structures skipped");
  }
  return std::move(info).value();
}

wire::HardwareIdentity mergeHardware(wire::HardwareIdentity primary,
                                     const wire::HardwareIdentity& fallback) {
  fill(primary.vendor, fallback.vendor);
  fill(primary.model, fallback.model);
  fill(primary.serial, fallback.serial);
  fill(primary.uuid, fallback.uuid);
  fill(primary.sku, fallback.sku);
  fill(primary.family, fallback.family);
  // Field by field inside the groups too: a truncated table may hold half of one.
  if (fallback.bios) {
    auto& bios = primary.bios ? *primary.bios : primary.bios.emplace();
    fill(bios.vendor, fallback.bios->vendor);
    fill(bios.version, fallback.bios->version);
    fill(bios.date, fallback.bios->date);
  }
  if (fallback.board) {
    auto& board = primary.board ? *primary.board : primary.board.emplace();
    fill(board.vendor, fallback.board->vendor);
    fill(board.model, fallback.board->model);
    fill(board.serial, fallback.board->serial);
  }
  if (fallback.chassis) {
    auto& chassis = primary.chassis ? *primary.chassis : primary.chassis.emplace();
    fill(chassis.type, fallback.chassis->type);
    fill(chassis.serial, fallback.chassis->serial);
    fill(chassis.asset_tag, fallback.chassis->asset_tag);
  }
  return primary;
}

}  // namespace steward::agent
