#include "agent/inventory/section_hashes.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <cstdint>
#include <cstdio>
#include <set>
#include <string_view>

#include "shared/wire/json_codec.h"

namespace steward::agent {
namespace {

std::string fnv1a64(std::string_view bytes) {
  std::uint64_t hash = 14695981039346656037ull;
  for (const unsigned char c : bytes) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
  return std::to_string(bytes.size()) + "-" + hex;
}

// Top-level fields that describe the report, not the machine.
bool isEnvelope(std::string_view key) {
  static const std::set<std::string_view> kEnvelope = {
      "schema_version", "report_id",       "agent_id",      "collected_at",
      "agent_version",  "dropped_reports", "section_hashes", "sequence"};
  return kEnvelope.contains(key);
}

std::string sectionOf(std::string_view key) {
  if (key == "interfaces" || key == "default_gateways" || key == "dns_servers") return "network";
  return std::string(key);
}

}  // namespace

SectionHashes sectionHashes(const wire::InventoryReport& report) {
  wire::InventoryReport stable = report;
  stable.system.uptime_seconds.reset();
  for (auto& fs : stable.filesystems) fs.used_bytes.reset();
  for (auto& nic : stable.interfaces) {
    nic.oper_state.reset();
    nic.speed_mbps.reset();
  }
  // Through the wire encoder, so a field added to the schema later is covered
  // without anyone remembering to add it here.
  boost::system::error_code ec;
  const auto doc = boost::json::parse(wire::encodeInventory(stable), ec);
  SectionHashes hashes;
  if (ec || !doc.is_object()) return hashes;  // cannot happen: we encoded it ourselves
  std::map<std::string, std::string> text;
  for (const auto& [key, value] : doc.get_object()) {
    if (isEnvelope(key)) continue;
    auto& section = text[sectionOf(key)];
    section += std::string(key) + "=" + boost::json::serialize(value) + "\n";
  }
  for (const auto& [name, bytes] : text) hashes[name] = fnv1a64(bytes);
  return hashes;
}

std::string changedSections(const SectionHashes& a, const SectionHashes& b) {
  std::set<std::string> names;
  for (const auto& [name, hash] : a) {
    const auto it = b.find(name);
    if (it == b.end() || it->second != hash) names.insert(name);
  }
  for (const auto& [name, hash] : b) {
    if (!a.contains(name)) names.insert(name);
  }
  std::string out;
  for (const auto& name : names) out += (out.empty() ? "" : ", ") + name;
  return out;
}

}  // namespace steward::agent
