#pragma once

// The incident API:
//
//   GET   /api/v1/incidents?state=&priority=&asset_id=&assignee=&source=&page=&per_page=
//   POST  /api/v1/incidents                     manual incident (JSON, strict)
//   GET   /api/v1/incidents/{number-or-id}      detail with timeline and notifications
//   PATCH /api/v1/incidents/{number-or-id}      state, assignment, impact/urgency, notes
//   PUT   /api/v1/assets/{id}/criticality       {"criticality": 1..3} (impact of new incidents)
//   POST  /api/v1/collector/incident-events     IncidentEvent (collector bearer token)
//
// The router has authenticated the person and checked the role may use the path
// (server/auth/access_policy.h); the actor recorded in timelines is that user's
// name. Requesters see only incidents they raised (others are 404 to them). An
// invalid state transition is 409 with the reason and changes nothing.

#include <optional>

#include "server/auth/token_verifier.h"
#include "server/auth/user.h"
#include "server/itsm/incidents/incident_repository.h"
#include "server/itsm/incidents/incident_service.h"
#include "server/notify/notification.h"
#include "shared/common/clock.h"
#include "shared/http/message.h"

namespace steward::server {

class IncidentEndpoints {
 public:
  IncidentEndpoints(itsm::IncidentService& service, itsm::IncidentRepository& incidents,
                    notify::NotificationQueue& queue, const Clock& clock,
                    const TokenVerifier& collector_tokens)
      : service_(service),
        incidents_(incidents),
        queue_(queue),
        clock_(clock),
        tokens_(collector_tokens) {}

  // The response when the path is one of the above; nullopt for any other path.
  // `principal` is the person calling (nullptr for the collector's path, which
  // checks the collector token itself).
  std::optional<http::HttpResponse> route(const http::HttpRequest& request,
                                          const auth::Principal* principal) const;

  http::HttpResponse list(const http::HttpRequest& request, const auth::Principal& who) const;
  http::HttpResponse create(const http::HttpRequest& request, const auth::Principal& who) const;
  http::HttpResponse detail(const std::string& key, const auth::Principal& who) const;
  http::HttpResponse patch(const std::string& key, const http::HttpRequest& request,
                           const auth::Principal& who) const;
  http::HttpResponse putCriticality(const std::string& asset_id,
                                    const http::HttpRequest& request) const;
  http::HttpResponse postEvent(const http::HttpRequest& request) const;

 private:
  itsm::IncidentService& service_;
  itsm::IncidentRepository& incidents_;
  notify::NotificationQueue& queue_;
  const Clock& clock_;
  const TokenVerifier& tokens_;
};

}  // namespace steward::server
