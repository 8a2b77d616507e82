#include "collector/rules/watch_levels.h"

#include <algorithm>

namespace steward::collector::rules {

std::vector<wire::WatchLevel> watchLevels(const RuleSet& rules) {
  std::vector<wire::WatchLevel> out;
  for (const auto& rule : rules.rules) {
    if (!rule.enabled) continue;
    wire::WatchLevel level;
    level.signal = ruleKindName(rule.kind);
    if (isThresholdKind(rule.kind)) {
      level.raise = rule.raise_level;
      level.clear = rule.clear_level;
      level.duration_ms = rule.duration.count();
    } else if (rule.kind != RuleKind::FilesystemReadOnly) {
      continue;  // not a cheap signal: the regular heartbeat carries it
    }
    if (std::find(out.begin(), out.end(), level) != out.end()) continue;
    if (out.size() == wire::kMaxWatchLevels) break;
    out.push_back(std::move(level));
  }
  return out;
}

}  // namespace steward::collector::rules
