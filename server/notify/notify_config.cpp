#include "server/notify/notify_config.h"

#include <sstream>

#include "server/itsm/assets/asset_group.h"
#include "server/itsm/incidents/incident.h"

namespace steward::server::notify {

namespace {

std::vector<std::string> list(const std::string& text) {
  std::vector<std::string> out;
  std::string item;
  std::istringstream in(text);
  while (std::getline(in, item, ',')) {
    const auto first = item.find_first_not_of(" \t");
    if (first == std::string::npos) continue;
    out.push_back(item.substr(first, item.find_last_not_of(" \t") - first + 1));
  }
  return out;
}

Error invalid(const IniConfig& ini, const std::string& key, const std::string& what) {
  return makeError("config_invalid", ini.source() + ": " + key + ": " + what);
}

Result<NotifyRoute> loadRoute(const IniConfig& ini, const std::string& name) {
  const std::string prefix = "notify.route." + name + ".";
  NotifyRoute route;
  route.name = name;
  route.events = list(ini.getString(prefix + "events", ""));
  for (const auto& e : route.events) {
    if (e != "raise" && e != "priority" && e != "reopen" && e != "resolve") {
      return invalid(ini, prefix + "events",
                     "'" + e + "' is not one of raise, priority, reopen, resolve");
    }
  }
  for (const auto& p : list(ini.getString(prefix + "priorities", ""))) {
    auto priority = itsm::parsePriority(p);
    if (!priority) return invalid(ini, prefix + "priorities", "'" + p + "' is not P1..P5");
    route.priorities.push_back(*priority);
  }
  route.rules = list(ini.getString(prefix + "rules", ""));
  route.assets = list(ini.getString(prefix + "assets", ""));
  route.groups = list(ini.getString(prefix + "groups", ""));
  for (const auto& group : route.groups) {
    if (auto problem = itsm::groupNameProblem(group); !problem.empty()) {
      return invalid(ini, prefix + "groups", "'" + group + "': " + problem);
    }
  }
  route.emails = list(ini.getString(prefix + "email", ""));
  for (const auto& address : route.emails) {
    if (address.find('@') == std::string::npos ||
        address.find_first_of(" <>\r\n") != std::string::npos) {
      return invalid(ini, prefix + "email", "'" + address + "' is not a mail address");
    }
  }
  route.webhooks = list(ini.getString(prefix + "webhook", ""));
  for (const auto& url : route.webhooks) {
    if (!url.starts_with("http://")) {
      return invalid(ini, prefix + "webhook", "'" + url + "' is not an http:// URL");
    }
  }
  if (route.emails.empty() && route.webhooks.empty()) {
    return invalid(ini, prefix + "email", "the route has neither email nor webhook targets");
  }
  return route;
}

}  // namespace

Result<NotifyConfig> loadNotifyConfig(const IniConfig& ini) {
  NotifyConfig c;
  c.smtp_host = ini.getString("notify.smtp_host", c.smtp_host);
  auto port = ini.getInt("notify.smtp_port", c.smtp_port, 1, 65535);
  if (!port) return port.error();
  c.smtp_port = static_cast<std::uint16_t>(*port);
  c.from = ini.getString("notify.from", c.from);
  if (c.from.find('@') == std::string::npos) {
    return invalid(ini, "notify.from", "'" + c.from + "' is not a mail address");
  }
  auto attempts = ini.getInt("notify.max_attempts", c.max_attempts, 1, 100);
  if (!attempts) return attempts.error();
  c.max_attempts = static_cast<int>(*attempts);
  auto base = ini.getInt("notify.retry_base_seconds", c.retry_base.count(), 1, 86400);
  if (!base) return base.error();
  c.retry_base = std::chrono::seconds(*base);
  auto cap = ini.getInt("notify.retry_max_seconds", c.retry_max.count(), 1, 7 * 86400);
  if (!cap) return cap.error();
  c.retry_max = std::chrono::seconds(*cap);
  auto timeout = ini.getInt("notify.send_timeout_ms", c.send_timeout.count(), 100, 600000);
  if (!timeout) return timeout.error();
  c.send_timeout = std::chrono::milliseconds(*timeout);
  for (const auto& name : list(ini.getString("notify.routes", ""))) {
    auto route = loadRoute(ini, name);
    if (!route) return route.error();
    c.routes.push_back(std::move(*route));
  }
  return c;
}

}  // namespace steward::server::notify
