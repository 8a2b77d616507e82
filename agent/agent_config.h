#pragma once

// The agent's typed configuration (config/agent.conf documents every key):
//   [collector] url                          required by `run`: https://host:port
//   [collector] ca_file, fingerprint_sha256  how the collector's certificate is checked
//   [collector] allow_insecure_http          false: http:// URLs are refused unless true
//   [agent]     state_dir                    /var/lib/steward-agent
//   [agent]     heartbeat_interval_seconds   60 (1..86400)
//   [health]    smart_interval_minutes       30 (0..10080; 0: no SMART)
//   [log]       level                        information

#include <chrono>
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
  std::string log_level = "information";
  InventorySections inventory;  // [inventory] <category> = true|false
  // How often disks are asked for SMART health (smartctl is slow); 0 turns it off.
  std::chrono::minutes smart_interval{30};

  // Reads and validates every key; an Error ("config_invalid") names the file and
  // the key. `require_collector`: `run` needs a collector URL, `inventory` does not.
  static Result<AgentConfig> fromIni(const IniConfig& ini, bool require_collector);
};

}  // namespace steward::agent
