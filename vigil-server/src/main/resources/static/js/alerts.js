// The alert inbox: alerts of the clinician's units waiting for acknowledgement (highest priority, then newest
// first), acknowledge with a reason, resolve; the acknowledged ones; history of resolved alerts. Live: follows the alert event stream (/api/v1/alerts/stream) when the
// server has one, else asks again every second — either way another clinician's acknowledgement shows within ~1 s.
import { announce, api, el, get, patientName, timeElement } from './vigil.js';

const rows = document.getElementById('alert-rows');
const empty = document.getElementById('no-alerts');
const message = document.getElementById('inbox-message');
const caption = document.getElementById('inbox-caption');
const status = document.getElementById('live-status');
const dialog = document.getElementById('ack-dialog');
const reasonInput = document.getElementById('ack-reason');
const POLL_MS = 1000;
const RANK = { high: 0, medium: 1, low: 2 };

let tab = 'active';
let patients = new Map();
let acking = null;
let pollTimer = null;
let loading = false;

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
  const list = await get(`/api/v1/alerts?state=${tab}`);
  return tab === 'resolved' ? list
    : list.sort((a, b) => (RANK[a.priority] - RANK[b.priority]) || (Date.parse(b.raisedAt) - Date.parse(a.raisedAt)));
}

function row(a) {
  const p = patients.get(a.patient);
  const who = el('a', { href: `/patients/${encodeURIComponent(a.patient)}` }, patientName(p));
  const where = p ? [p.unit, p.bed ? `bed ${p.bed}` : null].filter(Boolean).join(', ') : '';
  const actions = el('td', { class: 'actions' });
  if (a.state === 'active') {
    actions.append(el('button', { type: 'button', 'data-action': 'ack', 'data-alert': a.id,
      'aria-label': `Acknowledge ${a.measurement} alert of ${patientName(p)}` }, 'Acknowledge'));
  }
  if (a.state !== 'resolved') {
    actions.append(el('button', { type: 'button', class: 'secondary', 'data-action': 'resolve', 'data-alert': a.id,
      'aria-label': `Resolve ${a.measurement} alert of ${patientName(p)}` }, 'Resolve'));
  }
  const state = a.state === 'acknowledged' ? `acknowledged by ${a.acknowledgedBy}: ${a.reason ?? ''}`
    : a.state === 'resolved' ? `resolved ${a.resolvedAutomatically ? 'automatically' : `by ${a.resolvedBy}`}` : 'active';
  return el('tr', { 'data-alert': a.id, class: `priority-${a.priority}` },
    el('td', {}, el('span', { class: 'badge' }, a.priority)),
    el('td', {}, who, where ? el('span', { class: 'hint' }, ` ${where}`) : null),
    el('td', {}, `${a.measurement} (${a.rule})`),
    el('td', {}, String(a.lastValue)),
    el('td', {}, timeElement(a.raisedAt)),
    el('td', {}, state),
    actions);
}

async function refresh() {
  if (loading) return;
  loading = true;
  try {
    const list = await alerts();
    if (list.some((a) => !patients.has(a.patient))) await loadPatients();
    rows.replaceChildren(...list.map(row));
    empty.hidden = list.length > 0;
  } catch (e) {
    announce(message, `Could not load alerts: ${e.message}`, true);
  } finally {
    loading = false;
  }
}

function live(state, text) {
  status.hidden = false;
  status.dataset.state = state;
  status.textContent = text;
}

function poll() {
  if (pollTimer) return;
  live('live', 'Live');
  pollTimer = setInterval(refresh, POLL_MS);
}

function follow() {
  const source = new EventSource('/api/v1/alerts/stream');
  let opened = false;
  source.onopen = () => { opened = true; live('live', 'Live'); };
  source.onmessage = refresh;
  for (const name of ['alert', 'alerts', 'raised', 'acknowledged', 'resolved', 'updated', 'snapshot']) source.addEventListener(name, refresh);
  source.onerror = () => {
    if (!opened) { // no alert stream on this server: ask every second instead
      source.close();
      poll();
    } else {
      live('connecting', 'Reconnecting…');
    }
  };
}

rows.addEventListener('click', async (event) => {
  const button = event.target.closest('button[data-action]');
  if (!button) return;
  const id = button.dataset.alert;
  if (button.dataset.action === 'ack') {
    acking = id;
    document.getElementById('ack-what').textContent = button.getAttribute('aria-label');
    reasonInput.value = '';
    dialog.showModal();
    reasonInput.focus();
    return;
  }
  try {
    await api('POST', `/api/v1/alerts/${encodeURIComponent(id)}/resolve`);
    announce(message, 'Alert resolved.');
    refresh();
  } catch (e) {
    announce(message, `Could not resolve: ${e.message}`, true);
  }
});

document.getElementById('ack-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const reason = reasonInput.value.trim();
  if (!reason) return;
  dialog.close();
  try {
    await api('POST', `/api/v1/alerts/${encodeURIComponent(acking)}/ack`, { reason });
    announce(message, 'Alert acknowledged.');
    refresh();
  } catch (e) {
    announce(message, `Could not acknowledge: ${e.message}`, true);
  }
});
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
await refresh();
follow();
