// One report (a stored document) as a card: metadata, quality, actors, and
// the original text with every extraction highlighted. Used side by side on
// the story page and alone on the document page.
//
// Hovering a mark shows the rule that produced it and its details; actor
// marks lead to the actor page. Layers can be hidden with the legend
// (state in the URL: ?hide=time,place).
import { h, fmt } from '../dom.js';
import { byteIndexer, renderHighlighted } from '../highlight.js';
import { go, link, seg } from '../router.js';

export const KINDS = [
  ['actor', 'Actors'],
  ['place', 'Places'],
  ['time', 'Times'],
  ['quote', 'Quotations'],
  ['event', 'Event triggers'],
  ['flag', 'Quality flags'],
];

const arr = (x) => (Array.isArray(x) ? x : []);
const join = (...parts) => parts.filter((p) => p !== undefined && p !== null && p !== '').join(' ');
const ruleLine = (rule) => `rule: ${rule || 'unknown'}`;

/** "negated, intent" from the API's modality (an array; empty = asserted). */
export function modalityText(m) {
  return Array.isArray(m) ? m.join(', ') : (m ?? '');
}

/**
 * The highlight spans of a document from the API (byte offsets → string indices).
 * @param {any} doc GET /api/documents/{id}
 * @returns {import('../highlight.js').Span[]}
 */
export function documentSpans(doc) {
  const text = doc.text ?? '';
  const at = byteIndexer(text);
  const spans = [];
  let id = 0;
  const add = (kind, begin, end, title, href) => {
    if (typeof begin !== 'number' || typeof end !== 'number') return;
    spans.push({ start: at(begin), end: at(end), kind, title, href, id: id++ });
  };
  for (const m of arr(doc.mentions)) {
    add('actor', m.begin, m.end, `actor: ${join(m.name, m.code ? `(${m.code})` : '', m.type ? `· ${m.type}` : '')}\n${ruleLine(m.rule)}`,
      m.entity !== undefined && m.entity !== null && m.entity !== '' ? link(`/actor/${seg(m.entity)}`) : undefined);
  }
  for (const p of arr(doc.places)) {
    add('place', p.begin, p.end, `place: ${join(p.name, p.country ? `(${p.country})` : '')}\n${ruleLine(p.rule)}`);
  }
  for (const t of arr(doc.times)) add('time', t.begin, t.end, `time: ${t.value || '?'}\n${ruleLine(t.rule)}`);
  for (const q of arr(doc.quotes)) {
    const what = q.indirect ? 'reported speech' : `quotation${q.kind ? ` (${q.kind})` : ''}`;
    add('quote', q.begin, q.end, `${what} by ${join(q.speaker || 'unknown speaker', q.speaker_code ? `(${q.speaker_code})` : '')}\n${ruleLine(q.rule)}`);
  }
  for (const e of arr(doc.events)) {
    const details = join(e.code, e.plover ? `(${e.plover})` : '', `${e.source || '?'} → ${e.target || '?'}`);
    const extra = [e.goldstein !== undefined ? `Goldstein ${fmt(e.goldstein)}` : '', e.quad_class ? `quad ${e.quad_class}` : '',
      e.date ? `date ${e.date}` : '', modalityText(e.modality) ? `modality ${modalityText(e.modality)}` : '',
      typeof e.confidence === 'number' ? `confidence ${fmt(e.confidence)}` : ''].filter(Boolean).join(' · ');
    add('event', e.trigger_begin, e.trigger_end, `event: ${details}${extra ? `\n${extra}` : ''}\n${ruleLine(e.rule)}`);
  }
  for (const f of arr(doc.quality_flags)) {
    add(longFlag(text, at, f) ? 'flag long' : 'flag', f.begin, f.end, `quality flag: ${join(f.kind, f.category ? `(${f.category})` : '')}${f.explanation ? `\n${f.explanation}` : ''}\n${ruleLine(f.rule)}`);
  }
  return spans;
}

/** A flag over more than a sentence or so is drawn as a light tint, not an underline. */
const LONG_FLAG_CHARS = 160;
function longFlag(text, at, f) {
  return typeof f.begin === 'number' && typeof f.end === 'number' && at(f.end) - at(f.begin) > LONG_FLAG_CHARS;
}

/** The legend: one checkbox per layer; unchecking hides it (kept in the URL as ?hide=…). */
export function legend(route, target) {
  const hidden = new Set((route.params.hide ?? '').split(',').filter(Boolean));
  const apply = () => {
    for (const [kind] of KINDS) target.classList.toggle(`hide-${kind}`, hidden.has(kind));
  };
  apply();
  const boxes = KINDS.map(([kind, label]) => {
    const box = /** @type {HTMLInputElement} */ (h('input', { type: 'checkbox', checked: !hidden.has(kind), dataset: { kind } }));
    box.addEventListener('change', () => {
      if (box.checked) hidden.delete(kind);
      else hidden.add(kind);
      apply();
      const params = { ...route.params, hide: [...hidden].join(',') };
      if (!params.hide) delete params.hide;
      history.replaceState(null, '', link(route.path, params));
      route.params = params;
    });
    return h('label', { class: 'legend-item' }, box, h('mark', { class: `hl ${kind}` }, label));
  });
  return h('div', { class: 'legend' }, h('span', { class: 'muted' }, 'Highlights (hover for the rule): '), boxes);
}

function qualityLine(doc) {
  const q = doc.quality;
  const score = typeof q === 'number' ? q : q?.score;
  const mt = doc.machine_translation ?? q?.machine_translation;
  return h('div', { class: 'quality' },
    score !== undefined && score !== null ? h('span', { class: `badge ${score < 0.7 ? 'bad' : 'good'}`, title: 'quality score (1 = clean)' }, `quality ${fmt(score)}`) : null,
    mt ? h('span', { class: 'badge bad', title: 'the quality stage judged this a machine translation' }, 'machine translation') : null,
    doc.lang ? h('span', { class: 'badge' }, doc.lang) : null);
}

function actorChips(doc) {
  const seen = new Map();
  for (const m of arr(doc.mentions)) {
    if (m.entity === undefined || m.entity === null || m.entity === '') continue;
    const key = String(m.entity);
    const entry = seen.get(key) ?? { entity: key, name: m.name || key, code: m.code, n: 0 };
    entry.n++;
    seen.set(key, entry);
  }
  const actors = [...seen.values()].sort((a, b) => b.n - a.n || a.name.localeCompare(b.name));
  if (!actors.length) return null;
  return h('div', { class: 'chips' }, actors.map((a) =>
    h('a', { class: 'chip actor-link', href: link(`/actor/${seg(a.entity)}`), title: a.code ? `code ${a.code}` : 'no code', dataset: { entity: a.entity } },
      a.name, h('span', { class: 'n' }, String(a.n)))));
}

function flagList(doc) {
  const flags = arr(doc.quality_flags);
  if (!flags.length) return null;
  return h('details', { class: 'flags' },
    h('summary', {}, `${flags.length} quality flag${flags.length > 1 ? 's' : ''}`),
    h('ul', {}, flags.map((f) => h('li', {},
      h('strong', {}, f.kind || 'flag'), f.category ? h('span', { class: 'muted' }, ` ${f.category}`) : null,
      f.explanation ? ` — ${f.explanation}` : '', h('span', { class: 'rule' }, ` ${f.rule ?? ''}`)))));
}

/**
 * A report card.
 * @param {any} doc GET /api/documents/{id}
 * @param {{full?: boolean}} [options]
 */
export function reportCard(doc, options = {}) {
  const spans = documentSpans(doc);
  // The header lines before the body (title:, source:, …) are shown dimmed.
  const bodyBegin = doc.body && typeof doc.body.begin === 'number' ? byteIndexer(doc.text ?? '')(doc.body.begin) : 0;
  const shown = bodyBegin > 0 ? [{ start: 0, end: bodyBegin, kind: 'header', title: 'header lines: the metadata of the article' }, ...spans] : spans;
  const counts = Object.fromEntries(KINDS.map(([k]) => [k, spans.filter((s) => s.kind.split(' ')[0] === k).length]));
  const text = h('div', { class: 'text', lang: doc.lang ?? null });
  text.append(renderHighlighted(doc.text ?? '', shown, (href) => go(href.replace(/^#/, '').split('?')[0])));
  return h('article', { class: 'report', dataset: { document: doc.id } },
    h('header', {},
      h('h3', {}, options.full ? (doc.title || doc.id) : h('a', { href: link(`/document/${seg(doc.id)}`) }, doc.title || doc.id)),
      h('div', { class: 'meta' },
        h('span', { class: 'source' }, doc.source || 'unknown source'), ' · ',
        h('span', {}, doc.date || 'undated'),
        /^https?:\/\//i.test(doc.url ?? '') ? [' · ', h('a', { href: doc.url, rel: 'noopener noreferrer nofollow', target: '_blank' }, 'original')] : null),
      qualityLine(doc),
      h('div', { class: 'counts' }, KINDS.map(([k, label]) => h('span', { class: `count-${k}` }, h('mark', { class: `hl ${k}` }, fmt(counts[k])), ` ${label.toLowerCase()}`)))),
    flagList(doc),
    actorChips(doc),
    text);
}
