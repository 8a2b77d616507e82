#pragma once

// Settings the collector pushes in its replies ("config", shared/wire/report_reply.h)
// laid over the agent's own agent.conf values. The collector's value wins for every
// key it sends; a key it leaves out, or sends with an invalid value (logged and
// ignored), falls back to agent.conf. The last pushed settings are kept in
// <state_dir>/collector_settings.json (0600) so a restarted agent uses them before it
// reaches the collector again.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "agent/inventory/inventory_sections.h"
#include "shared/common/result.h"
#include "shared/wire/report_reply.h"

namespace steward::agent {

// What the run loop works with: the effective values.
struct RunSettings {
  std::chrono::seconds heartbeat_interval{60};
  std::chrono::seconds inventory_interval{3600};
  InventorySections sections;
  // How often the cheap health signals are compared with `watch` between heartbeats
  // (agent/health/health_watch.h); 0 turns that off.
  std::chrono::milliseconds watch_interval{500};
  std::vector<wire::WatchLevel> watch;  // only ever pushed: they come from the rules
};

// `local` with every key `pushed` carries replaced.
RunSettings overlay(const RunSettings& local, const wire::AgentSettings& pushed);

bool sameSettings(const RunSettings& a, const RunSettings& b);
bool sameSections(const InventorySections& a, const InventorySections& b);

// The flag for a category name from wire::kInventoryCategories, nullptr if unknown.
bool* sectionFlag(InventorySections& sections, std::string_view category);

// "heartbeat 60 s, inventory check 3600 s, categories: cpu, disks, ..." for logs.
std::string describe(const RunSettings& settings);

inline constexpr const char* kCollectorSettingsFile = "collector_settings.json";

// Writes the pushed settings atomically (temp file + rename), mode 0600.
Result<void> saveCollectorSettings(const std::string& state_dir,
                                   const wire::AgentSettings& settings);
// The saved settings; nullopt when there are none. Invalid content is logged and
// ignored, value by value.
std::optional<wire::AgentSettings> loadCollectorSettings(const std::string& state_dir);

}  // namespace steward::agent
