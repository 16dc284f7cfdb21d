// The ECG page: a live scrolling strip (event stream of frames and beats) and a reviewable past window with
// the detected beats marked, both drawn on a canvas on ECG paper (25 mm/s, 10 mm/mV). Not for clinical use.
const main = document.getElementById('ecg');
const patient = main.dataset.patient;
const signal = main.dataset.signal;
const api = `/api/v1/patients/${encodeURIComponent(patient)}/waveforms/${encodeURIComponent(signal)}`;
const SECONDS = 10;
const status = document.getElementById('ecg-status');

/** Draws ECG paper and a trace. points: [{t: seconds from left, mv}], beats: [seconds from left]. */
function draw(canvas, seconds, points, beats, gaps) {
  const g = canvas.getContext('2d');
  const w = canvas.width;
  const h = canvas.height;
  const pxPerSecond = w / seconds;
  const pxPerMv = pxPerSecond / 2.5; // 25 mm/s and 10 mm/mV: 1 mV is as tall as 0.4 s is wide
  g.clearRect(0, 0, w, h);
  for (let x = 0, i = 0; x <= w; x += pxPerSecond / 25, i++) {
    g.strokeStyle = i % 5 === 0 ? '#f0b8b8' : '#fbe3e3';
    g.beginPath(); g.moveTo(x, 0); g.lineTo(x, h); g.stroke();
  }
  for (let y = h / 2 % (pxPerMv / 10), i = 0; y <= h; y += pxPerMv / 10, i++) {
    g.strokeStyle = '#fbe3e3';
    g.beginPath(); g.moveTo(0, y); g.lineTo(w, y); g.stroke();
  }
  g.fillStyle = 'rgba(120,120,120,.15)';
  for (const [a, b] of gaps || []) {
    g.fillRect(a * pxPerSecond, 0, (b - a) * pxPerSecond, h);
  }
  g.strokeStyle = '#111';
  g.lineWidth = 1.2;
  g.beginPath();
  let last = -Infinity;
  for (const p of points) {
    const x = p.t * pxPerSecond;
    const y = h / 2 - p.mv * pxPerMv;
    if (p.t - last > 0.05) g.moveTo(x, y); else g.lineTo(x, y);
    last = p.t;
  }
  g.stroke();
  g.fillStyle = '#0a58ca';
  g.font = '11px sans-serif';
  for (const b of beats) {
    const x = b.t * pxPerSecond;
    g.beginPath(); g.moveTo(x - 4, 6); g.lineTo(x + 4, 6); g.lineTo(x, 14); g.fill();
    if (b.rate) g.fillText(Math.round(b.rate), x + 5, 14);
  }
}

function millivolts(segment) {
  return (sample) => (sample - segment.baseline) / segment.gain / (segment.unit === 'uV' ? 1000 : 1);
}

// --- live ---------------------------------------------------------------------------------------------
const live = { samples: [], beats: [] }; // {time: ms, mv}
const liveCanvas = document.getElementById('live-strip');

function trimLive(now) {
  const from = now - SECONDS * 1000;
  while (live.samples.length && live.samples[0].time < from) live.samples.shift();
  while (live.beats.length && live.beats[0].time < from) live.beats.shift();
}

function redrawLive() {
  const newest = live.samples.length ? live.samples[live.samples.length - 1].time : Date.now();
  trimLive(newest);
  const left = newest - SECONDS * 1000;
  draw(liveCanvas, SECONDS, live.samples.map((s) => ({ t: (s.time - left) / 1000, mv: s.mv })),
    live.beats.map((b) => ({ t: (b.time - left) / 1000, rate: b.rate })));
  requestAnimationFrame(redrawLive);
}

function connect() {
  const events = new EventSource(`${api}/live`);
  events.addEventListener('open', () => { status.dataset.state = 'live'; status.textContent = 'Live'; });
  events.addEventListener('error', () => { status.dataset.state = 'offline'; status.textContent = 'Reconnecting…'; });
  events.addEventListener('samples', (e) => {
    const frame = JSON.parse(e.data);
    const start = Date.parse(frame.start);
    const toMv = millivolts(frame);
    frame.samples.forEach((s, i) => live.samples.push({ time: start + i * 1000 / frame.sampleRate, mv: frame.leadsOff ? NaN : toMv(s) }));
  });
  events.addEventListener('beat', (e) => {
    const beat = JSON.parse(e.data);
    live.beats.push({ time: Date.parse(beat.time), rate: beat.heartRate });
    if (beat.heartRate) document.getElementById('live-rate').textContent = `${Math.round(beat.heartRate)} /min`;
  });
}

// --- review -------------------------------------------------------------------------------------------
const form = document.getElementById('review-form');
const fromInput = document.getElementById('review-from');
const secondsInput = document.getElementById('review-seconds');
const summary = document.getElementById('review-summary');

function localInput(date) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

async function review() {
  const from = new Date(fromInput.value);
  const seconds = Math.max(1, Math.min(300, Number(secondsInput.value) || 10));
  const to = new Date(from.getTime() + seconds * 1000);
  const answer = await fetch(`${api}?from=${from.toISOString()}&to=${to.toISOString()}`, { headers: { Accept: 'application/json' } });
  if (!answer.ok) { summary.textContent = `Could not load the window (${answer.status}).`; return; }
  const window = await answer.json();
  const points = [];
  const gaps = [];
  let covered = from.getTime();
  for (const segment of window.segments) {
    const start = Date.parse(segment.start);
    if (start - covered > 50) gaps.push([(covered - from) / 1000, (start - from) / 1000]);
    const toMv = millivolts(segment);
    segment.samples.forEach((s, i) => points.push({ t: (start + i * 1000 / segment.sampleRate - from) / 1000, mv: segment.leadsOff ? NaN : toMv(s) }));
    covered = start + segment.samples.length * 1000 / segment.sampleRate;
  }
  if (to - covered > 50) gaps.push([(covered - from) / 1000, seconds]);
  const beats = window.beats.map((b) => ({ t: (Date.parse(b.time) - from) / 1000, rate: b.heartRate }));
  draw(document.getElementById('review-strip'), seconds, points, beats, gaps);
  summary.textContent = `${beats.length} beats in ${seconds} s; ${window.discontinuities.length} break(s) in the device's stream`
    + (points.length ? '' : '; no signal stored in this window');
}

form.addEventListener('submit', (e) => { e.preventDefault(); review(); });
for (const [id, sign] of [['review-earlier', -1], ['review-later', 1]]) {
  document.getElementById(id).addEventListener('click', () => {
    const seconds = Number(secondsInput.value) || 10;
    fromInput.value = localInput(new Date(new Date(fromInput.value).getTime() + sign * seconds * 1000));
    review();
  });
}

fromInput.value = localInput(new Date(Date.now() - 60 * 1000));
connect();
requestAnimationFrame(redrawLive);
review();
