#pragma once

// Turns repository errors into HTTP responses the same way for every endpoint.

#include <optional>
#include <string>

#include "shared/common/result.h"
#include "shared/http/message.h"

namespace steward::server {

// "invalid_field" → 400, "not_found" → 404, "busy" → 503 with Retry-After (the
// sender retries later), anything else → 500 (logged; the message stays generic).
http::HttpResponse repositoryErrorResponse(const Error& error);

// 405 with the Allow header naming what the path accepts (e.g. "GET, POST").
http::HttpResponse methodNotAllowed(const std::string& allowed);

// 415 unless the request says its body is JSON; nullopt when it does.
std::optional<http::HttpResponse> refuseNonJsonBody(const http::HttpRequest& request);

}  // namespace steward::server
