// The alert inbox: alerts of the clinician's units waiting for acknowledgement (highest priority, then newest
// first) with their category and escalation; acknowledge with a listed reason and/or free text, snooze (5–30 min),
// resolve, see an alert's history and acknowledgements; the acknowledged ones; history of resolved alerts. Who holds
// each alert: take it, assign it to a member of the care team who may see the patient, give it back. Filters: whose
// (all of my units, assigned to me, unassigned) and the escalation role an active alert has reached (both kept in the
// browser). Live: follows the alert event stream (/api/v1/alerts/stream) when the server has one, else asks again
// every second — either way another clinician's acknowledgement shows within ~1 s.
import { announce, api, el, get, liveStatus, liveStream, patientName, timeElement } from './vigil.js';

const rows = document.getElementById('alert-rows');
const empty = document.getElementById('no-alerts');
const message = document.getElementById('inbox-message');
const caption = document.getElementById('inbox-caption');
const status = document.getElementById('live-status');
const dialog = document.getElementById('ack-dialog');
const reasonChoice = document.getElementById('ack-choice');
const reasonText = document.getElementById('ack-text');
const ackError = document.getElementById('ack-error');
const snoozeDialog = document.getElementById('snooze-dialog');
const detailDialog = document.getElementById('detail-dialog');
const assignDialog = document.getElementById('assign-dialog');
const assignChoice = document.getElementById('assign-to');
const assignError = document.getElementById('assign-error');
const holderFilter = document.getElementById('holder-filter');
const roleFilter = document.getElementById('role-filter');
const me = document.querySelector('.app-bar .user strong')?.textContent ?? '';
const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const POLL_MS = 1000;
const RANK = { high: 0, medium: 1, low: 2 };

let tab = 'active';
let patients = new Map();
let acking = null;
let snoozing = null;
let assigning = null;
/** Escalation roles seen in the lists so far (the choices of the role filter). */
const roles = new Set();
let pollTimer = null;
let loading = false;
let again = false;

async function loadPatients() {
  const list = await get('/api/v1/patients');
  patients = new Map(list.map((p) => [p.id, p]));
}

const CAPTIONS = {
  active: 'Alerts waiting for acknowledgement, highest priority first',
  acknowledged: 'Acknowledged alerts not yet resolved',
  resolved: 'Resolved alerts, newest first',
};

async function alerts() {
  const holder = holderFilter.value ? `&assignee=${encodeURIComponent(holderFilter.value)}` : '';
  const all = await get(`/api/v1/alerts?state=${tab}${holder}`);
  all.forEach((a) => a.escalationRole && roles.add(a.escalationRole));
  showRoles();
  const list = roleFilter.value && tab === 'active' ? all.filter((a) => a.state === 'active' && a.escalationRole === roleFilter.value) : all;
  return tab === 'resolved' ? list
    : list.sort((a, b) => (RANK[a.priority] - RANK[b.priority]) || (Date.parse(b.raisedAt) - Date.parse(a.raisedAt)));
}

function escalation(a) {
  if (a.state !== 'active') return '—';
  return a.escalationRole ? `${a.escalationRole} (tier ${a.escalationTier})` : `tier ${a.escalationTier}`;
}

function stateText(a) {
  if (a.state === 'acknowledged') return `acknowledged by ${a.acknowledgedBy}: ${a.reason ?? ''}`;
  if (a.state === 'resolved') return `resolved ${a.resolvedAutomatically ? 'automatically' : `by ${a.resolvedBy}`}`;
  if (a.snoozed && a.snoozedUntil) {
    return el('span', { class: 'snoozed' }, 'snoozed until ', el('time', { datetime: a.snoozedUntil }, clock.format(new Date(a.snoozedUntil))));
  }
  return 'active';
}

function showRoles() {
  const chosen = roleFilter.value;
  if (chosen) roles.add(chosen);
  const known = [...roleFilter.options].slice(1).map((o) => o.value);
  if (known.length === roles.size && known.every((r) => roles.has(r))) return;
  roleFilter.replaceChildren(el('option', { value: '' }, 'Any role'),
    ...[...roles].sort().map((r) => el('option', { value: r, selected: r === chosen }, r)));
}

function holderCell(a, button) {
  const cell = el('td', { class: 'holder' }, el('span', { class: 'assignee' }, a.assignee ?? 'nobody'));
  if (a.state === 'resolved') return cell;
  if (a.assignee !== me) cell.append(' ', button('take', 'Take', 'secondary'));
  cell.append(' ', button('assign', 'Assign…', 'secondary'));
  if (a.assignee) cell.append(' ', button('unassign', a.assignee === me ? 'Give back' : 'Unassign', 'secondary'));
  return cell;
}

function row(a) {
  const p = patients.get(a.patient);
  const who = el('a', { href: `/patients/${encodeURIComponent(a.patient)}` }, patientName(p));
  const where = p ? [p.unit, p.bed ? `bed ${p.bed}` : null].filter(Boolean).join(', ') : '';
  const what = `${a.measurement} alert of ${patientName(p)}`;
  const button = (action, text, css) => el('button', { type: 'button', class: css, 'data-action': action, 'data-alert': a.id,
    'aria-label': `${text} ${what}` }, text);
  const actions = el('td', { class: 'actions' });
  if (a.state === 'active') actions.append(button('ack', 'Acknowledge'), button('snooze', 'Snooze', 'secondary'));
  if (a.state !== 'resolved') actions.append(button('resolve', 'Resolve', 'secondary'));
  actions.append(button('detail', 'Details', 'secondary'));
  return el('tr', { 'data-alert': a.id, class: `priority-${a.priority}` },
    el('td', {}, el('span', { class: 'badge' }, a.priority)),
    el('td', {}, who, where ? el('span', { class: 'hint' }, ` ${where}`) : null),
    el('td', {}, `${a.measurement} (${a.rule}) `, el('span', { class: `category category-${a.category}` }, a.category)),
    el('td', {}, String(a.lastValue)),
    el('td', {}, timeElement(a.raisedAt)),
    el('td', { class: 'state' }, stateText(a)),
    el('td', { class: 'escalation' }, escalation(a)),
    holderCell(a, button),
    actions);
}

async function loadReasons() {
  const { reasons } = await get('/api/v1/alerts/ack-reasons');
  reasonChoice.replaceChildren(...reasons.map((r) => el('option', { value: r }, r)),
    el('option', { value: '' }, 'Other (write it below)'));
}

async function showDetail(id, label) {
  const { history, acknowledgements } = await get(`/api/v1/alerts/${encodeURIComponent(id)}`);
  document.getElementById('detail-what').textContent = label;
  document.getElementById('detail-history').replaceChildren(...history.map((h) => el('tr', {},
    el('td', {}, timeElement(h.at)), el('td', {}, h.action), el('td', {}, h.actor ?? '—'), el('td', {}, h.state ?? ''),
    el('td', {}, h.detail ?? ''))));
  const acks = document.getElementById('detail-acks');
  acks.replaceChildren(...acknowledgements.map((k) => el('li', {}, el('strong', {}, k.user), ': ', k.reason, ' · ', timeElement(k.at))));
  if (acknowledgements.length === 0) acks.append(el('li', { class: 'empty' }, 'Nobody has acknowledged it.'));
  detailDialog.showModal();
}

async function refresh() {
  if (loading) { // a change arrived while loading: load once more afterwards, so the last change is not missed
    again = true;
    return;
  }
  loading = true;
  again = false;
  try {
    const list = await alerts();
    if (list.some((a) => !patients.has(a.patient))) await loadPatients();
    rows.replaceChildren(...list.map(row));
    empty.hidden = list.length > 0;
  } catch (e) {
    announce(message, `Could not load alerts: ${e.message}`, true);
  } finally {
    loading = false;
    if (again) refresh();
  }
}

function poll() {
  if (pollTimer) return;
  liveStatus(status, 'live', 'Live');
  pollTimer = setInterval(refresh, POLL_MS);
}

function follow() {
  // every stored change — raised, updated, acknowledged, snoozed, escalated, assigned… — reloads the list;
  // no alert stream on this server: ask every second instead
  liveStream('/api/v1/alerts/stream', { alert: refresh }, { raw: true, onOpen: refresh, onRefused: poll });
}

async function openAssign(id, label) {
  assigning = id;
  document.getElementById('assign-what').textContent = label;
  announce(assignError, '');
  assignChoice.replaceChildren(el('option', { value: '' }, 'Loading…'));
  assignDialog.showModal();
  try {
    const holders = await get(`/api/v1/alerts/${encodeURIComponent(id)}/assignees`);
    assignChoice.replaceChildren(...holders.map((h) => el('option', { value: h.username },
      h.displayName && h.displayName !== h.username ? `${h.displayName} (${h.username})` : h.username)));
    if (!holders.length) announce(assignError, 'Nobody else may see this patient.', true);
  } catch (e) {
    announce(assignError, `Could not list the care team: ${e.message}`, true);
  }
  assignChoice.focus();
}

async function assign(id, to) {
  const alert = await api('POST', `/api/v1/alerts/${encodeURIComponent(id)}/assign`, { to });
  announce(message, `Alert assigned to ${alert.assignee === me ? 'you' : alert.assignee}.`);
  refresh();
}

rows.addEventListener('click', async (event) => {
  const button = event.target.closest('button[data-action]');
  if (!button) return;
  const id = button.dataset.alert;
  const label = button.getAttribute('aria-label').replace(/^\S+ /, '');
  if (button.dataset.action === 'ack') {
    acking = id;
    document.getElementById('ack-what').textContent = label;
    reasonText.value = '';
    announce(ackError, '');
    dialog.showModal();
    reasonChoice.focus();
    return;
  }
  if (button.dataset.action === 'snooze') {
    snoozing = id;
    document.getElementById('snooze-what').textContent = label;
    snoozeDialog.showModal();
    return;
  }
  if (button.dataset.action === 'assign') {
    openAssign(id, label);
    return;
  }
  try {
    if (button.dataset.action === 'detail') {
      await showDetail(id, label);
      return;
    }
    if (button.dataset.action === 'take') {
      await assign(id, 'me');
      return;
    }
    if (button.dataset.action === 'unassign') {
      await api('POST', `/api/v1/alerts/${encodeURIComponent(id)}/unassign`);
      announce(message, 'Nobody holds the alert now.');
      refresh();
      return;
    }
    await api('POST', `/api/v1/alerts/${encodeURIComponent(id)}/resolve`);
    announce(message, 'Alert resolved.');
    refresh();
  } catch (e) {
    const doing = { detail: 'show the alert', take: 'take the alert', unassign: 'give the alert back' };
    announce(message, `Could not ${doing[button.dataset.action] ?? 'resolve'}: ${e.message}`, true);
  }
});

document.getElementById('ack-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const reason = [reasonChoice.value, reasonText.value.trim()].filter(Boolean).join(': ');
  if (!reason) {
    announce(ackError, 'Choose a reason or write one.', true);
    return;
  }
  dialog.close();
  try {
    await api('POST', `/api/v1/alerts/${encodeURIComponent(acking)}/ack`, { reason });
    announce(message, 'Alert acknowledged.');
    refresh();
  } catch (e) {
    announce(message, `Could not acknowledge: ${e.message}`, true);
  }
});

document.getElementById('snooze-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  snoozeDialog.close();
  const minutes = Number(document.getElementById('snooze-minutes').value);
  try {
    const alert = await api('POST', `/api/v1/alerts/${encodeURIComponent(snoozing)}/snooze`, { minutes });
    announce(message, `Alert snoozed until ${clock.format(new Date(alert.snoozedUntil))}.`);
    refresh();
  } catch (e) {
    announce(message, `Could not snooze: ${e.message}`, true);
  }
});
document.getElementById('assign-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  if (!assignChoice.value) {
    announce(assignError, 'Choose a person.', true);
    return;
  }
  try {
    await assign(assigning, assignChoice.value);
    assignDialog.close();
  } catch (e) {
    announce(assignError, e.message, true); // e.g. VIGIL-1654: they may not see this patient
  }
});
document.getElementById('assign-cancel').addEventListener('click', () => assignDialog.close());
for (const [select, key] of [[holderFilter, 'vigil.inbox.holder'], [roleFilter, 'vigil.inbox.role']]) {
  const kept = window.localStorage.getItem(key);
  if (kept && select === roleFilter) roles.add(kept);
  if (select === roleFilter) showRoles();
  if (kept !== null) select.value = kept;
  select.addEventListener('change', () => {
    window.localStorage.setItem(key, select.value);
    refresh();
  });
}
document.getElementById('snooze-cancel').addEventListener('click', () => snoozeDialog.close());
document.getElementById('detail-close').addEventListener('click', () => detailDialog.close());
document.getElementById('ack-cancel').addEventListener('click', () => dialog.close());

for (const button of document.querySelectorAll('[data-tab]')) {
  button.addEventListener('click', () => {
    tab = button.dataset.tab;
    for (const b of document.querySelectorAll('[data-tab]')) b.setAttribute('aria-pressed', String(b === button));
    caption.textContent = CAPTIONS[tab];
    refresh();
  });
}

await loadPatients().catch(() => {});
await loadReasons().catch(() => {}); // without the list, free text alone
await refresh();
follow();
