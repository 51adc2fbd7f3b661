// One report alone: the card with highlights, its events and quotations.
import { api } from '../api.js';
import { add, h } from '../dom.js';
import { link, seg } from '../router.js';
import { EVENT_COLUMNS, section, table } from '../ui.js';
import { legend, reportCard } from './report.js';

export async function renderDocument(root, route) {
  const id = route.parts[1];
  const [doc, events] = await Promise.all([
    api(`/documents/${seg(id)}`),
    api('/events', { document: id, limit: 500 }).catch(() => ({ items: [] })),
  ]);
  const card = h('div', { class: 'reports n1' }, reportCard(doc, { full: true }));
  add(root, 
    h('p', { class: 'crumbs' }, h('a', { href: '#/' }, 'Stories'),
      doc.story ? [' › ', h('a', { href: link(`/story/${seg(doc.story)}`) }, 'story')] : null, ' › ', id),
    legend(route, card),
    card,
    section('Events', (events.items ?? []).length, table(EVENT_COLUMNS, events.items ?? [], 'No events extracted.')));
}
