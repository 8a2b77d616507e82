#include "server/itsm/incidents/incident_service.h"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "server/itsm/incidents/incident_lifecycle.h"
#include "server/notify/notification_router.h"
#include "shared/common/id.h"
#include "shared/common/log.h"

namespace steward::server::itsm {

namespace json = boost::json;

namespace {

bool lateOrOverdue(const std::optional<std::string>& met_at, const std::string& due,
                   Clock::WallTime now) {
  auto due_time = parseRfc3339(due);
  if (!due_time) return false;
  if (met_at) {
    auto met = parseRfc3339(*met_at);
    return met && *met > *due_time;
  }
  return now > *due_time;
}

template <typename T>
void noteChange(json::object& changes, const char* field, const T& from, const T& to) {
  changes[field] = json::object{{"from", from}, {"to", to}};
}

Result<void> checkLevel(const char* field, int value) {
  if (value < 1 || value > 3) {
    return makeError("invalid_field", std::string("$.") + field + ": must be 1 (high) .. 3 (low)");
  }
  return {};
}

}  // namespace

SlaStatus slaStatus(const Incident& i, Clock::WallTime now) {
  return {lateOrOverdue(i.responded_at, i.response_due, now),
          lateOrOverdue(i.resolved_at, i.resolution_due, now)};
}

std::string IncidentService::now() const { return formatRfc3339(clock_.now()); }

void IncidentService::setPriority(Incident& i) const {
  i.priority = policy_.priority(i.impact, i.urgency);
  const auto created = parseRfc3339(i.created_at).value_or(clock_.now());
  const auto index = static_cast<std::size_t>(i.priority - 1);
  i.response_due = formatRfc3339(created + policy_.response[index]);
  i.resolution_due = formatRfc3339(created + policy_.resolution[index]);
}

WriteExtras IncidentService::extras(std::optional<std::string> event_id,
                                    std::vector<std::string> events,
                                    const std::optional<std::string>& asset_id) const {
  WriteExtras out;
  out.event_id = std::move(event_id);
  if (!events.empty()) {
    std::vector<std::string> groups;
    if (groups_ != nullptr && asset_id && notify_.routesByGroup()) {
      auto found = groups_->groupNamesOf(*asset_id);
      if (found) {
        groups = std::move(*found);
      } else {  // the incident still counts more than its notification
        logger("server.notify")
            .error("[asset=" + *asset_id + "] cannot read its asset groups; routes by group skip " +
                   "this change: " + found.error().message);
      }
    }
    out.notify = [this, events, groups](const Incident& incident) {
      std::vector<notify::Notification> all;
      for (const auto& event : events) {
        auto some = notify::notificationsFor(notify_, event, incident, groups);
        all.insert(all.end(), some.begin(), some.end());
      }
      return all;
    };
  }
  return out;
}

Result<Incident> IncidentService::create(const NewIncident& d, const std::string& actor) {
  if (d.title.empty()) return makeError("invalid_field", "$.title: must not be empty");
  if (auto ok = checkLevel("urgency", d.urgency); !ok) return ok.error();
  if (d.impact) {
    if (auto ok = checkLevel("impact", *d.impact); !ok) return ok.error();
  }
  Incident i;
  i.id = newUuidV7(clock_);
  i.title = d.title;
  i.description = d.description;
  i.evidence = d.evidence;
  i.asset_id = d.asset_id;
  i.category = d.category;
  i.source = "person:" + actor;
  i.subject = d.subject;
  if (d.impact) {
    i.impact = *d.impact;
  } else if (d.asset_id) {
    auto criticality = repo_.assetCriticality(*d.asset_id);
    if (!criticality) return criticality.error();
    i.impact = *criticality;
  }
  i.urgency = d.urgency;
  i.assignment_group = d.assignment_group;
  i.assignee = d.assignee;
  i.created_at = i.updated_at = i.last_occurred_at = now();
  setPriority(i);
  TimelineEntry entry{i.created_at, i.source, "created", "{}", "manual incident"};
  return repo_.create(std::move(i), std::move(entry), extras(std::nullopt, {"raise"}, d.asset_id));
}

Result<Incident> IncidentService::update(const std::string& key, const IncidentPatch& p,
                                         const std::string& actor) {
  auto current = repo_.get(key);
  if (!current) return current.error();
  const Incident& before = *current;
  if (before.state == IncidentState::Closed) {
    return makeError("invalid_transition",
                     before.number + " is closed; closed incidents are final");
  }
  for (auto [field, value] : {std::pair{"impact", p.impact}, std::pair{"urgency", p.urgency}}) {
    if (value) {
      if (auto ok = checkLevel(field, *value); !ok) return ok.error();
    }
  }
  Incident next = before;
  const std::string at = now();
  json::object changes;
  std::vector<std::string> events;
  std::string note;

  if (p.state && *p.state != before.state) {
    const std::string hold = p.hold_reason.value_or("");
    const std::string resolution = p.resolution_note.value_or("");
    if (auto ok = checkTransition(before.state, *p.state, hold, resolution); !ok) {
      return makeError(ok.error().code, before.number + ": " + ok.error().message);
    }
    next.state = *p.state;
    noteChange(changes, "state", stateName(before.state), stateName(next.state));
    if (next.state == IncidentState::OnHold) {
      next.hold_reason = hold;
      note = hold;
    } else if (next.state == IncidentState::Resolved) {
      next.resolution_note = resolution;
      next.resolved_at = at;
      note = resolution;
      events.push_back("resolve");
    } else if (next.state == IncidentState::Closed) {
      next.closed_at = at;
    } else if (before.state == IncidentState::Resolved) {  // reopen
      next.resolved_at.reset();
      next.resolution_note.clear();
      events.push_back("reopen");
    }
    if (before.state == IncidentState::OnHold) next.hold_reason.clear();
  } else if ((p.resolution_note && before.state != IncidentState::Resolved) ||
             (p.hold_reason && before.state != IncidentState::OnHold)) {
    return makeError("invalid_field", p.resolution_note
                                          ? "$.resolution_note: only with state \"resolved\""
                                          : "$.hold_reason: only with state \"on_hold\"");
  }
  if (p.assignee && *p.assignee != before.assignee) {
    next.assignee = *p.assignee;
    noteChange(changes, "assignee", before.assignee, next.assignee);
  }
  if (p.assignment_group && *p.assignment_group != before.assignment_group) {
    next.assignment_group = *p.assignment_group;
    noteChange(changes, "assignment_group", before.assignment_group, next.assignment_group);
  }
  next.impact = p.impact.value_or(before.impact);
  next.urgency = p.urgency.value_or(before.urgency);
  if (next.impact != before.impact) noteChange(changes, "impact", before.impact, next.impact);
  if (next.urgency != before.urgency) noteChange(changes, "urgency", before.urgency, next.urgency);
  setPriority(next);
  if (next.priority != before.priority) {
    noteChange(changes, "priority", priorityName(before.priority), priorityName(next.priority));
    events.push_back("priority");
  }
  const bool work_note = p.work_note && !p.work_note->empty();
  if (changes.empty() && !work_note) return before;

  if (!next.responded_at && (work_note || next.state != IncidentState::New)) {
    next.responded_at = at;
  }
  next.updated_at = at;
  const std::string who = "person:" + actor;
  std::vector<TimelineEntry> entries;
  if (!changes.empty()) entries.push_back({at, who, "updated", json::serialize(changes), note});
  if (work_note) entries.push_back({at, who, "work_note", "{}", *p.work_note});
  return repo_.update(next, entries, extras(std::nullopt, events, next.asset_id));
}

}  // namespace steward::server::itsm
