#pragma once

// EDID 1.x base block (VESA E-EDID), as /sys/class/drm/<card-connector>/edid holds it:
// 128 bytes, followed by 128-byte extension blocks that are not read here.
//   0-7   header 00 FF FF FF FF FF FF 00
//   8-9   manufacturer PNP id, three 5-bit letters, big-endian
//   10-11 product code, 12-15 serial number (little-endian)
//   16    week of manufacture (0xFF: byte 17 is the model year), 17 year - 1990
//   21-22 image size in cm
//   54-125 four 18-byte descriptors: detailed timings (image size in mm) or display
//         descriptors (0xFF serial, 0xFC name, 0xFE text; a panel without a name
//         descriptor gets its last text descriptor, the part number, as model)
//   127   checksum: the 128 bytes sum to 0 mod 256

#include <string_view>

#include "shared/common/result.h"
#include "shared/wire/inventory.h"

namespace steward::agent {

inline constexpr std::size_t kEdidBlockBytes = 128;

// The monitor described by `edid`; `connector` is copied into the result. Errors
// (code "malformed_edid"): shorter than 128 bytes, wrong header, bad checksum.
// Fields that are zero, unset or not printable ASCII are left out.
Result<wire::Monitor> parseEdid(std::string_view edid, std::string connector);

// A display maker's name for the common PNP ids ("DEL" → "Dell"), else nullopt.
std::optional<std::string> pnpVendorName(std::string_view pnp_id);

}  // namespace steward::agent
