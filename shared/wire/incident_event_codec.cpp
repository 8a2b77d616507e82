#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "shared/common/clock.h"
#include "shared/wire/incident_event.h"
#include "shared/wire/json_reader.h"

namespace steward::wire {

namespace json = boost::json;
using detail::DecodeFailure;
using detail::ObjectReader;

namespace {

constexpr std::size_t kMaxTextLength = 64 * 1024;

[[noreturn]] void invalid(const ObjectReader& root, std::string_view key, const std::string& what) {
  throw DecodeFailure{"invalid_field", root.path(key) + ": " + what};
}

std::string nonEmpty(const ObjectReader& root, std::string_view key) {
  std::string value = root.requiredString(key);
  if (value.empty()) invalid(root, key, "must not be empty");
  if (value.size() > kMaxTextLength) invalid(root, key, "too long");
  return value;
}

}  // namespace

bool isIncidentEventKind(std::string_view kind) {
  return kind == "raise" || kind == "repeat" || kind == "clear" || kind == "reopen";
}

std::string encodeIncidentEvent(const IncidentEvent& e) {
  json::object o;
  o["schema_version"] = std::to_string(e.schema.major) + "." + std::to_string(e.schema.minor);
  o["event_id"] = e.event_id;
  o["collector_id"] = e.collector_id;
  o["kind"] = e.kind;
  o["asset_id"] = e.asset_id;
  o["rule_id"] = e.rule_id;
  o["subject"] = e.subject;
  o["title"] = e.title;
  o["description"] = e.description;
  o["urgency"] = e.urgency;
  boost::system::error_code ec;
  json::value evidence = json::parse(e.evidence, ec);
  o["evidence"] = !ec && evidence.is_object() ? evidence : json::value(json::object{});
  o["occurred_at"] = e.occurred_at;
  o["flapping"] = e.flapping;
  return json::serialize(o);
}

Result<IncidentEvent> decodeIncidentEvent(std::string_view text) {
  try {
    const json::value doc = detail::parseDocument(text);
    const ObjectReader root(doc, "$");
    IncidentEvent e;
    e.schema = root.schemaVersion();
    e.event_id = nonEmpty(root, "event_id");
    if (e.event_id.size() > 200) invalid(root, "event_id", "longer than 200 characters");
    e.collector_id = root.requiredString("collector_id");
    e.kind = root.requiredString("kind");
    if (!isIncidentEventKind(e.kind)) {
      invalid(root, "kind", "'" + e.kind + "' is not one of raise, repeat, clear, reopen");
    }
    e.asset_id = nonEmpty(root, "asset_id");
    e.rule_id = nonEmpty(root, "rule_id");
    e.subject = root.optionalString("subject").value_or("");
    e.title = root.optionalString("title").value_or("");
    if (e.title.empty() && (e.kind == "raise" || e.kind == "reopen")) {
      invalid(root, "title", "required for a " + e.kind + " event");
    }
    e.description = root.optionalString("description").value_or("");
    if (e.title.size() > kMaxTextLength || e.description.size() > kMaxTextLength) {
      invalid(root, "description", "too long");
    }
    const std::uint64_t urgency = root.optionalUint("urgency").value_or(3);
    if (urgency < 1 || urgency > 3) invalid(root, "urgency", "must be 1 (high) .. 3 (low)");
    e.urgency = static_cast<int>(urgency);
    const json::value* evidence = doc.as_object().if_contains("evidence");
    if (evidence != nullptr && !evidence->is_null()) {
      if (!evidence->is_object()) invalid(root, "evidence", "expected an object");
      e.evidence = json::serialize(*evidence);
    }
    e.occurred_at = root.requiredString("occurred_at");
    if (!parseRfc3339(e.occurred_at)) invalid(root, "occurred_at", "not an RFC 3339 time");
    e.flapping = root.optionalBool("flapping").value_or(false);
    return e;
  } catch (const DecodeFailure& failure) {
    return makeError(failure.code, failure.message);
  }
}

}  // namespace steward::wire
