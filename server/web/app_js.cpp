// The web UI script, part 1: DOM helpers, formatting, the session (login page,
// CSRF token), hash routing and the asset list. Part 2 (app_detail_js.cpp) renders
// one asset, part 3 (app_incidents_js.cpp) the incident list and part 4
// (app_incident_detail_js.cpp) one incident. Every value from the API is put into
// the page with textContent (via el()), never as HTML.

#include <string>

#include "server/web/web_ui.h"

namespace steward::server::web {

std::string_view appDetailJs();          // app_detail_js.cpp
std::string_view appIncidentsJs();       // app_incidents_js.cpp
std::string_view appIncidentDetailJs();  // app_incident_detail_js.cpp

namespace {

constexpr std::string_view kCoreJs = R"JS('use strict';

// el('td', {class: 'num'}, 'text', childNode, ...): builds an element; strings
// become text nodes, so data is never parsed as HTML.
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (['onclick', 'oninput', 'onchange', 'onsubmit'].includes(key)) {
      node.addEventListener(key.slice(2), value);
    }
    else node.setAttribute(key, String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null) continue;
    node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function show(...nodes) {
  const app = document.getElementById('app');
  app.replaceChildren(...nodes);
}

function orDash(value) {
  return value === undefined || value === null || value === '' ? '—' : String(value);
}

function formatBytes(bytes) {
  if (bytes === undefined || bytes === null) return '—';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let value = Number(bytes);
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) { value /= 1024; unit++; }
  return (unit === 0 ? String(value) : value.toFixed(value < 10 ? 1 : 0)) + ' ' + units[unit];
}

function formatTime(iso) {
  if (!iso) return '—';
  const date = new Date(iso);
  if (isNaN(date.getTime())) return iso;
  return date.toLocaleString();
}

function formatAgo(iso) {
  const date = new Date(iso);
  if (!iso || isNaN(date.getTime())) return '';
  const seconds = Math.round((Date.now() - date.getTime()) / 1000);
  if (seconds < 60) return 'just now';
  if (seconds < 3600) return Math.floor(seconds / 60) + ' min ago';
  if (seconds < 86400) return Math.floor(seconds / 3600) + ' h ago';
  return Math.floor(seconds / 86400) + ' d ago';
}

// ---- session ---------------------------------------------------------------

// Who is logged in and the session's CSRF token, which every write sends back in
// X-CSRF-Token (the cookie itself is HttpOnly: scripts never see it).
const session = {user: null, csrf: ''};

// api('/api/v1/x') reads; api(path, {method: 'PATCH', body: {...}}) writes JSON.
// A 401 means the session ended: the login page comes back.
async function api(path, options) {
  const opts = options || {};
  const method = opts.method || 'GET';
  const headers = {Accept: 'application/json'};
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET') headers['X-CSRF-Token'] = session.csrf;
  const response = await fetch(path, {method, headers, credentials: 'same-origin',
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body)});
  let body = null;
  try { body = await response.json(); } catch (e) { body = null; }
  if (!response.ok) {
    const message = body && body.error ? body.error.message : 'HTTP ' + response.status;
    const error = new Error(message);
    error.status = response.status;
    if (response.status === 401 && path !== '/api/v1/session') {
      session.user = null;
      renderLogin('Your session ended; log in again.');
    }
    throw error;
  }
  return body;
}

function canWork() {
  return session.user && (session.user.role === 'admin' || session.user.role === 'technician');
}

function updateChrome(section) {
  const box = document.getElementById('user-box');
  const nav = document.getElementById('nav');
  if (box) {
    box.hidden = !session.user;
    document.getElementById('user-name').textContent =
      session.user ? session.user.name + ' (' + session.user.role + ')' : '';
  }
  if (nav) {
    nav.hidden = !session.user;
    for (const link of nav.querySelectorAll('a')) {
      link.classList.toggle('active', link.dataset.section === section);
    }
    const assets = document.getElementById('nav-assets');
    if (assets) assets.hidden = !!session.user && session.user.role === 'requester';
  }
}

function renderLogin(message) {
  clearInterval(listState.timer);
  document.title = 'Steward — Log in';
  updateChrome('');
  const name = el('input', {id: 'login-name', name: 'username', autocomplete: 'username',
    required: true, maxlength: 256});
  const password = el('input', {id: 'login-password', name: 'password', type: 'password',
    autocomplete: 'current-password', required: true, maxlength: 1024});
  const error = el('p', {class: 'error', role: 'alert', id: 'login-error', hidden: !message},
    message || '');
  const button = el('button', {type: 'submit', class: 'primary', id: 'login-submit'}, 'Log in');
  const form = el('form', {class: 'panel login', id: 'login-form'},
    el('h1', {}, 'Log in to Steward'),
    el('label', {for: 'login-name'}, 'Name'), name,
    el('label', {for: 'login-password'}, 'Password'), password,
    error, button);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();  // never a form post: the policy allows none
    button.disabled = true;
    try {
      const body = await api('/api/v1/session',
        {method: 'POST', body: {name: name.value.trim(), password: password.value}});
      session.user = body.user;
      session.csrf = body.csrf_token;
      route();
    } catch (e) {
      error.hidden = false;
      error.textContent = e.status === 401 ? 'Wrong name or password.' : e.message;
      password.value = '';
      password.focus();
    } finally {
      button.disabled = false;
    }
  });
  show(form);
  name.focus();
}

async function logout() {
  try { await api('/api/v1/session', {method: 'DELETE'}); } catch (e) { /* ended anyway */ }
  session.user = null;
  session.csrf = '';
  location.hash = '#/';
  renderLogin();
}

async function start() {
  document.getElementById('logout').addEventListener('click', logout);
  try {
    const body = await api('/api/v1/session');
    session.user = body.user;
    session.csrf = body.csrf_token || '';
  } catch (e) {
    session.user = null;
  }
  route();
}

function errorBox(error) {
  return el('p', {class: 'error', role: 'alert'}, 'Could not load: ' + error.message);
}

// ---- asset list ------------------------------------------------------------

const PER_PAGE = 50;
const listState = {q: '', page: 1, timer: null};

function listHash() {
  const params = new URLSearchParams();
  if (listState.q) params.set('q', listState.q);
  if (listState.page > 1) params.set('page', String(listState.page));
  const text = params.toString();
  return '#/' + (text ? '?' + text : '');
}

function assetRow(asset) {
  const link = el('a', {href: '#/assets/' + encodeURIComponent(asset.asset_id)}, asset.hostname);
  const vendorModel = [asset.vendor, asset.model].filter(Boolean).join(' ');
  return el('tr', {},
    el('td', {class: 'nowrap'}, link),
    el('td', {}, orDash(asset.os_name)),
    el('td', {}, orDash(vendorModel)),
    el('td', {class: 'mono nowrap'}, orDash(asset.serial)),
    el('td', {}, orDash(asset.cpu_model)),
    el('td', {class: 'num'}, formatBytes(asset.memory_total_bytes)),
    el('td', {class: 'num'}, String(asset.package_count)),
    el('td', {class: 'mono'}, (asset.ip_addresses || []).map((ip) => el('span', {class: 'addr'}, ip))),
    el('td', {class: 'nowrap', title: formatTime(asset.last_seen)}, formatAgo(asset.last_seen)));
}

function assetTable(body) {
  const heads = ['Hostname', 'OS', 'Vendor / model', 'Serial', 'CPU', 'Memory', 'Packages',
                 'IP addresses', 'Last seen'];
  const numeric = new Set(['Memory', 'Packages']);
  return el('div', {class: 'table-wrap'}, el('table', {id: 'asset-table'},
    el('thead', {}, el('tr', {}, heads.map((h) => el('th', {class: numeric.has(h) ? 'num' : null}, h)))),
    el('tbody', {}, body.items.map(assetRow))));
}

function emptyState() {
  if (listState.q) {
    return el('div', {class: 'empty panel'}, el('strong', {}, 'No assets match “' + listState.q + '”'),
      'Search looks at hostnames, serial numbers and IP addresses.');
  }
  return el('div', {class: 'empty panel', id: 'empty-state'},
    el('strong', {}, 'No assets yet — start an agent'),
    'Assets appear here once an agent reports to a collector connected to this server.');
}

function pager(body) {
  const first = body.total === 0 ? 0 : (body.page - 1) * body.per_page + 1;
  const last = Math.min(body.page * body.per_page, body.total);
  const pages = Math.max(1, Math.ceil(body.total / body.per_page));
  const go = (page) => { listState.page = page; history.replaceState(null, '', listHash()); loadList(); };
  return el('div', {class: 'pager'},
    el('button', {type: 'button', disabled: body.page <= 1, onclick: () => go(body.page - 1)}, '‹ Previous'),
    el('button', {type: 'button', disabled: body.page >= pages, onclick: () => go(body.page + 1)}, 'Next ›'),
    el('span', {class: 'muted'}, 'Showing ' + first + '–' + last + ' of ' + body.total));
}

async function loadList() {
  const results = document.getElementById('list-results');
  if (!results) return;
  const params = new URLSearchParams({page: String(listState.page), per_page: String(PER_PAGE)});
  if (listState.q) params.set('q', listState.q);
  try {
    const body = await api('/api/v1/assets?' + params.toString());
    if (body.items.length === 0 && body.total > 0 && listState.page > 1) {
      listState.page = 1;  // the list shrank under us: start over
      return loadList();
    }
    const count = document.getElementById('asset-count');
    if (count) count.textContent = body.total === 1 ? '1 asset' : body.total + ' assets';
    results.replaceChildren(...(body.total === 0 ? [emptyState()] : [assetTable(body), pager(body)]));
  } catch (error) {
    results.replaceChildren(errorBox(error));
  }
}

function renderList(params) {
  listState.q = params.get('q') || '';
  listState.page = Math.max(1, parseInt(params.get('page') || '1', 10) || 1);
  document.title = 'Steward — Assets';
  const search = el('input', {type: 'search', id: 'asset-search', value: listState.q,
    placeholder: 'Search hostname, serial or IP', 'aria-label': 'Search assets'});
  let debounce = null;
  search.addEventListener('input', () => {
    clearTimeout(debounce);
    debounce = setTimeout(() => {
      listState.q = search.value.trim();
      listState.page = 1;
      history.replaceState(null, '', listHash());
      loadList();
    }, 250);
  });
  show(el('h1', {}, 'Assets'),
    el('div', {class: 'toolbar'}, search, el('span', {class: 'spacer'}),
      el('span', {class: 'muted', id: 'asset-count'})),
    el('div', {id: 'list-results'}, el('p', {class: 'muted'}, 'Loading…')));
  loadList();
  // Keep the list current while it is on screen; new agents show up by themselves.
  listState.timer = setInterval(loadList, 15000);
}

// ---- routing ---------------------------------------------------------------

function route() {
  clearInterval(listState.timer);
  listState.timer = null;
  if (!session.user) return renderLogin();
  let hash = location.hash.replace(/^#/, '') || '/';
  // Requesters have no asset inventory; their home is their incidents.
  if (session.user.role === 'requester' && !hash.startsWith('/incidents')) hash = '/incidents';
  const query = hash.indexOf('?');
  const params = new URLSearchParams(query >= 0 ? hash.slice(query + 1) : '');
  const path = query >= 0 ? hash.slice(0, query) : hash;
  if (path === '/incidents/new') { updateChrome('incidents'); return renderNewIncident(); }
  const incident = path.match(/^\/incidents\/([^/?]+)$/);
  if (incident) { updateChrome('incidents'); return renderIncident(decodeURIComponent(incident[1])); }
  if (path === '/incidents') { updateChrome('incidents'); return renderIncidents(params); }
  updateChrome('assets');
  const detail = path.match(/^\/assets\/([^/?]+)$/);
  if (detail) return renderDetail(decodeURIComponent(detail[1]));
  renderList(params);
}

window.addEventListener('hashchange', route);
document.addEventListener('DOMContentLoaded', start);
)JS";

}  // namespace

std::string_view appJs() {
  static const std::string script = std::string(kCoreJs) + std::string(appDetailJs()) +
                                    std::string(appIncidentsJs()) +
                                    std::string(appIncidentDetailJs());
  return script;
}

}  // namespace steward::server::web
