#pragma once

// The "agent_id" a report body claims, read without building a document: the gate
// checks it against the credential before the ingest router decodes the body, and
// a full parse of an 86 KB inventory just for one field cost as much as the decode.

#include <string>
#include <string_view>

#include "shared/http/message.h"

namespace steward::collector::auth {

// The top-level "agent_id" string of a JSON object (the last one when repeated, as
// the decoder keeps it); "" when the body is not well-formed JSON, not an object, or
// its agent_id is absent or not a string (the ingest router then rejects the body
// with a located 400).
std::string claimedAgentId(std::string_view body);

// The 403 "agent_mismatch" for a report claiming agent `claimed` under the credential
// of `agent_id` (logged): nothing of it is stored.
http::HttpResponse agentMismatch(const http::HttpRequest& request, const std::string& agent_id,
                                 const std::string& claimed);

}  // namespace steward::collector::auth
