#pragma once

// The collector's front door for agents, wrapped around the ingest router:
//   /api/v1/agent/enroll                   -> EnrollRouter (no credential needed)
//   /api/v1/agent/inventory, .../heartbeat -> 401 without a valid agent credential;
//                                             403 "agent_mismatch" when the body's
//                                             agent_id is not the credential's (the
//                                             report is not stored); otherwise `inner`
//   anything else                          -> `inner` unchanged (healthz, OCS, ...)

#include "collector/auth/credential_store.h"
#include "collector/enroll/enroll_router.h"
#include "shared/http/message.h"

namespace steward::collector::auth {

class AgentGate {
 public:
  AgentGate(CredentialStore& credentials, const enroll::EnrollRouter& enroll, http::Handler inner)
      : credentials_(credentials), enroll_(enroll), inner_(std::move(inner)) {}

  http::HttpResponse handle(const http::HttpRequest& request) const;

 private:
  CredentialStore& credentials_;
  const enroll::EnrollRouter& enroll_;
  http::Handler inner_;
};

}  // namespace steward::collector::auth
