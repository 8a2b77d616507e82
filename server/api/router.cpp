#include "server/api/router.h"

#include <exception>
#include <string_view>

#include "server/api/api_errors.h"
#include "server/auth/access_policy.h"
#include "server/web/web_ui.h"
#include "shared/common/log.h"

namespace steward::server {

namespace {

constexpr std::string_view kAssetsPath = "/api/v1/assets";
constexpr std::string_view kCollectorPrefix = "/api/v1/collector/";
constexpr std::string_view kApiPrefix = "/api/";
constexpr std::string_view kSessionPath = "/api/v1/session";

}  // namespace

http::HttpResponse Router::handle(const http::HttpRequest& request) const {
  http::HttpResponse response;
  try {
    response = route(request);
  } catch (const std::exception& e) {
    logger("server.api").error("[" + request.method + " " + request.path() + "] " + e.what());
    response = http::jsonError(500, "internal_error", "the server failed to handle the request");
  }
  response.headers.emplace_back("X-Content-Type-Options", "nosniff");
  if (response.content_type == "application/json") {
    response.headers.emplace_back("Cache-Control", "no-store");
  }
  return response;
}

http::HttpResponse Router::route(const http::HttpRequest& request) const {
  const std::string path = request.path();
  const std::string& method = request.method;

  if (path == "/healthz") {
    if (method != "GET") return methodNotAllowed("GET");
    return http::jsonOk(R"({"status":"ok"})");
  }
  if (auto page = web::serveWebAsset(path)) {
    if (method != "GET") return methodNotAllowed("GET");
    return *page;
  }
  if (path.starts_with(kCollectorPrefix)) return routeCollector(request);
  if (path.starts_with(kApiPrefix)) return routePerson(request);
  return http::jsonError(404, "not_found", "no such endpoint: " + path);
}

// Collectors authenticate with their own token, checked by each collector endpoint.
http::HttpResponse Router::routeCollector(const http::HttpRequest& request) const {
  const std::string path = request.path();
  const std::string& method = request.method;
  if (path == "/api/v1/collector/assets") {
    if (method != "POST") return methodNotAllowed("POST");
    return collector_.postAsset(request);
  }
  if (path == "/api/v1/collector/seen") {
    if (method != "POST") return methodNotAllowed("POST");
    return collector_.postSeen(request);
  }
  if (path == "/api/v1/collector/history" && history_) {
    if (method != "POST") return methodNotAllowed("POST");
    return history_->postHistory(request);
  }
  if (incidents_ != nullptr) {
    if (auto response = incidents_->route(request, nullptr)) return *response;
  }
  return http::jsonError(404, "not_found", "no such endpoint: " + path);
}

http::HttpResponse Router::routePerson(const http::HttpRequest& request) const {
  std::optional<auth::Principal> principal;
  if (auth_ != nullptr) {
    auto identified = auth_->identify(request);
    if (!identified) return repositoryErrorResponse(identified.error());
    principal = std::move(*identified);
  }
  const std::string path = request.path();
  if (path == kSessionPath && users_ != nullptr) return users_->session(request, principal);
  if (!principal) {
    auto response = http::jsonError(
        401, "unauthenticated",
        "log in (POST /api/v1/session) or send an API token as Authorization: Bearer");
    response.headers.emplace_back("WWW-Authenticate", "Bearer");
    return response;
  }
  if (!auth::Authenticator::csrfSatisfied(*principal, request)) {
    return http::jsonError(403, "csrf_failed",
                           "the X-CSRF-Token header is missing or wrong for this session");
  }
  if (!auth::mayAccess(principal->user.role, request.method, path)) {
    return http::jsonError(403, "forbidden",
                           "the " + std::string(auth::roleName(principal->user.role)) +
                               " role may not " + request.method + " " + path);
  }
  auto response = routeAuthorised(request, *principal);
  // Every change a person makes is in the audit log; the user and asset group
  // endpoints write their own, more specific entries.
  const bool change = request.method != "GET" && request.method != "HEAD";
  if (change && response.status < 400 && !path.starts_with("/api/v1/users") &&
      !path.starts_with("/api/v1/asset-groups")) {
    auth_->audit(principal->user.name, request.method + " " + path, path,
                 "status " + std::to_string(response.status), request.remote_address);
  }
  return response;
}

http::HttpResponse Router::routeAuthorised(const http::HttpRequest& request,
                                           const auth::Principal& principal) const {
  const std::string path = request.path();
  const std::string& method = request.method;
  if (users_ != nullptr) {
    if (auto response = users_->route(request, principal)) return *response;
  }
  if (incidents_ != nullptr) {
    if (auto response = incidents_->route(request, &principal)) return *response;
  }
  if (groups_ != nullptr) {
    if (auto response = groups_->route(request, principal)) return *response;
  }
  if (history_) {  // its GET routes; POST /api/v1/collector/history is in routeCollector
    if (auto response = history_->route(request)) return *response;
  }
  if (path == kAssetsPath) {
    if (method != "GET") return methodNotAllowed("GET");
    return assets_.list(request);
  }
  if (path.size() > kAssetsPath.size() + 1 && path.starts_with(kAssetsPath) &&
      path[kAssetsPath.size()] == '/' &&
      path.find('/', kAssetsPath.size() + 1) == std::string::npos) {
    if (method != "GET") return methodNotAllowed("GET");
    return assets_.detail(path.substr(kAssetsPath.size() + 1));
  }
  return http::jsonError(404, "not_found", "no such endpoint: " + path);
}

}  // namespace steward::server
