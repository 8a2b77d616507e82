#include "collector/reconcile/identifiers.h"

#include "shared/common/text.h"

#include <algorithm>
#include <cctype>

namespace steward::collector::reconcile {

namespace {

bool allSameCharacter(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [&](char c) { return c == s.front(); });
}

void add(std::vector<wire::AssetIdentifier>& out, const char* kind, std::string value) {
  wire::AssetIdentifier id{kind, std::move(value)};
  if (std::find(out.begin(), out.end(), id) == out.end()) out.push_back(std::move(id));
}

}  // namespace

bool isStrongKind(const std::string& kind) {
  return kind == kSerial || kind == kSmbiosUuid || kind == kAgentId || kind == kSnmpEngineId;
}

bool isBogusSerial(const std::string& serial, const BogusValues& bogus) {
  const std::string s = asciiLower(trimmed(serial));
  if (s.empty() || allSameCharacter(s)) return true;
  const auto& builtin = BogusValues::builtIn().serials;
  return std::find(builtin.begin(), builtin.end(), s) != builtin.end() ||
         std::find(bogus.serials.begin(), bogus.serials.end(), s) != bogus.serials.end();
}

bool isBogusUuid(const std::string& uuid, const BogusValues& bogus) {
  const std::string u = asciiLower(trimmed(uuid));
  std::string hex;
  for (char c : u) {
    if (c != '-') hex.push_back(c);
  }
  if (hex.size() != 32 ||
      !std::all_of(hex.begin(), hex.end(), [](unsigned char c) { return std::isxdigit(c) != 0; })) {
    return true;
  }
  if (allSameCharacter(hex)) return true;  // all-zero, all-F
  const auto& builtin = BogusValues::builtIn().uuids;
  return std::find(builtin.begin(), builtin.end(), u) != builtin.end() ||
         std::find(bogus.uuids.begin(), bogus.uuids.end(), u) != bogus.uuids.end();
}

std::string normalizeMac(const std::string& mac, const BogusValues& bogus) {
  std::string hex;
  for (char c : asciiLower(trimmed(mac))) {
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
  for (const auto* list : {&BogusValues::builtIn().mac_prefixes, &bogus.mac_prefixes}) {
    for (const auto& prefix : *list) {
      if (out.rfind(prefix, 0) == 0) return "";
    }
  }
  return out;
}

bool isVirtualInterface(const wire::NetworkInterface& nic, const BogusValues& bogus) {
  if (nic.is_virtual) return true;
  const std::string name = asciiLower(nic.name);
  for (const auto* list : {&BogusValues::builtIn().nic_patterns, &bogus.nic_patterns}) {
    for (const auto& pattern : *list) {
      if (!pattern.empty() && pattern.back() == '*') {
        if (name.compare(0, pattern.size() - 1, pattern, 0, pattern.size() - 1) == 0) return true;
      } else if (name == pattern) {
        return true;
      }
    }
  }
  return false;
}

std::vector<wire::AssetIdentifier> extractIdentifiers(const wire::InventoryReport& report,
                                                      const BogusValues& bogus) {
  std::vector<wire::AssetIdentifier> out;
  const auto& hw = report.hardware;
  if (hw.serial && !isBogusSerial(*hw.serial, bogus)) {
    std::string vendor = hw.vendor ? asciiLower(trimmed(*hw.vendor)) : "";
    if (isBogusSerial(vendor, bogus)) vendor = "unknown";
    add(out, kSerial, vendor + "|" + asciiUpper(trimmed(*hw.serial)));
  }
  if (hw.uuid && !isBogusUuid(*hw.uuid, bogus)) add(out, kSmbiosUuid, asciiLower(trimmed(*hw.uuid)));
  if (!trimmed(report.agent_id).empty()) add(out, kAgentId, asciiLower(trimmed(report.agent_id)));

  for (const auto& nic : report.interfaces) {
    if (!nic.mac || isVirtualInterface(nic, bogus)) continue;
    std::string mac = normalizeMac(*nic.mac, bogus);
    if (!mac.empty()) add(out, kMac, std::move(mac));
  }

  const std::string host = asciiLower(trimmed(report.system.hostname));
  if (!host.empty() && host != "localhost" && host != "localhost.localdomain") {
    add(out, kHostname, host);
  }
  return out;
}

}  // namespace steward::collector::reconcile
