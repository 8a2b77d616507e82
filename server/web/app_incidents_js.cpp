// The web UI script, part 3: the incident list (#/incidents?state=&priority=&…)
// with filters, per-state counts, sortable columns and SLA breach badges. Uses the
// helpers of part 1 (app_js.cpp).

#include "server/web/web_ui.h"

namespace steward::server::web {

std::string_view appIncidentsJs() {
  return R"JS(
// ---- incident list -----------------------------------------------------------

const STATES = ['new', 'in_progress', 'on_hold', 'resolved', 'closed'];
const STATE_LABEL = {new: 'New', in_progress: 'In progress', on_hold: 'On hold',
  resolved: 'Resolved', closed: 'Closed'};
const FILTERS = ['state', 'priority', 'asset_id', 'assignee', 'source'];
const incidentList = {filters: {}, sort: 'number', dir: 'desc', page: 1, body: null};

function incidentHash() {
  const params = new URLSearchParams();
  for (const name of FILTERS) {
    if (incidentList.filters[name]) params.set(name, incidentList.filters[name]);
  }
  if (incidentList.sort !== 'number' || incidentList.dir !== 'desc') {
    params.set('sort', incidentList.sort);
    params.set('dir', incidentList.dir);
  }
  if (incidentList.page > 1) params.set('page', String(incidentList.page));
  const text = params.toString();
  return '#/incidents' + (text ? '?' + text : '');
}

function stateBadge(state) {
  return el('span', {class: 'badge state-' + state}, STATE_LABEL[state] || state);
}

function priorityBadge(priority) {
  return el('span', {class: 'badge prio prio-' + priority}, priority);
}

function slaBadges(incident) {
  const sla = incident.sla || {};
  const out = [];
  if (sla.response_breached) out.push(el('span', {class: 'badge breach', title: 'Response due ' +
    formatTime(sla.response_due)}, 'Response SLA breached'));
  if (sla.resolution_breached) out.push(el('span', {class: 'badge breach', title: 'Resolution due ' +
    formatTime(sla.resolution_due)}, 'Resolution SLA breached'));
  if (incident.flapping) out.push(el('span', {class: 'badge warn'}, 'Flapping'));
  return out;
}

function sourceText(source) {
  if (!source) return '—';
  if (source.startsWith('rule:')) return 'Rule ' + source.slice(5);
  if (source.startsWith('person:')) return source.slice(7);
  return source;
}

const SORTERS = {
  number: (i) => i.number,
  title: (i) => i.title.toLowerCase(),
  priority: (i) => i.priority,
  state: (i) => STATES.indexOf(i.state),
  assignee: (i) => i.assignee.toLowerCase(),
  created_at: (i) => i.created_at,
  updated_at: (i) => i.updated_at,
};

function sortedIncidents(items) {
  const key = SORTERS[incidentList.sort] || SORTERS.number;
  const sign = incidentList.dir === 'asc' ? 1 : -1;
  return items.slice().sort((a, b) => {
    const x = key(a), y = key(b);
    return x < y ? -sign : x > y ? sign : 0;
  });
}

function incidentRow(i) {
  return el('tr', {'data-number': i.number},
    el('td', {class: 'nowrap mono'}, el('a', {href: '#/incidents/' + i.number}, i.number)),
    el('td', {}, el('a', {href: '#/incidents/' + i.number}, i.title), ' ', slaBadges(i),
      i.occurrence_count > 1 ? el('span', {class: 'muted'}, ' ×' + i.occurrence_count) : null),
    el('td', {}, priorityBadge(i.priority)),
    el('td', {class: 'nowrap'}, stateBadge(i.state)),
    el('td', {class: 'mono'}, i.asset_id ? el('a', {href: '#/assets/' + i.asset_id},
      i.asset_id.slice(0, 8) + '…') : '—'),
    el('td', {}, orDash([i.assignment_group, i.assignee].filter(Boolean).join(' / '))),
    el('td', {}, sourceText(i.source)),
    el('td', {class: 'nowrap', title: formatTime(i.created_at)}, formatAgo(i.created_at)),
    el('td', {class: 'nowrap', title: formatTime(i.updated_at)}, formatAgo(i.updated_at)));
}

function incidentTable(body) {
  const heads = [['number', 'Number'], ['title', 'Title'], ['priority', 'Priority'],
    ['state', 'State'], [null, 'Asset'], ['assignee', 'Assigned to'], [null, 'Source'],
    ['created_at', 'Opened'], ['updated_at', 'Updated']];
  const header = heads.map(([key, label]) => {
    if (!key) return el('th', {}, label);
    const active = incidentList.sort === key;
    const arrow = active ? (incidentList.dir === 'asc' ? ' ▲' : ' ▼') : '';
    return el('th', {'aria-sort': active ? (incidentList.dir === 'asc' ? 'ascending' : 'descending')
      : null}, el('button', {type: 'button', class: 'sort', 'data-sort': key, onclick: () => {
      incidentList.dir = active && incidentList.dir === 'asc' ? 'desc' : 'asc';
      incidentList.sort = key;
      history.replaceState(null, '', incidentHash());
      showIncidents();
    }}, label + arrow));
  });
  return el('div', {class: 'table-wrap'}, el('table', {id: 'incident-table'},
    el('thead', {}, el('tr', {}, header)),
    el('tbody', {}, sortedIncidents(body.items).map(incidentRow))));
}

function showIncidents() {
  const results = document.getElementById('incident-results');
  const body = incidentList.body;
  if (!results || !body) return;
  if (body.total === 0) {
    results.replaceChildren(el('div', {class: 'empty panel', id: 'incidents-empty'},
      el('strong', {}, 'No incidents match'), 'Incidents appear here when a collector rule ' +
      'raises one or someone reports one.'));
    return;
  }
  const pages = Math.max(1, Math.ceil(body.total / body.per_page));
  const go = (page) => { incidentList.page = page; history.replaceState(null, '', incidentHash());
    loadIncidents(); };
  results.replaceChildren(incidentTable(body), el('div', {class: 'pager'},
    el('button', {type: 'button', disabled: body.page <= 1, onclick: () => go(body.page - 1)}, '‹ Previous'),
    el('button', {type: 'button', disabled: body.page >= pages, onclick: () => go(body.page + 1)}, 'Next ›'),
    el('span', {class: 'muted'}, 'Page ' + body.page + ' of ' + pages + ' · sorting applies to the page shown')));
}

function filterParams(extra) {
  const params = new URLSearchParams(extra || {});
  for (const name of FILTERS) {
    if (incidentList.filters[name] && !params.has(name)) params.set(name, incidentList.filters[name]);
  }
  return params;
}

async function loadCounts() {
  const box = document.getElementById('incident-counts');
  if (!box) return;
  const base = Object.assign({}, incidentList.filters);
  delete base.state;
  try {
    const totals = await Promise.all(STATES.map((state) => {
      const params = new URLSearchParams(Object.entries(base).filter(([, v]) => v));
      params.set('state', state);
      params.set('per_page', '1');
      return api('/api/v1/incidents?' + params.toString()).then((b) => b.total);
    }));
    box.replaceChildren(...STATES.map((state, n) => el('button', {type: 'button',
      class: 'chip' + (incidentList.filters.state === state ? ' active' : ''),
      'data-state': state, onclick: () => setFilter('state',
        incidentList.filters.state === state ? '' : state)},
      STATE_LABEL[state] + ' ', el('strong', {class: 'count'}, String(totals[n])))));
  } catch (e) { box.replaceChildren(); }
}

async function loadIncidents() {
  const results = document.getElementById('incident-results');
  if (!results) return;
  const params = filterParams({page: String(incidentList.page), per_page: '100'});
  try {
    const body = await api('/api/v1/incidents?' + params.toString());
    incidentList.body = body;
    const count = document.getElementById('incident-count');
    if (count) count.textContent = body.total === 1 ? '1 incident' : body.total + ' incidents';
    showIncidents();
  } catch (error) {
    if (error.status !== 401) results.replaceChildren(errorBox(error));
  }
  loadCounts();
}

function setFilter(name, value) {
  incidentList.filters[name] = value;
  incidentList.page = 1;
  history.replaceState(null, '', incidentHash());
  renderIncidents(new URLSearchParams(incidentHash().split('?')[1] || ''));
}

function filterSelect(name, label, options) {
  return el('label', {class: 'filter'}, label, el('select', {id: 'filter-' + name,
    onchange: (e) => setFilter(name, e.target.value)},
    options.map(([value, text]) => el('option', {value, selected: incidentList.filters[name] === value
      || (!incidentList.filters[name] && value === '')}, text))));
}

function filterInput(name, label, placeholder) {
  const input = el('input', {type: 'search', id: 'filter-' + name, placeholder,
    value: incidentList.filters[name] || ''});
  input.addEventListener('change', () => setFilter(name, input.value.trim()));
  return el('label', {class: 'filter'}, label, input);
}

function renderIncidents(params) {
  incidentList.filters = {};
  for (const name of FILTERS) incidentList.filters[name] = params.get(name) || '';
  incidentList.sort = SORTERS[params.get('sort')] ? params.get('sort') : 'number';
  incidentList.dir = params.get('dir') === 'asc' ? 'asc' : 'desc';
  incidentList.page = Math.max(1, parseInt(params.get('page') || '1', 10) || 1);
  document.title = 'Steward — Incidents';
  const filters = el('div', {class: 'toolbar filters'},
    filterSelect('state', 'State', [['', 'Any']].concat(STATES.map((s) => [s, STATE_LABEL[s]]))),
    filterSelect('priority', 'Priority', [['', 'Any'], ['P1', 'P1'], ['P2', 'P2'], ['P3', 'P3'],
      ['P4', 'P4'], ['P5', 'P5']]),
    filterSelect('source', 'Source', [['', 'Any'], ['rule', 'Rules'], ['person', 'People']]),
    filterInput('assignee', 'Assignee', 'name'),
    filterInput('asset_id', 'Asset', 'asset id'));
  const canReport = session.user && session.user.role !== 'viewer';
  show(el('h1', {}, 'Incidents'),
    el('div', {class: 'toolbar'}, el('div', {id: 'incident-counts', class: 'chips'}),
      el('span', {class: 'spacer'}), el('span', {class: 'muted', id: 'incident-count'}),
      canReport ? el('a', {class: 'button primary', id: 'new-incident', href: '#/incidents/new'},
        'Report an incident') : null),
    filters,
    el('div', {id: 'incident-results'}, el('p', {class: 'muted'}, 'Loading…')));
  loadIncidents();
  listState.timer = setInterval(loadIncidents, 15000);
}

// A manual incident (POST /api/v1/incidents); its source is the person logged in.
function renderNewIncident() {
  document.title = 'Steward — Report an incident';
  const title = el('input', {id: 'new-title', required: true, maxlength: 200});
  const description = el('textarea', {id: 'new-description', rows: 5, maxlength: 4000});
  const urgency = el('select', {id: 'new-urgency'}, el('option', {value: '1'}, '1 — high'),
    el('option', {value: '2'}, '2 — medium'), el('option', {value: '3', selected: true}, '3 — low'));
  const asset = el('input', {id: 'new-asset', placeholder: 'optional asset id', maxlength: 36,
    value: incidentList.filters.asset_id || ''});
  const status = el('p', {id: 'new-status', class: 'muted'});
  const form = el('form', {class: 'panel stacked', id: 'new-incident-form'},
    el('label', {for: 'new-title'}, 'Title'), title,
    el('label', {for: 'new-description'}, 'What happened'), description,
    el('label', {for: 'new-urgency'}, 'Urgency'), urgency,
    el('label', {for: 'new-asset'}, 'Asset'), asset,
    el('div', {class: 'toolbar'}, el('button', {type: 'submit', class: 'primary'}, 'Report')),
    status);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = {title: title.value.trim(), description: description.value.trim(),
      urgency: Number(urgency.value)};
    if (asset.value.trim()) body.asset_id = asset.value.trim();
    try {
      const created = await api('/api/v1/incidents', {method: 'POST', body});
      location.hash = '#/incidents/' + created.number;
    } catch (error) {
      status.className = 'error';
      status.textContent = error.message;
    }
  });
  show(el('a', {class: 'back', href: incidentHash()}, '← All incidents'),
    el('h1', {}, 'Report an incident'), form);
  title.focus();
}
)JS";
}

}  // namespace steward::server::web
