#pragma once

// What one engine call wants to commit: condition writes (nullopt deletes), events
// for the outbox, liveness and component snapshots. Private to the engine's files.

#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "collector/rules/rules_engine.h"

namespace steward::collector::rules {

struct RulesEngine::Batch {
  std::map<ConditionKey, std::optional<Condition>> writes;
  std::vector<wire::IncidentEvent> events;
  std::map<std::string, Liveness> liveness;
  std::optional<std::pair<std::string, std::map<std::string, std::string>>> components;
  std::set<std::string> dirty;  // uplinks whose list of linked assets changed
  // A device's port names changed at this sweep: stored, then kept in ports_.
  std::optional<std::pair<std::string, std::vector<PortState>>> ports;
};

}  // namespace steward::collector::rules
