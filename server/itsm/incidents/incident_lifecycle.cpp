#include "server/itsm/incidents/incident_lifecycle.h"

namespace steward::server::itsm {

namespace {

bool allowed(IncidentState from, IncidentState to) {
  using S = IncidentState;
  switch (from) {
    case S::New:
      return to == S::InProgress || to == S::OnHold || to == S::Resolved;
    case S::InProgress:
      return to == S::OnHold || to == S::Resolved;
    case S::OnHold:
      return to == S::InProgress || to == S::Resolved;
    case S::Resolved:
      return to == S::InProgress || to == S::Closed;
    case S::Closed:
      return false;
  }
  return false;
}

}  // namespace

Result<void> checkTransition(IncidentState from, IncidentState to, const std::string& hold_reason,
                             const std::string& resolution_note) {
  if (from == IncidentState::Closed) {
    return makeError("invalid_transition", "the incident is closed; closed incidents are final");
  }
  if (!allowed(from, to)) {
    return makeError("invalid_transition",
                     "cannot move an incident from " + stateName(from) + " to " + stateName(to));
  }
  if (to == IncidentState::OnHold && hold_reason.empty()) {
    return makeError("invalid_transition", "putting an incident on hold needs a hold_reason");
  }
  if (to == IncidentState::Resolved && resolution_note.empty()) {
    return makeError("invalid_transition", "resolving an incident needs a resolution_note");
  }
  return {};
}

}  // namespace steward::server::itsm
