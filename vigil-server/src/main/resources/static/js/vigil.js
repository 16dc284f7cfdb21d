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
