// Timeline: one dot per event on a date axis, stacked per day, coloured by
// CAMEO quad class; hollow dots have a partial date (month or year only,
// placed at its start). Hover for the event, click for its document.
import { apiAll } from '../api.js';
import { add, h, svg, fmt } from '../dom.js';
import { link, seg, go } from '../router.js';
import { QUAD_COLOURS, QUAD_NAMES, filterForm } from '../ui.js';
import { EVENT_FILTERS, eventQuery } from './events.js';

const DAY = 86400000;

/** {time (ms, UTC), partial} of a "YYYY", "YYYY-MM" or "YYYY-MM-DD" date, or null. */
export function parseDate(value) {
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(String(value ?? ''));
  if (!m) return null;
  const time = Date.UTC(Number(m[1]), m[2] ? Number(m[2]) - 1 : 0, m[3] ? Number(m[3]) : 1);
  return { time, partial: !m[3] };
}

const iso = (t) => new Date(t).toISOString().slice(0, 10);

/** Tick times and labels: days, weeks, month starts or year starts, by the span shown. */
function ticks(min, max) {
  const days = (max - min) / DAY;
  const out = [];
  if (days <= 120) {
    const step = days <= 21 ? 1 : 7;
    for (let t = min; t <= max; t += step * DAY) out.push({ t, label: iso(t).slice(5) });
    return out;
  }
  const start = new Date(min);
  const monthly = days <= 900;
  const every = monthly ? (days <= 400 ? 1 : 3) : 1;
  let y = start.getUTCFullYear();
  let m = monthly ? start.getUTCMonth() : 0;
  for (;;) {
    const t = Date.UTC(y, m, 1);
    if (t > max) break;
    if (t >= min) out.push({ t, label: monthly ? iso(t).slice(0, 7) : String(y) });
    if (monthly) {
      m += every;
      if (m > 11) { y += Math.floor(m / 12); m %= 12; }
    } else {
      y += 1;
    }
  }
  return out;
}

const GAP = 90 * DAY; // a quieter stretch than this is cut out of the axis
const BREAK = 26; // pixels of a cut
const MIN_WIDTH = 44; // pixels of the narrowest stretch

/**
 * A date axis from x0 to x1 with long empty stretches cut out: events of
 * 2022 and 2025 both stay readable. Returns the stretches (clusters of dates
 * at most GAP apart, each with its x and width) and the time → x function.
 * @param {number[]} times
 * @param {number} x0
 * @param {number} x1
 */
export function brokenAxis(times, x0, x1) {
  const sorted = [...times].sort((a, b) => a - b);
  /** @type {{first: number, last: number, n: number, start: number, end: number, x: number, width: number}[]} */
  const clusters = [];
  for (const t of sorted) {
    const c = clusters[clusters.length - 1];
    if (c && t - c.last <= GAP) {
      c.last = t;
      c.n++;
    } else {
      clusters.push({ first: t, last: t, n: 1, start: 0, end: 0, x: 0, width: 0 });
    }
  }
  for (const c of clusters) {
    c.start = c.first - DAY;
    c.end = c.last + DAY;
  }
  const room = x1 - x0 - BREAK * Math.max(0, clusters.length - 1);
  // A stretch's share grows with the square root of its days and with its events,
  // so a busy week is not squeezed by a long quiet month.
  const weight = clusters.map((c) => Math.sqrt((c.end - c.start) / DAY) + 0.5 * c.n);
  const total = weight.reduce((a, b) => a + b, 0);
  const raw = clusters.map((c, i) => Math.max(MIN_WIDTH, (room * weight[i]) / total));
  const scale = room / raw.reduce((a, b) => a + b, 0);
  let pos = x0;
  clusters.forEach((c, i) => {
    c.x = pos;
    c.width = raw[i] * scale;
    pos += c.width + BREAK;
  });
  const x = (t) => {
    const c = clusters.find((k) => t >= k.start && t <= k.end) ?? (t < clusters[0].start ? clusters[0] : clusters[clusters.length - 1]);
    return c.x + ((t - c.start) / (c.end - c.start)) * c.width;
  };
  return { clusters, x };
}

export async function renderTimeline(root, route) {
  const p = route.params;
  const fixed = p.story ? { story: p.story } : {};
  const { items, total } = await apiAll('/events', eventQuery(p), 2000);
  const dated = [];
  let undated = 0;
  for (const e of items) {
    const d = parseDate(e.date);
    if (d) dated.push({ e, ...d, row: 0 });
    else undated++;
  }
  dated.sort((a, b) => a.time - b.time || (a.e.quad_class ?? 0) - (b.e.quad_class ?? 0));

  add(root, 
    h('h1', {}, 'Timeline'),
    p.story ? h('p', { class: 'lede' }, 'Story ', h('a', { href: link(`/story/${seg(p.story)}`) }, p.story)) : null,
    filterForm('/timeline', p, EVENT_FILTERS, fixed),
    h('div', { class: 'legend' }, Object.entries(QUAD_NAMES).map(([q, name]) =>
      h('span', { class: 'legend-item' }, h('span', { class: `swatch q${q}` }), name)),
      h('span', { class: 'legend-item' }, h('span', { class: 'swatch hollow' }), 'partial date')),
    h('p', { class: 'muted' }, `${fmt(dated.length)} dated events${undated ? `, ${fmt(undated)} undated (not shown)` : ''}${total > items.length ? `; first ${fmt(items.length)} of ${fmt(total)}` : ''}.`));
  if (!dated.length) {
    add(root, h('p', { class: 'empty' }, 'No dated event matches these filters.'));
    return;
  }

  const stacks = new Map();
  for (const d of dated) {
    const n = stacks.get(d.time) ?? 0;
    stacks.set(d.time, n + 1);
    d.row = n;
  }
  const maxRows = Math.min(60, Math.max(...stacks.values()));
  const W = 1100;
  const left = 30;
  const right = 30;
  const R = 5;
  const rowH = 13;
  const top = 20;
  const axisY = top + maxRows * rowH + 12;
  const H = axisY + 40;
  const { clusters, x } = brokenAxis(dated.map((d) => d.time), left, W - right);

  const chart = svg('svg', { class: 'timeline', viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': 'events by date' });
  clusters.forEach((c, i) => {
    chart.append(svg('line', { x1: c.x, x2: c.x + c.width, y1: axisY, y2: axisY, stroke: '#888', class: 'axis' }));
    if (i > 0) {
      const bx = c.x - BREAK / 2;
      chart.append(svg('path', { d: `M${bx - 5},${axisY + 5} l4,-10 M${bx + 1},${axisY + 5} l4,-10`, stroke: '#888', fill: 'none', class: 'axis-break' },
        svg('title', {}, 'a stretch without events is cut out here')));
    }
    const all = ticks(c.start, c.end).filter(({ t }) => t >= c.start && t <= c.end);
    const fit = Math.max(1, Math.floor(c.width / 64));
    const step = Math.ceil(all.length / fit);
    let shown = all.filter((_, k) => k % step === 0);
    if (!shown.length) shown = [{ t: c.first, label: iso(c.first).slice(5) }];
    let year = '';
    for (const { t, label } of shown) {
      chart.append(
        svg('line', { x1: x(t), x2: x(t), y1: top - 8, y2: axisY + 4, stroke: '#e4e4e4' }),
        svg('text', { x: x(t), y: axisY + 18, 'text-anchor': 'middle', class: 'tick' }, label));
      // Day labels (MM-DD) get their year underneath whenever it changes.
      if (label.length === 5 && iso(t).slice(0, 4) !== year) {
        year = iso(t).slice(0, 4);
        chart.append(svg('text', { x: x(t), y: axisY + 34, 'text-anchor': 'middle', class: 'tick' }, year));
      }
    }
  });
  for (const d of dated) {
    if (d.row >= maxRows) continue;
    const q = d.e.quad_class;
    const colour = QUAD_COLOURS[q] ?? '#777';
    const label = `${d.e.date} · ${d.e.code || '?'} ${d.e.source || '?'} → ${d.e.target || '?'}` +
      `${d.e.trigger ? ` · “${d.e.trigger}”` : ''}${q ? ` · ${QUAD_NAMES[q]}` : ''}\n${d.e.document ?? ''} · rule ${d.e.rule || '?'}`;
    const dot = svg('circle', {
      cx: x(d.time), cy: axisY - 10 - d.row * rowH, r: R,
      fill: d.partial ? '#fff' : colour, stroke: colour, 'stroke-width': d.partial ? 2 : 1, class: 'event-dot',
      onclick: () => d.e.document && go(`/document/${seg(d.e.document)}`),
    }, svg('title', {}, label));
    chart.append(dot);
  }
  add(root, h('div', { class: 'chart' }, chart));
}
