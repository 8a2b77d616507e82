#pragma once

// Pure helpers for /sys/block/<name>/... (the reader is readBlockDevices in readers.h).

#include <optional>
#include <string>
#include <string_view>

namespace steward::agent {

// True for kernel block devices that are not disks: loop, ram, zram, device-mapper,
// md RAID, nbd, floppies, optical drives, ZFS zvols, network block devices.
bool isVirtualBlockName(std::string_view name);

// The unit serial number in a SCSI VPD page 0x80 (device/vpd_pg80): a 4-byte header
// (page code 0x80, length in bytes 2-3) then ASCII, space padded. nullopt when the
// page is malformed or the serial blank.
std::optional<std::string> parseVpdPg80(std::string_view raw);

}  // namespace steward::agent
