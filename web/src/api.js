// The HTTP API of `cronaca serve` (docs/API.md) seen from the browser.
//
//   const stories = await api('/stories', { q: 'Putin', limit: 50 });
//   stories.items.forEach(...)
//
// Empty parameters are dropped; a 4xx/5xx answer becomes an ApiError with the
// server's {"error": {code, message}} when it sent one.

export class ApiError extends Error {
  /**
   * @param {number} status
   * @param {string} code
   * @param {string} message
   */
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/**
 * GET /api{path}?{params}.
 * @param {string} path e.g. "/stories" or `/documents/${encodeURIComponent(id)}`
 * @param {Record<string, any>} [params]
 * @returns {Promise<any>}
 */
export async function api(path, params = {}) {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue;
    query.set(k, String(v));
  }
  const qs = query.toString();
  const response = await fetch(`/api${path}${qs ? `?${qs}` : ''}`, { headers: { Accept: 'application/json' } });
  let body = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (!response.ok) {
    const err = body?.error ?? {};
    throw new ApiError(response.status, err.code ?? 'http_error', err.message ?? `${response.status} ${response.statusText}`);
  }
  return body;
}

/**
 * Every item of a list endpoint, following offsets up to `max` items.
 * @param {string} path
 * @param {Record<string, any>} params
 * @param {number} [max]
 * @returns {Promise<{items: any[], total: number}>}
 */
export async function apiAll(path, params, max = 2000) {
  const limit = 500;
  const items = [];
  let total = 0;
  for (let offset = 0; offset < max; offset += limit) {
    const page = await api(path, { ...params, limit, offset });
    const pageItems = Array.isArray(page) ? page : (page.items ?? []);
    total = page.total ?? pageItems.length;
    items.push(...pageItems);
    if (pageItems.length < limit || items.length >= total) break;
  }
  return { items, total };
}
