#include "server/server_config.h"

#include <algorithm>
#include <array>
#include <string_view>

#include "server/auth/token_verifier.h"

namespace steward::server {

namespace {

constexpr std::array<std::string_view, 8> kLogLevels = {"fatal",  "critical",    "error", "warning",
                                                        "notice", "information", "debug", "trace"};

Error invalid(const IniConfig& ini, const std::string& message) {
  return makeError("config_invalid", ini.source() + ": " + message);
}

}  // namespace

Result<ServerConfig> loadServerConfig(const IniConfig& ini) {
  ServerConfig c;
  c.address = ini.getString("http.address", c.address);
  if (c.address.empty()) return invalid(ini, "http.address is empty");

  auto port = ini.getInt("http.port", kDefaultPort, 0, 65535);
  if (!port) return port.error();
  c.port = static_cast<std::uint16_t>(*port);
  c.port_file = ini.getString("http.port_file", "");
  c.tls_cert = ini.getString("http.tls_cert", "");
  c.tls_key = ini.getString("http.tls_key", "");
  if (c.tls_cert.empty() != c.tls_key.empty()) {
    return invalid(ini, "http.tls_cert and http.tls_key must be set together");
  }

  auto body_limit =
      ini.getInt("http.body_limit_bytes", static_cast<std::int64_t>(kDefaultBodyLimitBytes), 1024,
                 std::int64_t{1} << 30);
  if (!body_limit) return body_limit.error();
  c.body_limit_bytes = static_cast<std::size_t>(*body_limit);

  c.storage_path = ini.getString("storage.path", "");
  if (c.storage_path.empty()) {
    return invalid(ini, "storage.path is required (the SQLite database file)");
  }

  c.collector_token_sha256 = ini.getString("auth.collector_token_sha256", "");
  if (c.collector_token_sha256.empty()) {
    return invalid(ini,
                   "auth.collector_token_sha256 is required: the server has no default "
                   "credentials (set it to the SHA-256 of the token collectors present, e.g. "
                   "printf %s TOKEN | sha256sum)");
  }
  if (auto verifier = TokenVerifier::fromSha256Hex(c.collector_token_sha256); !verifier) {
    return invalid(ini, verifier.error().message);
  }

  auto secure_cookie = ini.getBool("auth.secure_cookie", c.secure_cookie);
  if (!secure_cookie) return invalid(ini, secure_cookie.error().message);
  c.secure_cookie = *secure_cookie;

  c.log_level = ini.getString("log.level", c.log_level);
  if (std::find(kLogLevels.begin(), kLogLevels.end(), c.log_level) == kLogLevels.end()) {
    return invalid(ini, "log.level = '" + c.log_level +
                            "' is not one of error, warning, information, debug, trace");
  }

  if (ini.has("incidents.priority_matrix")) {
    auto matrix = itsm::parsePriorityMatrix(ini.getString("incidents.priority_matrix", ""));
    if (!matrix) return invalid(ini, "incidents." + matrix.error().message);
    c.incident_policy.matrix = *matrix;
  }
  auto response = itsm::parseSlaTargets(ini.getString("incidents.sla_response", ""),
                                        c.incident_policy.response);
  if (!response) return invalid(ini, "incidents.sla_response: " + response.error().message);
  c.incident_policy.response = *response;
  auto resolution = itsm::parseSlaTargets(ini.getString("incidents.sla_resolution", ""),
                                          c.incident_policy.resolution);
  if (!resolution) return invalid(ini, "incidents.sla_resolution: " + resolution.error().message);
  c.incident_policy.resolution = *resolution;
  auto notify = notify::loadNotifyConfig(ini);
  if (!notify) return notify.error();
  c.notify = std::move(*notify);
  return c;
}

}  // namespace steward::server
