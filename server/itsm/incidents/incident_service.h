#pragma once

// The incident process: manual incidents, updates by people (state machine, SLA
// clocks, assignment, work notes) and events from collectors' fault rules. Every
// change lands in the timeline and, where a route asks for it, in the notification
// queue in the same transaction.

#include <mutex>
#include <optional>
#include <string>

#include "server/itsm/incidents/incident.h"
#include "server/itsm/incidents/incident_policy.h"
#include "server/itsm/incidents/incident_repository.h"
#include "server/notify/asset_group_lookup.h"
#include "server/notify/notify_config.h"
#include "shared/common/clock.h"
#include "shared/common/result.h"
#include "shared/wire/incident_event.h"

namespace steward::server::itsm {

struct NewIncident {
  std::string title;  // required
  std::string description;
  std::string category;
  std::optional<std::string> asset_id;
  std::string subject;
  std::optional<int> impact;  // default: the asset's criticality, or 3
  int urgency = 3;
  std::string assignment_group;
  std::string assignee;
  std::string evidence = "{}";
};

// Absent fields stay as they are.
struct IncidentPatch {
  std::optional<IncidentState> state;
  std::optional<std::string> assignee;
  std::optional<std::string> assignment_group;
  std::optional<int> impact;
  std::optional<int> urgency;
  std::optional<std::string> work_note;
  std::optional<std::string> resolution_note;
  std::optional<std::string> hold_reason;
};

struct EventOutcome {
  std::string status;  // "applied" or "duplicate"
  std::string action;  // "raised", "occurrence", "resolved", "reopened", "ignored", ""
  std::optional<std::string> number;
};

struct SlaStatus {
  bool response_breached = false;
  bool resolution_breached = false;
};

// Breaches as of `now`: a target is breached when it was met late or is still
// unmet after its due time.
SlaStatus slaStatus(const Incident& incident, Clock::WallTime now);

class IncidentService {
 public:
  IncidentService(IncidentRepository& repository, const Clock& clock, const IncidentPolicy& policy,
                  const notify::NotifyConfig& notify)
      : repo_(repository), clock_(clock), policy_(policy), notify_(notify) {}

  // Where routes with `groups = ...` learn an incident's asset groups (must outlive
  // the service). Without it such routes match nothing.
  void setAssetGroups(notify::AssetGroupLookup* groups) { groups_ = groups; }

  // `actor` is the person's name (recorded as "person:<actor>").
  Result<Incident> create(const NewIncident& draft, const std::string& actor);
  // Errors: "not_found", "invalid_transition" (409: the reason says why; nothing
  // changed), "invalid_field", "conflict".
  Result<Incident> update(const std::string& number_or_id, const IncidentPatch& patch,
                          const std::string& actor);
  // Applies a collector's event once; a replayed event_id is "duplicate".
  Result<EventOutcome> applyEvent(const wire::IncidentEvent& event);

 private:
  Result<Incident> raise(const wire::IncidentEvent& event);
  Result<EventOutcome> countOccurrence(Incident incident, const wire::IncidentEvent& event);
  Result<EventOutcome> autoResolve(Incident incident, const wire::IncidentEvent& event);
  Result<EventOutcome> reopen(Incident incident, const wire::IncidentEvent& event);
  void setPriority(Incident& incident) const;
  // The notifications a write causes. The asset's groups are looked up here, before
  // the repository's transaction, so no other component's lock is taken inside it.
  WriteExtras extras(std::optional<std::string> event_id, std::vector<std::string> events,
                     const std::optional<std::string>& asset_id) const;
  std::string now() const;

  IncidentRepository& repo_;
  const Clock& clock_;
  const IncidentPolicy& policy_;
  const notify::NotifyConfig& notify_;
  notify::AssetGroupLookup* groups_ = nullptr;
  // Serialises event application so two events for the same (asset, rule, subject)
  // cannot both see "nothing open" and raise two incidents.
  std::mutex events_mutex_;
};

}  // namespace steward::server::itsm
