#pragma once

// The raw SMBIOS table as Linux exposes it: /sys/firmware/dmi/tables/smbios_entry_point
// (the "_SM_" or "_SM3_" anchor, which carries the SMBIOS version) and
// /sys/firmware/dmi/tables/DMI (the structures). Both are root-only (mode 0400).
// Layouts follow DMTF DSP0134 (SMBIOS reference specification) 3.x.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shared/common/result.h"
#include "shared/wire/inventory.h"

namespace steward::agent {

struct SmbiosVersion {
  int major = 0;
  int minor = 0;
  friend auto operator<=>(const SmbiosVersion&, const SmbiosVersion&) = default;
};

// One SMBIOS type 4 processor socket.
struct SmbiosProcessor {
  std::optional<std::string> socket;  // "CPU0", "U3E1"
  std::optional<std::string> manufacturer;
  std::optional<std::string> version;  // the model string
  std::optional<std::uint32_t> max_mhz;
  bool populated = false;  // status bit 6: a CPU sits in the socket
  friend bool operator==(const SmbiosProcessor&, const SmbiosProcessor&) = default;
};

// One SMBIOS type 22 portable battery.
struct SmbiosBattery {
  std::optional<std::string> location;
  std::optional<std::string> manufacturer;
  std::optional<std::string> name;
  std::optional<std::string> serial;
  std::optional<std::string> chemistry;  // "Lithium-ion", ...
  std::optional<std::uint32_t> design_capacity_mwh;
  friend bool operator==(const SmbiosBattery&, const SmbiosBattery&) = default;
};

struct SmbiosInfo {
  // Types 0, 1, 2, 3: vendor/model/serial/uuid/sku/family plus bios, board, chassis.
  wire::HardwareIdentity hardware;
  std::vector<SmbiosProcessor> processors;         // type 4, every socket
  std::vector<wire::MemoryModule> memory_modules;  // type 17, populated slots only
  std::vector<SmbiosBattery> batteries;            // type 22
  std::size_t structures = 0;                      // structures walked
  // The table ended inside a structure (bad length, unterminated strings, cut file):
  // what came before is kept.
  bool truncated = false;
};

// The version in an entry point; nullopt when neither anchor is there or the entry
// point is shorter than its own layout.
std::optional<SmbiosVersion> parseSmbiosEntryPoint(std::string_view bytes);

// Walks the structures of a table until the end-of-table structure (type 127) or the
// end of `table`. Never reads outside `table`: a structure whose formatted length runs
// past the end, or is shorter than its 4-byte header, ends the walk (truncated = true);
// fields beyond a structure's length are absent; string references past the string
// set are absent. Strings are trimmed; blank ones are absent. `version` decides the
// UUID byte order (little-endian first three fields from 2.6 on) when the entry point
// is unreadable pass {} (treated as 2.6+, as every firmware of the last 15 years).
// An Error ("malformed") when not one structure could be read.
Result<SmbiosInfo> parseSmbiosTable(std::string_view table, SmbiosVersion version);

// The DSP0134 name of a chassis type (type 3 byte 5, lock bit masked), "Other" for
// unknown codes.
std::string smbiosChassisTypeName(std::uint8_t code);
// The DSP0134 name of a memory type (type 17 byte 0x12); nullopt for Other/Unknown.
std::optional<std::string> smbiosMemoryTypeName(std::uint8_t code);

}  // namespace steward::agent
