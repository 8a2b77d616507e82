#include "server/api/api_errors.h"

#include "shared/common/log.h"

namespace steward::server {

http::HttpResponse repositoryErrorResponse(const Error& error) {
  if (error.code == "invalid_field") return http::jsonError(400, error.code, error.message);
  if (error.code == "not_found") return http::jsonError(404, error.code, error.message);
  if (error.code == "busy") {
    auto response = http::jsonError(503, "busy", "the database is busy; retry shortly");
    response.headers.emplace_back("Retry-After", "1");
    return response;
  }
  logger("server.api").error("storage failure: " + error.message);
  return http::jsonError(500, "storage_error", "the server could not read or write its database");
}

http::HttpResponse methodNotAllowed(const std::string& allowed) {
  auto response = http::jsonError(405, "method_not_allowed", "use " + allowed + " here");
  response.headers.emplace_back("Allow", allowed);
  return response;
}

std::optional<http::HttpResponse> refuseNonJsonBody(const http::HttpRequest& request) {
  if (!http::isJsonContentType(request.header("content-type"))) {
    return http::jsonError(415, "unsupported_media_type", "the body must be application/json");
  }
  return std::nullopt;
}

}  // namespace steward::server
