// The web UI script, part 4: one incident (#/incidents/INC…): facts, evidence, the
// timeline, and for technicians and admins the state transitions, assignment and
// work notes, all through PATCH /api/v1/incidents/{number}.

#include "server/web/web_ui.h"

namespace steward::server::web {

std::string_view appIncidentDetailJs() {
  return R"JS(
// ---- incident detail ---------------------------------------------------------

// Moves the lifecycle allows from each state (server/itsm/incidents/incident_lifecycle.cpp).
const TRANSITIONS = {
  new: [['in_progress', 'Start work'], ['on_hold', 'Put on hold'], ['resolved', 'Resolve']],
  in_progress: [['on_hold', 'Put on hold'], ['resolved', 'Resolve']],
  on_hold: [['in_progress', 'Resume work'], ['resolved', 'Resolve']],
  resolved: [['in_progress', 'Reopen'], ['closed', 'Close']],
  closed: [],
};

async function patchIncident(number, body, status) {
  status.className = 'muted';
  status.textContent = 'Saving…';
  try {
    await api('/api/v1/incidents/' + encodeURIComponent(number), {method: 'PATCH', body});
    renderIncident(number);
  } catch (error) {
    status.className = 'error';
    status.setAttribute('role', 'alert');
    status.textContent = error.message;
  }
}

function evidenceList(evidence) {
  const entries = Object.entries(evidence || {});
  if (entries.length === 0) return el('p', {class: 'muted'}, 'No evidence recorded.');
  return el('dl', {class: 'facts', id: 'evidence'}, entries.map(([key, value]) =>
    [el('dt', {}, key), el('dd', {class: 'mono'},
      typeof value === 'object' ? JSON.stringify(value) : String(value))]));
}

function changeText(changes) {
  return Object.entries(changes || {}).map(([field, change]) => {
    if (change && typeof change === 'object' && 'to' in change) {
      return field + ': ' + orDash(change.from) + ' → ' + orDash(change.to);
    }
    return field + ': ' + (typeof change === 'object' ? JSON.stringify(change) : String(change));
  }).join(', ');
}

function timelineList(entries) {
  return el('ol', {class: 'timeline', id: 'timeline'}, entries.slice().reverse().map((e) =>
    el('li', {'data-action': e.action},
      el('div', {class: 'when muted', title: formatTime(e.at)}, formatTime(e.at)),
      el('div', {}, el('strong', {}, sourceText(e.actor)), ' ', e.action.replace(/_/g, ' '),
        changeText(e.changes) ? el('span', {class: 'muted'}, ' — ' + changeText(e.changes)) : null),
      e.note ? el('p', {class: 'note'}, e.note) : null)));
}

function actionsPanel(incident) {
  const status = el('p', {id: 'action-status', class: 'muted'});
  const reason = el('textarea', {id: 'transition-note', rows: 2, maxlength: 4000,
    placeholder: 'Hold reason or resolution note (needed to put on hold or resolve)'});
  const buttons = (TRANSITIONS[incident.state] || []).map(([to, label]) =>
    el('button', {type: 'button', id: 'to-' + to, class: to === 'resolved' ? 'primary' : null,
      onclick: () => {
        const body = {state: to};
        const text = reason.value.trim();
        if (to === 'on_hold') body.hold_reason = text;
        if (to === 'resolved') body.resolution_note = text;
        if (to !== 'on_hold' && to !== 'resolved' && text) body.work_note = text;
        patchIncident(incident.number, body, status);
      }}, label));
  const group = el('input', {id: 'assign-group', value: incident.assignment_group,
    placeholder: 'group', maxlength: 200});
  const person = el('input', {id: 'assign-person', value: incident.assignee,
    placeholder: 'person', maxlength: 200});
  const note = el('textarea', {id: 'work-note', rows: 3, maxlength: 4000,
    placeholder: 'What was checked or done'});
  return el('section', {class: 'panel', id: 'incident-actions'}, el('h2', {}, 'Work on it'),
    el('h3', {}, 'State'), el('div', {class: 'toolbar'}, buttons), reason,
    el('h3', {}, 'Assignment'),
    el('div', {class: 'toolbar'}, group, person,
      el('button', {type: 'button', id: 'assign-me', onclick: () => { person.value = session.user.name; }},
        'Me'),
      el('button', {type: 'button', id: 'assign-save', onclick: () => patchIncident(incident.number,
        {assignment_group: group.value.trim(), assignee: person.value.trim()}, status)}, 'Save')),
    el('h3', {}, 'Work note'), note,
    el('div', {class: 'toolbar'}, el('button', {type: 'button', id: 'add-note', onclick: () => {
      if (!note.value.trim()) { status.className = 'error'; status.textContent = 'Write the note first.'; return; }
      patchIncident(incident.number, {work_note: note.value.trim()}, status);
    }}, 'Add work note')),
    status);
}

async function renderIncident(number) {
  const back = el('a', {class: 'back', href: incidentHash()}, '← All incidents');
  show(back, el('p', {class: 'muted'}, 'Loading…'));
  let incident;
  try {
    incident = await api('/api/v1/incidents/' + encodeURIComponent(number));
  } catch (error) {
    if (error.status === 401) return;
    show(back, el('p', {class: 'error', role: 'alert'}, error.status === 404
      ? 'There is no incident ' + number + '.' : 'Could not load: ' + error.message));
    return;
  }
  if (location.hash !== '#/incidents/' + encodeURIComponent(number)) return;  // navigated away
  document.title = 'Steward — ' + incident.number;
  const sla = incident.sla || {};
  const facts = el('dl', {class: 'facts'},
    [['State', stateBadge(incident.state)],
     ['Priority', [priorityBadge(incident.priority), ' impact ' + incident.impact + ' × urgency ' +
       incident.urgency]],
     ['Category', orDash(incident.category)], ['Source', sourceText(incident.source)],
     ['Subject', orDash(incident.subject)],
     ['Asset', incident.asset_id ? el('a', {href: '#/assets/' + incident.asset_id, id: 'incident-asset'},
       incident.asset_id) : '—'],
     ['Assignment group', orDash(incident.assignment_group)],
     ['Assigned to', el('span', {id: 'incident-assignee'}, orDash(incident.assignee))],
     ['Occurrences', String(incident.occurrence_count)],
     ['Opened', formatTime(incident.created_at)], ['Updated', formatTime(incident.updated_at)],
     ['Response due', [formatTime(sla.response_due), sla.response_breached ? ' (breached)' : '']],
     ['Resolution due', [formatTime(sla.resolution_due), sla.resolution_breached ? ' (breached)' : '']],
     ['Hold reason', orDash(incident.hold_reason)],
     ['Resolution note', orDash(incident.resolution_note)]]
      .map(([label, value]) => [el('dt', {}, label), el('dd', {}, value)]));
  show(back,
    el('h1', {}, el('span', {class: 'mono', id: 'incident-number'}, incident.number), ' ',
      el('span', {id: 'incident-title'}, incident.title)),
    el('p', {}, el('span', {id: 'incident-state', 'data-state': incident.state},
      stateBadge(incident.state)), ' ', priorityBadge(incident.priority), ' ', slaBadges(incident)),
    el('div', {class: 'grid'},
      el('section', {class: 'panel'}, el('h2', {}, 'Details'), facts),
      el('section', {class: 'panel'}, el('h2', {}, 'Description'),
        el('p', {class: 'description'}, orDash(incident.description)),
        el('h3', {}, 'Evidence'), evidenceList(incident.evidence))),
    canWork() && incident.state !== 'closed' ? actionsPanel(incident) : null,
    el('section', {class: 'panel'}, el('h2', {}, 'Timeline'), timelineList(incident.timeline || [])));
}
)JS";
}

}  // namespace steward::server::web
