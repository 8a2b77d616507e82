#include "shared/wire/asset_history_codec.h"

#include <array>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "shared/wire/asset_history_json.h"
#include "shared/wire/json_reader.h"

namespace steward::wire {

namespace json = boost::json;
using detail::DecodeFailure;
using detail::ObjectReader;

namespace {

constexpr std::size_t kMaxTextLength = 64 * 1024;
// One ingest yields a few decisions; a full software refresh can yield thousands of
// changes, but a batch beyond this is a hostile or broken sender.
constexpr std::size_t kMaxItems = 100'000;

constexpr std::array<std::string_view, 5> kActions = {"new", "merge", "refuse", "split", "flag"};
constexpr std::array<std::string_view, 12> kChangeKinds = {
    "software_added", "software_removed", "software_upgraded", "software_downgraded",
    "hardware_added", "hardware_removed", "ip_added",          "ip_removed",
    "mac_added",      "mac_removed",      "hostname_changed",  "os_changed"};

[[noreturn]] void invalid(const ObjectReader& o, std::string_view key, const std::string& what) {
  throw DecodeFailure{"invalid_field", o.path(key) + ": " + what};
}

std::string text(const ObjectReader& o, std::string_view key, bool may_be_empty = false) {
  std::string value = o.requiredString(key);
  if (!may_be_empty && value.empty()) invalid(o, key, "must not be empty");
  if (value.size() > kMaxTextLength) invalid(o, key, "longer than 65536 bytes");
  return value;
}

std::optional<std::string> optionalText(const ObjectReader& o, std::string_view key) {
  auto value = o.optionalString(key);
  if (value && value->size() > kMaxTextLength) invalid(o, key, "longer than 65536 bytes");
  return value;
}

void putOptional(json::object& o, std::string_view key, const std::optional<std::string>& v) {
  if (v) o[key] = *v;
}

}  // namespace

namespace detail {

json::object decisionObject(const ReconcileDecision& d) {
  json::object o;
  o["decision_id"] = d.decision_id;
  o["asset_id"] = d.asset_id;
  o["at"] = d.at;
  o["action"] = d.action;
  o["rule"] = d.rule;
  o["source"] = d.source;
  o["report_id"] = d.report_id;
  o["evidence"] = d.evidence;
  putOptional(o, "other_asset_id", d.other_asset_id);
  return o;
}

json::object changeObject(const DetectedChange& c) {
  json::object o;
  o["change_id"] = c.change_id;
  o["asset_id"] = c.asset_id;
  o["at"] = c.at;
  o["source"] = c.source;
  o["kind"] = c.kind;
  o["subject"] = c.subject;
  putOptional(o, "before", c.before);
  putOptional(o, "after", c.after);
  return o;
}

ReconcileDecision decodeDecision(const json::value& v, const std::string& path) {
  const ObjectReader o(v, path);
  ReconcileDecision d;
  d.decision_id = text(o, "decision_id");
  d.asset_id = text(o, "asset_id");
  d.at = text(o, "at");
  d.action = text(o, "action");
  if (!isDecisionAction(d.action)) invalid(o, "action", "unknown action '" + d.action + "'");
  d.rule = text(o, "rule");
  d.source = text(o, "source");
  d.report_id = text(o, "report_id", true);
  d.evidence = text(o, "evidence", true);
  d.other_asset_id = optionalText(o, "other_asset_id");
  return d;
}

DetectedChange decodeChange(const json::value& v, const std::string& path) {
  const ObjectReader o(v, path);
  DetectedChange c;
  c.change_id = text(o, "change_id");
  c.asset_id = text(o, "asset_id");
  c.at = text(o, "at");
  c.source = text(o, "source");
  c.kind = text(o, "kind");
  if (!isChangeKind(c.kind)) invalid(o, "kind", "unknown change kind '" + c.kind + "'");
  c.subject = text(o, "subject", true);
  c.before = optionalText(o, "before");
  c.after = optionalText(o, "after");
  return c;
}

}  // namespace detail

using detail::changeObject;
using detail::decisionObject;
using detail::decodeChange;
using detail::decodeDecision;

bool isDecisionAction(const std::string& action) {
  for (auto known : kActions) {
    if (action == known) return true;
  }
  return false;
}

bool isChangeKind(const std::string& kind) {
  for (auto known : kChangeKinds) {
    if (kind == known) return true;
  }
  return false;
}

std::string encodeDecision(const ReconcileDecision& d) { return json::serialize(decisionObject(d)); }

std::string encodeChange(const DetectedChange& c) { return json::serialize(changeObject(c)); }

std::string encodeAssetHistory(const AssetHistory& h) {
  json::object o;
  o["schema_version"] = std::to_string(h.schema.major) + "." + std::to_string(h.schema.minor);
  o["event_id"] = h.event_id;
  o["collector_id"] = h.collector_id;
  o["asset_id"] = h.asset_id;
  json::array decisions;
  for (const auto& d : h.decisions) decisions.emplace_back(decisionObject(d));
  o["decisions"] = std::move(decisions);
  json::array changes;
  for (const auto& c : h.changes) changes.emplace_back(changeObject(c));
  o["changes"] = std::move(changes);
  return json::serialize(o);
}

Result<AssetHistory> decodeAssetHistory(std::string_view body) {
  try {
    const json::value doc = detail::parseDocument(body);
    const ObjectReader root(doc, "$");
    AssetHistory h;
    h.schema = root.schemaVersion();
    h.event_id = text(root, "event_id");
    h.collector_id = text(root, "collector_id", true);
    h.asset_id = text(root, "asset_id");
    h.decisions = root.array<ReconcileDecision>("decisions", decodeDecision);
    h.changes = root.array<DetectedChange>("changes", decodeChange);
    if (h.decisions.size() + h.changes.size() > kMaxItems) {
      return makeError("invalid_field", "$: more than 100000 decisions and changes in one batch");
    }
    return h;
  } catch (const DecodeFailure& failure) {
    return makeError(failure.code, failure.message);
  } catch (const std::exception& e) {
    return makeError("malformed_json", e.what());
  }
}

}  // namespace steward::wire
