#pragma once

// Where incident notifications go: the SMTP relay, retry policy and routes, read from
// server.conf:
//
//   [notify]
//   smtp_host = 127.0.0.1      smtp_port = 25      from = steward@example.test
//   routes = oncall, chat      max_attempts = 8    retry_base_seconds = 30
//   [notify.route.oncall]
//   events = raise, resolve    priorities = P1, P2   rules = disk_usage   assets = <uuid>, ...
//   groups = dbservers, core-switches
//   email = ops@example.test, lead@example.test      webhook = http://127.0.0.1:9999/hook
//
// An empty filter matches everything; every non-empty filter must match. events: raise,
// priority, reopen, resolve. groups names asset groups kept in the database (managed
// through /api/v1/asset-groups): the incident's asset must be in at least one of them
// when the notification is made; a group that does not exist matches nothing.

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "shared/common/config.h"
#include "shared/common/result.h"

namespace steward::server::notify {

struct NotifyRoute {
  std::string name;
  std::vector<std::string> events;
  std::vector<int> priorities;  // 1..5
  std::vector<std::string> rules;
  std::vector<std::string> assets;
  std::vector<std::string> groups;  // asset group names
  std::vector<std::string> emails;
  std::vector<std::string> webhooks;
};

struct NotifyConfig {
  std::string smtp_host = "127.0.0.1";
  std::uint16_t smtp_port = 25;
  std::string from = "steward@localhost";
  int max_attempts = 8;                 // then the notification is marked failed
  std::chrono::seconds retry_base{30};  // 30 s, 60 s, 120 s, ... capped at retry_max
  std::chrono::seconds retry_max{3600};
  std::chrono::milliseconds send_timeout{10000};  // per SMTP session or webhook call
  std::vector<NotifyRoute> routes;

  // True when some route filters on asset groups (only then are they looked up).
  bool routesByGroup() const {
    for (const auto& route : routes) {
      if (!route.groups.empty()) return true;
    }
    return false;
  }
};

// Reads [notify] and every [notify.route.<name>] listed in notify.routes. Errors
// ("config_invalid") name the file and key: unknown event, bad priority, a group name
// no group could have, a webhook that is not http://, an address without '@', a route
// with no target.
Result<NotifyConfig> loadNotifyConfig(const IniConfig& ini);

}  // namespace steward::server::notify
