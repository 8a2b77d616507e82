#pragma once

// interface_down rules over one SNMP poll of a device's interface table.
//
// A port is monitored when it is admin up, not oper notPresent (an empty module
// slot), matches none of the rule's `exclude` globs (name or alias) and
//   - has an ifAlias (monitor = labelled): someone gave it a purpose, or
//   - is an uplink (monitor = uplinks): an LLDP/CDP neighbour or a trunk's many MACs,
//     at this poll or the previous one (the neighbour vanishes with the link), or
//   - matches one of the rule's `ports` globs over its name, or monitor = all, or
//   - already has a raised interface_down condition: it stays monitored until it is
//     up again, shut down, excluded or gone (a label removed from a dead port does
//     not resolve the fault, and a port a linkDown trap raised is watched until it
//     clears: link_trap.h).
// So an access switch's unlabelled, empty ports raise nothing by default.
//
// A monitored port whose ifOperStatus is down or lowerLayerDown is a fault; up and
// dormant (waiting for an external event, e.g. 802.1X) are fine; testing, unknown
// or no status at all hold the condition as it is.

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "collector/rules/observation.h"
#include "collector/rules/rule_set.h"
#include "shared/common/clock.h"

namespace steward::collector::rules {

// One row of the device's interface table, as the SNMP poller read it.
struct PortState {
  std::uint32_t index = 0;                  // ifIndex
  std::string name;                         // ifName, else ifDescr, else "ifIndex N"
  std::optional<std::string> alias;         // ifAlias
  std::optional<std::string> admin_status;  // "up", "down", "testing"
  std::optional<std::string> oper_status;   // "up", "down", "lowerLayerDown", ...
  // sysUpTime - ifLastChange: how long it has been in its current oper state, in
  // seconds (at least: an ifLastChange of 0 means before the agent's restart).
  std::optional<std::int64_t> in_state_seconds;
  bool uplink = false;  // LLDP/CDP neighbour or trunk, now or at the previous poll
};

// Why `port` is monitored by `rule` ("all", "ports", "labelled", "uplink" or
// "raised", the first that applies), or ""
// when it is not (admin down, notPresent, excluded, or no criterion matches).
// `raised`: the port has a raised condition of this rule (see above).
std::string monitoredBecause(const Rule& rule, const PortState& port, bool raised);

// True when the port's name or alias matches one of the rule's `exclude` globs.
bool excludedPort(const Rule& rule, const PortState& port);

// ifIndex -> the subject interface_down gives the port: its name, or
// "name (ifIndex N)" when two rows share a name. Traps use it to name the same port.
std::map<std::uint32_t, std::string> portSubjects(const std::vector<PortState>& ports);

// Observations of every enabled interface_down rule, one per port (subject: the
// port's name, with " (ifIndex N)" when two rows share a name); every such rule is
// evaluated, so a condition on a port missing from `ports` clears (an empty `ports`,
// a failed walk, evaluates nothing). `raised(rule,
// subject)` tells whether that condition is raised. `now` dates ifLastChange.
Observations observeInterfaces(
    const RuleSet& rules, const std::vector<PortState>& ports,
    const std::function<bool(const std::string& rule_id, const std::string& subject)>& raised,
    Clock::WallTime now);

}  // namespace steward::collector::rules
