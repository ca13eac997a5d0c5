// Talking to the service: JSON in, JSON or RFC 9457 problems out. Every problem becomes a
// ProblemError carrying the server's own detail and field, which the page shows as text.

const TOKEN_KEY = 'rnn-admin-token';

export class ProblemError extends Error {
  constructor(status, problem) {
    super(problem.detail || `the server answered ${status}`);
    this.status = status;
    this.detail = this.message;
    this.field = typeof problem.field === 'string' ? problem.field : null;
  }
}

/** fetch with the admin token when one is entered; resolves to the parsed body (null when empty). */
export async function call(path, { method = 'GET', json, body, admin = false, signal } = {}) {
  const headers = { Accept: 'application/json, application/problem+json' };
  if (json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(json);
  }
  if (admin && adminToken()) {
    headers.Authorization = `Bearer ${adminToken()}`;
  }
  let response;
  try {
    response = await fetch(path, { method, headers, body, signal });
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new ProblemError(0, { detail: 'the service could not be reached' });
  }
  const data = parsed(await response.text());
  if (!response.ok) {
    throw new ProblemError(response.status, data && typeof data === 'object' ? data : {});
  }
  return data;
}

/**
 * POSTs json asking for server-sent events and hands each event to onEvent(name, data) as it
 * arrives (data parsed when it is JSON). fetch, not EventSource: EventSource cannot POST. A
 * refusal before the stream opens is a ProblemError, as from call(); so is anything onEvent throws.
 */
export async function streamEvents(path, { json, signal, onEvent }) {
  let response;
  try {
    response = await fetch(path, {
      method: 'POST',
      headers: { Accept: 'text/event-stream', 'Content-Type': 'application/json' },
      body: JSON.stringify(json),
      signal,
    });
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new ProblemError(0, { detail: 'the service could not be reached' });
  }
  if (!response.ok) {
    const data = parsed(await response.text());
    throw new ProblemError(response.status, data && typeof data === 'object' ? data : {});
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      // an event ends at a blank line; a chunk may hold several events or part of one
      buffer = (buffer + value).replace(/\r\n/g, '\n');
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const event = parseEvent(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
        if (event) onEvent(event.name, event.data);
      }
    }
  } finally {
    reader.cancel().catch(() => {});
  }
}

/** One event's lines (event:, data:, comments) as {name, data}; null for a comment alone. */
function parseEvent(block) {
  let name = 'message';
  const data = [];
  for (const line of block.split('\n')) {
    if (!line || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') name = value;
    if (field === 'data') data.push(value);
  }
  if (data.length === 0) return null;
  const text = data.join('\n');
  const json = parsed(text);
  return { name, data: json ?? text };
}

function parsed(text) {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

// session storage only: the token leaves with the tab and is never written to disk or a cookie
export function adminToken() {
  return sessionStorage.getItem(TOKEN_KEY) || '';
}

export function setAdminToken(token) {
  if (token) {
    sessionStorage.setItem(TOKEN_KEY, token);
  } else {
    sessionStorage.removeItem(TOKEN_KEY);
  }
  document.dispatchEvent(new CustomEvent('admin-token'));
}

export function percent(probability) {
  return `${(probability * 100).toFixed(1)}%`;
}
