#include "agent/agent_config.h"

#include <algorithm>
#include <array>
#include <string_view>
#include <utility>

#include "shared/http/tls.h"
#include "shared/wire/report_reply.h"

namespace steward::agent {
namespace {

Error invalid(const IniConfig& ini, const std::string& key, const std::string& why) {
  return makeError("config_invalid", ini.source() + ": " + key + " " + why);
}

}  // namespace

Result<AgentConfig> AgentConfig::fromIni(const IniConfig& ini, bool require_collector) {
  AgentConfig config;

  config.collector_url = ini.getString("collector.url", "");
  if (config.collector_url.empty()) {
    if (require_collector) {
      return invalid(ini, "collector.url", "is required (e.g. https://collector.example:8481)");
    }
  } else if (!(config.collector_url.starts_with("http://") &&
               config.collector_url.size() > std::string_view("http://").size()) &&
             !(config.collector_url.starts_with("https://") &&
               config.collector_url.size() > std::string_view("https://").size())) {
    return invalid(ini, "collector.url",
                   "= '" + config.collector_url + "' is not an https:// (or http://) URL");
  }
  auto insecure = ini.getBool("collector.allow_insecure_http", false);
  if (!insecure) return insecure.error();
  config.allow_insecure_http = *insecure;
  if (config.collector_url.starts_with("http://") && !config.allow_insecure_http) {
    return invalid(ini, "collector.url",
                   "= '" + config.collector_url +
                       "' is plain http; use https:// or set collector.allow_insecure_http = true");
  }
  config.ca_file = ini.getString("collector.ca_file", "");
  config.fingerprint_sha256 = ini.getString("collector.fingerprint_sha256", "");
  if (!config.fingerprint_sha256.empty()) {
    auto pin = http::parseFingerprint(config.fingerprint_sha256);
    if (!pin) return invalid(ini, "collector.fingerprint_sha256", pin.error().message);
    config.fingerprint_sha256 = *pin;
  }

  config.state_dir = ini.getString("agent.state_dir", config.state_dir);
  if (config.state_dir.empty()) return invalid(ini, "agent.state_dir", "must not be empty");

  auto interval = ini.getInt("agent.heartbeat_interval_seconds", 60, 1, 86400);
  if (!interval) return interval.error();  // already names the file and key
  config.heartbeat_interval = std::chrono::seconds(*interval);
  auto inventory_interval = ini.getInt("agent.inventory_interval_seconds", 3600, 1, 604800);
  if (!inventory_interval) return inventory_interval.error();
  config.inventory_interval = std::chrono::seconds(*inventory_interval);
  auto watch_interval = ini.getInt("agent.watch_interval_ms", 500, 0, wire::kMaxWatchIntervalMs);
  if (!watch_interval) return watch_interval.error();
  if (*watch_interval != 0 && *watch_interval < wire::kMinWatchIntervalMs) {
    return invalid(ini, "agent.watch_interval_ms",
                   "= " + std::to_string(*watch_interval) + " is neither 0 (off) nor at least " +
                       std::to_string(wire::kMinWatchIntervalMs));
  }
  config.watch_interval = std::chrono::milliseconds(*watch_interval);

  auto max_items = ini.getInt("spool.max_items", 1000, 1, 1000000);
  if (!max_items) return max_items.error();
  config.spool_max_items = static_cast<std::uint64_t>(*max_items);
  auto max_bytes = ini.getInt("spool.max_bytes", 16 * 1024 * 1024, 65536, std::int64_t{1} << 34);
  if (!max_bytes) return max_bytes.error();
  config.spool_max_bytes = static_cast<std::uint64_t>(*max_bytes);

  const std::pair<const char*, bool*> sections[] = {
      {"inventory.hardware", &config.inventory.hardware},
      {"inventory.cpu", &config.inventory.cpu},
      {"inventory.memory", &config.inventory.memory},
      {"inventory.disks", &config.inventory.disks},
      {"inventory.filesystems", &config.inventory.filesystems},
      {"inventory.network", &config.inventory.network},
      {"inventory.users", &config.inventory.users},
      {"inventory.packages", &config.inventory.packages},
      {"inventory.services", &config.inventory.services},
      {"inventory.pci", &config.inventory.pci},
      {"inventory.usb", &config.inventory.usb},
      {"inventory.monitors", &config.inventory.monitors},
      {"inventory.batteries", &config.inventory.batteries}};
  for (const auto& [key, flag] : sections) {
    auto value = ini.getBool(key, true);
    if (!value) return value.error();  // names the file and key
    *flag = *value;
  }

  auto smart = ini.getInt("health.smart_interval_minutes", 30, 0, 10080);
  if (!smart) return smart.error();
  config.smart_interval = std::chrono::minutes(*smart);

  static constexpr std::array<std::string_view, 8> kLevels = {
      "fatal", "critical", "error", "warning", "notice", "information", "debug", "trace"};
  config.log_level = ini.getString("log.level", config.log_level);
  if (std::find(kLevels.begin(), kLevels.end(), config.log_level) == kLevels.end()) {
    return invalid(ini, "log.level",
                   "= '" + config.log_level +
                       "' is not one of error, warning, notice, information, debug, trace");
  }
  return config;
}

}  // namespace steward::agent
