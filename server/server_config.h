#pragma once

// steward-server's configuration: one typed, validated struct built from the INI
// file plus command-line overrides, passed by const& to whatever needs it.

#include <cstddef>
#include <cstdint>
#include <string>

#include "server/itsm/incidents/incident_policy.h"
#include "server/notify/notify_config.h"
#include "shared/common/config.h"
#include "shared/common/result.h"

namespace steward::server {

inline constexpr std::uint16_t kDefaultPort = 8480;
inline constexpr std::size_t kDefaultBodyLimitBytes = 16 * 1024 * 1024;

struct ServerConfig {
  std::string address = "127.0.0.1";                      // [http] address
  std::uint16_t port = kDefaultPort;                      // [http] port; 0 = any free port
  std::string port_file;                                  // [http] port_file; "" = none
  std::string tls_cert;  // [http] tls_cert and tls_key, both set: serve https (PEM files)
  std::string tls_key;
  std::size_t body_limit_bytes = kDefaultBodyLimitBytes;  // [http] body_limit_bytes
  std::string storage_path;                               // [storage] path (required)
  std::string collector_token_sha256;     // [auth] collector_token_sha256 (required)
  bool secure_cookie = false;             // [auth] secure_cookie: HTTPS in front of the server
  std::string log_level = "information";  // [log] level
  itsm::IncidentPolicy incident_policy;  // [incidents] priority_matrix, sla_response, sla_resolution
  notify::NotifyConfig notify;            // [notify] and [notify.route.<name>]
};

// Reads and validates every key. Errors ("config_invalid") name the file and key:
// a missing storage path or token hash, a port out of range, an unknown log level.
Result<ServerConfig> loadServerConfig(const IniConfig& ini);

}  // namespace steward::server
