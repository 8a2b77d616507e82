// RulesEngine::onInterfaces(): the SNMP poller's interface tables into interface_down
// conditions (the rule itself is in interface_observations.cpp).

#include "collector/rules/rules_engine.h"
#include "collector/rules/rules_engine_batch.h"

namespace steward::collector::rules {

Result<void> RulesEngine::onInterfaces(const std::string& asset_id, const std::string& hostname,
                                       const std::vector<PortState>& ports) {
  std::lock_guard lock(mutex_);
  const std::int64_t now = nowMs();
  Batch batch;
  Liveness l = liveness_.count(asset_id) ? liveness_[asset_id] : Liveness{};
  // A device without an agent is named by SNMP; an agent's inventory names its own host.
  if (!hostname.empty() && l.hostname != hostname && (l.hostname.empty() || !l.last_heartbeat_ms)) {
    l.hostname = hostname;
    liveness_[asset_id] = l;
    batch.liveness[asset_id] = l;
  }
  const auto raised = [&](const std::string& rule_id, const std::string& subject) {
    auto c = conditions_.find(ConditionKey{asset_id, rule_id, subject});
    return c != conditions_.end() && (c->second.active || c->second.pending_since_ms);
  };
  if (!ports.empty()) ports_[asset_id] = ports;  // names the ports of later traps
  observeAll(batch, asset_id, observeInterfaces(*rules_, ports, raised, clock_.now()), now);
  return commit(batch);
}

}  // namespace steward::collector::rules
