#include "collector/collector_config.h"

#include <array>
#include <sstream>

#include "collector/auth/password_hash.h"
#include "shared/http/tls.h"

namespace steward::collector {

namespace {

Error invalid(const IniConfig& ini, const std::string& message) {
  return makeError("config_invalid", ini.source() + ": " + message);
}

bool isKnownLevel(const std::string& level) {
  static constexpr std::array<const char*, 8> kLevels = {
      "fatal", "critical", "error", "warning", "notice", "information", "debug", "trace"};
  for (const char* known : kLevels) {
    if (level == known) return true;
  }
  return false;
}

}  // namespace

Result<CollectorConfig> loadCollectorConfig(const IniConfig& ini) {
  CollectorConfig c;
  c.http_address = ini.getString("http.address", c.http_address);
  if (c.http_address.empty()) return invalid(ini, "http.address is empty");

  auto port = ini.getInt("http.port", c.http_port, 0, 65535);
  if (!port) return port.error();
  c.http_port = static_cast<std::uint16_t>(*port);
  c.port_file = ini.getString("http.port_file", "");

  auto limit = ini.getInt("http.body_limit_bytes", static_cast<std::int64_t>(c.body_limit_bytes),
                          1024, std::int64_t{1} << 32);
  if (!limit) return limit.error();
  c.body_limit_bytes = static_cast<std::size_t>(*limit);

  auto threads = ini.getInt("http.threads", c.http_threads, 1, 256);
  if (!threads) return threads.error();
  c.http_threads = static_cast<int>(*threads);

  c.tls_cert = ini.getString("http.tls_cert", "");
  c.tls_key = ini.getString("http.tls_key", "");
  if (c.tls_cert.empty() != c.tls_key.empty()) {
    return invalid(ini, "http.tls_cert and http.tls_key must be set together");
  }
  {
    std::string hashes = ini.getString("enroll.token_sha256", "");
    for (char& ch : hashes) ch = (ch == ',' ? ' ' : ch);
    std::istringstream words(hashes);
    for (std::string word; words >> word;) {
      auto hash = http::parseFingerprint(word);  // the same 64-hex-digit shape
      if (!hash)
        return invalid(ini, "enroll.token_sha256: '" + word + "' is not a SHA-256 (64 hex digits)");
      c.enroll_token_sha256s.push_back(*hash);
    }
  }
  auto enroll_rate =
      ini.getInt("enroll.rate_limit_per_minute", c.enroll_rate_per_minute, 1, 100000);
  if (!enroll_rate) return enroll_rate.error();
  c.enroll_rate_per_minute = static_cast<int>(*enroll_rate);

  c.storage_path = ini.getString("storage.path", "");
  if (c.storage_path.empty()) {
    return invalid(ini, "storage.path is required (the collector's SQLite file)");
  }

  c.server_url = ini.getString("server.url", "");
  if (c.server_url.empty()) {
    return invalid(ini, "server.url is required (e.g. http://127.0.0.1:8480)");
  }
  if (c.server_url.rfind("http://", 0) != 0 && c.server_url.rfind("https://", 0) != 0) {
    return invalid(ini, "server.url = '" + c.server_url + "' must start with http:// or https://");
  }
  while (c.server_url.size() > 1 && c.server_url.back() == '/') c.server_url.pop_back();

  c.server_token = ini.getString("server.token", "");
  if (c.server_token.empty()) {
    return invalid(ini, "server.token is required (the collector's API token for the server)");
  }

  c.server_ca_file = ini.getString("server.ca_file", "");
  c.server_fingerprint_sha256 = ini.getString("server.fingerprint_sha256", "");
  if (!c.server_fingerprint_sha256.empty()) {
    auto pin = http::parseFingerprint(c.server_fingerprint_sha256);
    if (!pin) return invalid(ini, "server.fingerprint_sha256: " + pin.error().message);
    c.server_fingerprint_sha256 = *pin;
  }

  if (ini.has("agents.heartbeat_interval_seconds")) {
    auto v = ini.getInt("agents.heartbeat_interval_seconds", 60, 1,
                        wire::kMaxHeartbeatIntervalSeconds);
    if (!v) return v.error();
    c.agent_settings.heartbeat_interval_seconds = *v;
  }
  if (ini.has("agents.inventory_interval_seconds")) {
    auto v = ini.getInt("agents.inventory_interval_seconds", 3600, 1,
                        wire::kMaxInventoryIntervalSeconds);
    if (!v) return v.error();
    c.agent_settings.inventory_interval_seconds = *v;
  }
  if (ini.has("agents.watch_interval_ms")) {
    auto v = ini.getInt("agents.watch_interval_ms", 500, 0, wire::kMaxWatchIntervalMs);
    if (!v) return v.error();
    if (*v != 0 && *v < wire::kMinWatchIntervalMs) {
      return invalid(ini, "agents.watch_interval_ms = " + std::to_string(*v) +
                              " is neither 0 (off) nor at least " +
                              std::to_string(wire::kMinWatchIntervalMs));
    }
    c.agent_settings.watch_interval_ms = *v;
  }
  if (ini.has("agents.inventory")) {
    std::string names = ini.getString("agents.inventory", "");
    for (char& ch : names) ch = (ch == ',' ? ' ' : ch);
    for (const char* category : wire::kInventoryCategories) {
      c.agent_settings.inventory[category] = false;
    }
    std::istringstream words(names);
    for (std::string word; words >> word;) {
      auto it = c.agent_settings.inventory.find(word);
      if (it == c.agent_settings.inventory.end()) {
        return invalid(ini, "agents.inventory: '" + word +
                                "' is not an inventory category (hardware, cpu, memory, disks, "
                                "filesystems, network, users, packages)");
      }
      it->second = true;
    }
  }

  auto retry = ini.getInt("outbox.retry_max_seconds", c.retry_max.count(), 1, 86400);
  if (!retry) return retry.error();
  c.retry_max = std::chrono::seconds(*retry);

  auto inflated =
      ini.getInt("ocs.max_inflated_bytes", static_cast<std::int64_t>(c.ocs_max_inflated_bytes),
                 1024, std::int64_t{1} << 32);
  if (!inflated) return inflated.error();
  c.ocs_max_inflated_bytes = static_cast<std::size_t>(*inflated);
  auto ocs_enabled = ini.getBool("ocs.enabled", c.ocs_enabled);
  if (!ocs_enabled) return ocs_enabled.error();
  c.ocs_enabled = *ocs_enabled;
  c.ocs_user = ini.getString("ocs.user", "");
  c.ocs_password_hash = ini.getString("ocs.password_hash", "");
  c.ocs_realm = ini.getString("ocs.realm", c.ocs_realm);
  if (c.ocs_realm.empty() || c.ocs_realm.find_first_of("\"\\\r\n") != std::string::npos) {
    return invalid(ini, "ocs.realm must be non-empty text without quotes or backslashes");
  }
  if (c.ocs_enabled) {
    if (c.ocs_user.empty() || c.ocs_user.find(':') != std::string::npos) {
      return invalid(ini, "ocs.enabled is true: ocs.user is required (no ':' in it); the "
                          "agents send it with --user");
    }
    if (c.ocs_password_hash.empty()) {
      return invalid(ini, "ocs.enabled is true: ocs.password_hash is required; make one with "
                          "steward-collector --hash-password");
    }
    if (auto r = auth::validatePasswordHash(c.ocs_password_hash); !r) {
      return invalid(ini, "ocs.password_hash: " + r.error().message);
    }
  }

  auto traps = snmp::traps::loadTrapConfig(ini);
  if (!traps) return traps.error();
  c.traps = std::move(*traps);

  c.rules_file = ini.getString("rules.file", "");
  c.uplinks_file = ini.getString("rules.uplinks_file", "");
  auto tick = ini.getInt("rules.tick_ms", c.rules_tick.count(), 50, 60000);
  if (!tick) return tick.error();
  c.rules_tick = std::chrono::milliseconds(*tick);

  auto reconcile = reconcile::loadReconcileConfig(ini);
  if (!reconcile) return reconcile.error();
  c.reconcile = std::move(*reconcile);

  c.log_level = ini.getString("log.level", c.log_level);
  if (!isKnownLevel(c.log_level)) {
    return invalid(ini, "log.level = '" + c.log_level +
                            "' is not one of error, warning, information, debug, trace");
  }
  return c;
}

}  // namespace steward::collector
