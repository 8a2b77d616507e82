#include "collector/snmp/port_states.h"

namespace steward::collector::snmp {

std::vector<rules::PortState> portStates(const SnmpDevice& device,
                                         const std::set<std::string>& uplink_ports) {
  std::vector<rules::PortState> out;
  out.reserve(device.device.interfaces.size());
  for (const auto& i : device.device.interfaces) {
    rules::PortState p;
    p.index = i.index;
    p.name = i.name;
    p.alias = i.alias;
    p.admin_status = i.admin_status;
    p.oper_status = i.oper_status;
    p.uplink = uplink_ports.contains(i.name);
    auto changed = device.if_last_change.find(i.index);
    // ifLastChange above sysUpTime: the 32-bit uptime wrapped (497 days); unknown.
    if (device.sys_uptime && changed != device.if_last_change.end() &&
        changed->second <= *device.sys_uptime) {
      p.in_state_seconds = (*device.sys_uptime - changed->second) / 100;
    }
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace steward::collector::snmp
