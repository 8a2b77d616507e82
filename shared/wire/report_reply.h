#pragma once

// The collector's answer to an agent's inventory or heartbeat (2xx), since 1.3:
//   {"status": "stored"|"duplicate"|"ok", "asset_id": "...",
//    "config": {"heartbeat_interval_seconds": 60, "inventory_interval_seconds": 3600,
//               "inventory": {"packages": false, ...}}}
// "config" carries the collector's [agents] settings; a key it leaves out means "use
// the agent's own agent.conf value". The agent applies it without restarting.
// Since 1.4 "config" may also carry the watch (agent/health/health_watch.h):
//   "watch_interval_ms": 500,
//   "watch": [{"signal": "filesystem_usage", "raise": 90, "clear": 85, "duration_ms": 0},
//             {"signal": "filesystem_read_only"}, ...]
// levels derived from the collector's fault rules; between heartbeats the agent samples
// its cheap health signals every watch interval and heartbeats at once when one crosses
// a level. An agent that does not know a signal ignores that level.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace steward::wire {

// Inventory categories an agent can be told to collect or skip ([inventory] in
// agent.conf). The system section is always collected.
inline constexpr const char* kInventoryCategories[] = {
    "hardware", "cpu", "memory", "disks", "filesystems", "network", "users", "packages"};

// Limits for pushed values; the agent ignores a value outside them (and logs it).
inline constexpr std::int64_t kMaxHeartbeatIntervalSeconds = 86400;
inline constexpr std::int64_t kMaxInventoryIntervalSeconds = 7 * 86400;

// Signals an agent can watch; the names are the collector's rule types.
inline constexpr const char* kWatchSignals[] = {"filesystem_usage", "inode_usage",
                                                "memory_usage",     "swap_usage",
                                                "load_per_cpu",     "filesystem_read_only"};
// Watch interval: 0 turns watching off, otherwise kMinWatchIntervalMs..kMaxWatchIntervalMs.
inline constexpr std::int64_t kMinWatchIntervalMs = 100;
inline constexpr std::int64_t kMaxWatchIntervalMs = 3600 * 1000;
inline constexpr std::size_t kMaxWatchLevels = 64;
inline constexpr std::int64_t kMaxWatchDurationMs = 7LL * 86400 * 1000;

// One level that matters to the collector: the value (percent; load per CPU) is faulty
// at >= raise and fine again at <= clear, after `duration_ms` of fault. Boolean signals
// (filesystem_read_only) use neither level.
struct WatchLevel {
  std::string signal;  // one of kWatchSignals
  double raise = 0;
  double clear = 0;
  std::int64_t duration_ms = 0;
  friend bool operator==(const WatchLevel&, const WatchLevel&) = default;
};

struct AgentSettings {
  std::optional<std::int64_t> heartbeat_interval_seconds;  // 1..kMaxHeartbeatIntervalSeconds
  std::optional<std::int64_t> inventory_interval_seconds;  // 1..kMaxInventoryIntervalSeconds
  std::map<std::string, bool> inventory;  // category -> collect it; others: agent's choice
  // 0 (off) or kMinWatchIntervalMs..kMaxWatchIntervalMs.
  std::optional<std::int64_t> watch_interval_ms;
  std::vector<WatchLevel> watch;  // empty: nothing to watch
  friend bool operator==(const AgentSettings&, const AgentSettings&) = default;
};

struct ReportReply {
  std::string status;
  std::string asset_id;
  std::optional<AgentSettings> config;
};

std::string encodeReportReply(const ReportReply& reply);
std::string encodeAgentSettings(const AgentSettings& settings);  // the "config" object alone

// What an agent reads out of a reply. Lenient on purpose: a value that is invalid
// (wrong type, out of range, unknown category) is left out and described in
// `problems`; the valid rest still applies.
struct DecodedSettings {
  std::optional<AgentSettings> config;  // absent: the reply carried no "config"
  std::vector<std::string> problems;    // "$.config.heartbeat_interval_seconds: 0 is out of range"
};
DecodedSettings decodeReplySettings(std::string_view reply_body);
// The same for a bare "config" object (the agent's persisted copy).
DecodedSettings decodeAgentSettings(std::string_view settings_json);

}  // namespace steward::wire
