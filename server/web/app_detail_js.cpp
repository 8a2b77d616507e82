// The web UI script, part 2: one asset's detail page (#/assets/<id>) with its
// hardware, storage, network, devices (PCI, USB, monitors, batteries), users,
// software and identifiers. Uses the helpers of part 1
// (app_js.cpp), which serves both parts as one script.

#include "server/web/web_ui.h"

namespace steward::server::web {

std::string_view appDetailJs() {
  return R"JS(
// ---- asset detail ----------------------------------------------------------

function facts(pairs) {
  return el('dl', {class: 'facts'},
    pairs.map(([label, value]) => [el('dt', {}, label), el('dd', {}, orDash(value))]));
}

function panel(title, ...content) {
  return el('section', {class: 'panel'}, el('h2', {}, title), ...content);
}

function table(id, heads, rows, numeric) {
  const isNum = (h) => (numeric || []).includes(h);
  return el('div', {class: 'table-wrap'}, el('table', {id},
    el('thead', {}, el('tr', {}, heads.map((h) => el('th', {class: isNum(h) ? 'num' : null}, h)))),
    el('tbody', {}, rows)));
}

function noneRow(columns, text) {
  return el('tr', {}, el('td', {colspan: columns, class: 'muted'}, text));
}

function hardwarePanel(inv) {
  const cpu = inv.cpu || {};
  const hw = inv.hardware || {};
  const mem = inv.memory || {};
  const cores = cpu.cores ? cpu.cores + ' cores / ' + cpu.threads + ' threads' +
    (cpu.sockets > 1 ? ' (' + cpu.sockets + ' sockets)' : '') : null;
  return panel('Hardware', facts([
    ['Vendor', hw.vendor], ['Model', hw.model], ['Serial', hw.serial], ['UUID', hw.uuid],
    ['CPU', cpu.model], ['CPU cores', cores],
    ['CPU max speed', cpu.max_mhz ? Math.round(cpu.max_mhz) + ' MHz' : null],
    ['Memory', formatBytes(mem.total_bytes)],
    ['Swap', mem.swap_total_bytes === undefined ? null : formatBytes(mem.swap_total_bytes)],
  ]));
}

function systemPanel(detail) {
  const sys = detail.inventory.system || {};
  return panel('System', facts([
    ['Hostname', sys.hostname], ['FQDN', sys.fqdn], ['Operating system', sys.os_name],
    ['OS version', sys.os_version], ['Kernel', sys.kernel], ['Architecture', sys.architecture],
    ['Agent version', detail.inventory.agent_version],
    ['Inventory taken', formatTime(detail.inventory.collected_at)],
    ['First seen', formatTime(detail.first_seen)],
    ['Last seen', formatTime(detail.last_seen) + ' (' + formatAgo(detail.last_seen) + ')'],
    ['Record updated', formatTime(detail.updated_at)],
    ['Asset ID', detail.asset_id], ['Collector', detail.collector_id],
  ]));
}

function storagePanel(inv) {
  const disks = (inv.disks || []).map((d) => el('tr', {},
    el('td', {class: 'mono'}, d.name), el('td', {}, orDash(d.model)),
    el('td', {class: 'mono'}, orDash(d.serial)), el('td', {class: 'num'}, formatBytes(d.size_bytes)),
    el('td', {}, d.rotational === undefined ? '—' : d.rotational ? 'HDD' : 'SSD')));
  const filesystems = (inv.filesystems || []).map((f) => {
    const known = f.size_bytes !== undefined && f.used_bytes !== undefined && f.size_bytes > 0;
    const percent = known ? Math.round((100 * f.used_bytes) / f.size_bytes) : null;
    const usage = known ? [el('meter', {min: 0, max: 100, low: 80, high: 90, optimum: 0, value: percent}),
      percent + '%'] : '—';
    return el('tr', {},
      el('td', {class: 'mono'}, f.mount_point), el('td', {class: 'mono'}, f.device),
      el('td', {}, f.type), el('td', {class: 'num'}, formatBytes(f.size_bytes)),
      el('td', {class: 'num'}, formatBytes(f.used_bytes)), el('td', {class: 'nowrap'}, usage));
  });
  return panel('Storage',
    el('h3', {}, 'Disks'),
    table('disk-table', ['Disk', 'Model', 'Serial', 'Size', 'Type'],
      disks.length ? disks : [noneRow(5, 'No disks reported')], ['Size']),
    el('h3', {}, 'Filesystems'),
    table('filesystem-table', ['Mount point', 'Device', 'Type', 'Size', 'Used', 'Usage'],
      filesystems.length ? filesystems : [noneRow(6, 'No filesystems reported')], ['Size', 'Used']));
}

function networkPanel(inv) {
  const list = (items) => items && items.length
    ? items.map((a) => el('span', {class: 'addr'}, a)) : '—';
  const rows = (inv.interfaces || []).map((n) => el('tr', {},
    el('td', {class: 'mono'}, n.name), el('td', {class: 'mono'}, orDash(n.mac)),
    el('td', {class: 'mono'}, list(n.ipv4)), el('td', {class: 'mono'}, list(n.ipv6)),
    el('td', {}, el('span', {class: n.virtual ? 'badge' : 'badge physical'},
      n.virtual ? 'Virtual' : 'Physical'))));
  return panel('Network', table('interface-table', ['Interface', 'MAC', 'IPv4', 'IPv6', 'Kind'],
    rows.length ? rows : [noneRow(5, 'No interfaces reported')]));
}

function softwarePanel(inv) {
  const packages = (inv.packages || []).slice()
    .sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
  const body = el('tbody', {});
  const count = el('span', {class: 'muted', id: 'package-count'});
  const fill = (needle) => {
    const text = needle.trim().toLowerCase();
    const shown = text ? packages.filter((p) => p.name.toLowerCase().includes(text) ||
      p.version.toLowerCase().includes(text)) : packages;
    body.replaceChildren(...shown.map((p) => el('tr', {},
      el('td', {}, p.name), el('td', {class: 'mono'}, p.version),
      el('td', {}, orDash(p.architecture)), el('td', {}, orDash(p.source)))));
    if (shown.length === 0) body.appendChild(noneRow(4, packages.length ? 'No package matches' : 'No packages reported'));
    count.textContent = text ? shown.length + ' of ' + packages.length + ' packages'
                             : packages.length + ' packages';
  };
  const filter = el('input', {type: 'search', id: 'package-filter', placeholder: 'Filter packages',
    'aria-label': 'Filter packages'});
  filter.addEventListener('input', () => fill(filter.value));
  fill('');
  return panel('Software', el('div', {class: 'toolbar'}, filter, count),
    el('div', {class: 'table-wrap'}, el('table', {id: 'package-table'},
      el('thead', {}, el('tr', {}, ['Name', 'Version', 'Architecture', 'Source'].map((h) => el('th', {}, h)))),
      body)));
}

function devicesPanel(inv) {
  const pci = (inv.pci_devices || []).map((d) => el('tr', {},
    el('td', {class: 'mono'}, d.address), el('td', {}, orDash(d.name || d.vendor_id + ':' + d.device_id)),
    el('td', {}, orDash(d.vendor)), el('td', {}, orDash(d.class_name)), el('td', {class: 'mono'}, orDash(d.driver))));
  const usb = (inv.usb_devices || []).map((d) => el('tr', {},
    el('td', {class: 'mono'}, d.port), el('td', {}, orDash(d.product || d.vendor_id + ':' + d.product_id)),
    el('td', {}, orDash(d.vendor)), el('td', {class: 'mono'}, orDash(d.serial)),
    el('td', {class: 'num'}, d.speed_mbps === undefined ? '—' : d.speed_mbps + ' Mbit/s')));
  const size = (m) => m.width_mm && m.height_mm ? m.width_mm + ' × ' + m.height_mm + ' mm (' +
    (Math.hypot(m.width_mm, m.height_mm) / 25.4).toFixed(1) + '″)' : '—';
  const monitors = (inv.monitors || []).map((m) => el('tr', {},
    el('td', {class: 'mono'}, m.connector), el('td', {}, orDash(m.manufacturer || m.manufacturer_id)),
    el('td', {}, orDash(m.model)), el('td', {class: 'mono'}, orDash(m.serial)),
    el('td', {class: 'num'}, orDash(m.manufacture_year)), el('td', {class: 'num'}, size(m))));
  const capacity = (b, v) => v === undefined ? '—' : v + ' ' + (b.capacity_unit || '');
  const batteries = (inv.batteries || []).map((b) => el('tr', {},
    el('td', {class: 'mono'}, b.name), el('td', {}, orDash(b.model)), el('td', {}, orDash(b.manufacturer)),
    el('td', {class: 'mono'}, orDash(b.serial)), el('td', {}, orDash(b.status)),
    el('td', {class: 'num'}, capacity(b, b.full_capacity) + ' / ' + capacity(b, b.design_capacity)),
    el('td', {class: 'num'}, b.health_percent === undefined ? '—' : Math.round(b.health_percent) + '%'),
    el('td', {class: 'num'}, orDash(b.cycle_count))));
  return panel('Devices',
    el('h3', {}, 'PCI'),
    table('pci-table', ['Address', 'Device', 'Vendor', 'Class', 'Driver'],
      pci.length ? pci : [noneRow(5, 'No PCI devices reported')]),
    el('h3', {}, 'USB'),
    table('usb-table', ['Port', 'Product', 'Vendor', 'Serial', 'Speed'],
      usb.length ? usb : [noneRow(5, 'No USB devices reported')], ['Speed']),
    el('h3', {}, 'Monitors'),
    table('monitor-table', ['Connector', 'Manufacturer', 'Model', 'Serial', 'Year', 'Size'],
      monitors.length ? monitors : [noneRow(6, 'No monitors reported')], ['Year', 'Size']),
    el('h3', {}, 'Batteries'),
    table('battery-table', ['Battery', 'Model', 'Manufacturer', 'Serial', 'Status', 'Full / design', 'Health', 'Cycles'],
      batteries.length ? batteries : [noneRow(8, 'No batteries reported')], ['Full / design', 'Health', 'Cycles']));
}

function usersPanel(inv) {
  const rows = (inv.users || []).map((u) => el('tr', {},
    el('td', {}, u.name), el('td', {class: 'num'}, String(u.uid)), el('td', {}, orDash(u.full_name)),
    el('td', {}, u.last_login ? formatTime(u.last_login) + ' (' + formatAgo(u.last_login) + ')' : '—'),
    el('td', {class: 'mono'}, orDash(u.last_login_from))));
  return panel('Users', table('user-table', ['User', 'UID', 'Name', 'Last login', 'From'],
    rows.length ? rows : [noneRow(5, 'No users reported')], ['UID']));
}

function identifiersPanel(detail) {
  const rows = (detail.identifiers || []).map((i) =>
    el('tr', {}, el('td', {}, i.kind), el('td', {class: 'mono'}, i.value)));
  return panel('Identifiers', table('identifier-table', ['Kind', 'Value'],
    rows.length ? rows : [noneRow(2, 'No identifiers')]));
}

// "Why is this one asset?": the collector's reconciliation decisions, oldest first.
function fillReconciliation(target, decisions) {
  const rows = decisions.map((d) => el('tr', {},
    el('td', {class: 'nowrap'}, formatTime(d.at)), el('td', {}, el('span', {class: 'badge'}, d.action)),
    el('td', {class: 'mono'}, d.rule), el('td', {}, d.source),
    el('td', {}, d.evidence, d.other_asset_id ? [' — ', el('a', {href: '#/assets/' +
      encodeURIComponent(d.other_asset_id)}, 'other asset')] : [])));
  target.replaceChildren(el('h2', {}, 'Why is this one asset?'),
    table('reconciliation-table', ['When', 'Action', 'Rule', 'Source', 'Evidence'],
      rows.length ? rows : [noneRow(5, 'No reconciliation decisions recorded')]));
}

// Detected changes, newest first, filterable by category.
function fillChanges(target, id, kind) {
  const select = el('select', {id: 'change-kind', 'aria-label': 'Kind of change'},
    [['', 'All changes'], ['software', 'Software'], ['hardware', 'Hardware'], ['ip', 'IP addresses'],
     ['mac', 'MAC addresses'], ['hostname', 'Hostname'], ['os', 'Operating system']]
      .map(([value, label]) => el('option', {value, selected: value === kind ? '' : null}, label)));
  select.addEventListener('change', () => fillChanges(target, id, select.value));
  const body = el('tbody', {}, noneRow(6, 'Loading…'));
  const count = el('span', {class: 'muted', id: 'change-count'});
  target.replaceChildren(el('h2', {}, 'Detected changes'), el('div', {class: 'toolbar'}, select, count),
    el('div', {class: 'table-wrap'}, el('table', {id: 'change-table'},
      el('thead', {}, el('tr', {}, ['When', 'Change', 'Subject', 'Before', 'After', 'Source']
        .map((h) => el('th', {}, h)))), body)));
  api('/api/v1/assets/' + encodeURIComponent(id) + '/changes?per_page=200' +
      (kind ? '&kind=' + encodeURIComponent(kind) : '')).then((page) => {
    body.replaceChildren(...page.items.map((c) => el('tr', {},
      el('td', {class: 'nowrap'}, formatTime(c.at)), el('td', {}, c.kind.replace('_', ' ')),
      el('td', {class: 'mono'}, c.subject), el('td', {class: 'mono'}, orDash(c.before)),
      el('td', {class: 'mono'}, orDash(c.after)), el('td', {}, c.source))));
    if (page.items.length === 0) body.appendChild(noneRow(6, 'No changes detected'));
    count.textContent = page.total > page.items.length
      ? page.items.length + ' of ' + page.total + ' changes' : page.total + ' changes';
  }, (error) => body.replaceChildren(noneRow(6, 'Could not load: ' + error.message)));
}

async function renderDetail(id) {
  const back = el('a', {class: 'back', href: listHash()}, '← All assets');
  show(back, el('p', {class: 'muted'}, 'Loading…'));
  let detail;
  try {
    detail = await api('/api/v1/assets/' + encodeURIComponent(id));
  } catch (error) {
    const message = error.status === 404 ? 'This asset does not exist (or no longer exists).'
                                         : 'Could not load: ' + error.message;
    show(back, el('p', {class: 'error', role: 'alert'}, message));
    return;
  }
  if (location.hash !== '#/assets/' + encodeURIComponent(id)) return;  // navigated away
  const inv = detail.inventory;
  const sys = inv.system || {};
  document.title = 'Steward — ' + sys.hostname;
  const why = el('section', {class: 'panel', id: 'reconciliation'}, el('h2', {}, 'Why is this one asset?'));
  const changes = el('section', {class: 'panel', id: 'changes'}, el('h2', {}, 'Detected changes'));
  show(back,
    el('h1', {id: 'asset-hostname'}, sys.hostname),
    el('p', {}, el('a', {id: 'asset-incidents',
      href: '#/incidents?asset_id=' + encodeURIComponent(detail.asset_id)}, 'Incidents for this asset →')),
    el('p', {class: 'muted'}, [orDash(sys.os_name), [inv.hardware.vendor, inv.hardware.model]
      .filter(Boolean).join(' ')].filter((x) => x && x !== '—').join(' · ')),
    el('div', {class: 'grid'}, systemPanel(detail), hardwarePanel(inv)),
    storagePanel(inv), networkPanel(inv), devicesPanel(inv), usersPanel(inv), softwarePanel(inv),
    identifiersPanel(detail), why, changes);
  api('/api/v1/assets/' + encodeURIComponent(id) + '/reconciliation').then(
    (r) => fillReconciliation(why, r.decisions),
    (error) => why.replaceChildren(el('h2', {}, 'Why is this one asset?'),
      el('p', {class: 'error'}, 'Could not load: ' + error.message)));
  fillChanges(changes, id, '');
}
)JS";
}

}  // namespace steward::server::web
