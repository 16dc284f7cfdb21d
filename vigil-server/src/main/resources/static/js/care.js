// The caregiver view, phone first: for each person shared with the caregiver, the newest value of each
// measurement, small 7-day trends and their open alerts. Read-only; refreshed every 30 s, and a person's card at once
// when one of their alerts changes (the alert event stream).
import { el, formatTime, get, liveStream } from './vigil.js';

const NAMES = {
  'heart-rate': 'Heart rate', 'respiratory-rate': 'Breathing rate', spo2: 'Oxygen (SpO₂)', 'blood-pressure': 'Blood pressure',
  'body-temperature': 'Temperature', 'body-weight': 'Weight', 'blood-glucose': 'Blood glucose', 'cgm-glucose': 'Sensor glucose',
  'systolic-bp': 'Systolic pressure', 'diastolic-bp': 'Diastolic pressure',
};
const name = (type) => NAMES[type] ?? type;
const TREND_TYPES = ['body-weight', 'cgm-glucose', 'blood-glucose', 'systolic-bp', 'spo2', 'heart-rate'];
const REFRESH_MS = 30_000;

function shown(v) {
  if (v.components) {
    const c = v.components;
    return c['systolic-bp'] != null ? `${c['systolic-bp']}/${c['diastolic-bp']}` : Object.values(c).join('/');
  }
  return typeof v.value === 'number' ? String(Math.round(v.value * 10) / 10) : String(v.value);
}

const plots = [];
const width = (figure) => Math.max(240, figure.clientWidth - 2);
new ResizeObserver(() => plots.forEach((p) => p.setSize({ width: width(p.root.parentElement), height: p.height })))
  .observe(document.getElementById('care'));

async function person(card) {
  const id = encodeURIComponent(card.dataset.patient);
  const since = new Date(Date.now() - 7 * 86400 * 1000).toISOString();
  const [latest, alerts, series] = await Promise.all([get(`/api/v1/patients/${id}/latest`),
    get(`/api/v1/alerts?patient=${id}`), get(`/api/v1/patients/${id}/series?from=${since}&points=300`)]);
  card.querySelector('.latest').replaceChildren(...(latest.length ? latest.map((v) => el('div', { 'data-type': v.type },
    el('dt', {}, name(v.type)),
    el('dd', {}, el('span', { class: 'value' }, shown(v)), ' ', el('span', { class: 'unit' }, v.unit ?? ''),
      el('span', { class: 'hint' }, ` ${formatTime(v.time)}`))))
    : [el('p', { class: 'empty' }, 'No readings yet.')]));
  const open = alerts.filter((a) => a.state !== 'resolved');
  card.querySelector('.alert-list').replaceChildren(...open.map((a) => el('li', { class: `alert priority-${a.priority}` },
    el('span', { class: 'badge' }, a.priority), ` ${name(a.measurement)}: ${a.lastValue} (${formatTime(a.raisedAt)})`)));
  card.querySelector('.no-alerts').hidden = open.length > 0;
  const box = card.querySelector('.trends');
  for (const old of box.querySelectorAll('figure')) {
    const at = plots.findIndex((p) => p.root.parentElement === old);
    if (at >= 0) plots.splice(at, 1)[0].destroy();
  }
  box.replaceChildren();
  const trends = series.series.filter((s) => TREND_TYPES.includes(s.type)).slice(0, 3);
  for (const s of trends) {
    const figure = el('figure', { class: 'trend small', 'aria-label': `${name(s.type)} over 7 days` }, el('figcaption', {}, `${name(s.type)} (${s.unit})`));
    box.append(figure);
    const low = Math.min(...s.v);
    const high = Math.max(...s.v);
    const pad = Math.max(1, (high - low) * 0.1);
    plots.push(new uPlot({ width: width(figure), height: 120, legend: { show: false },
      scales: { x: { time: true, range: [Date.parse(series.from) / 1000, Date.parse(series.to) / 1000] },
        y: { range: [low - pad, high + pad] } },
      axes: [{}, { size: 45 }],
      series: [{}, { stroke: '#1f3a5f', width: 1.5, points: { show: s.t.length < 60 } }] }, [s.t, s.v], figure));
  }
  if (!trends.length) box.append(el('p', { class: 'empty' }, 'No trend in the last 7 days.'));
}

const show = (card) => person(card).catch(() => {
  card.querySelector('.latest').replaceChildren(el('p', { class: 'error' }, 'Could not load the readings.'));
});

async function refresh() {
  await Promise.all([...document.querySelectorAll('.person')].map(show));
}

refresh();
setInterval(refresh, REFRESH_MS);
if (document.querySelector('.person')) {
  liveStream('/api/v1/alerts/stream', {
    alert: (change) => {
      const card = [...document.querySelectorAll('.person')].find((c) => c.dataset.patient === change.alert.patient);
      if (card) show(card);
    },
  }, { onRefused: () => {} }); // without the stream, the 30 s refresh stays
}
