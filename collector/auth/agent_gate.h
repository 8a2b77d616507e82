#pragma once

// The collector's front door for agents, wrapped around the ingest router:
//   /api/v1/agent/enroll                   -> EnrollRouter (no credential needed)
//   /api/v1/agent/inventory, .../heartbeat -> 401 without a valid agent credential;
//                                             403 "agent_mismatch" when the body's
//                                             agent_id is not the credential's (the
//                                             report is not stored); otherwise `inner`
//   anything else                          -> `inner` unchanged (healthz, OCS, ...)

#include <functional>
#include <string>

#include "collector/auth/credential_store.h"
#include "collector/enroll/enroll_router.h"
#include "shared/http/message.h"

namespace steward::collector::auth {

// Takes an authenticated inventory with its agent's id, and must refuse (with
// agentMismatch) a body claiming another agent: it reads the body anyway, so the gate
// leaves that check to it rather than parse 86 KB once more.
using AuthenticatedHandler =
    std::function<http::HttpResponse(const http::HttpRequest&, const std::string& agent_id)>;

class AgentGate {
 public:
  AgentGate(CredentialStore& credentials, const enroll::EnrollRouter& enroll, http::Handler inner,
            AuthenticatedHandler inventory = {})
      : credentials_(credentials),
        enroll_(enroll),
        inner_(std::move(inner)),
        inventory_(std::move(inventory)) {}

  http::HttpResponse handle(const http::HttpRequest& request) const;

 private:
  CredentialStore& credentials_;
  const enroll::EnrollRouter& enroll_;
  http::Handler inner_;
  AuthenticatedHandler inventory_;  // empty: inventories go to `inner` like the rest
};

}  // namespace steward::collector::auth
