// A patient's chart: trend charts (uPlot, from the WebJar) over a chosen window with limit bands and alert marks, the
// same data as a table, NEWS2 and its SpO2 scale, the patient's alarm limits (override, reset to default), the glucose report for CGM wearers, the latest implant interrogation, notes, and the monitoring-time
// heartbeat (every 30 s while the page is visible; the server credits no more than the time that really passed).
import { announce, api, el, formatTime, get, timeElement, unitName } from './vigil.js';

const main = document.getElementById('chart');
const patient = main.dataset.patient;
const base = `/api/v1/patients/${encodeURIComponent(patient)}`;
const message = document.getElementById('chart-message');
const chartsBox = document.getElementById('charts');
const tableBox = document.getElementById('table-view');
const noData = document.getElementById('no-data');
const WINDOWS = { '1h': 3600, '24h': 86400, '7d': 7 * 86400, '30d': 30 * 86400 };
const HEARTBEAT_SECONDS = 30;
const TABLE_ROWS = 500;

/** Charts of related measurements; types not listed get a chart each. */
const GROUPS = [
  { title: 'Heart rate', types: ['heart-rate'] },
  { title: 'Respiratory rate', types: ['respiratory-rate'] },
  { title: 'SpO₂', types: ['spo2'] },
  { title: 'Blood pressure', types: ['systolic-bp', 'diastolic-bp', 'mean-bp'] },
  { title: 'Temperature', types: ['body-temperature'] },
  { title: 'Glucose', types: ['cgm-glucose', 'blood-glucose'] },
  { title: 'Oxygen therapy', types: ['supplemental-oxygen', 'inspired-oxygen'] },
  { title: 'Weight', types: ['body-weight'] },
];
const COLOURS = ['#1f3a5f', '#b35900', '#1a7f37', '#6f42c1'];
const LABELS = {
  'heart-rate': 'Heart rate', 'respiratory-rate': 'Respiratory rate', spo2: 'SpO₂', 'systolic-bp': 'Systolic',
  'diastolic-bp': 'Diastolic', 'mean-bp': 'Mean', 'body-temperature': 'Temperature', 'cgm-glucose': 'Sensor glucose',
  'blood-glucose': 'Blood glucose', 'supplemental-oxygen': 'O₂ flow', 'inspired-oxygen': 'FiO₂', 'body-weight': 'Weight',
};
const label = (type) => LABELS[type] ?? type;

const asked = new URLSearchParams(window.location.search).get('window');
let windowName = asked in WINDOWS ? asked : '24h';
let view = 'charts';
let plots = [];
let lastData = null;

function limitBands(limits, types) {
  return limits.filter((l) => types.includes(l.measurement));
}

/** A uPlot plugin: shades the area beyond each limit and draws a vertical mark at each alert. */
function overlays(limits, alertTimes) {
  return {
    hooks: {
      drawAxes: [(u) => {
        const { ctx } = u;
        const { left, top, width, height } = u.bbox;
        ctx.save();
        ctx.fillStyle = 'rgba(139, 0, 0, 0.08)';
        for (const limit of limits) {
          const y = u.valToPos(limit.threshold, 'y', true);
          if (limit.direction === 'low') ctx.fillRect(left, Math.max(y, top), width, Math.max(0, top + height - y));
          else ctx.fillRect(left, top, width, Math.max(0, Math.min(y, top + height) - top));
        }
        ctx.restore();
      }],
      draw: [(u) => {
        const { ctx } = u;
        const { top, height } = u.bbox;
        ctx.save();
        ctx.strokeStyle = '#8b0000';
        ctx.setLineDash([4, 3]);
        ctx.lineWidth = 1.5;
        for (const t of alertTimes) {
          const x = u.valToPos(t, 'x', true);
          ctx.beginPath();
          ctx.moveTo(x, top);
          ctx.lineTo(x, top + height);
          ctx.stroke();
        }
        ctx.restore();
      }],
    },
  };
}

function groupsOf(series) {
  const byType = new Map(series.map((s) => [s.type, s]));
  const groups = [];
  for (const group of GROUPS) {
    const members = group.types.filter((t) => byType.has(t)).map((t) => byType.get(t));
    if (members.length) groups.push({ title: group.title, members });
  }
  const grouped = new Set(GROUPS.flatMap((g) => g.types));
  for (const s of series) if (!grouped.has(s.type)) groups.push({ title: label(s.type), members: [s] });
  return groups;
}

/** NEWS2 over time: complete scores as a line, partial ones (parameters missing: a floor) dashed; bands shaded. */
function drawNews2(history, data) {
  if (!history || !history.points.length) return;
  const figure = el('figure', { class: 'trend', 'aria-label': 'NEWS2 over time; medium risk from 5, high from 7' },
    el('figcaption', {}, 'NEWS2 (not for clinical use)'));
  chartsBox.append(figure);
  const t = history.points.map((p) => Date.parse(p.time) / 1000);
  const complete = history.points.map((p) => (p.complete ? p.total : null));
  const partial = history.points.map((p) => (p.complete ? null : p.total));
  const top = Math.max(8, ...history.points.map((p) => p.total + 1));
  plots.push(new uPlot({
    width: plotWidth(figure), height: 150,
    scales: { x: { time: true, range: [Date.parse(data.from) / 1000, Date.parse(data.to) / 1000] }, y: { range: [0, top] } },
    series: [{}, { label: 'NEWS2', stroke: '#1f3a5f', width: 2, spanGaps: false, points: { show: t.length < 60 } },
      { label: 'partial (at least)', stroke: '#6b7280', width: 1.5, dash: [5, 4], spanGaps: false, points: { show: t.length < 60 } }],
    axes: [{}, { size: 50 }],
    plugins: [overlays([{ threshold: 5, direction: 'high' }, { threshold: 7, direction: 'high' }], [])],
  }, [t, complete, partial], figure));
}

function drawCharts(data, alerts) {
  plots.forEach((p) => p.destroy());
  plots = [];
  chartsBox.replaceChildren();
  drawNews2(data.news2, data);
  for (const group of groupsOf(data.series)) {
    const types = group.members.map((s) => s.type);
    const unit = group.members[0].unit;
    const figure = el('figure', { class: 'trend' });
    const caption = el('figcaption', {}, `${group.title} (${unitName(unit)})`);
    figure.append(caption);
    chartsBox.append(figure);
    const joined = uPlot.join(group.members.map((s) => [s.t, s.v]));
    const alertTimes = alerts.filter((a) => types.includes(a.measurement)).map((a) => Date.parse(a.raisedAt) / 1000);
    const limits = limitBands(data.limits, types);
    const values = group.members.flatMap((s) => s.v).concat(limits.map((l) => l.threshold));
    const low = Math.min(...values);
    const high = Math.max(...values);
    const pad = Math.max(1, (high - low) * 0.08);
    const plot = new uPlot({
      width: plotWidth(figure), height: 190,
      scales: { x: { time: true, range: [Date.parse(data.from) / 1000, Date.parse(data.to) / 1000] },
        y: { range: [low - pad, high + pad] } },
      legend: { live: true },
      series: [{}, ...group.members.map((s, i) => ({
        label: label(s.type), stroke: COLOURS[i % COLOURS.length], width: 1.5, spanGaps: false,
        points: { show: s.t.length < 200 },
      }))],
      axes: [{}, { size: 50 }],
      plugins: [overlays(limits, alertTimes)],
    }, joined, figure);
    figure.setAttribute('aria-label', `${group.title} trend chart; the table view lists the same values`);
    plots.push(plot);
  }
}

function drawTable(data) {
  tableBox.replaceChildren();
  if (!data.series.length) return;
  const joined = uPlot.join(data.series.map((s) => [s.t, s.v]));
  const rows = joined[0].length;
  const caption = el('caption', {}, data.bucketSeconds
    ? `Averages over ${Math.round(data.bucketSeconds / 60)} min buckets, newest first`
    : 'Every reading, newest first');
  const head = el('tr', {}, el('th', { scope: 'col' }, 'Time'),
    ...data.series.map((s) => el('th', { scope: 'col' }, `${label(s.type)} (${unitName(s.unit)})`)));
  const body = el('tbody');
  for (let r = rows - 1; r >= Math.max(0, rows - TABLE_ROWS); r--) {
    body.append(el('tr', {}, el('th', { scope: 'row' }, formatTime(new Date(joined[0][r] * 1000).toISOString())),
      ...data.series.map((s, i) => {
        const v = joined[i + 1][r];
        return el('td', {}, v == null ? '' : (Math.round(v * 10) / 10).toString());
      })));
  }
  tableBox.append(el('table', { class: 'data-table' }, caption, el('thead', {}, head), body));
  if (rows > TABLE_ROWS) tableBox.append(el('p', { class: 'hint' }, `Showing the newest ${TABLE_ROWS} of ${rows} rows; choose a shorter window for the rest.`));
}

function listAlerts(alerts) {
  const list = document.getElementById('chart-alerts');
  list.replaceChildren(...alerts.map((a) => el('li', { class: `alert priority-${a.priority}` },
    el('span', { class: 'badge' }, a.priority), ' ', `${label(a.measurement)} (${a.rule}): ${a.lastValue} · raised `,
    timeElement(a.raisedAt), ` · ${a.state}`)));
  document.getElementById('no-alerts').hidden = alerts.length > 0;
}

async function load() {
  const to = new Date(Date.now());
  const from = new Date(to.getTime() - WINDOWS[windowName] * 1000);
  const range = `from=${from.toISOString()}&to=${to.toISOString()}`;
  try {
    const [data, alerts, news2] = await Promise.all([
      get(`${base}/series?${range}`),
      get(`/api/v1/alerts?patient=${encodeURIComponent(patient)}`),
      get(`${base}/news2/trend?${range}`).catch(() => null),
    ]);
    data.news2 = news2;
    await patientLimits(data);
    const inWindow = alerts.filter((a) => Date.parse(a.raisedAt) >= from.getTime());
    lastData = { data, alerts: inWindow };
    noData.hidden = data.series.length > 0;
    render();
    listAlerts(inWindow);
    main.dataset.rendered = windowName;
    window.vigilChartRendered = performance.now();
  } catch (e) {
    announce(message, `Could not load the trends: ${e.message}`, true);
  }
}

/** Per-patient limits replace the defaults when the server has them (GET …/limits); they are listed for editing. */
async function patientLimits(data) {
  try {
    const limits = await get(`${base}/limits`);
    const rules = Array.isArray(limits) ? limits : limits?.rules;
    if (Array.isArray(rules) && rules.every((r) => r.measurement && r.direction && typeof r.threshold === 'number')) {
      data.limits = rules.map((r) => ({ ...r, direction: r.direction.toLowerCase() }));
      document.getElementById('limits-source').textContent = 'this patient\'s limits';
      listLimits(rules);
    }
  } catch {
    // no per-patient limits on this server: the defaults stay
  }
}

const limitRows = document.getElementById('limit-rows');
const limitDialog = document.getElementById('limit-dialog');
const limitError = document.getElementById('limit-error');
const limitMessage = document.getElementById('limits-message');
let editing = null;

/** ISO-8601 duration (as the API writes it: PT1M30S) → seconds. */
function seconds(duration) {
  const m = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?$/.exec(duration ?? '');
  return m ? Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0) : 0;
}

function listLimits(rules) {
  limitRows.replaceChildren(...rules.map((r) => {
    const source = r.source === 'override' ? `override (${r.setBy ?? '?'}, ${formatTime(r.setAt)})` : r.source;
    const actions = el('td', { class: 'actions' },
      el('button', { type: 'button', class: 'secondary', 'data-limit': r.id, 'data-action': 'edit', 'aria-label': `Edit ${r.id}` }, 'Edit'));
    if (r.source === 'override') {
      actions.append(el('button', { type: 'button', class: 'secondary', 'data-limit': r.id, 'data-action': 'reset',
        'aria-label': `Reset ${r.id} to default` }, 'Reset'));
    }
    const tr = el('tr', { 'data-limit': r.id, 'data-source': r.source },
      el('th', { scope: 'row' }, r.id),
      el('td', { class: 'threshold', title: r.unit ? `UCUM ${r.unit}` : null }, `${r.threshold} ${unitName(r.unit)}`.trim()),
      el('td', {}, String(r.hysteresis ?? '')),
      el('td', {}, `${seconds(r.duration)} s`),
      el('td', {}, r.priority),
      el('td', { class: 'source' }, source),
      actions);
    tr.limit = r;
    return tr;
  }));
}

limitRows.addEventListener('click', async (event) => {
  const button = event.target.closest('button[data-action]');
  if (!button) return;
  const limit = button.closest('tr').limit;
  if (button.dataset.action === 'edit') {
    editing = limit.id;
    document.getElementById('limit-what').textContent = `${limit.id} (${unitName(limit.unit)}), now ${limit.source}`;
    document.getElementById('limit-threshold').value = limit.threshold;
    document.getElementById('limit-hysteresis').value = limit.hysteresis ?? '';
    document.getElementById('limit-duration').value = seconds(limit.duration);
    document.getElementById('limit-priority').value = limit.priority;
    announce(limitError, '');
    limitDialog.showModal();
    return;
  }
  try {
    await api('DELETE', `${base}/limits/${encodeURIComponent(limit.id)}`);
    announce(limitMessage, `${limit.id} is back to its default.`);
    load();
  } catch (e) {
    announce(limitMessage, `Could not reset ${limit.id}: ${e.message}`, true);
  }
});

document.getElementById('limit-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const value = (id) => document.getElementById(id).value.trim();
  const body = { threshold: Number(value('limit-threshold')), priority: value('limit-priority') };
  if (value('limit-hysteresis') !== '') body.hysteresis = Number(value('limit-hysteresis'));
  if (value('limit-duration') !== '') body.duration = `PT${Number(value('limit-duration'))}S`;
  try {
    await api('PUT', `${base}/limits/${encodeURIComponent(editing)}`, body);
    limitDialog.close();
    announce(limitMessage, `${editing} overridden for this patient.`);
    load();
  } catch (e) {
    announce(limitError, e.message, true); // the problem's detail, e.g. a threshold outside the plausible range
  }
});
document.getElementById('limit-cancel').addEventListener('click', () => limitDialog.close());

function render() {
  if (!lastData) return;
  chartsBox.hidden = view !== 'charts';
  tableBox.hidden = view !== 'table';
  if (view === 'charts') drawCharts(lastData.data, lastData.alerts);
  else drawTable(lastData.data);
}

function pressed(selector, attribute, value) {
  for (const b of document.querySelectorAll(selector)) b.setAttribute('aria-pressed', String(b.dataset[attribute] === value));
}

for (const button of document.querySelectorAll('[data-window]')) {
  button.addEventListener('click', () => {
    windowName = button.dataset.window;
    pressed('[data-window]', 'window', windowName);
    load();
  });
}
for (const button of document.querySelectorAll('[data-view]')) {
  button.addEventListener('click', () => {
    view = button.dataset.view;
    pressed('[data-view]', 'view', view);
    render();
  });
}
/** A chart fills its figure (one grid cell), never less than a phone's width. */
const plotWidth = (figure) => Math.max(260, figure.clientWidth - 2);
new ResizeObserver(() => {
  plots.forEach((p) => p.setSize({ width: plotWidth(p.root.parentElement), height: p.height }));
}).observe(chartsBox);

async function loadNews2() {
  const score = document.getElementById('news2-score');
  try {
    const n = await get(`${base}/news2`);
    const band = n.band ?? n.bandAtLeast;
    score.replaceChildren(el('span', { class: `news2-total band-${band}` }, String(n.total)), ' ',
      el('span', { class: 'band-label' }, `${band} risk${n.complete ? '' : ' (at least; incomplete)'}`),
      n.missing?.length ? el('span', { class: 'hint' }, ` · missing: ${n.missing.join(', ')}`) : null);
    for (const radio of document.querySelectorAll('#news2-scale input[name="scale"]')) radio.checked = Number(radio.value) === n.scale;
  } catch (e) {
    score.textContent = `NEWS2 unavailable: ${e.message}`;
  }
}

document.getElementById('news2-scale').addEventListener('submit', async (event) => {
  event.preventDefault();
  const chosen = new FormData(event.target).get('scale');
  if (!chosen) return announce(message, 'Choose scale 1 or 2.', true);
  try {
    await api('PUT', `${base}/news2-scale`, { scale: Number(chosen) });
    announce(message, `SpO₂ scale ${chosen} saved.`);
    loadNews2();
    load(); // scale 2 changes the spo2-low limit: the limits and their bands follow
  } catch (e) {
    announce(message, `Could not save the scale: ${e.message}`, true);
  }
});

/** The latest implant interrogation summary, if the patient has one. */
async function loadImplant() {
  const [latest] = await get(`${base}/implant-reports?limit=1`);
  if (!latest) return;
  const r = latest.report;
  const b = r.battery ?? {};
  const fmt = (v, unit) => (v == null ? '—' : `${v} ${unit}`.trim());
  const battery = [b.status ?? (b.eri ? 'eri' : '—'), b.voltage != null ? fmt(b.voltage, 'V') : null,
    b.remainingMonths != null ? `${b.remainingMonths} months left` : null].filter(Boolean).join(', ');
  const facts = [['Device', [r.device.kind, r.device.manufacturer, r.device.model].filter(Boolean).join(' · ')],
    ['Serial', r.device.serial], ['Interrogated', formatTime(r.interrogatedAt)],
    ['Battery', `${battery}${b.eri || b.status === 'eri' || b.status === 'eol' ? ' — at elective replacement indicator' : ''}`],
    ['Shocks delivered', String(r.therapies?.shocks ?? 0)], ['ATP delivered', String(r.therapies?.atp ?? 0)],
    ['AF burden', r.afBurdenPercent == null ? '—' : `${r.afBurdenPercent} %`]];
  document.getElementById('implant-facts').replaceChildren(...facts.map(([k, v]) =>
    el('div', { 'data-fact': k }, el('dt', {}, k), el('dd', {}, v))));
  document.getElementById('implant-leads').replaceChildren(...(r.leads ?? []).map((l) => el('tr', {},
    el('th', { scope: 'row' }, l.chamber ?? '—'), el('td', { class: 'impedance' }, fmt(l.impedance, 'Ω')),
    el('td', {}, fmt(l.captureThreshold, 'V')), el('td', {}, fmt(l.sensing, 'mV')))));
  const episodes = r.episodes ?? [];
  document.getElementById('implant-episodes').replaceChildren(...(episodes.length ? episodes.map((e) => el('li', {},
    `${e.type ?? 'episode'} at ${formatTime(e.start)}`, e.durationSeconds != null ? `, ${e.durationSeconds} s` : '',
    e.therapy ? `, therapy: ${e.therapy}` : '')) : [el('li', { class: 'empty' }, 'No episodes reported.')]));
  document.getElementById('implant').hidden = false;
}

async function loadGlucose() {
  const since = new Date(Date.now() - 14 * 86400 * 1000).toISOString();
  const data = await get(`${base}/series?from=${since}&types=cgm-glucose&points=20000`);
  const cgm = data.series.find((s) => s.type === 'cgm-glucose');
  if (!cgm || cgm.t.length < 12) return;
  document.getElementById('glucose').hidden = false;
  const summary = await get(`${base}/glucose-summary`);
  const parts = [['timeVeryLow', '< 54', 'very-low'], ['timeLow', '54–69', 'low'], ['timeInRange', '70–180', 'in-range'],
    ['timeHigh', '181–250', 'high'], ['timeVeryHigh', '> 250', 'very-high']];
  const tir = document.getElementById('tir');
  tir.replaceChildren(...parts.map(([key, range, css]) => {
    const pct = summary[key] ?? 0;
    return el('div', { class: `tir-part ${css}`, style: null, 'data-percent': pct.toFixed(0) },
      el('span', {}, `${range}: ${pct.toFixed(0)} %`));
  }));
  tir.setAttribute('aria-label', parts.map(([key, range]) => `${range} mg/dL ${(summary[key] ?? 0).toFixed(0)} %`).join(', '));
  for (const part of tir.children) part.style.flexGrow = Math.max(Number(part.dataset.percent), 0.5);
  const metrics = document.getElementById('glucose-metrics');
  const fmt = (v, d = 0) => (v == null ? '—' : Number(v).toFixed(d));
  metrics.replaceChildren(...[['Mean glucose', `${fmt(summary.meanGlucose)} mg/dL`], ['GMI', `${fmt(summary.gmi, 1)} %`],
    ['CV', `${fmt(summary.cv, 1)} %`], ['Sensor active', `${fmt(summary.sensorActivePercent)} %`], ['Days worn', fmt(summary.daysWorn)]]
    .map(([k, v]) => el('div', {}, el('dt', {}, k), el('dd', {}, v))));
  drawAgp(cgm);
}

/** Percentiles of sensor glucose per 15 minutes of the day, drawn as bands around the median. */
function drawAgp(cgm) {
  const bins = Array.from({ length: 96 }, () => []);
  for (let i = 0; i < cgm.t.length; i++) {
    const d = new Date(cgm.t[i] * 1000);
    bins[Math.floor((d.getHours() * 60 + d.getMinutes()) / 15)].push(cgm.v[i]);
  }
  const q = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * (sorted.length - 1) + 0.5))] : null);
  const xs = [];
  const pct = [[], [], [], [], []];
  bins.forEach((bin, i) => {
    xs.push(i * 900);
    const sorted = bin.sort((a, b) => a - b);
    [0.05, 0.25, 0.5, 0.75, 0.95].forEach((p, k) => pct[k].push(q(sorted, p)));
  });
  const box = document.getElementById('agp');
  box.replaceChildren();
  const fill = (i) => ({ stroke: 'transparent', label: ['5 %', '25 %', 'Median', '75 %', '95 %'][i], width: i === 2 ? 2 : 0 });
  const series = [{}, fill(0), fill(1), { ...fill(2), stroke: '#1f3a5f' }, fill(3), fill(4)];
  const plot = new uPlot({
    width: plotWidth(box), height: 220,
    scales: { x: { time: false, range: [0, 86400] }, y: { range: [40, 300] } },
    axes: [{ values: (u, vals) => vals.map((v) => `${String(Math.floor(v / 3600)).padStart(2, '0')}:00`), incrs: [10800] }, { size: 45 }],
    series,
    bands: [{ series: [5, 1], fill: 'rgba(31, 58, 95, 0.15)' }, { series: [4, 2], fill: 'rgba(31, 58, 95, 0.35)' }],
    plugins: [overlays([{ threshold: 70, direction: 'low' }, { threshold: 180, direction: 'high' }], [])],
  }, [xs, ...pct], box);
  box.setAttribute('aria-label', 'Ambulatory glucose profile chart');
  plots.push(plot);
}

document.getElementById('note-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const text = document.getElementById('note-text');
  try {
    const note = await api('POST', `${base}/notes`, { text: text.value });
    document.getElementById('notes').prepend(el('li', {},
      el('p', { class: 'note-meta' }, el('strong', {}, note.author), ' · ', timeElement(note.writtenAt)),
      el('p', { class: 'note-text' }, note.text)));
    document.getElementById('no-notes').hidden = true;
    text.value = '';
    announce(message, 'Note added.');
  } catch (e) {
    announce(message, `Could not add the note: ${e.message}`, true);
  }
});

async function loadMonitoring() {
  try {
    const month = await get(`${base}/monitoring-time`);
    document.getElementById('monitoring-total').textContent = `${Math.floor(month.totalSeconds / 60)} min in ${month.month}.`;
  } catch (e) {
    document.getElementById('monitoring-total').textContent = '';
  }
}

document.getElementById('manual-time').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  try {
    await api('POST', `${base}/monitoring-time`, { minutes: Number(form.get('minutes')), note: form.get('note') });
    event.target.reset();
    announce(message, 'Time added.');
    loadMonitoring();
  } catch (e) {
    announce(message, `Could not add the time: ${e.message}`, true);
  }
});

setInterval(() => {
  if (document.visibilityState === 'visible') {
    api('POST', `${base}/monitoring-time`, { seconds: HEARTBEAT_SECONDS }).then(loadMonitoring).catch(() => {});
  }
}, HEARTBEAT_SECONDS * 1000);

for (const t of document.querySelectorAll('main time[datetime]')) t.textContent = formatTime(t.getAttribute('datetime'));
pressed('[data-window]', 'window', windowName);
load();
loadNews2();
loadMonitoring();
loadGlucose().catch((e) => announce(message, `Could not load the glucose report: ${e.message}`, true));
loadImplant().catch((e) => announce(message, `Could not load the implant summary: ${e.message}`, true));
