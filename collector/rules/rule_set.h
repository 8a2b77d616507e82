#pragma once

// The fault rules the collector evaluates, as read from the rules file
// (config/rules.conf documents the format). Plain data; rules_file.h parses it.

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "shared/common/clock.h"

namespace steward::collector::rules {

using Millis = std::chrono::milliseconds;

enum class RuleKind {
  AgentOffline,        // no heartbeat for `missed` x `heartbeat_interval`
  FilesystemUsage,     // used / (used + available) of a mount, percent
  InodeUsage,          // used inodes of a mount, percent
  MemoryUsage,         // (total - available) / total, percent
  SwapUsage,           // (total - free) / total, percent
  LoadPerCpu,          // load5 / logical CPUs (load5 alone when the CPU count is unknown)
  FilesystemReadOnly,  // a block-device filesystem mounted read-only
  FailedUnit,          // a systemd unit in the "failed" state
  SmartFailure,        // smartctl's overall health assessment failed
  HardwareRemoved,     // a memory module or disk gone since the previous inventory
  DeviceUnreachable,   // a network device stopped answering (fed by the SNMP poller)
  InterfaceDown,       // a monitored port is admin up but oper down (fed by the SNMP poller)
  Trap,                // an SNMP trap with a configured OID
};

// "agent_offline", "filesystem_usage", ... as written in the rules file.
const char* ruleKindName(RuleKind kind);
std::optional<RuleKind> parseRuleKind(const std::string& text);
// Threshold kinds take raise/clear levels and a duration.
bool isThresholdKind(RuleKind kind);

struct Rule {
  std::string id;  // unique in the file; the server's incident source is "rule:<id>"
  RuleKind kind = RuleKind::AgentOffline;
  bool enabled = true;
  int urgency = 3;    // 1 high .. 3 low
  std::string title;  // template: {hostname} {asset_id} {subject} {value} {threshold} {rule}
  // Threshold kinds: raise at value >= raise_level sustained for `duration`; clear
  // once value <= clear_level (clear_level < raise_level: the hysteresis band).
  double raise_level = 0;
  double clear_level = 0;
  Millis duration{0};
  // AgentOffline.
  Millis heartbeat_interval{std::chrono::seconds(60)};
  int missed = 3;
  // Trap: the trap OID that raises, an optional OID that clears the same subject
  // (linkUp for linkDown), the varbind OID prefix whose value names the subject
  // (ifIndex), and an optional quiet period after which the condition clears itself.
  std::string oid;
  std::string clear_oid;
  std::string subject_varbind;
  Millis clear_after{0};
  // Trap: the id of an interface_down rule whose (device, port) condition this trap
  // feeds instead of a condition of its own ("condition = interface_down"): the oid
  // raises or repeats it, clear_oid clears it, polls confirm or clear it as usual.
  std::string condition;
  int condition_line = 0;  // where `condition =` is, for messages
  // InterfaceDown: which admin-up ports are monitored (interface_observations.h):
  // labelled ones (ifAlias set), uplinks (LLDP/CDP neighbour or a trunk's many MACs),
  // or all; plus `ports` (globs over names) always and `exclude` (globs over names
  // or aliases) never.
  bool monitor_labelled = true;
  bool monitor_uplinks = true;
  bool monitor_all = false;
  std::vector<std::string> ports;
  std::vector<std::string> exclude;
  int line = 0;  // where the rule starts in its file, for messages
};

// Global timing of the condition life cycle.
struct Settings {
  Millis repeat_interval{std::chrono::minutes(5)};  // at most one "repeat" per condition per this
  Millis reopen_window{std::chrono::hours(1)};      // a fault back within this reopens
  Millis flap_window{std::chrono::minutes(30)};     // state changes counted over this
  int flap_changes = 4;                             // this many changes in the window = flapping
  // The collector's own outage: when at least outage_min_agents are monitored and
  // this share of them would go offline in the same check, nothing is raised.
  double outage_fraction = 0.8;
  int outage_min_agents = 5;
};

// One weekly span in UTC: starts on `day` (0 = Monday) at `start_minute` and lasts
// `length_minutes` (may run past midnight).
struct WeeklySpan {
  int day = 0;
  int start_minute = 0;
  int length_minutes = 0;
};

// A named set of assets in the rules file ([group NAME] match = ...), so several
// maintenance windows can share one list. Local to this collector's rules file: the
// server's asset groups (REST API) are separate; see config/rules.conf.
struct AssetGroup {
  std::string name;
  std::vector<std::string> match;  // globs (* and ?) over asset id or hostname
  int line = 0;
};

// While a window is active, rules raise nothing on the assets it matches.
struct MaintenanceWindow {
  std::string name;
  // Globs (* and ?) over asset id or hostname: the window's own `match` plus those of
  // every group it names (copied in when the file is read, so matching needs no lookup).
  std::vector<std::string> match;
  std::vector<std::string> groups;  // the [group NAME]s it names, for messages
  std::optional<Clock::WallTime> from;
  std::optional<Clock::WallTime> until;
  std::vector<WeeklySpan> weekly;  // empty: the whole from..until range
  int line = 0;
};

struct RuleSet {
  std::string source;  // the file it came from
  Settings settings;
  std::vector<Rule> rules;
  std::vector<MaintenanceWindow> maintenance;
  std::vector<AssetGroup> groups;

  const Rule* find(const std::string& id) const {
    for (const auto& rule : rules) {
      if (rule.id == id) return &rule;
    }
    return nullptr;
  }
};

}  // namespace steward::collector::rules
