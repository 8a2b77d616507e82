#include "collector/rules/trap_rules_sink.h"

#include "shared/common/log.h"

namespace steward::collector::rules {

void TrapRulesSink::onTrap(const snmp::traps::TrapEvent& event) {
  if (!event.asset_id) return;
  std::vector<TrapVarbind> varbinds;
  varbinds.reserve(event.varbinds.size());
  for (const auto& v : event.varbinds) varbinds.push_back(TrapVarbind{v.oid, v.value});
  // "ifIndex=3" for linkDown/linkUp: the engine names the port from the latest poll
  // (link_trap.h), so linkDown, linkUp and interface_down agree on the subject.
  if (auto r = engine_.onTrap(*event.asset_id, event.trap_oid, varbinds, event.subject); !r) {
    logger("rules").error("trap %s from %s: %s", event.trap_oid, event.source_address,
                          r.error().message);
  }
}

}  // namespace steward::collector::rules
