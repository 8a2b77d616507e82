#pragma once

// The collector's typed, validated configuration, read from an INI file
// (config/collector.conf documents every key) plus command-line overrides.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "collector/reconcile/reconcile_config.h"
#include "shared/common/config.h"
#include "shared/common/result.h"

namespace steward::collector {

struct CollectorConfig {
  // [http]: where agents reach the collector.
  std::string http_address = "127.0.0.1";
  std::uint16_t http_port = 8481;  // 0 picks any free port
  std::string port_file;           // optional: the bound port is written here
  std::size_t body_limit_bytes = 8 * 1024 * 1024;
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
  // [outbox]
  std::chrono::seconds retry_max{30};  // longest wait between two delivery attempts
  // [ocs]: the OCS Inventory / FusionInventory endpoint (/ocsinventory and /).
  std::size_t ocs_max_inflated_bytes = 32 * 1024 * 1024;  // larger inflated bodies get 413
  // [reconcile]: extra bogus values and attribute precedence by source.
  reconcile::ReconcileConfig reconcile;
  // [log]
  std::string log_level = "information";
};

// Reads and validates every key; the error names the file and the key at fault.
Result<CollectorConfig> loadCollectorConfig(const IniConfig& ini);

}  // namespace steward::collector
