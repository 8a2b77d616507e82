#include "server/web/web_ui.h"

namespace steward::server::web {

std::optional<http::HttpResponse> serveWebAsset(const std::string& path) {
  std::string_view body;
  std::string type;
  if (path == "/" || path == "/index.html") {
    body = indexHtml();
    type = "text/html; charset=utf-8";
  } else if (path == "/static/app.js") {
    body = appJs();
    type = "text/javascript; charset=utf-8";
  } else if (path == "/static/app.css") {
    body = appCss();
    type = "text/css; charset=utf-8";
  } else {
    return std::nullopt;
  }
  http::HttpResponse response{200, type, std::string(body), {}};
  response.headers.emplace_back("Content-Security-Policy", std::string(kContentSecurityPolicy));
  response.headers.emplace_back("Referrer-Policy", "no-referrer");
  response.headers.emplace_back("X-Frame-Options", "DENY");
  // The files change only with the binary; revalidate so an upgrade is seen at once.
  response.headers.emplace_back("Cache-Control", "no-cache");
  return response;
}

}  // namespace steward::server::web
