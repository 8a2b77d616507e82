#include "collector/snmp/traps/trap_oids.h"

#include <array>
#include <charconv>

namespace steward::collector::snmp::traps {

namespace {

constexpr const char* kIfIndexColumn = "1.3.6.1.2.1.2.2.1.1.";
constexpr const char* kIfDescrColumn = "1.3.6.1.2.1.2.2.1.2.";
constexpr const char* kIfNameColumn = "1.3.6.1.2.1.31.1.1.1.1.";

// The row index after `column` when `oid` is a single-index instance of it.
std::string rowIndex(const std::string& oid, std::string_view column) {
  if (!oid.starts_with(column)) return {};
  std::string index = oid.substr(column.size());
  std::uint64_t value = 0;
  auto [end, ec] = std::from_chars(index.data(), index.data() + index.size(), value);
  if (ec != std::errc() || end != index.data() + index.size()) return {};
  return index;
}

}  // namespace

std::string v2TrapOidFromV1(const std::string& enterprise, std::int64_t generic_trap,
                            std::int64_t specific_trap) {
  if (generic_trap >= 0 && generic_trap <= 5) {
    return "1.3.6.1.6.3.1.1.5." + std::to_string(generic_trap + 1);
  }
  if (generic_trap == 6 && !enterprise.empty() && specific_trap >= 0) {
    return enterprise + ".0." + std::to_string(specific_trap);
  }
  return {};
}

std::string genericTrapName(const std::string& trap_oid) {
  static constexpr std::array<std::pair<const char*, const char*>, 6> kNames = {{
      {kColdStart, "coldStart"},
      {kWarmStart, "warmStart"},
      {kLinkDown, "linkDown"},
      {kLinkUp, "linkUp"},
      {kAuthenticationFailure, "authenticationFailure"},
      {"1.3.6.1.6.3.1.1.5.6", "egpNeighborLoss"},
  }};
  for (const auto& [oid, name] : kNames) {
    if (trap_oid == oid) return name;
  }
  return {};
}

void deriveSubject(TrapEvent& event) {
  if (event.trap_oid != kLinkDown && event.trap_oid != kLinkUp) return;
  std::string index;
  std::string name;
  std::string descr;
  for (const TrapVarbind& vb : event.varbinds) {
    if (auto i = rowIndex(vb.oid, kIfIndexColumn); !i.empty()) {
      index = vb.type == "integer" ? vb.value : i;
    } else if (auto j = rowIndex(vb.oid, kIfNameColumn); !j.empty()) {
      name = vb.value;
      if (index.empty()) index = j;
    } else if (auto k = rowIndex(vb.oid, kIfDescrColumn); !k.empty()) {
      descr = vb.value;
      if (index.empty()) index = k;
    }
  }
  // Devices that omit ifIndex still index their ifAdminStatus/ifOperStatus columns.
  if (index.empty()) {
    for (const TrapVarbind& vb : event.varbinds) {
      for (const char* column : {"1.3.6.1.2.1.2.2.1.7.", "1.3.6.1.2.1.2.2.1.8."}) {
        if (auto i = rowIndex(vb.oid, column); !i.empty() && index.empty()) index = i;
      }
    }
  }
  if (!index.empty()) event.subject = "ifIndex=" + index;
  event.interface_name = !name.empty() ? name : descr;
}

}  // namespace steward::collector::snmp::traps
