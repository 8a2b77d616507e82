#pragma once

// Attribute precedence by source: when several sources report one asset (a Steward
// agent, an OCS/FusionInventory agent, SNMP, a person), each attribute of the asset's
// inventory comes from the highest-ranked source that has it. The default order is
// agent > ocs > snmp > manual for every attribute; [reconcile] precedence keys change
// it, for all attributes or one (see config/collector.conf).

#include <array>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "shared/common/result.h"
#include "shared/wire/inventory.h"

namespace steward::collector::reconcile {

// The attributes precedence is decided for, each a group of report fields.
inline constexpr std::array<std::string_view, 10> kAttributes = {
    "hostname",  // system.hostname, fqdn
    "os",        // system os_*, kernel, architecture, uptime, timezone, virtualization
    "hardware",  // SMBIOS identity, BIOS, board, chassis
    "cpu",      "memory", "disks", "filesystems",
    "network",  // interfaces, default gateways, DNS servers
    "packages", "users"};

class AttributePrecedence {
 public:
  // agent, ocs, snmp, manual for every attribute.
  AttributePrecedence();

  // Sets the order for one attribute, or for all when `attribute` is "default".
  // `order` is comma-separated source names; sources left out rank after the listed
  // ones in the default order. Errors "config_invalid" for an unknown attribute or
  // source, naming it.
  Result<void> set(const std::string& attribute, const std::string& order);

  // Sources for `attribute`, best first.
  const std::vector<std::string>& order(std::string_view attribute) const;
  // Position of `source` in order(attribute); unknown sources rank last.
  std::size_t rank(std::string_view attribute, std::string_view source) const;

 private:
  std::map<std::string, std::vector<std::string>, std::less<>> orders_;
};

// One source's latest report for an asset.
struct SourcedReport {
  std::string source;
  wire::InventoryReport report;
};

// The asset's inventory: every attribute from the best-ranked sighting that has it
// (a non-empty hostname, a present field, a non-empty list). Report id, agent id,
// collected_at and agent version come from sightings[primary], the one just received.
wire::InventoryReport mergeSightings(const std::vector<SourcedReport>& sightings,
                                     std::size_t primary, const AttributePrecedence& precedence);

}  // namespace steward::collector::reconcile
