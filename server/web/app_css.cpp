// Style sheet of the web UI: system fonts, quiet colours, dense readable tables.

#include "server/web/web_ui.h"

namespace steward::server::web {

std::string_view appCss() {
  return R"CSS(:root {
  --fg: #1f2933; --muted: #616e7c; --line: #e4e7eb; --bg: #f5f7fa; --panel: #fff;
  --accent: #2563eb; --accent-dark: #1e40af; --danger: #b91c1c; --ok: #047857;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
    "Noto Sans", "Liberation Sans", sans-serif;
  font-size: 14px; color: var(--fg); background: var(--bg);
}
* { box-sizing: border-box; }
body { margin: 0; }
a { color: var(--accent); text-decoration: none; }
a:hover { text-decoration: underline; }
.topbar {
  display: flex; align-items: center; gap: 24px; padding: 0 24px; height: 48px;
  background: #111827; color: #fff;
}
.topbar .brand { color: #fff; font-weight: 700; font-size: 16px; letter-spacing: .02em; }
.topbar nav a { color: #cbd2d9; padding: 14px 0; }
.topbar nav a.active { color: #fff; border-bottom: 2px solid var(--accent); }
main { max-width: 1400px; margin: 0 auto; padding: 20px 24px 48px; }
h1 { font-size: 22px; margin: 4px 0 4px; }
h2 { font-size: 16px; margin: 0 0 12px; }
h3 { font-size: 13px; margin: 16px 0 8px; color: var(--muted); text-transform: uppercase;
  letter-spacing: .05em; }
.muted { color: var(--muted); }
.error { color: var(--danger); background: #fef2f2; border: 1px solid #fecaca;
  padding: 10px 12px; border-radius: 6px; }
.toolbar { display: flex; align-items: center; gap: 12px; margin: 12px 0; flex-wrap: wrap; }
.toolbar .spacer { flex: 1; }
input[type=search] {
  font: inherit; padding: 7px 10px; border: 1px solid #cbd2d9; border-radius: 6px;
  min-width: 320px; background: #fff;
}
input[type=search]:focus { outline: 2px solid #bfdbfe; border-color: var(--accent); }
button {
  font: inherit; padding: 6px 12px; border: 1px solid #cbd2d9; border-radius: 6px;
  background: #fff; color: var(--fg); cursor: pointer;
}
button:hover:not(:disabled) { border-color: var(--accent); color: var(--accent-dark); }
button:disabled { color: #9aa5b1; cursor: default; }
.panel { background: var(--panel); border: 1px solid var(--line); border-radius: 8px;
  padding: 16px; margin-bottom: 16px; }
.table-wrap { overflow-x: auto; background: var(--panel); border: 1px solid var(--line);
  border-radius: 8px; }
.panel .table-wrap { border-radius: 6px; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 8px 12px; border-bottom: 1px solid var(--line);
  vertical-align: top; }
th { font-size: 12px; font-weight: 600; color: var(--muted); background: #f9fafb;
  white-space: nowrap; position: sticky; top: 0; }
tbody tr:last-child td { border-bottom: none; }
tbody tr:hover td { background: #f8fafc; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.mono, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
  font-size: 12.5px; }
td.nowrap { white-space: nowrap; }
.addr { display: block; }
.empty { text-align: center; padding: 48px 16px; color: var(--muted); }
.empty strong { display: block; font-size: 16px; color: var(--fg); margin-bottom: 6px; }
.pager { display: flex; align-items: center; gap: 8px; margin-top: 12px; }
.back { display: inline-block; margin-bottom: 8px; }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(320px, 1fr));
  gap: 16px; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 6px 16px; margin: 0; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px;
  background: #eef2ff; color: #3730a3; }
.badge.physical { background: #ecfdf5; color: var(--ok); }
meter { width: 120px; height: 12px; vertical-align: middle; margin-right: 8px; }
)CSS";
}

}  // namespace steward::server::web
