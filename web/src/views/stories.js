// Stories: the list with search and a date range, newest first as the API orders them.
import { api } from '../api.js';
import { add, h, fmt } from '../dom.js';
import { link, seg } from '../router.js';
import { filterForm, pager, table } from '../ui.js';

export async function renderStories(root, route) {
  const p = route.params;
  const [health, page] = await Promise.all([
    api('/health').catch(() => null),
    api('/stories', { q: p.q, from: p.from, to: p.to, limit: p.limit ?? 50, offset: p.offset }),
  ]);
  add(root, 
    h('h1', {}, 'Stories'),
    health ? h('p', { class: 'lede' },
      `${fmt(health.documents)} documents · ${fmt(health.stories)} stories · ${fmt(health.events)} events`,
      health.version ? h('span', { class: 'muted' }, ` · cronaca ${health.version}`) : null) : null,
    filterForm('/', p, [
      { name: 'q', label: 'Search', placeholder: 'actor, place, word…' },
      { name: 'from', label: 'From', type: 'date' },
      { name: 'to', label: 'To', type: 'date' },
    ]),
    table([
      { label: 'Story', cell: (s) => h('a', { class: 'story-link', href: link(`/story/${seg(s.id)}`), dataset: { story: s.id } }, s.label || s.id) },
      { label: 'First', cell: (s) => s.first_date ?? '–', class: 'nowrap' },
      { label: 'Last', cell: (s) => s.last_date ?? '–', class: 'nowrap' },
      { label: 'Reports', cell: (s) => fmt(s.n_documents), class: 'num' },
      { label: 'Sources', cell: (s) => fmt(s.n_sources), class: 'num' },
    ], page.items ?? [], 'No story matches these filters.'),
    pager('/', p, page));
}
