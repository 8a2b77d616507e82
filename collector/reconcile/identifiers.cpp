#include "collector/reconcile/identifiers.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string_view>

namespace steward::collector::reconcile {

namespace {

std::string trim(const std::string& s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  const auto last = s.find_last_not_of(" \t\r\n");
  return s.substr(first, last - first + 1);
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::string upper(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return s;
}

bool allSameCharacter(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [&](char c) { return c == s.front(); });
}

// Placeholders seen in the wild in SMBIOS serial and vendor fields (lower case).
constexpr std::array<std::string_view, 16> kBogusSerials = {
    "to be filled by o.e.m.",
    "default string",
    "system serial number",
    "not specified",
    "not applicable",
    "none",
    "n/a",
    "0",
    "123456789",
    "0123456789",
    "serial",
    "chassis serial number",
    "system manufacturer",
    "o.e.m.",
    "unknown",
    "invalid",
};

// UUIDs some firmware ships on every board.
constexpr std::array<std::string_view, 2> kBogusUuids = {
    "03000200-0400-0500-0006-000700080009",
    "00020003-0004-0005-0006-000700080009",
};

constexpr std::array<std::string_view, 11> kVirtualNicPrefixes = {
    "docker", "veth", "virbr", "br-", "vmnet", "vboxnet", "tun", "tap", "cni", "flannel", "wg"};

void add(std::vector<wire::AssetIdentifier>& out, const char* kind, std::string value) {
  wire::AssetIdentifier id{kind, std::move(value)};
  if (std::find(out.begin(), out.end(), id) == out.end()) out.push_back(std::move(id));
}

}  // namespace

bool isStrongKind(const std::string& kind) {
  return kind == kSerial || kind == kSmbiosUuid || kind == kAgentId || kind == kSnmpEngineId;
}

bool isBogusSerial(const std::string& serial) {
  const std::string s = lower(trim(serial));
  if (s.empty() || allSameCharacter(s)) return true;
  return std::find(kBogusSerials.begin(), kBogusSerials.end(), s) != kBogusSerials.end();
}

bool isBogusUuid(const std::string& uuid) {
  const std::string u = lower(trim(uuid));
  std::string hex;
  for (char c : u) {
    if (c != '-') hex.push_back(c);
  }
  if (hex.size() != 32 ||
      !std::all_of(hex.begin(), hex.end(), [](unsigned char c) { return std::isxdigit(c) != 0; })) {
    return true;
  }
  if (allSameCharacter(hex)) return true;  // all-zero, all-F
  return std::find(kBogusUuids.begin(), kBogusUuids.end(), u) != kBogusUuids.end();
}

std::string normalizeMac(const std::string& mac) {
  std::string hex;
  for (char c : lower(trim(mac))) {
    if (c == ':' || c == '-' || c == '.') continue;
    if (!std::isxdigit(static_cast<unsigned char>(c))) return "";
    hex.push_back(c);
  }
  if (hex.size() != 12) return "";
  if (allSameCharacter(hex)) return "";  // 00:00:.. and ff:ff:.. (broadcast)
  const int first_octet = std::stoi(hex.substr(0, 2), nullptr, 16);
  if ((first_octet & 0x01) != 0) return "";  // multicast
  std::string out;
  for (std::size_t i = 0; i < 12; i += 2) {
    if (!out.empty()) out.push_back(':');
    out += hex.substr(i, 2);
  }
  return out;
}

bool isVirtualInterface(const wire::NetworkInterface& nic) {
  if (nic.is_virtual) return true;
  const std::string name = lower(nic.name);
  if (name == "lo") return true;
  for (std::string_view prefix : kVirtualNicPrefixes) {
    if (name.rfind(prefix, 0) == 0) return true;
  }
  return false;
}

std::vector<wire::AssetIdentifier> extractIdentifiers(const wire::InventoryReport& report) {
  std::vector<wire::AssetIdentifier> out;
  const auto& hw = report.hardware;
  if (hw.serial && !isBogusSerial(*hw.serial)) {
    std::string vendor = hw.vendor ? lower(trim(*hw.vendor)) : "";
    if (isBogusSerial(vendor)) vendor = "unknown";
    add(out, kSerial, vendor + "|" + upper(trim(*hw.serial)));
  }
  if (hw.uuid && !isBogusUuid(*hw.uuid)) add(out, kSmbiosUuid, lower(trim(*hw.uuid)));
  if (!trim(report.agent_id).empty()) add(out, kAgentId, lower(trim(report.agent_id)));

  for (const auto& nic : report.interfaces) {
    if (!nic.mac || isVirtualInterface(nic)) continue;
    std::string mac = normalizeMac(*nic.mac);
    if (!mac.empty()) add(out, kMac, std::move(mac));
  }

  const std::string host = lower(trim(report.system.hostname));
  if (!host.empty() && host != "localhost" && host != "localhost.localdomain") {
    add(out, kHostname, host);
  }
  return out;
}

}  // namespace steward::collector::reconcile
