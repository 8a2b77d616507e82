#pragma once

// What one report says about one rule and subject, before the condition life cycle
// (condition_machine.h) decides whether that raises, repeats or clears anything.

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "collector/rules/condition_machine.h"
#include "collector/rules/rule_set.h"
#include "shared/wire/inventory.h"

namespace steward::collector::rules {

struct Observation {
  std::string rule_id;
  std::string subject;
  Signal signal = Signal::Ok;
  std::string value;            // for the title's {value}, e.g. "93.4"
  std::string threshold;        // for {threshold}
  std::string evidence = "{}";  // JSON object: metric values and levels
  std::string description;      // one sentence with the evidence in words
};

// One varbind of a trap handed to the engine.
struct TrapVarbind {
  std::string oid;  // numeric, with or without a leading dot
  std::string value;
};

struct Observations {
  std::vector<Observation> items;
  // Rules the report had data for: their conditions on subjects not observed here
  // (an unmounted filesystem, a unit no longer failed) are over.
  std::set<std::string> evaluated_rules;
};

// Threshold and boolean rules over a heartbeat's health. `cpu_threads` (from the
// last inventory) turns load5 into load per CPU.
Observations observeHealth(const RuleSet& rules, const wire::Health& health,
                           std::optional<int> cpu_threads);

// "memory:<slot>" and "disk:<name>" keys with a description, from an inventory;
// a category the report left empty (not readable without root) is left out.
std::map<std::string, std::string> hardwareComponents(const wire::InventoryReport& report);

// hardware_removed rules: components in `before` missing from `after` fault;
// present ones are fine. Only categories present in `after` are judged.
Observations observeHardware(const RuleSet& rules, const std::map<std::string, std::string>& before,
                             const std::map<std::string, std::string>& after);

// Formats a metric for titles: at most one decimal.
std::string formatValue(double value);

}  // namespace steward::collector::rules
