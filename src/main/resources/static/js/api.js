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
  const text = await response.text();
  let data = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!response.ok) {
    throw new ProblemError(response.status, data && typeof data === 'object' ? data : {});
  }
  return data;
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
