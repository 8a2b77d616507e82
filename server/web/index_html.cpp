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
<title>Steward — Assets</title>
<link rel="stylesheet" href="/static/app.css">
<script src="/static/app.js" defer></script>
</head>
<body>
<header class="topbar">
  <a class="brand" href="#/">Steward</a>
  <nav><a href="#/" class="active">Assets</a></nav>
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
