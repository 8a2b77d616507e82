#include "agent/inventory/linux/block_devices.h"

#include <algorithm>
#include <array>

#include "agent/inventory/linux/readers.h"
#include "agent/inventory/linux/text_util.h"
#include "shared/common/log.h"

namespace steward::agent {

bool isVirtualBlockName(std::string_view name) {
  static constexpr std::array<std::string_view, 11> kPrefixes = {
      "loop", "ram", "zram", "dm-", "md", "nbd", "fd", "sr", "zd", "rbd", "drbd"};
  return std::any_of(kPrefixes.begin(), kPrefixes.end(),
                     [&](std::string_view prefix) { return name.starts_with(prefix); });
}

std::optional<std::string> parseVpdPg80(std::string_view raw) {
  if (raw.size() < 4 || static_cast<unsigned char>(raw[1]) != 0x80) return std::nullopt;
  const std::size_t length = static_cast<std::size_t>(static_cast<unsigned char>(raw[2])) << 8 |
                             static_cast<unsigned char>(raw[3]);
  if (raw.size() < 4 + length) return std::nullopt;
  auto serial = trim(raw.substr(4, length));
  if (serial.empty()) return std::nullopt;
  for (char c : serial) {
    if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) > 0x7e) {
      return std::nullopt;
    }
  }
  return std::string(serial);
}

std::vector<wire::Disk> readBlockDevices(const FsRoot& fs) {
  auto names = fs.listDirectory("/sys/block");
  if (!names) {
    logger("agent.inventory").warning("no disks listed: " + names.error().message);
    return {};
  }
  std::vector<wire::Disk> disks;
  for (const auto& name : *names) {
    const std::string base = "/sys/block/" + name;
    // Virtual devices (loop, zram, dm) have no `device` link to a bus.
    if (isVirtualBlockName(name) || !fs.exists(base + "/device")) continue;
    const auto attribute = [&](const std::string& relative) -> std::optional<std::string> {
      auto text = readSource(fs, base + "/" + relative, false);
      return text ? sysfsValue(*text) : std::nullopt;
    };
    const auto sectors = parseUnsigned(attribute("size").value_or(""));
    if (!sectors || *sectors == 0) continue;  // empty card reader or unreadable
    wire::Disk disk;
    disk.name = name;
    disk.size_bytes = *sectors * 512;  // `size` counts 512-byte sectors whatever the disk
    disk.model = attribute("device/model");
    // NVMe and virtio expose the serial directly; SCSI/SATA via VPD page 0x80.
    disk.serial = attribute("serial");
    if (!disk.serial) disk.serial = attribute("device/serial");
    if (!disk.serial) {
      if (auto page = readSource(fs, base + "/device/vpd_pg80", false)) {
        disk.serial = parseVpdPg80(*page);
      }
    }
    if (auto rotational = attribute("queue/rotational")) {
      if (*rotational == "0" || *rotational == "1") disk.rotational = *rotational == "1";
    }
    disks.push_back(std::move(disk));
  }
  return disks;
}

}  // namespace steward::agent
