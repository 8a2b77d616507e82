#include "collector/auth/agent_gate.h"

#include "collector/auth/claimed_agent_id.h"
#include "shared/common/log.h"

namespace steward::collector::auth {

using http::HttpRequest;
using http::HttpResponse;

HttpResponse AgentGate::handle(const HttpRequest& request) const {
  const std::string path = request.path();
  if (path == enroll::kEnrollPath) return enroll_.handle(request);
  if (path != "/api/v1/agent/inventory" && path != "/api/v1/agent/heartbeat") {
    return inner_(request);
  }
  auto agent_id = credentials_.authenticate(request.header("authorization"));
  if (!agent_id) {
    if (agent_id.error().code != "unauthenticated") {
      logger("collector.auth").error("credential lookup failed: %s", agent_id.error().message);
      return http::jsonError(500, "storage_error", "the collector could not check the credential");
    }
    HttpResponse r = http::jsonError(401, "unauthenticated", agent_id.error().message);
    r.headers.emplace_back("WWW-Authenticate", "Bearer");
    return r;
  }
  // The inventory handler reads the body's agent_id in its own pass over the body.
  if (inventory_ && path == "/api/v1/agent/inventory") return inventory_(request, *agent_id);
  const std::string claimed = claimedAgentId(request.body);
  if (!claimed.empty() && claimed != *agent_id) return agentMismatch(request, *agent_id, claimed);
  return inner_(request);
}

}  // namespace steward::collector::auth
