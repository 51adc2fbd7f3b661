// Actors: the list (search) and one actor's page: events as source and
// target, quotations, documents that name it.
import { api } from '../api.js';
import { add, h, fmt } from '../dom.js';
import { link, seg } from '../router.js';
import { EVENT_COLUMNS, docLink, filterForm, pager, section, table } from '../ui.js';

export async function renderActors(root, route) {
  const p = route.params;
  const page = await api('/actors', { q: p.q, limit: p.limit ?? 100, offset: p.offset });
  add(root, 
    h('h1', {}, 'Actors'),
    filterForm('/actors', p, [{ name: 'q', label: 'Name or code', placeholder: 'e.g. Putin, RUS' }]),
    table([
      { label: 'Actor', cell: (a) => h('a', { class: 'actor-link', href: link(`/actor/${seg(a.id)}`) }, a.name || String(a.id)) },
      { label: 'Code', cell: (a) => h('span', { class: 'code' }, a.code ?? '–') },
      { label: 'Mentions', cell: (a) => fmt(a.n_mentions), class: 'num' },
      { label: 'Documents', cell: (a) => fmt(a.n_documents), class: 'num' },
      { label: 'Events', cell: (a) => fmt(a.n_events), class: 'num' },
    ], page.items ?? [], 'No actor matches.'),
    pager('/actors', p, page));
}

const arr = (x) => (Array.isArray(x) ? x : []);

export async function renderActor(root, route) {
  const id = route.parts[1];
  const actor = await api(`/actors/${seg(id)}`, { limit: 500 });
  const docs = arr(actor.documents);
  const quotes = arr(actor.quotes);
  add(root, 
    h('p', { class: 'crumbs' }, h('a', { href: '#/actors' }, 'Actors'), ' › ', actor.name || id),
    h('h1', { class: 'actor-name' }, actor.name || id),
    h('p', { class: 'lede' },
      actor.code ? [h('span', { class: 'code' }, actor.code), ' · '] : null,
      `${fmt(actor.n_mentions)} mentions in ${fmt(docs.length)} documents`,
      actor.code ? [' · ', h('a', { href: link('/events', { actor: actor.code }) }, 'all events'),
        ' · ', h('a', { href: link('/timeline', { actor: actor.code }) }, 'timeline')] : null),
    section('Acts on others', arr(actor.events_as_source).length, table(EVENT_COLUMNS, arr(actor.events_as_source), 'No event with this actor as source.')),
    section('Acted upon', arr(actor.events_as_target).length, table(EVENT_COLUMNS, arr(actor.events_as_target), 'No event with this actor as target.')),
    section('Quotations', quotes.length, quotes.length ? h('ul', { class: 'quotes' }, quotes.map((q) => h('li', {},
      h('blockquote', {}, typeof q === 'string' ? q : (q.text ?? '')),
      typeof q === 'object' ? h('div', { class: 'meta' }, q.date || 'undated', q.document ? [' · ', docLink(q.document)] : null) : null))) : h('p', { class: 'empty' }, 'No quotation.')),
    section('Documents', docs.length, docs.length ? h('ul', { class: 'plain' }, docs.map((d) => h('li', {}, typeof d === 'object' ? docLink(d.id, d.title || d.id) : docLink(d)))) : h('p', { class: 'empty' }, 'None.')));
}
