#pragma once

// Automatic flagging of values seen on several machines. A serial or SMBIOS UUID is
// strong evidence only while it belongs to one machine: cloned VMs and badly flashed
// boards share them. When a sighting from another agent matches an asset on such a
// key but its hardware disagrees, the key is flagged non-unique, the two stay apart
// and the key never decides a match again.

#include <optional>
#include <string>
#include <vector>

#include "collector/reconcile/bogus_values.h"
#include "shared/wire/inventory.h"

namespace steward::collector::reconcile {

// What a sighting says about the machine it ran on, normalised for comparison.
struct HardwareFacts {
  std::string source;
  std::string agent_id;
  std::optional<std::string> serial;     // identifier value "vendor|SERIAL"
  std::optional<std::string> cpu_model;  // lower case, single spaces
  std::vector<std::string> macs;         // physical NICs, normalised, sorted
};

HardwareFacts hardwareFacts(const std::string& source, const wire::InventoryReport& report,
                            const BogusValues& bogus);

// Why `incoming` cannot be the machine `known` describes although they share a strong
// hardware key, or nullopt when nothing contradicts it. Contradictions: different
// serials, disjoint sets of physical MACs, or (from the same kind of source, which
// words CPU names the same way) different CPU models. Only sightings from different
// agents are compared: one agent's own NIC swap is not a conflict.
std::optional<std::string> hardwareConflict(const HardwareFacts& known,
                                            const HardwareFacts& incoming);

}  // namespace steward::collector::reconcile
