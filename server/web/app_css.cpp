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
.topbar .spacer { flex: 1; }
.topbar .user { display: flex; align-items: center; gap: 12px; color: #cbd2d9; }
.topbar .user button { padding: 3px 10px; }
[hidden] { display: none !important; }
form.login { max-width: 360px; margin: 64px auto; display: flex; flex-direction: column; gap: 8px; }
form.stacked { display: flex; flex-direction: column; gap: 6px; max-width: 720px; }
a.button { display: inline-block; padding: 6px 12px; border-radius: 6px; border: 1px solid #cbd2d9; }
a.button.primary { background: var(--accent); border-color: var(--accent); color: #fff; }
a.button:hover { text-decoration: none; }
form.login h1 { margin-bottom: 8px; }
form.login button { margin-top: 8px; }
input:not([type=search]), select, textarea { font: inherit; padding: 7px 10px; border: 1px solid #cbd2d9;
  border-radius: 6px; background: #fff; }
input[type=search].small, .filters input { min-width: 160px; }
textarea { width: 100%; resize: vertical; margin: 4px 0 8px; }
button.primary { background: var(--accent); border-color: var(--accent); color: #fff; }
button.primary:hover:not(:disabled) { background: var(--accent-dark); color: #fff; }
button.sort { border: none; background: none; padding: 0; font: inherit; color: inherit;
  font-weight: 600; }
label.filter { display: flex; align-items: center; gap: 6px; color: var(--muted); }
.chips { display: flex; gap: 8px; flex-wrap: wrap; }
.chip { border-radius: 14px; padding: 3px 12px; }
.chip.active { border-color: var(--accent); background: #eef2ff; }
.badge.breach { background: #fef2f2; color: var(--danger); font-weight: 600; }
.badge.warn { background: #fffbeb; color: #92400e; }
.badge.prio-P1 { background: #b91c1c; color: #fff; }
.badge.prio-P2 { background: #f97316; color: #fff; }
.badge.prio-P3 { background: #fde68a; color: #78350f; }
.badge.prio-P4, .badge.prio-P5 { background: #e5e7eb; color: #374151; }
.badge.state-new { background: #dbeafe; color: #1e3a8a; }
.badge.state-in_progress { background: #ede9fe; color: #5b21b6; }
.badge.state-on_hold { background: #fef3c7; color: #92400e; }
.badge.state-resolved { background: #ecfdf5; color: var(--ok); }
.badge.state-closed { background: #f3f4f6; color: #4b5563; }
ol.timeline { list-style: none; padding: 0; margin: 0; }
ol.timeline li { border-left: 2px solid var(--line); padding: 4px 0 12px 14px; }
ol.timeline .note, .description { white-space: pre-wrap; margin: 4px 0 0; }
meter { width: 120px; height: 12px; vertical-align: middle; margin-right: 8px; }
)CSS";
}

}  // namespace steward::server::web
