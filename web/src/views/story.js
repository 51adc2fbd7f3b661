// A story: its dossier (what the reports agree on, what only one says, where
// they differ, which share an origin, quality doubts) and the reports side by
// side with highlights, then the story's events.
//
// The dossier's shape belongs to the engine (src/link/dossier.h) and grows;
// this page renders the sections it knows nicely and any other field
// generically, so a new field shows up without a change here.
import { api, apiAll } from '../api.js';
import { add, h, fmt } from '../dom.js';
import { link, seg } from '../router.js';
import { EVENT_COLUMNS, section, table } from '../ui.js';
import { legend, reportCard } from './report.js';

const TITLES = {
  agreed: 'What several reports agree on',
  single: 'Said by only one report',
  differences: 'Where the reports differ',
  same_origin: 'Reports with a common origin',
  doubtful_reports: 'Doubtful reports',
  shared_actors: 'Actors named by several reports',
  shared_places: 'Places named by several reports',
  events: 'Merged events (details)',
  quantities: 'Durations and ordinals (details)',
  quotes: 'Quotations across reports (details)',
};
// 'documents' is shown as the reports table and the reports themselves; 'sources' in the lede.
// label, dates and counts are the page's heading and lede.
const SKIP = new Set(['story', 'documents', 'id', 'label', 'first_date', 'last_date', 'sources', 'n_documents', 'n_sources']);
const ORDER = ['agreed', 'differences', 'single', 'same_origin', 'doubtful_reports', 'shared_actors', 'shared_places'];
// Long machine-oriented sections start folded.
const FOLDED = new Set(['events', 'quantities', 'quotes', 'single']);

const isPlain = (v) => v === null || ['string', 'number', 'boolean'].includes(typeof v);
const titleOf = (key) => TITLES[key] ?? key.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());

/** Generic, escaped rendering of any JSON value (depth-limited). */
export function renderValue(value, depth = 0) {
  if (isPlain(value)) return h('span', { class: typeof value === 'number' ? 'num' : null }, typeof value === 'number' ? fmt(value) : String(value ?? '–'));
  if (depth > 3) return h('code', {}, JSON.stringify(value).slice(0, 200));
  if (Array.isArray(value)) {
    if (!value.length) return h('span', { class: 'muted' }, 'none');
    if (value.every(isPlain)) return h('div', { class: 'chips' }, value.map((v) => h('span', { class: 'chip' }, String(v))));
    return h('ul', { class: 'plain' }, value.slice(0, 200).map((v) => h('li', {}, renderValue(v, depth + 1))));
  }
  const entries = Object.entries(value);
  if (entries.every(([, v]) => isPlain(v))) {
    return h('span', { class: 'kv' }, entries.map(([k, v], i) => [i ? ' · ' : '', h('span', { class: 'k' }, `${k.replace(/_/g, ' ')} `), linkish(k, v)]));
  }
  return h('dl', { class: 'kv' }, entries.map(([k, v]) => [h('dt', {}, k.replace(/_/g, ' ')), h('dd', {}, renderValue(v, depth + 1))]));
}

/** Document ids and actor entities inside dossier items become links. */
function linkish(key, v) {
  if (v === null || v === undefined) return h('span', { class: 'muted' }, '–');
  if ((key === 'document' || key === 'document_id' || key === 'doc') && typeof v === 'string') return h('a', { href: link(`/document/${seg(v)}`) }, v);
  if ((key === 'entity' || key === 'actor_id') && v !== '') return h('a', { href: link(`/actor/${seg(v)}`) }, String(v));
  return h('span', { class: typeof v === 'number' ? 'num' : null }, typeof v === 'number' ? fmt(v) : String(v));
}

/** Sections the dossier JSON documents (src/link/dossier.h) get a tailored view; `ctx.docName(id)` names a report. */
const SPECIAL = {
  shared_actors: (items) => sharedList(items, (x) => link(`/actor/${seg(x.id)}`)),
  shared_places: (items) => sharedList(items, null),
  doubtful_reports: (items, ctx) => docChips(items, ctx),
  agreed: (items, ctx) => statementList(items, ctx),
  single: (items, ctx) => statementList(items, ctx),
  differences: (items, ctx) => differenceList(items, ctx),
  same_origin: (items, ctx) => originList(items, ctx),
};

/** Report chips: the source's name (the id when unnamed), the title on hover, a link to the report. */
function docChips(ids, ctx) {
  if (!Array.isArray(ids)) return renderValue(ids);
  return h('span', { class: 'doc-chips' }, ids.map((id) => {
    const d = ctx.docs.get(String(id));
    return h('a', { class: 'chip doc', href: link(`/document/${seg(id)}`), title: d?.title ? `${d.title} (${id})` : String(id) }, d?.source || String(id));
  }));
}

const SHOWN_ROWS = 8;

/** A list of dossier items; past SHOWN_ROWS the rest fold under "N more". */
function rows(items, render) {
  if (!Array.isArray(items)) return renderValue(items);
  if (!items.length) return h('span', { class: 'muted' }, 'none');
  const li = (x) => (typeof x === 'object' && x ? h('li', {}, render(x)) : h('li', {}, String(x)));
  const head = h('ul', { class: 'statements' }, items.slice(0, SHOWN_ROWS).map(li));
  if (items.length <= SHOWN_ROWS) return head;
  return [head, h('details', { class: 'more' }, h('summary', {}, `${items.length - SHOWN_ROWS} more`),
    h('ul', { class: 'statements' }, items.slice(SHOWN_ROWS).map(li)))];
}

/** agreed[] / single[]: {kind, ref, text, documents[]}. */
function statementList(items, ctx) {
  return rows(items, (x) => [
    h('span', { class: `badge kind-${x.kind ?? ''}` }, x.kind || 'item'), ' ',
    h('span', { class: 'statement', title: x.ref ? `ref ${x.ref}` : '' }, x.text || x.ref || ''), ' ',
    docChips(x.documents ?? [], ctx)]);
}

/** differences[]: {kind, subject, refs[], versions[]: {value, documents[]}}. */
function differenceList(items, ctx) {
  return rows(items, (x) => [
    h('span', { class: `badge bad kind-${x.kind ?? ''}` }, x.kind || 'difference'), ' ',
    h('span', { class: 'statement' }, x.subject || ''),
    h('ul', { class: 'versions' }, (Array.isArray(x.versions) ? x.versions : []).map((v) =>
      h('li', {}, h('strong', {}, String(v?.value ?? '')), ' ', docChips(v?.documents ?? [], ctx))))]);
}

/** same_origin[]: {basis, entity, name, documents[], detail}. */
function originList(items, ctx) {
  return rows(items, (x) => [
    h('span', { class: 'badge' }, x.basis || 'origin'), ' ',
    x.entity ? h('a', { href: link(`/actor/${seg(x.entity)}`) }, x.name || x.entity) : h('span', {}, x.name || ''), ' ',
    docChips(x.documents ?? [], ctx),
    x.detail ? h('div', { class: 'muted small' }, x.detail) : null]);
}

function sharedList(items, hrefOf) {
  if (!Array.isArray(items)) return renderValue(items);
  if (!items.length) return h('span', { class: 'muted' }, 'none');
  return h('div', { class: 'chips' }, items.map((x) => {
    if (typeof x !== 'object' || x === null) return h('span', { class: 'chip' }, String(x));
    const n = Array.isArray(x.documents) ? x.documents.length : undefined;
    const title = Array.isArray(x.documents) ? `named by ${x.documents.join(', ')}` : '';
    const label = [x.name ?? x.id, n !== undefined ? h('span', { class: 'n' }, `${n} reports`) : null];
    return hrefOf && x.id !== undefined ? h('a', { class: 'chip shared-actor', href: hrefOf(x), title }, label) : h('span', { class: 'chip', title }, label);
  }));
}

/** The dossier's list of reports: source, date, language, quality (doubtful ones marked). */
function reportsTable(dossier, docs) {
  const rows = Array.isArray(dossier.documents) && dossier.documents.every((d) => typeof d === 'object' && d) ? dossier.documents : docs;
  return table([
    { label: 'Report', cell: (d) => h('a', { href: link(`/document/${seg(d.id)}`) }, d.title || d.id) },
    { label: 'Source', cell: (d) => d.source || '–' },
    { label: 'Date', cell: (d) => d.date || '–', class: 'nowrap' },
    { label: 'Lang', cell: (d) => d.lang || '–' },
    { label: 'Quality', cell: (d) => {
      const q = typeof d.quality === 'object' && d.quality ? d.quality : { score: d.quality, machine_translation: d.machine_translation };
      return [
        q.score !== undefined && q.score !== null ? h('span', { class: `badge ${q.score < 0.7 ? 'bad' : 'good'}` }, fmt(q.score)) : null,
        q.machine_translation ? h('span', { class: 'badge bad' }, 'machine translation') : null,
        q.doubtful ? h('span', { class: 'badge bad' }, 'doubtful') : null,
        Array.isArray(q.flags) && q.flags.length ? h('span', { class: 'muted' }, q.flags.join(', ')) : null,
      ];
    } },
  ], rows);
}

function documentIds(dossier) {
  return (Array.isArray(dossier?.documents) ? dossier.documents : [])
    .map((d) => (typeof d === 'string' || typeof d === 'number' ? d : (d?.id ?? d?.document)))
    .filter((d) => d !== undefined && d !== null);
}

export async function renderStory(root, route) {
  const id = route.parts[1];
  const dossier = await api(`/stories/${seg(id)}`);
  let ids = documentIds(dossier);
  if (!ids.length) ids = (await apiAll('/documents', { story: id }, 200)).items.map((d) => d.id);
  const [docs, events] = await Promise.all([
    Promise.all(ids.map((d) => api(`/documents/${seg(d)}`))),
    api('/events', { story: id, limit: 500 }).catch(() => ({ items: [] })),
  ]);
  const story = typeof dossier.story === 'object' && dossier.story ? dossier.story : dossier;
  const sharedNames = (Array.isArray(dossier.shared_actors) ? dossier.shared_actors : []).slice(0, 3).map((a) => a?.name).filter(Boolean);
  const label = story.label ?? dossier.label ?? (sharedNames.length ? sharedNames.join(' · ') : (docs[0]?.title || id));
  const dates = docs.map((d) => d.date).filter(Boolean).sort();
  story.first_date ??= dates[0];
  story.last_date ??= dates[dates.length - 1];
  const nSources = typeof dossier.sources === 'number' ? dossier.sources : new Set(docs.map((d) => d.source).filter(Boolean)).size;

  const ctx = { docs: new Map(docs.map((d) => [String(d.id), d])) };
  const reports = h('div', { class: `reports n${Math.min(docs.length, 4)}` }, docs.map((d) => reportCard(d)));
  const keys = Object.keys(dossier).filter((k) => !SKIP.has(k))
    .sort((a, b) => (ORDER.indexOf(a) + 1 || 99) - (ORDER.indexOf(b) + 1 || 99));

  add(root, 
    h('p', { class: 'crumbs' }, h('a', { href: '#/' }, 'Stories'), ' › ', id),
    h('h1', {}, label),
    h('p', { class: 'lede' },
      `${story.first_date || '?'} – ${story.last_date || '?'} · ${docs.length} reports · ${nSources} source${nSources === 1 ? '' : 's'}`,
      ' · ', h('a', { href: link('/timeline', { story: id }) }, 'timeline'),
      ' · ', h('a', { href: link('/network', { story: id }) }, 'actor network'),
      ' · ', h('a', { href: link('/events', { story: id }) }, 'events'),
      ' · ', h('button', { type: 'button', class: 'linkish', onclick: () => reports.scrollIntoView({ behavior: 'smooth' }) }, 'reports ↓')),
    h('section', { class: 'dossier' }, h('h2', {}, 'Dossier'),
      reportsTable(dossier, docs),
      keys.map((k) => {
        const heading = [titleOf(k), Array.isArray(dossier[k]) ? h('span', { class: 'count' }, ` ${dossier[k].length}`) : null];
        const body = SPECIAL[k] ? SPECIAL[k](dossier[k], ctx) : renderValue(dossier[k]);
        return FOLDED.has(k)
          ? h('details', { class: `dossier-part part-${k}` }, h('summary', {}, h('h3', {}, heading)), body)
          : h('div', { class: `dossier-part part-${k}` }, h('h3', {}, heading), body);
      })),
    h('section', { class: 'block' }, h('h2', {}, 'Reports side by side'), legend(route, reports), reports),
    section('Events', events.total ?? (events.items ?? []).length, table(EVENT_COLUMNS, events.items ?? [], 'No events extracted.')));
}
