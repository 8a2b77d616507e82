#pragma once

// The web UI, served by the server itself: one HTML page, one script, one style
// sheet, all compiled in (no CDN, no external fonts). The page talks only to
// /api/v1 on the same origin, which the Content-Security-Policy enforces.

#include <optional>
#include <string>
#include <string_view>

#include "shared/http/message.h"

namespace steward::server::web {

// Same-origin scripts, styles and fetches only; no inline script, no framing.
inline constexpr std::string_view kContentSecurityPolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
    "img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

// The response for "/", "/static/app.js" or "/static/app.css"; nullopt for any
// other path.
std::optional<http::HttpResponse> serveWebAsset(const std::string& path);

// The compiled-in files (web/index_html.cpp, web/app_js.cpp, web/app_css.cpp).
std::string_view indexHtml();
std::string_view appJs();
std::string_view appCss();

}  // namespace steward::server::web
