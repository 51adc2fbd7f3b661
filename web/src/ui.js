// Shared pieces of the views: filter forms bound to the URL, tables, pagers,
// colours for CAMEO quad classes and Goldstein scores, event rows.
import { h, fmt } from './dom.js';
import { go, link, seg } from './router.js';

export const QUAD_NAMES = {
  1: 'verbal cooperation',
  2: 'material cooperation',
  3: 'verbal conflict',
  4: 'material conflict',
};
export const QUAD_COLOURS = { 1: '#3f9a5b', 2: '#2668b0', 3: '#e0962b', 4: '#c8372d' };

/** A colour for a Goldstein score in [-10, 10]: red (conflict) through grey to green (cooperation). */
export function goldsteinColour(score) {
  if (score === undefined || score === null || Number.isNaN(score)) return '#999999';
  const t = Math.max(-1, Math.min(1, score / 10));
  const grey = [150, 150, 150];
  const end = t < 0 ? [200, 40, 40] : [30, 150, 70];
  const a = Math.abs(t);
  const c = grey.map((g, i) => Math.round(g + (end[i] - g) * a));
  return `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
}

/**
 * A filter form whose values go to the URL on submit.
 * @param {string} path the route to reload with the new filters
 * @param {Record<string, string>} params the current query
 * @param {{name: string, label: string, type?: string, placeholder?: string, options?: [string, string][]}[]} fields
 * @param {Record<string, string>} [fixed] parameters kept as they are (e.g. the story of a page)
 */
export function filterForm(path, params, fields, fixed = {}) {
  const inputs = fields.map((f) => {
    let input;
    if (f.options) {
      input = h('select', { name: f.name }, f.options.map(([value, label]) => h('option', { value, selected: (params[f.name] ?? '') === value }, label)));
    } else {
      input = h('input', { name: f.name, type: f.type ?? 'text', placeholder: f.placeholder ?? '', value: params[f.name] ?? '' });
    }
    return h('label', { class: 'field' }, h('span', {}, f.label), input);
  });
  const form = /** @type {HTMLFormElement} */ (h('form', { class: 'filters', role: 'search' },
    inputs,
    h('button', { type: 'submit' }, 'Apply'),
    h('a', { class: 'clear', href: link(path, fixed) }, 'Clear')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const values = { ...fixed };
    for (const [k, v] of new FormData(form).entries()) if (String(v).trim() !== '') values[k] = String(v).trim();
    go(path, values);
  });
  return form;
}

/**
 * @param {{label: string, cell: (item: any) => any, class?: string}[]} columns
 * @param {any[]} items
 * @param {string} [empty]
 */
export function table(columns, items, empty = 'Nothing matches.') {
  if (!items.length) return h('p', { class: 'empty' }, empty);
  return h('table', { class: 'data' },
    h('thead', {}, h('tr', {}, columns.map((c) => h('th', { class: c.class }, c.label)))),
    h('tbody', {}, items.map((item) => h('tr', {}, columns.map((c) => h('td', { class: c.class }, c.cell(item)))))));
}

/** "Showing 1–50 of 120" with previous/next links that keep the filters. */
export function pager(path, params, page) {
  const total = page.total ?? 0;
  const limit = page.limit ?? 50;
  const offset = page.offset ?? 0;
  const n = (page.items ?? []).length;
  const prev = offset > 0 ? h('a', { href: link(path, { ...params, offset: Math.max(0, offset - limit) }) }, '← previous') : null;
  const next = offset + n < total ? h('a', { href: link(path, { ...params, offset: offset + limit }) }, 'next →') : null;
  return h('div', { class: 'pager' },
    h('span', {}, total ? `${fmt(offset + 1)}–${fmt(offset + n)} of ${fmt(total)}` : '0 results'), prev, next);
}

export function loading() {
  return h('p', { class: 'loading' }, 'Loading…');
}

export function errorBox(err) {
  return h('div', { class: 'error', role: 'alert' }, h('strong', {}, 'Could not load: '), String(err?.message ?? err));
}

/** A badge for a quad class. */
export function quadBadge(quad) {
  if (!quad) return h('span', { class: 'badge' }, '–');
  return h('span', { class: `badge quad q${quad}`, title: QUAD_NAMES[quad] ?? '' }, `Q${quad}`);
}

/** An actor code as a link to the events it takes part in. */
export function actorCodeLink(code) {
  if (!code) return h('span', { class: 'muted' }, '–');
  return h('a', { class: 'code', href: link('/events', { actor: code }), title: `events of ${code}` }, code);
}

export function docLink(id, label) {
  return h('a', { href: link(`/document/${seg(id)}`) }, label || id);
}

/** Columns of the events table, shared by the events view, the story page and the actor page. */
export const EVENT_COLUMNS = [
  { label: 'Date', cell: (e) => e.date || '–', class: 'nowrap' },
  { label: 'Source', cell: (e) => actorCodeLink(e.source) },
  { label: 'Event', cell: (e) => h('span', { title: `${e.plover || ''} · rule ${e.rule || '?'}` }, h('span', { class: 'code' }, e.code || '?'), ' ', e.trigger ? h('q', {}, e.trigger) : null,
    (Array.isArray(e.modality) ? e.modality : []).map((m) => [' ', h('span', { class: 'badge modality', title: 'modality' }, m)])) },
  { label: 'Target', cell: (e) => actorCodeLink(e.target) },
  { label: 'Quad', cell: (e) => quadBadge(e.quad_class) },
  { label: 'Goldstein', cell: (e) => h('span', { class: 'gold', style: null, title: 'Goldstein score' }, fmt(e.goldstein)), class: 'num' },
  { label: 'Sentence', cell: (e) => h('span', { class: 'sentence' }, e.sentence ?? '') },
  { label: 'Document', cell: (e) => (e.document ? docLink(e.document) : '–') },
];

/** Section heading with an optional count. */
export function section(title, count, ...children) {
  return h('section', { class: 'block' }, h('h2', {}, title, count !== undefined ? h('span', { class: 'count' }, ` ${fmt(count)}`) : null), children);
}
