// The one HTML page of the web UI. Everything dynamic is built by /static/app.js
// with textContent; this file holds no data.

#include "server/web/web_ui.h"

namespace steward::server::web {

std::string_view indexHtml() {
  return R"HTML(<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Steward</title>
<link rel="stylesheet" href="/static/app.css">
<script src="/static/app.js" defer></script>
</head>
<body>
<header class="topbar">
  <a class="brand" href="#/">Steward</a>
  <nav id="nav" hidden>
    <a href="#/" id="nav-assets" data-section="assets">Assets</a>
    <a href="#/incidents" id="nav-incidents" data-section="incidents">Incidents</a>
  </nav>
  <span class="spacer"></span>
  <div class="user" id="user-box" hidden>
    <span id="user-name"></span>
    <button type="button" id="logout">Log out</button>
  </div>
</header>
<main id="app" aria-live="polite">
  <p class="muted">Loading…</p>
  <noscript><p class="error">Steward's web interface needs JavaScript.</p></noscript>
</main>
</body>
</html>
)HTML";
}

}  // namespace steward::server::web
