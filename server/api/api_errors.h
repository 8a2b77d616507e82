#pragma once

// Turns repository errors into HTTP responses the same way for every endpoint.

#include "shared/common/result.h"
#include "shared/http/message.h"

namespace steward::server {

// "invalid_field" → 400, "not_found" → 404, "busy" → 503 with Retry-After (the
// sender retries later), anything else → 500 (logged; the message stays generic).
http::HttpResponse repositoryErrorResponse(const Error& error);

}  // namespace steward::server
