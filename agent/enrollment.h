#pragma once

// Enrollment: trades a site enrollment token for this agent's own credential
// (POST {collector}/api/v1/agent/enroll) and keeps it in <state_dir>/credential
// (mode 0600, directory 0700). Every later request carries it as
// "Authorization: Bearer <agent_id>.<secret>".

#include <string>

#include "shared/common/result.h"
#include "shared/http/client.h"

namespace steward::agent {

// Where the credential lives in `state_dir`.
std::string credentialPath(const std::string& state_dir);

// The stored credential ("<agent_id>.<secret>"). Errors: "not_enrolled" (no file),
// "state_corrupt" (the file does not hold a credential for `agent_id`).
Result<std::string> loadCredential(const std::string& state_dir, const std::string& agent_id);

// Enrolls `agent_id` with the collector at `collector_url` using the site `token`
// and stores the credential; returns the path it was written to. Errors:
// "enroll_failed" naming the collector's answer (wrong token, already enrolled,
// rate limited, unreachable, TLS refused...), "state_unwritable". Nothing is
// written unless the collector issued a credential.
Result<std::string> enrollAgent(http::HttpClient& http, const std::string& collector_url,
                                const std::string& token, const std::string& agent_id,
                                const std::string& state_dir);

}  // namespace steward::agent
