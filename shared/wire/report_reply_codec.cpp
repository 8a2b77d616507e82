#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <iterator>

#include "shared/wire/report_reply.h"

namespace steward::wire {

namespace json = boost::json;

namespace {

bool knownCategory(std::string_view name) {
  for (const char* known : kInventoryCategories) {
    if (name == known) return true;
  }
  return false;
}

bool knownSignal(std::string_view name) {
  for (const char* known : kWatchSignals) {
    if (name == known) return true;
  }
  return false;
}

json::object settingsObject(const AgentSettings& s) {
  json::object o;
  if (s.heartbeat_interval_seconds) o["heartbeat_interval_seconds"] = *s.heartbeat_interval_seconds;
  if (s.inventory_interval_seconds) o["inventory_interval_seconds"] = *s.inventory_interval_seconds;
  if (!s.inventory.empty()) {
    json::object categories;
    for (const auto& [name, on] : s.inventory) categories[name] = on;
    o["inventory"] = std::move(categories);
  }
  if (s.watch_interval_ms) o["watch_interval_ms"] = *s.watch_interval_ms;
  if (!s.watch.empty()) {
    json::array levels;
    for (const auto& level : s.watch) {
      json::object l{{"signal", level.signal}};
      if (level.signal != "filesystem_read_only") {
        l["raise"] = level.raise;
        l["clear"] = level.clear;
        l["duration_ms"] = level.duration_ms;
      }
      levels.push_back(std::move(l));
    }
    o["watch"] = std::move(levels);
  }
  return o;
}

std::optional<std::int64_t> interval(const json::object& o, const char* key, std::int64_t max,
                                     const std::string& path, std::vector<std::string>& problems,
                                     std::int64_t min = 1) {
  const auto* v = o.if_contains(key);
  if (v == nullptr) return std::nullopt;
  const std::string here = path + "." + key;
  if (!v->is_int64() && !v->is_uint64()) {
    problems.push_back(here + ": expected a whole number of seconds, got " + json::serialize(*v));
    return std::nullopt;
  }
  // A uint64 that is not also an int64 is above 2^63: out of range like any other.
  const std::int64_t value = v->is_int64() ? v->get_int64() : max + 1;
  if (value < min || value > max) {
    problems.push_back(here + ": " + json::serialize(*v) + " is out of range " +
                       std::to_string(min) + ".." + std::to_string(max));
    return std::nullopt;
  }
  return value;
}

// One "watch" entry; nullopt (with a problem, unless the signal is merely unknown to
// this agent) when it cannot be used.
std::optional<WatchLevel> watchLevel(const json::value& v, const std::string& here,
                                     std::vector<std::string>& problems) {
  if (!v.is_object()) {
    problems.push_back(here + ": expected an object");
    return std::nullopt;
  }
  const auto& o = v.get_object();
  const auto* signal = o.if_contains("signal");
  if (signal == nullptr || !signal->is_string()) {
    problems.push_back(here + ".signal: expected a signal name");
    return std::nullopt;
  }
  WatchLevel level;
  level.signal = std::string(signal->get_string());
  // A newer collector may watch more than this agent knows: not an error.
  if (!knownSignal(level.signal)) return std::nullopt;
  if (level.signal == "filesystem_read_only") return level;
  for (auto [key, out] : {std::pair{"raise", &level.raise}, std::pair{"clear", &level.clear}}) {
    const auto* n = o.if_contains(key);
    if (n == nullptr || !n->is_number()) {
      problems.push_back(here + "." + key + ": expected a number");
      return std::nullopt;
    }
    *out = n->to_number<double>();
  }
  if (level.clear > level.raise) {
    problems.push_back(here + ": clear " + json::serialize(o.at("clear")) + " is above raise " +
                       json::serialize(o.at("raise")));
    return std::nullopt;
  }
  if (auto d = interval(o, "duration_ms", kMaxWatchDurationMs, here, problems, 0)) {
    level.duration_ms = *d;
  } else if (o.contains("duration_ms")) {
    return std::nullopt;  // described by interval()
  }
  return level;
}

AgentSettings settingsFrom(const json::object& o, const std::string& path,
                           std::vector<std::string>& problems) {
  AgentSettings s;
  s.heartbeat_interval_seconds = interval(o, "heartbeat_interval_seconds",
                                          kMaxHeartbeatIntervalSeconds, path, problems);
  s.inventory_interval_seconds = interval(o, "inventory_interval_seconds",
                                          kMaxInventoryIntervalSeconds, path, problems);
  if (const auto* inventory = o.if_contains("inventory")) {
    if (!inventory->is_object()) {
      problems.push_back(path + ".inventory: expected an object of category: true|false");
      return s;
    }
    for (const auto& [key, value] : inventory->get_object()) {
      const std::string here = path + ".inventory." + std::string(key);
      if (!knownCategory(key)) {
        problems.push_back(here + ": unknown inventory category");
      } else if (!value.is_bool()) {
        problems.push_back(here + ": expected true or false, got " + json::serialize(value));
      } else {
        s.inventory[std::string(key)] = value.get_bool();
      }
    }
  }
  s.watch_interval_ms = interval(o, "watch_interval_ms", kMaxWatchIntervalMs, path, problems, 0);
  if (s.watch_interval_ms && *s.watch_interval_ms != 0 &&
      *s.watch_interval_ms < kMinWatchIntervalMs) {
    problems.push_back(path + ".watch_interval_ms: " + std::to_string(*s.watch_interval_ms) +
                       " is neither 0 (off) nor at least " + std::to_string(kMinWatchIntervalMs));
    s.watch_interval_ms.reset();
  }
  if (const auto* watch = o.if_contains("watch")) {
    if (!watch->is_array()) {
      problems.push_back(path + ".watch: expected an array of levels");
    } else if (watch->get_array().size() > kMaxWatchLevels) {
      problems.push_back(path + ".watch: " + std::to_string(watch->get_array().size()) +
                         " levels, at most " + std::to_string(kMaxWatchLevels));
    } else {
      std::size_t i = 0;
      for (const auto& entry : watch->get_array()) {
        const std::string here = path + ".watch[" + std::to_string(i++) + "]";
        if (auto level = watchLevel(entry, here, problems)) s.watch.push_back(std::move(*level));
      }
    }
  }
  return s;
}

}  // namespace

std::string encodeAgentSettings(const AgentSettings& settings) {
  return json::serialize(settingsObject(settings));
}

std::string encodeReportReply(const ReportReply& reply) {
  json::object o;
  o["status"] = reply.status;
  o["asset_id"] = reply.asset_id;
  if (reply.config) o["config"] = settingsObject(*reply.config);
  return json::serialize(o);
}

DecodedSettings decodeReplySettings(std::string_view reply_body) {
  DecodedSettings out;
  boost::system::error_code ec;
  const json::value doc = json::parse(reply_body, ec);
  if (ec || !doc.is_object()) return out;  // not ours to judge: the status decided
  const auto* config = doc.get_object().if_contains("config");
  if (config == nullptr || config->is_null()) return out;
  if (!config->is_object()) {
    out.problems.push_back("$.config: expected an object");
    return out;
  }
  out.config = settingsFrom(config->get_object(), "$.config", out.problems);
  return out;
}

DecodedSettings decodeAgentSettings(std::string_view settings_json) {
  DecodedSettings out;
  boost::system::error_code ec;
  const json::value doc = json::parse(settings_json, ec);
  if (ec || !doc.is_object()) {
    out.problems.push_back("$: not a JSON object");
    return out;
  }
  out.config = settingsFrom(doc.get_object(), "$", out.problems);
  return out;
}

}  // namespace steward::wire
