#include "agent/inventory/linux/smbios_table.h"

#include <array>
#include <cstdio>

#include "agent/inventory/linux/text_util.h"

namespace steward::agent {
namespace {

constexpr std::uint8_t kTypeBios = 0;
constexpr std::uint8_t kTypeSystem = 1;
constexpr std::uint8_t kTypeBoard = 2;
constexpr std::uint8_t kTypeChassis = 3;
constexpr std::uint8_t kTypeProcessor = 4;
constexpr std::uint8_t kTypeMemoryDevice = 17;
constexpr std::uint8_t kTypeBattery = 22;
constexpr std::uint8_t kTypeEndOfTable = 127;

// One structure: the formatted area (header included) and its string set. Every
// accessor checks the structure's own length, so a short (older-version) structure
// simply lacks the later fields.
class Structure {
 public:
  Structure(std::string_view formatted, std::vector<std::string_view> strings)
      : formatted_(formatted), strings_(std::move(strings)) {}

  std::uint8_t type() const { return byte(0).value_or(0); }

  std::optional<std::uint8_t> byte(std::size_t offset) const {
    if (offset >= formatted_.size()) return std::nullopt;
    return static_cast<std::uint8_t>(formatted_[offset]);
  }
  std::optional<std::uint16_t> word(std::size_t offset) const {
    if (offset + 2 > formatted_.size()) return std::nullopt;
    return static_cast<std::uint16_t>(*byte(offset) | (*byte(offset + 1) << 8));
  }
  std::optional<std::uint32_t> dword(std::size_t offset) const {
    if (offset + 4 > formatted_.size()) return std::nullopt;
    return static_cast<std::uint32_t>(*word(offset)) |
           (static_cast<std::uint32_t>(*word(offset + 2)) << 16);
  }
  // The string a byte at `offset` refers to (1-based; 0 means "none").
  std::optional<std::string> string(std::size_t offset) const {
    const auto index = byte(offset);
    if (!index || *index == 0 || *index > strings_.size()) return std::nullopt;
    const std::string_view value = trim(strings_[*index - 1]);
    if (value.empty()) return std::nullopt;
    return std::string(value);
  }
  std::string_view bytes(std::size_t offset, std::size_t count) const {
    if (offset + count > formatted_.size()) return {};
    return formatted_.substr(offset, count);
  }

 private:
  std::string_view formatted_;
  std::vector<std::string_view> strings_;
};

std::optional<std::string> uuidText(std::string_view raw, bool little_endian) {
  if (raw.size() != 16) return std::nullopt;
  std::array<std::uint8_t, 16> b{};
  for (std::size_t i = 0; i < 16; ++i) b[i] = static_cast<std::uint8_t>(raw[i]);
  if (little_endian) {  // time_low, time_mid, time_hi_and_version are stored LE
    std::swap(b[0], b[3]);
    std::swap(b[1], b[2]);
    std::swap(b[4], b[5]);
    std::swap(b[6], b[7]);
  }
  char out[37];
  std::snprintf(out, sizeof out,
                "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0], b[1],
                b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14],
                b[15]);
  return std::string(out);
}

void readBios(const Structure& s, wire::HardwareIdentity& hw) {
  wire::Bios bios{s.string(0x04), s.string(0x05), s.string(0x08)};
  if (bios != wire::Bios{}) hw.bios = bios;
}

void readSystem(const Structure& s, bool little_endian_uuid, wire::HardwareIdentity& hw) {
  hw.vendor = s.string(0x04);
  hw.model = s.string(0x05);
  hw.serial = s.string(0x07);
  hw.uuid = uuidText(s.bytes(0x08, 16), little_endian_uuid);
  hw.sku = s.string(0x19);
  hw.family = s.string(0x1A);
}

void readBoard(const Structure& s, wire::HardwareIdentity& hw) {
  if (hw.board) return;  // the first board is the mainboard; others are add-in boards
  wire::Board board{s.string(0x04), s.string(0x05), s.string(0x07)};
  if (board != wire::Board{}) hw.board = board;
}

void readChassis(const Structure& s, wire::HardwareIdentity& hw) {
  if (hw.chassis) return;
  wire::Chassis chassis;
  if (const auto code = s.byte(0x05)) chassis.type = smbiosChassisTypeName(*code & 0x7F);
  chassis.serial = s.string(0x07);
  chassis.asset_tag = s.string(0x08);
  if (chassis != wire::Chassis{}) hw.chassis = chassis;
}

SmbiosProcessor readProcessor(const Structure& s) {
  SmbiosProcessor cpu;
  cpu.socket = s.string(0x04);
  cpu.manufacturer = s.string(0x07);
  cpu.version = s.string(0x10);
  if (const auto mhz = s.word(0x14); mhz && *mhz != 0) cpu.max_mhz = *mhz;
  cpu.populated = (s.byte(0x18).value_or(0) & 0x40) != 0;
  return cpu;
}

// Size in bytes from the 16-bit size field and, when it says so, the extended size.
// nullopt: empty slot (0) or unknown (0xFFFF).
std::optional<std::uint64_t> memorySize(const Structure& s, bool& empty) {
  const auto size = s.word(0x0C);
  empty = !size || *size == 0;
  if (empty || *size == 0xFFFF) return std::nullopt;
  constexpr std::uint64_t kMiB = 1024 * 1024;
  if (*size == 0x7FFF) {
    const auto extended = s.dword(0x1C);
    if (!extended) return std::nullopt;
    return static_cast<std::uint64_t>(*extended & 0x7FFFFFFF) * kMiB;
  }
  if (*size & 0x8000) return static_cast<std::uint64_t>(*size & 0x7FFF) * 1024;  // KiB units
  return static_cast<std::uint64_t>(*size) * kMiB;
}

std::optional<wire::MemoryModule> readMemoryDevice(const Structure& s) {
  bool empty = true;
  const auto size = memorySize(s, empty);
  if (empty) return std::nullopt;
  wire::MemoryModule module;
  module.slot = s.string(0x10).value_or(s.string(0x11).value_or(""));
  module.size_bytes = size;
  if (const auto type = s.byte(0x12)) module.type = smbiosMemoryTypeName(*type);
  if (const auto speed = s.word(0x15); speed && *speed != 0) {
    if (*speed != 0xFFFF) {
      module.speed_mts = *speed;
    } else if (const auto extended = s.dword(0x54); extended && *extended != 0) {
      module.speed_mts = *extended & 0x7FFFFFFF;  // SMBIOS 3.3
    }
  }
  module.manufacturer = s.string(0x17);
  module.serial = s.string(0x18);
  module.part_number = s.string(0x1A);
  return module;
}

std::optional<std::string> batteryChemistry(std::uint8_t code) {
  static constexpr std::array<const char*, 9> kNames = {
      nullptr,       "Other",          nullptr,
      "Lead Acid",   "Nickel Cadmium", "Nickel metal hydride",
      "Lithium-ion", "Zinc air",       "Lithium Polymer"};
  if (code < kNames.size() && kNames[code] != nullptr) return kNames[code];
  return std::nullopt;
}

SmbiosBattery readBattery(const Structure& s) {
  SmbiosBattery battery;
  battery.location = s.string(0x04);
  battery.manufacturer = s.string(0x05);
  battery.serial = s.string(0x07);
  battery.name = s.string(0x08);
  if (const auto code = s.byte(0x09)) battery.chemistry = batteryChemistry(*code);
  if (!battery.chemistry) battery.chemistry = s.string(0x14);  // SBDS chemistry text
  if (const auto capacity = s.word(0x0A); capacity && *capacity != 0) {
    const std::uint8_t multiplier = s.byte(0x15).value_or(1);  // SMBIOS 2.2+
    battery.design_capacity_mwh =
        static_cast<std::uint32_t>(*capacity) * (multiplier ? multiplier : 1);
  }
  if (!battery.serial) {
    if (const auto sbds = s.word(0x10)) {  // hex, as dmidecode prints it
      char hex[8];
      std::snprintf(hex, sizeof hex, "%04X", static_cast<unsigned>(*sbds));
      battery.serial = hex;
    }
  }
  return battery;
}

}  // namespace

std::optional<SmbiosVersion> parseSmbiosEntryPoint(std::string_view bytes) {
  if (bytes.size() >= 24 && bytes.substr(0, 5) == "_SM3_") {
    return SmbiosVersion{static_cast<std::uint8_t>(bytes[7]), static_cast<std::uint8_t>(bytes[8])};
  }
  if (bytes.size() >= 31 && bytes.substr(0, 4) == "_SM_") {
    return SmbiosVersion{static_cast<std::uint8_t>(bytes[6]), static_cast<std::uint8_t>(bytes[7])};
  }
  return std::nullopt;
}

Result<SmbiosInfo> parseSmbiosTable(std::string_view table, SmbiosVersion version) {
  const bool little_endian_uuid = version.major == 0 || version >= SmbiosVersion{2, 6};
  SmbiosInfo info;
  bool ended = false;
  std::size_t pos = 0;
  while (pos + 4 <= table.size()) {
    const std::size_t length = static_cast<std::uint8_t>(table[pos + 1]);
    if (length < 4 || pos + length > table.size()) {
      info.truncated = true;
      break;
    }
    // The string set: NUL-terminated strings, ended by an empty string (so a structure
    // without strings ends in two NULs).
    std::vector<std::string_view> strings;
    std::size_t cursor = pos + length;
    bool terminated = false;
    if (cursor + 1 < table.size() && table[cursor] == '\0' && table[cursor + 1] == '\0') {
      cursor += 2;
      terminated = true;
    } else {
      while (cursor < table.size()) {
        const std::size_t end = table.find('\0', cursor);
        if (end == std::string_view::npos) break;
        if (end == cursor) {
          cursor = end + 1;
          terminated = true;
          break;
        }
        strings.push_back(table.substr(cursor, end - cursor));
        cursor = end + 1;
      }
    }
    const Structure s(table.substr(pos, length), std::move(strings));
    ++info.structures;
    switch (s.type()) {
      case kTypeBios:
        readBios(s, info.hardware);
        break;
      case kTypeSystem:
        readSystem(s, little_endian_uuid, info.hardware);
        break;
      case kTypeBoard:
        readBoard(s, info.hardware);
        break;
      case kTypeChassis:
        readChassis(s, info.hardware);
        break;
      case kTypeProcessor:
        info.processors.push_back(readProcessor(s));
        break;
      case kTypeMemoryDevice:
        if (auto module = readMemoryDevice(s)) info.memory_modules.push_back(std::move(*module));
        break;
      case kTypeBattery:
        info.batteries.push_back(readBattery(s));
        break;
      default:
        break;
    }
    if (!terminated) {
      info.truncated = true;
      break;
    }
    if (s.type() == kTypeEndOfTable) {
      ended = true;
      break;
    }
    pos = cursor;
  }
  // A table cut exactly between two structures shows only by its missing end marker.
  if (!ended) info.truncated = true;
  if (info.structures == 0) {
    return makeError("malformed",
                     "no complete SMBIOS structure in " + std::to_string(table.size()) + " bytes");
  }
  return info;
}

std::string smbiosChassisTypeName(std::uint8_t code) {
  static constexpr std::array<const char*, 37> kNames = {nullptr,
                                                         "Other",
                                                         "Unknown",
                                                         "Desktop",
                                                         "Low Profile Desktop",
                                                         "Pizza Box",
                                                         "Mini Tower",
                                                         "Tower",
                                                         "Portable",
                                                         "Laptop",
                                                         "Notebook",
                                                         "Hand Held",
                                                         "Docking Station",
                                                         "All in One",
                                                         "Sub Notebook",
                                                         "Space-saving",
                                                         "Lunch Box",
                                                         "Main Server Chassis",
                                                         "Expansion Chassis",
                                                         "Sub Chassis",
                                                         "Bus Expansion Chassis",
                                                         "Peripheral Chassis",
                                                         "RAID Chassis",
                                                         "Rack Mount Chassis",
                                                         "Sealed-case PC",
                                                         "Multi-system",
                                                         "CompactPCI",
                                                         "AdvancedTCA",
                                                         "Blade",
                                                         "Blade Enclosure",
                                                         "Tablet",
                                                         "Convertible",
                                                         "Detachable",
                                                         "IoT Gateway",
                                                         "Embedded PC",
                                                         "Mini PC",
                                                         "Stick PC"};
  if (code < kNames.size() && kNames[code] != nullptr) return kNames[code];
  return "Other";
}

std::optional<std::string> smbiosMemoryTypeName(std::uint8_t code) {
  static constexpr std::array<const char*, 0x25> kNames = {
      nullptr,        nullptr,  nullptr,  "DRAM",
      "EDRAM",        "VRAM",   "SRAM",   "RAM",
      "ROM",          "Flash",  "EEPROM", "FEPROM",
      "EPROM",        "CDRAM",  "3DRAM",  "SDRAM",
      "SGRAM",        "RDRAM",  "DDR",    "DDR2",
      "DDR2 FB-DIMM", nullptr,  nullptr,  nullptr,
      "DDR3",         "FBD2",   "DDR4",   "LPDDR",
      "LPDDR2",       "LPDDR3", "LPDDR4", "Logical non-volatile device",
      "HBM",          "HBM2",   "DDR5",   "LPDDR5",
      "HBM3"};
  if (code < kNames.size() && kNames[code] != nullptr) return kNames[code];
  return std::nullopt;
}

}  // namespace steward::agent
