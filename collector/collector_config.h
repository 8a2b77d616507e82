#pragma once

// The collector's typed, validated configuration, read from an INI file
// (config/collector.conf documents every key) plus command-line overrides.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "collector/reconcile/reconcile_config.h"
#include "collector/snmp/traps/trap_config.h"
#include "shared/common/config.h"
#include "shared/common/result.h"
#include "shared/wire/report_reply.h"

namespace steward::collector {

struct CollectorConfig {
  // [http]: where agents reach the collector.
  std::string http_address = "127.0.0.1";
  std::uint16_t http_port = 8481;  // 0 picks any free port
  std::string port_file;           // optional: the bound port is written here
  std::size_t body_limit_bytes = 8 * 1024 * 1024;
  // Requests handled at once. Most of them wait for their batch's commit (group
  // commit): more of them in flight means more reports share one fsync.
  int http_threads = 16;
  std::string tls_cert;  // both set: serve https with this PEM chain and key
  std::string tls_key;
  // [enroll]: SHA-256 (hex) of each accepted site enrollment token; none disables
  // enrollment. Attempts per source address per minute.
  std::vector<std::string> enroll_token_sha256s;
  int enroll_rate_per_minute = 10;
  // [storage]
  std::string storage_path;  // SQLite file, required
  // [server]: where reconciled assets go.
  std::string server_url;    // e.g. http://127.0.0.1:8480, required
  std::string server_token;  // sent as "Authorization: Bearer <token>", required
  std::string server_ca_file;             // https server.url: PEM CA bundle to verify it
  std::string server_fingerprint_sha256;  // or the server certificate's pinned SHA-256
  // [agents]: pushed to every agent in the replies to its reports; keys left unset
  // are not pushed (the agents' own agent.conf applies):
  //   heartbeat_interval_seconds (1..86400), inventory_interval_seconds (1..604800),
  //   inventory = comma-separated categories to collect (the others are switched off),
  //   watch_interval_ms (0 or 100..3600000; 0: agents do not watch between heartbeats).
  // The watch levels themselves come from the rules (rules/watch_levels.h).
  wire::AgentSettings agent_settings;
  // [outbox]
  std::chrono::seconds retry_max{30};  // longest wait between two delivery attempts
  // [ocs]: the OCS Inventory / FusionInventory endpoint (/ocsinventory and /).
  std::size_t ocs_max_inflated_bytes = 32 * 1024 * 1024;  // larger inflated bodies get 413
  // [reconcile]: extra bogus values and attribute precedence by source.
  reconcile::ReconcileConfig reconcile;
  // [rules]: the fault rules file (config/rules.conf documents it); empty turns the
  // rules engine off. tick_ms: how often offline detection runs.
  std::string rules_file;
  // Optional static endpoint -> switch table (rules/uplinks_file.h) for topology
  // suppression until SNMP FDB/LLDP discovery provides one.
  std::string uplinks_file;
  std::chrono::milliseconds rules_tick{500};
  // Off by default; when on, HTTP Basic with this user and password hash
  // (steward-collector --hash-password) is required, and the realm is what
  // ocsinventory-agent's --realm must say.
  bool ocs_enabled = false;
  std::string ocs_user;
  std::string ocs_password_hash;
  std::string ocs_realm = "Steward";
  // [traps]: the SNMP trap receiver (collector/snmp/traps/trap_config.h).
  snmp::traps::TrapConfig traps;
  // [log]
  std::string log_level = "information";
};

// Reads and validates every key; the error names the file and the key at fault.
Result<CollectorConfig> loadCollectorConfig(const IniConfig& ini);

}  // namespace steward::collector
