#include "agent/inventory/linux/edid.h"

#include <algorithm>
#include <array>
#include <utility>

namespace steward::agent {
namespace {

constexpr std::array<unsigned char, 8> kHeader = {0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x00};
constexpr std::size_t kDescriptorsAt = 54;
constexpr std::size_t kDescriptorBytes = 18;
constexpr unsigned char kTagSerial = 0xFF;
constexpr unsigned char kTagName = 0xFC;
constexpr unsigned char kTagText = 0xFE;

// Display makers seen on real desks and in laptops; the full PNP registry (UEFI
// forum) has thousands of entries, most of them not displays.
constexpr std::pair<std::string_view, std::string_view> kPnpNames[] = {
    {"ACI", "Asus"},
    {"ACR", "Acer"},
    {"AOC", "AOC"},
    {"APP", "Apple"},
    {"AUO", "AU Optronics"},
    {"AUS", "Asus"},
    {"BNQ", "BenQ"},
    {"BOE", "BOE"},
    {"CMN", "Innolux"},
    {"CMO", "Chi Mei Optoelectronics"},
    {"DEL", "Dell"},
    {"EIZ", "Eizo"},
    {"ENC", "Eizo"},
    {"FUS", "Fujitsu"},
    {"GBT", "Gigabyte"},
    {"GSM", "LG Electronics"},
    {"HEC", "Hisense"},
    {"HPN", "HP"},
    {"HSD", "HannStar"},
    {"HWP", "HP"},
    {"IVM", "Iiyama"},
    {"IVO", "InfoVision"},
    {"LEN", "Lenovo"},
    {"LGD", "LG Display"},
    {"LPL", "LG Philips"},
    {"MEI", "Panasonic"},
    {"MSI", "MSI"},
    {"NEC", "NEC"},
    {"PHL", "Philips"},
    {"QDS", "Quanta Display"},
    {"RHT", "Red Hat (virtual display)"},
    {"SAM", "Samsung"},
    {"SDC", "Samsung Display"},
    {"SHP", "Sharp"},
    {"SNY", "Sony"},
    {"TSB", "Toshiba"},
    {"VSC", "ViewSonic"},
};

Error malformed(const std::string& what) { return makeError("malformed_edid", what); }

unsigned byteAt(std::string_view edid, std::size_t at) {
  return static_cast<unsigned char>(edid[at]);
}

// Display descriptor text: 13 bytes, ended by 0x0A and padded with spaces.
std::optional<std::string> descriptorText(std::string_view descriptor) {
  std::string_view text = descriptor.substr(5, 13);
  text = text.substr(0, text.find('\n'));
  while (!text.empty() && (text.back() == ' ' || text.back() == '\0')) text.remove_suffix(1);
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  if (text.empty()) return std::nullopt;
  for (const char c : text) {
    if (c < 0x20 || c > 0x7E) return std::nullopt;
  }
  return std::string(text);
}

}  // namespace

std::optional<std::string> pnpVendorName(std::string_view pnp_id) {
  for (const auto& [id, name] : kPnpNames) {
    if (id == pnp_id) return std::string(name);
  }
  return std::nullopt;
}

Result<wire::Monitor> parseEdid(std::string_view edid, std::string connector) {
  if (edid.size() < kEdidBlockBytes) {
    return malformed("EDID of " + std::to_string(edid.size()) + " bytes is shorter than 128");
  }
  if (!std::equal(kHeader.begin(), kHeader.end(), edid.begin(),
                  [](unsigned char a, char b) { return a == static_cast<unsigned char>(b); })) {
    return malformed("EDID does not start with the 00 FF FF FF FF FF FF 00 header");
  }
  unsigned sum = 0;
  for (std::size_t i = 0; i < kEdidBlockBytes; ++i) sum += byteAt(edid, i);
  if (sum % 256 != 0) return malformed("EDID base block checksum does not add up");

  wire::Monitor m;
  m.connector = std::move(connector);
  const unsigned pnp = (byteAt(edid, 8) << 8) | byteAt(edid, 9);
  std::string id;
  for (const int shift : {10, 5, 0}) {
    const unsigned letter = (pnp >> shift) & 0x1F;
    if (letter >= 1 && letter <= 26) id += static_cast<char>('A' + letter - 1);
  }
  if (id.size() == 3) {
    m.manufacturer = pnpVendorName(id);
    m.manufacturer_id = std::move(id);
  }
  const unsigned product = byteAt(edid, 10) | (byteAt(edid, 11) << 8);
  if (product != 0) m.product_code = product;
  const std::uint32_t serial = byteAt(edid, 12) | (byteAt(edid, 13) << 8) |
                               (byteAt(edid, 14) << 16) | (std::uint32_t{byteAt(edid, 15)} << 24);
  // 0 means "not used"; panels and cheap monitors often leave 0x01010101.
  if (serial != 0 && serial != 0x01010101) m.serial = std::to_string(serial);
  if (byteAt(edid, 17) != 0) m.manufacture_year = 1990 + byteAt(edid, 17);
  if (byteAt(edid, 21) != 0 && byteAt(edid, 22) != 0) {
    m.width_mm = byteAt(edid, 21) * 10;
    m.height_mm = byteAt(edid, 22) * 10;
  }
  bool have_mm = false;
  std::optional<std::string> last_text;
  for (std::size_t at = kDescriptorsAt; at + kDescriptorBytes <= 126; at += kDescriptorBytes) {
    const std::string_view d = edid.substr(at, kDescriptorBytes);
    if (byteAt(d, 0) != 0 || byteAt(d, 1) != 0) {
      // Detailed timing: its image size in mm is finer than the cm in bytes 21-22.
      const unsigned w = byteAt(d, 12) | ((byteAt(d, 14) & 0xF0) << 4);
      const unsigned h = byteAt(d, 13) | ((byteAt(d, 14) & 0x0F) << 8);
      if (!have_mm && w != 0 && h != 0) {
        m.width_mm = w;
        m.height_mm = h;
        have_mm = true;
      }
      continue;
    }
    if (byteAt(d, 3) == kTagName && !m.model) {
      m.model = descriptorText(d);
    } else if (byteAt(d, 3) == kTagSerial) {
      if (auto text = descriptorText(d)) m.serial = std::move(text);
    } else if (byteAt(d, 3) == kTagText) {
      if (auto text = descriptorText(d)) last_text = std::move(text);
    }
  }
  // Laptop panels carry no name descriptor; their last text descriptor is the panel's
  // part number ("AUO" then "B140HAN06.8").
  if (!m.model) m.model = std::move(last_text);
  return m;
}

}  // namespace steward::agent
