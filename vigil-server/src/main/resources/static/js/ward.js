// The live ward page: applies the ward event stream (GET /api/v1/stream/ward) to the tiles and keeps every
// reading's age and staleness current, once a second. Tiles are built with the same markup as
// templates/fragments.html, from the JSON the server sends: a "ward" snapshot on every (re)connect, then
// "vitals" events (the tiles with readings just stored) and "unattributed" events. Alerts on the tiles follow the
// alert event stream (GET /api/v1/alerts/stream): the active alerts once on each (re)connect, then every change.
import { el, get, liveStatus, liveStream } from './vigil.js';

const main = document.getElementById('ward');
const grid = document.getElementById('tiles');
const noPatients = document.getElementById('no-patients');
const unattributedBody = document.getElementById('unattributed');
const noUnattributed = document.getElementById('no-unattributed');
const status = document.getElementById('live-status');
const unit = main.dataset.unit;
const vitalOrder = main.dataset.vitalOrder.split(' ');

/** Server clock minus browser clock, so ages are right even on a device whose clock is off. */
let clockSkew = Date.parse(main.dataset.serverTime) - Date.now();
/** Patient id -> tile, with vitals as a Map of type -> reading. */
const tiles = new Map();
/** Device id -> time of its newest unattributed reading. */
const unattributed = new Map();
/** Patient id -> their active alerts (from the alert stream). */
const activeAlerts = new Map();
/** The chosen order of the tiles: 'bed' or 'acuity' (kept in the browser). */
let sortBy = window.localStorage.getItem('vigil.sort') === 'acuity' ? 'acuity' : 'bed';
const unitFilter = document.getElementById('unit-filter');
const alertCue = document.getElementById('alert-cue');
/** Units unticked in the filter (view "all"). */
const hiddenUnits = new Set();

const serverNow = () => Date.now() + clockSkew;
const syncClock = (serverTime) => { clockSkew = Date.parse(serverTime) - Date.now(); };

function describeAge(ms) {
  const seconds = Math.floor(ms / 1000);
  if (seconds < 1) return 'just now';
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 48 * 3600) return `${Math.floor(seconds / 3600)} h ago`;
  return `${Math.floor(seconds / 86400)} d ago`;
}

const isStale = (time, staleAfter, now) => (now - Date.parse(time)) / 1000 > staleAfter;

function ageElement(time) {
  return el('time', { class: 'age', datetime: time, title: new Date(time).toLocaleString() },
    describeAge(serverNow() - Date.parse(time)));
}

function renderVital(v) {
  const stale = isStale(v.time, v.staleAfter, serverNow());
  const received = v.received
    ? el('span', { class: 'received', title: 'Time of receipt: the device sent no time of measurement' },
      el('span', { 'aria-hidden': 'true' }, 'rcvd'), el('span', { class: 'visually-hidden' }, '(time of receipt)'))
    : null;
  return el('div', {
    class: stale ? 'vital stale' : 'vital', 'data-type': v.type, 'data-time': v.time, 'data-stale-after': v.staleAfter,
  },
  el('dt', {}, el('span', { 'aria-hidden': 'true' }, v.label), el('span', { class: 'visually-hidden' }, v.name)),
  el('dd', {},
    el('span', { class: 'reading' }, el('span', { class: 'value' }, v.value), v.unit ? el('span', { class: 'unit' }, v.unit) : null),
    v.detail ? el('span', { class: 'detail' }, v.detail) : null,
    el('span', { class: 'when' }, ageElement(v.time), received, el('span', { class: 'stale-label' }, 'stale'))));
}

function renderTile(tile) {
  const id = `tile-${tile.patient}`;
  const bed = tile.bed != null ? `Bed ${tile.bed}` : (tile.unit ?? 'No bed');
  const readings = [...tile.vitals.values()]
    .sort((a, b) => vitalOrder.indexOf(a.type) - vitalOrder.indexOf(b.type));
  return el('article', { class: 'tile', 'data-patient': tile.patient, 'aria-labelledby': id },
    el('header', { class: 'tile-header' },
      el('h2', { id }, el('span', { class: 'bed' }, bed), ' ', el('a', { class: 'name', href: `/patients/${encodeURIComponent(tile.patient)}` }, tile.name)),
      el('p', { class: 'tile-status' },
        tile.news2 ? el('span', { class: `news2-badge band-${tile.news2.band}`, 'data-total': tile.news2.total },
          'NEWS2 ', el('strong', {}, String(tile.news2.total)), ' ',
          el('span', {}, `${tile.news2.band}${tile.news2.complete ? '' : ', incomplete'}`)) : null,
        alertBadges(tile.patient)),
      el('p', { class: 'who' },
        el('span', {}, tile.age != null ? `${tile.age} y` : 'age unknown'), ' · ',
        el('span', {}, tile.sex ?? 'sex unknown'), ' · ',
        el('span', { class: 'mrn' }, 'MRN ', el('span', {}, tile.mrn)))),
    readings.length
      ? el('dl', { class: 'vitals' }, ...readings.map(renderVital))
      : el('p', { class: 'no-readings' }, 'No readings yet'));
}

const byNewest = (a, b) => Date.parse(b.time) - Date.parse(a.time);

/** Keeps, per type, the newer of what the page has and what arrived (an update may repeat the snapshot). */
function merge(tile) {
  const known = tiles.get(tile.patient);
  const vitals = known ? known.vitals : new Map();
  for (const reading of tile.vitals) {
    const current = vitals.get(reading.type);
    if (!current || byNewest(reading, current) <= 0) vitals.set(reading.type, reading);
  }
  const merged = { ...tile, vitals };
  tiles.set(tile.patient, merged);
  return merged;
}

function compareBeds(a, b) {
  const numbered = (bed) => bed != null && /^\d+$/.test(bed);
  if (numbered(a.bed) && numbered(b.bed)) return Number(a.bed) - Number(b.bed);
  if (numbered(a.bed) !== numbered(b.bed)) return numbered(a.bed) ? -1 : 1;
  return (a.bed ?? '\uffff').localeCompare(b.bed ?? '\uffff');
}

const byBed = (a, b) => (a.unit ?? '').localeCompare(b.unit ?? '') || compareBeds(a, b) || a.name.localeCompare(b.name);
const highAlerts = (patient) => (activeAlerts.get(patient) ?? []).filter((a) => a.priority === 'high').length;
const byAcuity = (a, b) => (highAlerts(b.patient) - highAlerts(a.patient))
  || ((b.news2?.total ?? -1) - (a.news2?.total ?? -1))
  || ((activeAlerts.get(b.patient)?.length ?? 0) - (activeAlerts.get(a.patient)?.length ?? 0)) || byBed(a, b);
const tileOrder = (a, b) => (sortBy === 'acuity' ? byAcuity(a, b) : byBed(a, b));

function place(tile) {
  const rendered = renderTile(tile);
  const existing = grid.querySelector(`article[data-patient="${CSS.escape(tile.patient)}"]`);
  if (existing) {
    existing.replaceWith(rendered);
    return;
  }
  const after = [...grid.children].find((article) => {
    const other = tiles.get(article.dataset.patient);
    return other && tileOrder(tile, other) < 0;
  });
  grid.insertBefore(rendered, after ?? null);
  noPatients.hidden = true;
}

function renderUnattributed() {
  const rows = [...unattributed.entries()].sort((a, b) => Date.parse(b[1]) - Date.parse(a[1]));
  unattributedBody.replaceChildren(...rows.map(([device, lastReading]) =>
    el('tr', { 'data-device': device }, el('td', { class: 'device' }, device), el('td', {}, ageElement(lastReading)))));
  unattributedBody.closest('table').hidden = rows.length === 0;
  noUnattributed.hidden = rows.length > 0;
}

function onSnapshot(view) {
  syncClock(view.serverTime);
  tiles.clear();
  grid.replaceChildren(...view.tiles.map((tile) => renderTile(merge(tile))));
  resort();
  buildUnitFilter();
  noPatients.hidden = view.tiles.length > 0;
  unattributed.clear();
  view.unattributed.forEach((d) => unattributed.set(d.device, d.lastReading));
  renderUnattributed();
  setStatus('live', 'Live');
}

function onVitals(update) {
  syncClock(update.serverTime);
  update.tiles.forEach((tile) => place(merge(tile)));
  if (sortBy === 'acuity') resort();
  applyUnitFilter();
}

function onUnattributed(update) {
  syncClock(update.serverTime);
  for (const d of update.devices) {
    const known = unattributed.get(d.device);
    if (!known || Date.parse(d.lastReading) >= Date.parse(known)) unattributed.set(d.device, d.lastReading);
  }
  renderUnattributed();
}

const setStatus = (state, text) => liveStatus(status, state, text);

/** Once a second: every age, and whether each value has gone stale (also while the stream is down). */
function tick() {
  const now = serverNow();
  for (const time of document.querySelectorAll('time.age[datetime]')) {
    time.textContent = describeAge(now - Date.parse(time.getAttribute('datetime')));
  }
  for (const vital of grid.querySelectorAll('.vital[data-time]')) {
    vital.classList.toggle('stale', isStale(vital.dataset.time, Number(vital.dataset.staleAfter), now));
  }
}

function connect() {
  liveStream(`/api/v1/stream/ward?unit=${encodeURIComponent(unit)}`,
    { ward: onSnapshot, vitals: onVitals, unattributed: onUnattributed });
}

// ---- Acuity, alerts and the alert cue ----

/** Re-orders the tiles in place (the chosen sort), keeping the elements (and the reader's focus). */
function resort() {
  const ordered = [...grid.children].sort((x, y) => {
    const a = tiles.get(x.dataset.patient);
    const b = tiles.get(y.dataset.patient);
    return a && b ? tileOrder(a, b) : 0;
  });
  ordered.forEach((article) => grid.append(article));
}

function alertBadges(patient) {
  const list = activeAlerts.get(patient) ?? [];
  const span = el('span', { class: 'tile-alerts' });
  for (const priority of ['high', 'medium', 'low']) {
    const count = list.filter((a) => a.priority === priority).length;
    if (count) span.append(el('span', { class: `badge alert-badge priority-${priority}` }, `${count} ${priority} alert${count > 1 ? 's' : ''}`));
  }
  return span;
}

function showAlerts() {
  for (const article of grid.children) {
    article.querySelector('.tile-alerts')?.replaceWith(alertBadges(article.dataset.patient));
    article.classList.toggle('alerting', highAlerts(article.dataset.patient) > 0);
  }
}

let audio = null;
const muted = () => window.localStorage.getItem('vigil.mute') === '1';
document.addEventListener('click', () => { audio ??= new AudioContext(); }, { once: true });

function beep() {
  if (muted() || !audio) return;
  for (const start of [0, 0.3]) {
    const tone = audio.createOscillator();
    const gain = audio.createGain();
    tone.frequency.value = 880;
    gain.gain.value = 0.2;
    tone.connect(gain).connect(audio.destination);
    tone.start(audio.currentTime + start);
    tone.stop(audio.currentTime + start + 0.18);
  }
}

/** Replaces the active alerts with the list (in the page's map, patient -> alerts) and shows them. */
function setAlerts(list) {
  activeAlerts.clear();
  list.filter((a) => a.state === 'active').forEach((a) => activeAlerts.set(a.patient, [...(activeAlerts.get(a.patient) ?? []), a]));
  showAlerts();
  if (sortBy === 'acuity') resort();
}

/** One stored change of an alert: an active alert is (re)placed, any other leaves the tiles; a new high one is announced. */
function onAlert(change) {
  const a = change.alert;
  const others = (activeAlerts.get(a.patient) ?? []).filter((known) => known.id !== a.id);
  if (a.state === 'active') others.push(a);
  if (others.length) activeAlerts.set(a.patient, others);
  else activeAlerts.delete(a.patient);
  showAlerts();
  if (sortBy === 'acuity') resort();
  if (change.action === 'raised' && a.priority === 'high' && tiles.has(a.patient)) {
    alertCue.textContent = `New high-priority alert: ${tiles.get(a.patient).name} (${a.measurement})`;
    alertCue.hidden = false;
    beep();
  }
}

/** Changes that arrive while the list is loading, applied after it (so none is lost to the reload). */
let pendingAlerts = null;

async function loadAlerts() {
  pendingAlerts = [];
  try {
    setAlerts(await get('/api/v1/alerts?state=active'));
  } catch {
    // the stream status already shows when the server is unreachable
  } finally {
    const pending = pendingAlerts;
    pendingAlerts = null;
    pending.forEach(onAlert);
  }
}

let alertPoll = null;

function followAlerts() {
  liveStream('/api/v1/alerts/stream', {
    alert: (change) => (pendingAlerts ? pendingAlerts.push(change) : onAlert(change)),
  }, {
    status: null, // the page's status is the ward stream's
    onOpen: loadAlerts,
    // No alert stream for this user now (e.g. too many open): ask every 5 s instead.
    onRefused: () => { alertPoll ??= setInterval(loadAlerts, 5000); loadAlerts(); },
  });
}

function buildUnitFilter() {
  const units = [...new Set([...tiles.values()].map((t) => t.unit).filter(Boolean))].sort();
  unitFilter.hidden = unit !== 'all' || units.length < 2;
  unitFilter.replaceChildren(el('legend', {}, 'Show units'), ...units.map((u) => el('label', {},
    el('input', { type: 'checkbox', value: u, checked: !hiddenUnits.has(u) }), ` ${u}`)));
  applyUnitFilter();
}

function applyUnitFilter() {
  for (const article of grid.children) {
    article.hidden = hiddenUnits.has(tiles.get(article.dataset.patient)?.unit);
  }
}

unitFilter.addEventListener('change', (event) => {
  if (event.target.checked) hiddenUnits.delete(event.target.value);
  else hiddenUnits.add(event.target.value);
  applyUnitFilter();
});
const sortButtons = document.querySelectorAll('#sort [data-sort]');
const showSort = () => sortButtons.forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.sort === sortBy)));
sortButtons.forEach((button) => button.addEventListener('click', () => {
  sortBy = button.dataset.sort;
  window.localStorage.setItem('vigil.sort', sortBy);
  showSort();
  resort();
}));
showSort();
const muteButton = document.getElementById('mute');
const showMute = () => {
  muteButton.setAttribute('aria-pressed', String(muted()));
  muteButton.textContent = muted() ? 'Alert sound muted — unmute' : 'Mute alert sound';
};
muteButton.addEventListener('click', () => {
  window.localStorage.setItem('vigil.mute', muted() ? '0' : '1');
  showMute();
});
showMute();

status.hidden = false;
tick();
setInterval(tick, 1000);
connect();
followAlerts();
