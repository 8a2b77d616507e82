#pragma once

// The agent's typed configuration (config/agent.conf documents every key):
//   [collector] url                          required by `run`: https://host:port
//   [collector] ca_file, fingerprint_sha256  how the collector's certificate is checked
//   [collector] allow_insecure_http          false: http:// URLs are refused unless true
//   [agent]     state_dir                    /var/lib/steward-agent
//   [agent]     heartbeat_interval_seconds   60 (1..86400)
//   [agent]     watch_interval_ms            500 (0 or 100..3600000; 0: no watch between
//                                            heartbeats)
//   [health]    smart_interval_minutes       30 (0..10080; 0: no SMART)
//   [agent]     inventory_interval_seconds   3600 (1..604800): how often the inventory is
//                                            collected and its section hashes compared
//   [spool]     max_items                    1000 (1..1000000)
//   [spool]     max_bytes                    16777216 (65536..17179869184)
//   [log]       level                        information

#include <chrono>
#include <cstdint>
#include <string>

#include "agent/inventory/inventory_sections.h"
#include "shared/common/config.h"
#include "shared/common/result.h"

namespace steward::agent {

struct AgentConfig {
  std::string collector_url;
  std::string ca_file;             // PEM CA bundle for the collector's certificate
  std::string fingerprint_sha256;  // pinned SHA-256 of the collector's certificate
  bool allow_insecure_http = false;
  std::string state_dir = "/var/lib/steward-agent";
  std::chrono::seconds heartbeat_interval{60};
  std::chrono::seconds inventory_interval{3600};
  // How often the health signals are compared with the collector's watch levels.
  std::chrono::milliseconds watch_interval{500};
  std::uint64_t spool_max_items = 1000;
  std::uint64_t spool_max_bytes = 16 * 1024 * 1024;
  std::string log_level = "information";
  InventorySections inventory;  // [inventory] <category> = true|false
  // How often disks are asked for SMART health (smartctl is slow); 0 turns it off.
  std::chrono::minutes smart_interval{30};

  // Reads and validates every key; an Error ("config_invalid") names the file and
  // the key. `require_collector`: `run` needs a collector URL, `inventory` does not.
  static Result<AgentConfig> fromIni(const IniConfig& ini, bool require_collector);
};

}  // namespace steward::agent
