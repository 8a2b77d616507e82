#include "server/itsm/incidents/incident_json.h"

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <set>

#include "shared/common/id.h"

namespace steward::server::itsm {

namespace json = boost::json;

namespace {

constexpr std::size_t kMaxShortText = 200;
constexpr std::size_t kMaxLongText = 64 * 1024;

json::value objectOrEmpty(const std::string& text) {
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  return !ec && v.is_object() ? v : json::value(json::object{});
}

json::value optionalText(const std::optional<std::string>& v) {
  return v ? json::value(*v) : json::value(nullptr);
}

json::object incidentObject(const Incident& i, Clock::WallTime now) {
  const SlaStatus sla = slaStatus(i, now);
  return json::object{
      {"id", i.id},
      {"number", i.number},
      {"title", i.title},
      {"description", i.description},
      {"evidence", objectOrEmpty(i.evidence)},
      {"asset_id", optionalText(i.asset_id)},
      {"category", i.category},
      {"source", i.source},
      {"subject", i.subject},
      {"impact", i.impact},
      {"urgency", i.urgency},
      {"priority", priorityName(i.priority)},
      {"state", stateName(i.state)},
      {"assignment_group", i.assignment_group},
      {"assignee", i.assignee},
      {"hold_reason", i.hold_reason},
      {"resolution_note", i.resolution_note},
      {"occurrence_count", i.occurrence_count},
      {"flapping", i.flapping},
      {"created_at", i.created_at},
      {"updated_at", i.updated_at},
      {"last_occurred_at", i.last_occurred_at},
      {"responded_at", optionalText(i.responded_at)},
      {"resolved_at", optionalText(i.resolved_at)},
      {"closed_at", optionalText(i.closed_at)},
      {"sla", json::object{{"response_due", i.response_due},
                           {"resolution_due", i.resolution_due},
                           {"response_breached", sla.response_breached},
                           {"resolution_breached", sla.resolution_breached}}},
      {"version", i.version},
  };
}

// Strict reader over one request object: every key must be known, every value typed.
class BodyReader {
 public:
  BodyReader(const std::string& body, std::set<std::string> known) {
    boost::system::error_code ec;
    value_ = json::parse(body, ec);
    if (ec) {
      error_ = makeError("malformed_json", "the body is not valid JSON: " + ec.message());
      return;
    }
    if (!value_.is_object()) {
      error_ = makeError("invalid_field", "$: expected an object");
      return;
    }
    for (const auto& kv : value_.get_object()) {
      if (!known.contains(std::string(kv.key()))) {
        fail(std::string(kv.key()), "unknown field");
        return;
      }
    }
  }

  std::optional<std::string> text(const char* key, std::size_t max) {
    const json::value* v = find(key);
    if (v == nullptr) return std::nullopt;
    if (!v->is_string()) return fail(key, "expected a string"), std::nullopt;
    if (v->get_string().size() > max) {
      return fail(key, "longer than " + std::to_string(max) + " characters"), std::nullopt;
    }
    return std::string(v->get_string());
  }

  std::optional<int> level(const char* key) {
    const json::value* v = find(key);
    if (v == nullptr) return std::nullopt;
    if (!v->is_int64() || v->get_int64() < 1 || v->get_int64() > 3) {
      return fail(key, "expected 1 (high), 2 or 3 (low)"), std::nullopt;
    }
    return static_cast<int>(v->get_int64());
  }

  std::optional<std::string> object(const char* key) {
    const json::value* v = find(key);
    if (v == nullptr) return std::nullopt;
    if (!v->is_object()) return fail(key, "expected an object"), std::nullopt;
    std::string text = json::serialize(*v);
    if (text.size() > kMaxLongText) return fail(key, "too large"), std::nullopt;
    return text;
  }

  void fail(const std::string& key, const std::string& what) {
    if (!error_) error_ = makeError("invalid_field", "$." + key + ": " + what);
  }
  bool empty() const { return value_.is_object() && value_.get_object().empty(); }
  const std::optional<Error>& error() const { return error_; }

 private:
  const json::value* find(const char* key) const {
    if (error_ || !value_.is_object()) return nullptr;
    const json::value* v = value_.get_object().if_contains(key);
    return v == nullptr || v->is_null() ? nullptr : v;
  }

  json::value value_;
  std::optional<Error> error_;
};

}  // namespace

std::string encodeIncident(const Incident& incident, Clock::WallTime now) {
  return json::serialize(incidentObject(incident, now));
}

std::string encodeIncidentDetail(const Incident& incident,
                                 const std::vector<TimelineEntry>& timeline,
                                 const std::vector<notify::Notification>& notifications,
                                 Clock::WallTime now) {
  json::object o = incidentObject(incident, now);
  json::array entries;
  for (const auto& e : timeline) {
    entries.emplace_back(json::object{{"at", e.at},
                                      {"actor", e.actor},
                                      {"action", e.action},
                                      {"changes", objectOrEmpty(e.changes)},
                                      {"note", e.note}});
  }
  o["timeline"] = std::move(entries);
  json::array sent;
  for (const auto& n : notifications) {
    sent.emplace_back(json::object{{"event", n.event},
                                   {"channel", n.channel},
                                   {"target", n.target},
                                   {"status", n.status},
                                   {"attempts", n.attempts},
                                   {"last_error", n.last_error}});
  }
  o["notifications"] = std::move(sent);
  return json::serialize(o);
}

std::string encodeIncidentPage(const IncidentPage& page, const IncidentQuery& query,
                               Clock::WallTime now) {
  json::array items;
  for (const auto& i : page.items) items.emplace_back(incidentObject(i, now));
  return json::serialize(json::object{{"items", std::move(items)},
                                      {"page", query.page},
                                      {"per_page", query.per_page},
                                      {"total", page.total}});
}

Result<NewIncident> decodeNewIncident(const std::string& body) {
  BodyReader r(body, {"title", "description", "category", "asset_id", "subject", "impact",
                      "urgency", "assignment_group", "assignee", "evidence"});
  NewIncident n;
  n.title = r.text("title", kMaxShortText).value_or("");
  n.description = r.text("description", kMaxLongText).value_or("");
  n.category = r.text("category", kMaxShortText).value_or("");
  n.asset_id = r.text("asset_id", kMaxShortText);
  n.subject = r.text("subject", kMaxShortText).value_or("");
  n.impact = r.level("impact");
  n.urgency = r.level("urgency").value_or(3);
  n.assignment_group = r.text("assignment_group", kMaxShortText).value_or("");
  n.assignee = r.text("assignee", kMaxShortText).value_or("");
  n.evidence = r.object("evidence").value_or("{}");
  if (r.error()) return *r.error();
  if (n.title.empty()) return makeError("invalid_field", "$.title: required, non-empty");
  if (n.asset_id && !isUuid(*n.asset_id)) {
    return makeError("invalid_field", "$.asset_id: '" + *n.asset_id + "' is not a UUID");
  }
  return n;
}

Result<IncidentPatch> decodeIncidentPatch(const std::string& body) {
  BodyReader r(body, {"state", "assignee", "assignment_group", "impact", "urgency", "work_note",
                      "resolution_note", "hold_reason"});
  IncidentPatch p;
  auto state = r.text("state", kMaxShortText);
  p.assignee = r.text("assignee", kMaxShortText);
  p.assignment_group = r.text("assignment_group", kMaxShortText);
  p.impact = r.level("impact");
  p.urgency = r.level("urgency");
  p.work_note = r.text("work_note", kMaxLongText);
  p.resolution_note = r.text("resolution_note", kMaxLongText);
  p.hold_reason = r.text("hold_reason", kMaxLongText);
  if (r.error()) return *r.error();
  if (r.empty()) return makeError("invalid_field", "$: no fields to change");
  if (state) {
    p.state = parseState(*state);
    if (!p.state) {
      return makeError("invalid_field", "$.state: '" + *state +
                                            "' is not one of new, in_progress, on_hold, "
                                            "resolved, closed");
    }
  }
  return p;
}

}  // namespace steward::server::itsm
