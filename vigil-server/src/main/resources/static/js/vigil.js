// What every screen's module needs: building elements, calling the REST APIs with the session's CSRF token, and
// showing times. Errors from the APIs are problem+json with a stable code; callers show the detail.

const csrfToken = document.querySelector('meta[name="csrf-token"]')?.content;
const csrfHeader = document.querySelector('meta[name="csrf-header"]')?.content;

export function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== null && value !== undefined && value !== false) element.setAttribute(name, value === true ? '' : value);
  }
  element.append(...children.filter((child) => child !== null && child !== undefined && child !== false));
  return element;
}

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail ?? `Request failed (${status})`);
    this.status = status;
    this.code = problem?.code;
  }
}

/** Calls the API; resolves to the parsed JSON (null for no content), rejects with an ApiError. */
export async function api(method, url, body) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken && csrfHeader) headers[csrfHeader] = csrfToken;
  const response = await fetch(url, {
    method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) throw new ApiError(response.status, json);
  return json;
}

export const get = (url) => api('GET', url);

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
export const formatTime = (iso) => (iso ? timeFormat.format(new Date(iso)) : '—');

export function timeElement(iso) {
  return iso ? el('time', { datetime: iso }, formatTime(iso)) : document.createTextNode('—');
}

/** A message in the page's live region (screen readers announce it). */
export function announce(region, text, isError = false) {
  region.textContent = text;
  region.classList.toggle('error', isError);
  region.hidden = !text;
}

export function patientName(p) {
  if (!p) return 'Unknown patient';
  const name = [p.name?.given, p.name?.family].filter(Boolean).join(' ');
  return name || p.mrn;
}

/** Shows the state of the page's live connection in its status element (data-state: live, reconnecting, offline). */
export function liveStatus(status, state, text) {
  if (!status) return;
  status.hidden = false;
  if (status.dataset.state !== state || status.textContent !== text) {
    status.dataset.state = state;
    status.textContent = text;
  }
}

/**
 * Follows a server-sent event stream — the one place every live screen opens its streams. `handlers` maps event
 * names to functions of the parsed JSON data (or of the raw event, with `raw: true`). The page's status element
 * says Live / Reconnecting… / Offline. When the stream is refused before it ever opened (no such stream, too many
 * streams) `onRefused` is called, if given (a page falls back to asking now and then); otherwise the page retries
 * every 5 s — back to the login page once the session has ended. `onOpen` runs on every (re)connect, so a page can
 * fetch what it may have missed. Returns { close }.
 */
export function liveStream(url, handlers, { onOpen, onRefused, raw = false, status = document.getElementById('live-status') } = {}) {
  let source = null;
  let opened = false;
  let closed = false;
  const connect = () => {
    source = new EventSource(url);
    source.addEventListener('open', () => {
      opened = true;
      liveStatus(status, 'live', 'Live');
      onOpen?.();
    });
    for (const [name, handle] of Object.entries(handlers)) {
      source.addEventListener(name, (event) => handle(raw ? event : JSON.parse(event.data)));
    }
    source.addEventListener('error', () => {
      if (closed) return;
      if (source.readyState === EventSource.CONNECTING) {
        liveStatus(status, 'reconnecting', 'Reconnecting…');
      } else if (!opened && onRefused) {
        source.close();
        onRefused();
      } else {
        // The server refused the stream (logged out, too many streams) or is down: EventSource gives up.
        liveStatus(status, 'offline', 'Offline — values are not updating. Retrying…');
        setTimeout(retry, 5000);
      }
    });
  };
  const retry = async () => {
    if (closed) return;
    try {
      const page = await fetch(window.location.href, { redirect: 'manual', headers: { Accept: 'text/html' } });
      if (page.type === 'opaqueredirect') {
        window.location.assign('/login');
        return;
      }
    } catch {
      // Server unreachable: try again; the page keeps what it has meanwhile.
    }
    connect();
  };
  connect();
  return { close: () => { closed = true; source?.close(); } };
}

/** UCUM units as people read them; the APIs keep UCUM. */
const UNIT_NAMES = {
  '/min': '/min', '{beats}/min': 'beats/min', '{breaths}/min': 'breaths/min', 'mm[Hg]': 'mmHg', Cel: '°C',
  '[degF]': '°F', '%': '%', 'kg': 'kg', 'g': 'g', '[lb_av]': 'lb', 'mg/dL': 'mg/dL', 'mmol/L': 'mmol/L', 'L/min': 'L/min',
  L: 'L', 'L/s': 'L/s', 'cm': 'cm', 'm': 'm', 'ms': 'ms', 's': 's', 'mV': 'mV', 'Ohm': 'Ω', V: 'V', '{INR}': 'INR',
  '{score}': 'points', '1': '', '{ratio}': '', 'kg/m2': 'kg/m²', 'cm[H2O]': 'cmH₂O', 'kPa': 'kPa',
};

export function unitName(ucum) {
  if (ucum === null || ucum === undefined) return '';
  return Object.hasOwn(UNIT_NAMES, ucum) ? UNIT_NAMES[ucum] : ucum.replace(/[{}]/g, '');
}
