#pragma once

// A polled device's interface table as the fault rules' interface_down input.

#include <set>
#include <string>
#include <vector>

#include "collector/rules/interface_observations.h"
#include "collector/snmp/snmp_device.h"

namespace steward::collector::snmp {

// One PortState per interface: name, alias, admin/oper status, time in the current
// oper state (sysUpTime - ifLastChange, when both were answered and not wrapped) and
// whether its name is in `uplink_ports` (DeviceOutcome::uplink_ports).
std::vector<rules::PortState> portStates(const SnmpDevice& device,
                                         const std::set<std::string>& uplink_ports);

}  // namespace steward::collector::snmp
