#pragma once

// Hands every stored SNMP trap that matched an asset to the fault rules engine
// (linkDown, coldStart, authenticationFailure and configured OIDs). Traps from an
// unknown source stay stored but raise nothing: an incident needs an asset.

#include "collector/rules/rules_engine.h"
#include "collector/snmp/traps/trap_sink.h"

namespace steward::collector::rules {

class TrapRulesSink : public snmp::traps::TrapSink {
 public:
  explicit TrapRulesSink(RulesEngine& engine) : engine_(engine) {}
  void onTrap(const snmp::traps::TrapEvent& event) override;

 private:
  RulesEngine& engine_;
};

}  // namespace steward::collector::rules
