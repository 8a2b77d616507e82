// The collector-event half of IncidentService: one open incident per
// (asset, rule, subject); repeats count, clears resolve, reopens reopen.

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "server/itsm/incidents/incident_service.h"
#include "shared/common/id.h"

namespace steward::server::itsm {

namespace json = boost::json;

namespace {

std::string occurredAt(const wire::IncidentEvent& e) {
  auto t = parseRfc3339(e.occurred_at);
  return t ? formatRfc3339(*t) : e.occurred_at;
}

std::string stateChange(IncidentState from, IncidentState to) {
  return json::serialize(
      json::object{{"state", json::object{{"from", stateName(from)}, {"to", stateName(to)}}}});
}

}  // namespace

Result<EventOutcome> IncidentService::applyEvent(const wire::IncidentEvent& e) {
  std::lock_guard lock(events_mutex_);
  auto seen = repo_.eventProcessed(e.event_id);
  if (!seen) return seen.error();
  if (*seen) return EventOutcome{"duplicate", "", std::nullopt};

  auto latest = repo_.latestFor(e.asset_id, "rule:" + e.rule_id, e.subject);
  if (!latest) return latest.error();
  const bool open = *latest && isOpen((*latest)->state);
  Result<EventOutcome> outcome = EventOutcome{};
  if (e.kind == "clear") {
    if (!open) {
      if (auto done = repo_.recordEvent(e.event_id); !done) return done.error();
      return EventOutcome{"applied", "ignored", std::nullopt};
    }
    outcome = autoResolve(**latest, e);
  } else if (open) {
    outcome = countOccurrence(**latest, e);
  } else if (e.kind == "reopen" && *latest && (*latest)->state == IncidentState::Resolved) {
    outcome = reopen(**latest, e);
  } else {
    auto raised = raise(e);
    if (!raised) return raised.error();
    return EventOutcome{"applied", "raised", raised->number};
  }
  if (!outcome && outcome.error().code == "duplicate_event") {
    return EventOutcome{"duplicate", "", std::nullopt};
  }
  return outcome;
}

Result<Incident> IncidentService::raise(const wire::IncidentEvent& e) {
  Incident i;
  i.id = newUuidV7(clock_);
  i.title = e.title;
  i.description = e.description;
  i.evidence = e.evidence;
  i.asset_id = e.asset_id;
  i.category = "fault";
  i.source = "rule:" + e.rule_id;
  i.subject = e.subject;
  auto criticality = repo_.assetCriticality(e.asset_id);
  if (!criticality) return criticality.error();
  i.impact = *criticality;
  i.urgency = e.urgency;
  i.flapping = e.flapping;
  i.created_at = i.updated_at = now();
  i.last_occurred_at = occurredAt(e);
  setPriority(i);
  TimelineEntry entry{i.created_at, i.source, "created", "{}",
                      "raised by rule " + e.rule_id + " on collector " + e.collector_id};
  auto created =
      repo_.create(std::move(i), std::move(entry), extras(e.event_id, {"raise"}, e.asset_id));
  if (!created && created.error().code == "duplicate_event") {
    return makeError("duplicate_event", created.error().message);
  }
  return created;
}

Result<EventOutcome> IncidentService::countOccurrence(Incident i, const wire::IncidentEvent& e) {
  const int before = i.occurrence_count;
  i.occurrence_count += 1;
  i.flapping = i.flapping || e.flapping;
  i.last_occurred_at = occurredAt(e);
  i.updated_at = now();
  if (e.evidence != "{}") i.evidence = e.evidence;
  json::object changes{
      {"occurrence_count", json::object{{"from", before}, {"to", i.occurrence_count}}}};
  TimelineEntry entry{i.updated_at, "rule:" + e.rule_id, "occurrence", json::serialize(changes),
                      e.description};
  auto stored = repo_.update(i, {entry}, extras(e.event_id, {}, i.asset_id));
  if (!stored) return stored.error();
  return EventOutcome{"applied", "occurrence", stored->number};
}

Result<EventOutcome> IncidentService::autoResolve(Incident i, const wire::IncidentEvent& e) {
  const IncidentState before = i.state;
  i.state = IncidentState::Resolved;
  i.updated_at = now();
  i.resolved_at = i.updated_at;
  i.hold_reason.clear();
  i.resolution_note = "Auto-resolved: rule " + e.rule_id + " cleared at " + occurredAt(e) +
                      (e.description.empty() ? "" : ". " + e.description) +
                      " Evidence: " + e.evidence;
  TimelineEntry entry{i.updated_at, "rule:" + e.rule_id, "resolved", stateChange(before, i.state),
                      i.resolution_note};
  auto stored = repo_.update(i, {entry}, extras(e.event_id, {"resolve"}, i.asset_id));
  if (!stored) return stored.error();
  return EventOutcome{"applied", "resolved", stored->number};
}

Result<EventOutcome> IncidentService::reopen(Incident i, const wire::IncidentEvent& e) {
  const IncidentState before = i.state;
  i.state = IncidentState::InProgress;
  i.updated_at = now();
  i.resolved_at.reset();
  i.resolution_note.clear();
  i.occurrence_count += 1;
  i.flapping = i.flapping || e.flapping;
  i.last_occurred_at = occurredAt(e);
  if (e.evidence != "{}") i.evidence = e.evidence;
  TimelineEntry entry{i.updated_at, "rule:" + e.rule_id, "reopened", stateChange(before, i.state),
                      "the fault returned: " + e.description};
  auto stored = repo_.update(i, {entry}, extras(e.event_id, {"reopen"}, i.asset_id));
  if (!stored) return stored.error();
  return EventOutcome{"applied", "reopened", stored->number};
}

}  // namespace steward::server::itsm
