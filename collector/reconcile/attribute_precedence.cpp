#include "collector/reconcile/attribute_precedence.h"

#include <algorithm>
#include <functional>
#include <sstream>

#include "shared/wire/asset_history.h"
#include "shared/common/text.h"

namespace steward::collector::reconcile {

namespace {

const std::vector<std::string>& defaultOrder() {
  static const std::vector<std::string> kOrder = {wire::kSourceAgent, wire::kSourceOcs,
                                                  wire::kSourceSnmp, wire::kSourceManual};
  return kOrder;
}

bool hasHostname(const wire::InventoryReport& r) { return !r.system.hostname.empty(); }
bool hasOs(const wire::InventoryReport& r) {
  return r.system.os_id || r.system.os_name || r.system.kernel;
}
bool hasHardware(const wire::InventoryReport& r) {
  return r.hardware != wire::HardwareIdentity{};
}
bool hasCpu(const wire::InventoryReport& r) { return r.cpu != wire::Cpu{}; }
bool hasMemory(const wire::InventoryReport& r) { return r.memory != wire::Memory{}; }
bool hasDisks(const wire::InventoryReport& r) { return !r.disks.empty(); }
bool hasFilesystems(const wire::InventoryReport& r) { return !r.filesystems.empty(); }
bool hasNetwork(const wire::InventoryReport& r) { return !r.interfaces.empty(); }
bool hasPackages(const wire::InventoryReport& r) { return !r.packages.empty(); }
bool hasUsers(const wire::InventoryReport& r) { return !r.users.empty(); }

void copyHostname(wire::InventoryReport& to, const wire::InventoryReport& from) {
  to.system.hostname = from.system.hostname;
  to.system.fqdn = from.system.fqdn;
}
void copyOs(wire::InventoryReport& to, const wire::InventoryReport& from) {
  const std::string hostname = to.system.hostname;
  const auto fqdn = to.system.fqdn;
  to.system = from.system;
  to.system.hostname = hostname;
  to.system.fqdn = fqdn;
}
void copyHardware(wire::InventoryReport& to, const wire::InventoryReport& from) {
  to.hardware = from.hardware;
}
void copyCpu(wire::InventoryReport& to, const wire::InventoryReport& from) { to.cpu = from.cpu; }
void copyMemory(wire::InventoryReport& to, const wire::InventoryReport& from) {
  to.memory = from.memory;
}
void copyDisks(wire::InventoryReport& to, const wire::InventoryReport& from) {
  to.disks = from.disks;
}
void copyFilesystems(wire::InventoryReport& to, const wire::InventoryReport& from) {
  to.filesystems = from.filesystems;
}
void copyNetwork(wire::InventoryReport& to, const wire::InventoryReport& from) {
  to.interfaces = from.interfaces;
  to.default_gateways = from.default_gateways;
  to.dns_servers = from.dns_servers;
}
void copyPackages(wire::InventoryReport& to, const wire::InventoryReport& from) {
  to.packages = from.packages;
}
void copyUsers(wire::InventoryReport& to, const wire::InventoryReport& from) {
  to.users = from.users;
}

struct Attribute {
  std::string_view name;
  std::function<bool(const wire::InventoryReport&)> has;
  std::function<void(wire::InventoryReport&, const wire::InventoryReport&)> copy;
};

const std::vector<Attribute>& attributes() {
  static const std::vector<Attribute> kList = {
      {"hostname", hasHostname, copyHostname}, {"os", hasOs, copyOs},
      {"hardware", hasHardware, copyHardware}, {"cpu", hasCpu, copyCpu},
      {"memory", hasMemory, copyMemory},       {"disks", hasDisks, copyDisks},
      {"filesystems", hasFilesystems, copyFilesystems}, {"network", hasNetwork, copyNetwork},
      {"packages", hasPackages, copyPackages}, {"users", hasUsers, copyUsers},
  };
  return kList;
}

}  // namespace

AttributePrecedence::AttributePrecedence() {
  for (auto name : kAttributes) orders_[std::string(name)] = defaultOrder();
}

Result<void> AttributePrecedence::set(const std::string& attribute, const std::string& order) {
  const bool all = attribute == "default";
  if (!all && !orders_.contains(attribute)) {
    return makeError("config_invalid", "precedence: unknown attribute '" + attribute +
                                           "' (hostname, os, hardware, cpu, memory, disks, "
                                           "filesystems, network, packages, users or default)");
  }
  std::vector<std::string> sources;
  std::stringstream in(order);
  for (std::string item; std::getline(in, item, ',');) {
    item = trimmed(item);
    if (item.empty()) continue;
    const auto& known = defaultOrder();
    if (std::find(known.begin(), known.end(), item) == known.end()) {
      return makeError("config_invalid", "precedence." + attribute + ": unknown source '" + item +
                                             "' (agent, ocs, snmp or manual)");
    }
    if (std::find(sources.begin(), sources.end(), item) == sources.end()) sources.push_back(item);
  }
  if (sources.empty()) {
    return makeError("config_invalid", "precedence." + attribute + " lists no source");
  }
  for (const auto& source : defaultOrder()) {
    if (std::find(sources.begin(), sources.end(), source) == sources.end()) {
      sources.push_back(source);
    }
  }
  if (all) {
    for (auto& [name, list] : orders_) list = sources;
  } else {
    orders_[attribute] = std::move(sources);
  }
  return {};
}

const std::vector<std::string>& AttributePrecedence::order(std::string_view attribute) const {
  auto it = orders_.find(attribute);
  return it == orders_.end() ? defaultOrder() : it->second;
}

std::size_t AttributePrecedence::rank(std::string_view attribute, std::string_view source) const {
  const auto& list = order(attribute);
  return static_cast<std::size_t>(std::find(list.begin(), list.end(), source) - list.begin());
}

wire::InventoryReport mergeSightings(const std::vector<SourcedReport>& sightings,
                                     std::size_t primary, const AttributePrecedence& precedence) {
  wire::InventoryReport merged = sightings.at(primary).report;
  if (sightings.size() == 1) return merged;
  for (const auto& attribute : attributes()) {
    const SourcedReport* best = nullptr;
    for (const auto& s : sightings) {
      if (!attribute.has(s.report)) continue;
      if (best == nullptr ||
          precedence.rank(attribute.name, s.source) < precedence.rank(attribute.name, best->source)) {
        best = &s;
      }
    }
    if (best != nullptr) attribute.copy(merged, best->report);
  }
  return merged;
}

}  // namespace steward::collector::reconcile
