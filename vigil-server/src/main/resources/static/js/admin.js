// Administration screens (devices, patients, users and care teams, dead letters), all through the REST APIs an
// administrator may call. A new device's secret is shown once, here, and never again.
import { announce, api, el, get, patientName, timeElement } from './vigil.js';

const screen = document.getElementById('admin').dataset.screen;
const message = document.getElementById('admin-message');
const fail = (what) => (e) => announce(message, `${what}: ${e.message}`, true);
const localInput = (date) => new Date(date.getTime() - date.getTimezoneOffset() * 60000).toISOString().slice(0, 16);
const fromLocal = (value) => (value ? new Date(value).toISOString() : undefined);
const list = (value) => String(value ?? '').split(',').map((s) => s.trim()).filter(Boolean);

async function devices() {
  const [all, seen, patients] = await Promise.all([get('/api/v1/devices'), get('/api/v1/device-activity'), get('/api/v1/patients')]);
  const byId = new Map(patients.map((p) => [p.id, p]));
  const histories = await Promise.all(all.map((d) => get(`/api/v1/devices/${encodeURIComponent(d.id)}/assignments`)));
  const now = Date.now();
  document.getElementById('device-rows').replaceChildren(...all.map((d, i) => {
    const current = histories[i].find((a) => Date.parse(a.start) <= now && (!a.end || Date.parse(a.end) > now));
    const actions = el('td', { class: 'actions' });
    if (current) {
      actions.append(el('button', { type: 'button', class: 'secondary', 'data-unassign': current.id, 'data-device': d.id,
        'aria-label': `Unassign ${d.id}` }, 'Unassign'));
    }
    if (d.status !== 'revoked') {
      actions.append(el('button', { type: 'button', class: 'danger', 'data-revoke': d.id, 'aria-label': `Revoke ${d.id}` }, 'Revoke'));
    }
    return el('tr', { 'data-device': d.id },
      el('th', { scope: 'row', class: 'device' }, d.id), el('td', {}, d.type), el('td', {}, d.status),
      el('td', {}, timeElement(seen[d.id])), el('td', {}, 'not reported'),
      el('td', {}, current ? el('span', {}, patientName(byId.get(current.patient)), ' since ', timeElement(current.start)) : '—'),
      actions);
  }));
  document.getElementById('assign-device-id').replaceChildren(...all.filter((d) => d.status !== 'revoked')
    .map((d) => el('option', { value: d.id }, d.id)));
  document.getElementById('assign-patient').replaceChildren(...patients.map((p) => el('option', { value: p.id },
    `${patientName(p)} (${p.mrn}${p.unit ? `, ${p.unit}` : ''}${p.bed ? ` bed ${p.bed}` : ''})`)));
}

function deviceScreen() {
  const start = document.getElementById('assign-start');
  start.value = localInput(new Date());
  document.getElementById('register-device').addEventListener('submit', async (event) => {
    event.preventDefault();
    const f = Object.fromEntries(new FormData(event.target));
    try {
      const registered = await api('POST', '/api/v1/devices', f);
      const box = document.getElementById('secret-once');
      box.replaceChildren(el('p', {}, `Device ${registered.id} registered. Its secret is shown only now — copy it into the device:`),
        el('code', { id: 'device-secret' }, registered.secret));
      box.hidden = false;
      event.target.reset();
      await devices();
    } catch (e) {
      fail('Could not register the device')(e);
    }
  });
  document.getElementById('assign-device').addEventListener('submit', async (event) => {
    event.preventDefault();
    const f = Object.fromEntries(new FormData(event.target));
    try {
      await api('POST', `/api/v1/devices/${encodeURIComponent(f.device)}/assignments`,
        { patient: f.patient, start: fromLocal(f.start), end: fromLocal(f.end) });
      announce(message, `Device ${f.device} assigned.`);
      await devices();
    } catch (e) {
      fail('Could not assign the device')(e);
    }
  });
  document.getElementById('device-rows').addEventListener('click', async (event) => {
    const button = event.target.closest('button');
    if (!button) return;
    try {
      if (button.dataset.unassign) {
        await api('PATCH', `/api/v1/devices/${encodeURIComponent(button.dataset.device)}/assignments/${encodeURIComponent(button.dataset.unassign)}`,
          { end: new Date().toISOString() });
        announce(message, `Device ${button.dataset.device} unassigned.`);
      } else if (button.dataset.revoke && window.confirm(`Revoke ${button.dataset.revoke}? It will be refused from now on.`)) {
        await api('DELETE', `/api/v1/devices/${encodeURIComponent(button.dataset.revoke)}/secret`);
        announce(message, `Device ${button.dataset.revoke} revoked.`);
      }
      await devices();
    } catch (e) {
      fail('Could not change the device')(e);
    }
  });
  devices().catch(fail('Could not load devices'));
}

async function patients() {
  const [all, discharged] = await Promise.all([get('/api/v1/patients'), get('/api/v1/discharged-patients')]);
  const gone = new Set(discharged);
  document.getElementById('patient-rows').replaceChildren(...all.map((p) => el('tr', { 'data-patient': p.id },
    el('td', {}, p.mrn), el('th', { scope: 'row' }, patientName(p)), el('td', {}, p.birthDate ?? '—'),
    el('td', {}, p.unit ?? '—'), el('td', {}, p.bed ?? '—'), el('td', { class: 'status' }, gone.has(p.id) ? 'discharged' : 'admitted'),
    el('td', { class: 'actions' }, gone.has(p.id) ? null : el('button', { type: 'button', class: 'secondary',
      'data-discharge': p.id, 'aria-label': `Discharge ${patientName(p)}` }, 'Discharge')))));
  document.getElementById('m-patient').replaceChildren(...all.map((p) => el('option', { value: p.id },
    `${patientName(p)} (${p.mrn})`)));
}

function patientScreen() {
  document.getElementById('admit-patient').addEventListener('submit', async (event) => {
    event.preventDefault();
    const f = Object.fromEntries(new FormData(event.target));
    try {
      await api('POST', '/api/v1/patients', { mrn: f.mrn, name: { given: f.given, family: f.family },
        birthDate: f.birthDate || undefined, sex: f.sex || undefined, unit: f.unit, bed: f.bed || undefined });
      announce(message, `Patient ${f.mrn} admitted to ${f.unit}.`);
      event.target.reset();
      await patients();
    } catch (e) {
      fail('Could not admit the patient')(e);
    }
  });
  document.getElementById('move-patient').addEventListener('submit', async (event) => {
    event.preventDefault();
    const f = Object.fromEntries(new FormData(event.target));
    try {
      await api('POST', `/api/v1/patients/${encodeURIComponent(f.patient)}/admission`, { unit: f.unit, bed: f.bed || undefined });
      announce(message, `Patient admitted to ${f.unit}${f.bed ? `, bed ${f.bed}` : ''}.`);
      await patients();
    } catch (e) {
      fail('Could not move the patient')(e);
    }
  });
  document.getElementById('patient-rows').addEventListener('click', async (event) => {
    const button = event.target.closest('button[data-discharge]');
    if (!button || !window.confirm(`${button.getAttribute('aria-label')}? Their devices are unassigned.`)) return;
    try {
      await api('POST', `/api/v1/patients/${encodeURIComponent(button.dataset.discharge)}/discharge`);
      announce(message, 'Patient discharged.');
      await patients();
    } catch (e) {
      fail('Could not discharge the patient')(e);
    }
  });
  patients().catch(fail('Could not load patients'));
}

async function users() {
  const [all, teams] = await Promise.all([get('/api/v1/users'), get('/api/v1/care-teams')]);
  document.getElementById('user-rows').replaceChildren(...all.map((u) => el('tr', {},
    el('th', { scope: 'row' }, u.username), el('td', {}, u.displayName ?? ''), el('td', {}, u.roles.join(', ')),
    el('td', {}, (u.careTeams ?? []).join(', ')), el('td', {}, u.enabled ? 'yes' : 'no'))));
  document.getElementById('team-rows').replaceChildren(...teams.map((t) => el('tr', {},
    el('th', { scope: 'row' }, `${t.name} (${t.id})`), el('td', {}, [...t.units].join(', ')), el('td', {}, [...t.members].join(', ')))));
}

function userScreen() {
  document.getElementById('add-user').addEventListener('submit', async (event) => {
    event.preventDefault();
    const form = new FormData(event.target);
    try {
      await api('POST', '/api/v1/users', { username: form.get('username'), displayName: form.get('displayName') || undefined,
        password: form.get('password'), roles: form.getAll('roles') });
      announce(message, `User ${form.get('username')} added.`);
      event.target.reset();
      await users();
    } catch (e) {
      fail('Could not add the user')(e);
    }
  });
  document.getElementById('add-team').addEventListener('submit', async (event) => {
    event.preventDefault();
    const f = Object.fromEntries(new FormData(event.target));
    try {
      await api('POST', '/api/v1/care-teams', { id: f.id, name: f.name, units: list(f.units), members: list(f.members) });
      announce(message, `Care team ${f.name} added.`);
      event.target.reset();
      await users();
    } catch (e) {
      fail('Could not add the care team')(e);
    }
  });
  users().catch(fail('Could not load users'));
}

async function deadLetters() {
  const letters = await get('/api/v1/dead-letters?limit=200');
  document.getElementById('letter-rows').replaceChildren(...letters.map((d) => el('tr', {},
    el('td', {}, timeElement(d.receivedAt)), el('td', { class: 'device' }, d.device ?? '—'), el('td', {}, d.transport),
    el('td', {}, d.code), el('td', {}, d.reason), el('td', {}, d.field ?? ''),
    el('td', {}, el('code', { class: 'payload', title: d.payloadEncoding }, (d.payload ?? '').slice(0, 120))))));
}

({ devices: deviceScreen, patients: patientScreen, users: userScreen, 'dead-letters': () => deadLetters().catch(fail('Could not load dead letters')) })[screen]();
