#include "agent/health/linux/smartctl_json.h"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <cctype>
#include <cstdint>
#include <optional>

namespace steward::agent {
namespace {

namespace json = boost::json;

constexpr std::size_t kMaxTextField = 128;

// The parsed object, or nullopt when `text` is not a JSON object.
std::optional<json::object> jsonObject(std::string_view text) {
  boost::system::error_code ec;
  json::value doc = json::parse(text, ec);
  if (ec || !doc.is_object()) return std::nullopt;
  return std::move(doc.as_object());
}

const json::object* child(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return (v != nullptr && v->is_object()) ? &v->as_object() : nullptr;
}

// A short printable string field, trimmed; nullopt when absent, empty or odd.
std::optional<std::string> text(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (v == nullptr || !v->is_string()) return std::nullopt;
  std::string s(v->as_string());
  while (!s.empty() && s.back() == ' ') s.pop_back();
  if (s.empty() || s.size() > kMaxTextField) return std::nullopt;
  for (const char c : s) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return std::nullopt;
  }
  return s;
}

std::optional<std::int64_t> integer(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (v == nullptr) return std::nullopt;
  if (v->is_int64()) return v->as_int64();
  if (v->is_uint64() && v->as_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) {
    return static_cast<std::int64_t>(v->as_uint64());
  }
  return std::nullopt;
}

// "/dev/" plus [A-Za-z0-9/_-.:]; smartctl is started with it as an argument.
bool plausibleDevice(const std::string& name) {
  if (!name.starts_with("/dev/") || name.size() > 64 || name.find("..") != std::string::npos) {
    return false;
  }
  for (const char c : name.substr(5)) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '/' && c != '_' && c != '-' &&
        c != '.' && c != ':') {
      return false;
    }
  }
  return name.size() > 5;
}

bool plausibleType(const std::string& type) {
  if (type.size() > 32) return false;
  for (const char c : type) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != ',' && c != '_' && c != '+' &&
        c != '-') {
      return false;
    }
  }
  return true;
}

// smartctl's first error message, for the log.
std::string smartctlMessage(const json::object& doc) {
  const auto* smartctl = child(doc, "smartctl");
  if (smartctl == nullptr) return {};
  const auto* messages = smartctl->if_contains("messages");
  if (messages == nullptr || !messages->is_array()) return {};
  for (const auto& m : messages->as_array()) {
    if (!m.is_object()) continue;
    if (auto s = text(m.as_object(), "string")) return *s;
  }
  return {};
}

}  // namespace

Result<std::vector<SmartDevice>> parseSmartctlScan(std::string_view input) {
  const auto doc = jsonObject(input);
  if (!doc) return makeError("malformed", "smartctl --scan-open output is not a JSON object");
  std::vector<SmartDevice> devices;
  const auto* list = doc->if_contains("devices");
  if (list == nullptr || !list->is_array()) return devices;
  for (const auto& item : list->as_array()) {
    if (!item.is_object()) continue;
    const auto name = text(item.as_object(), "name");
    const auto type = text(item.as_object(), "type").value_or("");
    if (!name || !plausibleDevice(*name) || !plausibleType(type)) continue;
    devices.push_back({*name, type});
  }
  return devices;
}

Result<wire::SmartHealth> parseSmartctlHealth(std::string_view input, const std::string& device) {
  const auto doc = jsonObject(input);
  if (!doc)
    return makeError("malformed", "smartctl output for " + device + " is not a JSON object");
  const auto* status = child(*doc, "smart_status");
  const auto* passed = status != nullptr ? status->if_contains("passed") : nullptr;
  if (passed == nullptr || !passed->is_bool()) {
    const std::string why = smartctlMessage(*doc);
    return makeError("no_verdict", "smartctl gave no SMART verdict for " + device +
                                       (why.empty() ? std::string() : ": " + why));
  }
  wire::SmartHealth health;
  health.device = device;
  health.passed = passed->as_bool();
  health.model = text(*doc, "model_name");
  health.serial = text(*doc, "serial_number");
  if (const auto* temperature = child(*doc, "temperature")) {
    // Sensors report 0 or absurd values when they are broken; leave those out.
    if (const auto t = integer(*temperature, "current"); t && *t > -60 && *t < 200) {
      health.temperature_celsius = *t;
    }
  }
  if (const auto* attributes = child(*doc, "ata_smart_attributes")) {
    const auto* table = attributes->if_contains("table");
    if (table != nullptr && table->is_array()) {
      for (const auto& row : table->as_array()) {
        if (!row.is_object() || integer(row.as_object(), "id") != 5) continue;
        if (const auto* raw = child(row.as_object(), "raw")) {
          // The low 48 bits are the count; vendors pack other things above them.
          if (const auto value = integer(*raw, "value"); value && *value >= 0) {
            health.reallocated_sectors = static_cast<std::uint64_t>(*value) & 0xffffffffffffULL;
          }
        }
        break;
      }
    }
  }
  return health;
}

}  // namespace steward::agent
