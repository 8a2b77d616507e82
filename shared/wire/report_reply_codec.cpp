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

json::object settingsObject(const AgentSettings& s) {
  json::object o;
  if (s.heartbeat_interval_seconds) o["heartbeat_interval_seconds"] = *s.heartbeat_interval_seconds;
  if (s.inventory_interval_seconds) o["inventory_interval_seconds"] = *s.inventory_interval_seconds;
  if (!s.inventory.empty()) {
    json::object categories;
    for (const auto& [name, on] : s.inventory) categories[name] = on;
    o["inventory"] = std::move(categories);
  }
  return o;
}

std::optional<std::int64_t> interval(const json::object& o, const char* key, std::int64_t max,
                                     const std::string& path, std::vector<std::string>& problems) {
  const auto* v = o.if_contains(key);
  if (v == nullptr) return std::nullopt;
  const std::string here = path + "." + key;
  if (!v->is_int64() && !v->is_uint64()) {
    problems.push_back(here + ": expected a whole number of seconds, got " + json::serialize(*v));
    return std::nullopt;
  }
  // A uint64 that is not also an int64 is above 2^63: out of range like any other.
  const std::int64_t value = v->is_int64() ? v->get_int64() : max + 1;
  if (value < 1 || value > max) {
    problems.push_back(here + ": " + json::serialize(*v) + " is out of range 1.." +
                       std::to_string(max));
    return std::nullopt;
  }
  return value;
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
