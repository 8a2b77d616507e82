#pragma once

// steward-server's HTTP surface as one pure function: Request in, Response out, no
// sockets (the shared HttpServer calls it; tests call it directly).
//
//   GET  /                          web UI (plus /static/app.js, /static/app.css)
//   GET  /healthz                   {"status":"ok"}
//   POST /api/v1/collector/assets   AssetRecord from a collector (bearer token)
//   POST /api/v1/collector/seen     AssetSeen from a collector (bearer token)
//   GET  /api/v1/assets             paged list, ?page=&per_page=&q=
//   GET  /api/v1/assets/{id}        full detail
//   /api/v1/collector/history, /api/v1/assets/{id}/reconciliation, .../changes
//                                   see server/api/history_endpoints.h
//   /api/v1/incidents..., /api/v1/collector/incident-events, PUT /api/v1/assets/{id}/criticality
//                                   see server/api/incident_endpoints.h
//   /api/v1/session, /api/v1/users..., /api/v1/audit
//                                   see server/api/user_endpoints.h
//   /api/v1/asset-groups..., GET /api/v1/assets/{id}/groups
//                                   see server/api/asset_group_endpoints.h
//
// Who may call what is decided here, once, before any endpoint runs: /api/v1/collector/*
// take the collector token; every other /api/v1 path needs a person (API token or
// session cookie, CSRF token for cookie writes) whose role allows it
// (server/auth/access_policy.h). No credential is 401, a credential without the
// right is 403. Without setAuthentication() those paths are all 401: the router
// never serves people's data unauthenticated. The static web UI files are public;
// they hold no data.
//
// Unknown paths are 404 and known paths with another method 405, both as JSON errors.

#include <optional>

#include "server/api/asset_endpoints.h"
#include "server/api/asset_group_endpoints.h"
#include "server/api/collector_endpoints.h"
#include "server/api/history_endpoints.h"
#include "server/api/incident_endpoints.h"
#include "server/api/user_endpoints.h"
#include "server/auth/authenticator.h"
#include "server/auth/token_verifier.h"
#include "server/storage/asset_repository.h"
#include "shared/http/message.h"

namespace steward::server {

class Router {
 public:
  Router(AssetRepository& assets, const TokenVerifier& collector_tokens)
      : collector_(assets, collector_tokens), assets_(assets) {}

  // Serves the incident API through `incidents` (which must outlive the router);
  // without it those paths are 404.
  void setIncidentEndpoints(const IncidentEndpoints* incidents) { incidents_ = incidents; }
  // Serves asset history through `history` (must outlive the router); without it
  // those paths are 404.
  void setHistoryEndpoints(AssetHistoryRepository* history) {
    collector_.setHistory(history);
    history_.emplace(*history, collector_);
  }

  // Serves the asset group API through `groups` (must outlive the router); without
  // it those paths are 404.
  void setAssetGroupEndpoints(const AssetGroupEndpoints* groups) { groups_ = groups; }

  // Authenticates people through `authenticator` and serves the session and user
  // endpoints; both must outlive the router.
  void setAuthentication(auth::Authenticator* authenticator, const UserEndpoints* users) {
    auth_ = authenticator;
    users_ = users;
  }

  // Never throws: an unexpected exception becomes a logged 500.
  http::HttpResponse handle(const http::HttpRequest& request) const;

 private:
  http::HttpResponse route(const http::HttpRequest& request) const;
  http::HttpResponse routeCollector(const http::HttpRequest& request) const;
  http::HttpResponse routePerson(const http::HttpRequest& request) const;
  http::HttpResponse routeAuthorised(const http::HttpRequest& request,
                                     const auth::Principal& principal) const;

  CollectorEndpoints collector_;
  AssetEndpoints assets_;
  const IncidentEndpoints* incidents_ = nullptr;
  const AssetGroupEndpoints* groups_ = nullptr;
  std::optional<HistoryEndpoints> history_;
  auth::Authenticator* auth_ = nullptr;
  const UserEndpoints* users_ = nullptr;
};

}  // namespace steward::server
