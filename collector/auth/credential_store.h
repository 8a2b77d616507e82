#pragma once

// Per-agent credentials issued at enrollment. The collector keeps only the SHA-256
// of each secret, keyed by the agent id it was issued to; the agent presents
// "Authorization: Bearer <agent_id>.<secret>". The agent id in turn is bound to one
// asset by the first inventory (agents table), so a credential can only ever write
// its own agent's asset.

#include <string>

#include "collector/storage/collector_db.h"
#include "shared/common/result.h"

namespace steward::collector::auth {

class CredentialStore {
 public:
  // Creates the agent_credentials table when missing.
  static Result<void> prepare(storage::CollectorDb& db);

  explicit CredentialStore(storage::CollectorDb& db) : db_(db) {}

  // Issues a fresh random secret for `agent_id` and returns the bearer credential
  // "<agent_id>.<secret>". Error "already_enrolled" when the agent id holds one.
  Result<std::string> issue(const std::string& agent_id, const std::string& issued_at);

  // The agent id a bearer credential belongs to. Error "unauthenticated" when the
  // header is missing, malformed or the secret does not match (constant-time).
  Result<std::string> authenticate(const std::string& authorization_header);

 private:
  storage::CollectorDb& db_;
};

}  // namespace steward::collector::auth
