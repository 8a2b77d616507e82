#pragma once

// linkDown/linkUp traps named like the polls name ports, and fed into an
// interface_down condition (a trap rule with `condition = <interface_down rule>`), so
// one outage seen by a trap and by the next poll is one incident, not two.
//
// The port: the trap's ifIndex (the ifIndex varbind's value, else the row index of
// ifIndex/ifName/ifDescr/ifAdminStatus/ifOperStatus columns) looked up in the table
// the latest poll of the device gave, named as interface_down names it (portSubjects);
// "ifIndex N" when the device was never polled or the row is missing.
//
// Monitoring: the trap raises for any port the device sends linkDown for, labelled
// or not (the device's trap configuration is the selection, as with a plain trap
// rule); afterwards the polls keep that port monitored while its condition is raised
// ("raised" in monitoredBecause). Two exceptions, as interface_down judges them: a
// port matching the rule's `exclude` globs raises nothing, and a linkDown whose
// ifAdminStatus varbind says down (someone shut the port) is a clear, not a fault.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "collector/rules/interface_observations.h"
#include "collector/rules/observation.h"
#include "collector/rules/rule_set.h"

namespace steward::collector::rules {

// ifIndex as a varbind column OID prefix (IF-MIB ifTable.ifEntry.ifIndex).
inline constexpr const char* kIfIndexColumn = "1.3.6.1.2.1.2.2.1.1";

// The interface a trap is about, from its varbinds, or from `subject` when that is
// the trap receiver's "ifIndex=N"; nullopt when neither names one.
std::optional<std::uint32_t> trapIfIndex(const std::vector<TrapVarbind>& varbinds,
                                         const std::string& subject);

// The subject of port `index` in `ports` (the latest poll; nullptr: never polled).
std::string portSubject(const std::vector<PortState>* ports, std::uint32_t index);

// The observation of `target` (an interface_down rule) that trap rule `trap_rule`'s
// trap makes: `raises` (the rule's oid) is a fault unless excluded or shut down, the
// clear_oid is fine. Evidence keeps the raw ifIndex, trap OID and varbinds.
Observation observeLinkTrap(const Rule& trap_rule, const Rule& target, bool raises,
                            const std::string& trap_oid, std::uint32_t if_index,
                            const std::vector<PortState>* ports,
                            const std::vector<TrapVarbind>& varbinds);

}  // namespace steward::collector::rules
