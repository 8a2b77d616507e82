#include "server/api/router.h"

#include <exception>
#include <string_view>

#include "server/web/web_ui.h"
#include "shared/common/log.h"

namespace steward::server {

namespace {

constexpr std::string_view kAssetsPath = "/api/v1/assets";

http::HttpResponse methodNotAllowed(const std::string& allowed) {
  auto response = http::jsonError(405, "method_not_allowed", "use " + allowed + " here");
  response.headers.emplace_back("Allow", allowed);
  return response;
}

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
  if (path == "/api/v1/collector/assets") {
    if (method != "POST") return methodNotAllowed("POST");
    return collector_.postAsset(request);
  }
  if (path == "/api/v1/collector/seen") {
    if (method != "POST") return methodNotAllowed("POST");
    return collector_.postSeen(request);
  }
  if (incidents_ != nullptr) {
    if (auto response = incidents_->route(request)) return *response;
  }
  if (history_) {
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
