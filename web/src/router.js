// Hash routing with the filters in the URL: "#/events?actor=USA&quad=4".
// Every view reads its state from the URL, so reload and a shared link show
// the same thing; forms write their filters back with `go`.
//
//   link('/actor/RUSGOV', { tab: 'quotes' })   // "#/actor/RUSGOV?tab=quotes"
//   go('/events', { ...current.params, quad: 4 })

/**
 * @typedef {Object} Route
 * @property {string} path    "/story/s-2025-…"
 * @property {string[]} parts the path split at "/", decoded
 * @property {Record<string, string>} params the query
 */

/** @returns {Route} */
export function currentRoute() {
  const raw = location.hash.replace(/^#/, '') || '/';
  const q = raw.indexOf('?');
  const path = q < 0 ? raw : raw.slice(0, q);
  const params = Object.fromEntries(new URLSearchParams(q < 0 ? '' : raw.slice(q + 1)));
  const parts = path.split('/').filter(Boolean).map((p) => {
    try {
      return decodeURIComponent(p);
    } catch {
      return p;
    }
  });
  return { path, parts, params };
}

/**
 * A hash URL for `path` with the non-empty `params`.
 * @param {string} path
 * @param {Record<string, any>} [params]
 */
export function link(path, params = {}) {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue;
    query.set(k, String(v));
  }
  const qs = query.toString();
  return `#${path}${qs ? `?${qs}` : ''}`;
}

/** A path segment for an id (ids may hold any character). */
export function seg(id) {
  return encodeURIComponent(String(id));
}

/**
 * Navigates (a new history entry; the hashchange listener renders).
 * @param {string} path
 * @param {Record<string, any>} [params]
 */
export function go(path, params = {}) {
  const target = link(path, params);
  if (location.hash === target) window.dispatchEvent(new HashChangeEvent('hashchange'));
  else location.hash = target;
}
