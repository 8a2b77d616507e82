#include "collector/reconcile/bogus_values.h"

#include "shared/common/text.h"

#include <algorithm>
#include <cctype>
#include <sstream>

namespace steward::collector::reconcile {

namespace {

std::vector<std::string> splitList(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream in(text);
  for (std::string item; std::getline(in, item, ',');) {
    item = asciiLower(trimmed(item));
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

void addUnique(std::vector<std::string>& list, std::string value) {
  if (std::find(list.begin(), list.end(), value) == list.end()) list.push_back(std::move(value));
}

Error invalid(const std::string& message) { return makeError("config_invalid", message); }

}  // namespace

const BogusValues& BogusValues::builtIn() {
  static const BogusValues kBuiltIn{
      // Placeholders seen in the wild in SMBIOS serial and vendor fields.
      {"to be filled by o.e.m.", "default string", "system serial number", "not specified",
       "not applicable", "none", "n/a", "0", "123456789", "0123456789", "serial",
       "chassis serial number", "system manufacturer", "o.e.m.", "unknown", "invalid"},
      // UUIDs some firmware ships on every board (all-zero and all-F are caught by
      // the all-same-character rule).
      {"03000200-0400-0500-0006-000700080009", "00020003-0004-0005-0006-000700080009"},
      // Host-side virtual adapters that carry the same MAC on every host: VirtualBox
      // host-only, VMware vmnet, Microsoft loopback, OpenVPN TAP-Windows.
      {"0a:00:27:00:00", "00:50:56:c0:00", "02:00:4c:4f:4f:50", "00:ff"},
      {"lo", "docker*", "veth*", "virbr*", "br-*", "vmnet*", "vboxnet*", "tun*", "tap*", "cni*",
       "flannel*", "wg*", "vnet*", "cali*", "kube-*", "lxcbr*", "lxdbr*", "podman*", "tailscale*",
       "zt*"},
  };
  return kBuiltIn;
}

Result<void> BogusValues::addSerials(const std::string& text) {
  for (auto& v : splitList(text)) addUnique(serials, std::move(v));
  return {};
}

Result<void> BogusValues::addUuids(const std::string& text) {
  for (auto& v : splitList(text)) {
    std::string hex;
    for (char c : v) {
      if (c != '-') hex.push_back(c);
    }
    if (hex.size() != 32 ||
        !std::all_of(hex.begin(), hex.end(), [](unsigned char c) { return std::isxdigit(c); })) {
      return invalid("bogus UUID '" + v + "' is not a UUID (32 hex digits)");
    }
    addUnique(uuids, std::move(v));
  }
  return {};
}

Result<void> BogusValues::addMacPrefixes(const std::string& text) {
  for (auto& v : splitList(text)) {
    std::string hex;
    for (char c : v) {
      if (c == ':' || c == '-') continue;
      if (!std::isxdigit(static_cast<unsigned char>(c))) {
        return invalid("bogus MAC prefix '" + v + "' is not hex octets like 0a:00:27");
      }
      hex.push_back(c);
    }
    if (hex.empty() || hex.size() % 2 != 0 || hex.size() > 12) {
      return invalid("bogus MAC prefix '" + v + "' must be 1 to 6 whole octets like 0a:00:27");
    }
    std::string normal;
    for (std::size_t i = 0; i < hex.size(); i += 2) {
      if (!normal.empty()) normal.push_back(':');
      normal += hex.substr(i, 2);
    }
    addUnique(mac_prefixes, std::move(normal));
  }
  return {};
}

Result<void> BogusValues::addNicPatterns(const std::string& text) {
  for (auto& v : splitList(text)) addUnique(nic_patterns, std::move(v));
  return {};
}

}  // namespace steward::collector::reconcile
