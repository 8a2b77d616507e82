#pragma once

// JSON bodies of the incident API: encoding records and strictly decoding what
// people send (unknown fields, wrong types and out-of-range values are located
// errors, code "invalid_field" or "malformed_json").

#include <string>
#include <vector>

#include "server/itsm/incidents/incident.h"
#include "server/itsm/incidents/incident_service.h"
#include "server/notify/notification.h"
#include "shared/common/clock.h"
#include "shared/common/result.h"

namespace steward::server::itsm {

// {id, number, title, description, evidence{}, asset_id|null, category, source,
//  subject, impact, urgency, priority:"P2", state, assignment_group, assignee,
//  hold_reason, resolution_note, occurrence_count, flapping, created_at, updated_at,
//  last_occurred_at, responded_at|null, resolved_at|null, closed_at|null,
//  sla:{response_due, resolution_due, response_breached, resolution_breached}, version}
std::string encodeIncident(const Incident& incident, Clock::WallTime now);
// The incident plus "timeline":[{at, actor, action, changes{}, note}] and
// "notifications":[{event, channel, target, status, attempts, last_error}].
std::string encodeIncidentDetail(const Incident& incident,
                                 const std::vector<TimelineEntry>& timeline,
                                 const std::vector<notify::Notification>& notifications,
                                 Clock::WallTime now);
// {"items":[...], "page", "per_page", "total"}
std::string encodeIncidentPage(const IncidentPage& page, const IncidentQuery& query,
                               Clock::WallTime now);

// POST /api/v1/incidents: {title (required), description, category, asset_id (UUID),
// subject, impact 1..3, urgency 1..3, assignment_group, assignee, evidence {}}.
Result<NewIncident> decodeNewIncident(const std::string& body);
// PATCH: {state, assignee, assignment_group, impact, urgency, work_note,
// resolution_note, hold_reason}; at least one field.
Result<IncidentPatch> decodeIncidentPatch(const std::string& body);

}  // namespace steward::server::itsm
