// RulesEngine::onInterfaces(): the SNMP poller's interface tables into interface_down
// conditions (the rule itself is in interface_observations.cpp).

#include "collector/rules/rules_engine.h"
#include "collector/rules/rules_engine_batch.h"

namespace steward::collector::rules {

namespace {

// Same ifIndex, name and alias row for row: nothing traps name ports by changed.
bool sameNames(const std::vector<PortState>& a, const std::vector<PortState>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].index != b[i].index || a[i].name != b[i].name || a[i].alias != b[i].alias) {
      return false;
    }
  }
  return true;
}

}  // namespace

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
  // Later traps name ports by this table; stored only when a name or alias changed.
  const auto known = ports_.find(asset_id);
  if (!ports.empty() && (known == ports_.end() || !sameNames(known->second, ports))) {
    std::vector<PortState> names;
    for (const auto& port : ports) {
      PortState p;
      p.index = port.index;
      p.name = port.name;
      p.alias = port.alias;
      names.push_back(std::move(p));
    }
    batch.ports = std::make_pair(asset_id, std::move(names));
  }
  observeAll(batch, asset_id, observeInterfaces(*rules_, ports, raised, clock_.now()), now);
  return commit(batch);
}

}  // namespace steward::collector::rules
