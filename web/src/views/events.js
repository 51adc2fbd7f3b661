// Events table with filters kept in the URL (actor, country, code, root, quad, dates, text, story).
import { api } from '../api.js';
import { add, h } from '../dom.js';
import { link, seg } from '../router.js';
import { EVENT_COLUMNS, QUAD_NAMES, filterForm, pager, table } from '../ui.js';

/** @type {{name: string, label: string, type?: string, placeholder?: string, options?: [string, string][]}[]} */
export const EVENT_FILTERS = [
  { name: 'actor', label: 'Actor', placeholder: 'code or id, e.g. RUS' },
  { name: 'country', label: 'Country', placeholder: 'e.g. USA' },
  { name: 'root', label: 'CAMEO root', placeholder: 'e.g. 04' },
  { name: 'quad', label: 'Quad class', options: [['', 'any'], ...Object.entries(QUAD_NAMES).map(([k, v]) => /** @type {[string, string]} */ ([k, `${k} ${v}`]))] },
  { name: 'from', label: 'From', type: 'date' },
  { name: 'to', label: 'To', type: 'date' },
  { name: 'q', label: 'Text', placeholder: 'words in the sentence' },
];

/** The API filters among the URL parameters. */
export function eventQuery(p) {
  const out = {};
  for (const k of ['actor', 'country', 'code', 'root', 'quad', 'from', 'to', 'q', 'story', 'document', 'place']) if (p[k]) out[k] = p[k];
  return out;
}

export async function renderEvents(root, route) {
  const p = route.params;
  const page = await api('/events', { ...eventQuery(p), limit: p.limit ?? 100, offset: p.offset });
  /** @type {Record<string, string>} */
  const fixed = {};
  for (const k of ['story', 'document', 'code', 'place']) if (p[k]) fixed[k] = p[k];
  add(root, 
    h('h1', {}, 'Events'),
    Object.keys(fixed).length ? h('p', { class: 'lede' }, 'Within ', Object.entries(fixed).map(([k, v]) => (k === 'story' || k === 'document'
      ? h('a', { class: 'chip', href: link(`/${k}/${seg(v)}`) }, `${k} ${v}`)
      : h('span', { class: 'chip' }, `${k} ${v}`)))) : null,
    filterForm('/events', p, EVENT_FILTERS, fixed),
    table(EVENT_COLUMNS, page.items ?? [], 'No event matches these filters.'),
    pager('/events', p, page));
}
