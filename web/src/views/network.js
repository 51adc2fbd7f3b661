// Actor network: who acts on whom. Nodes are actor codes sized by their
// number of events; an edge goes from source to target, its width grows with
// the number of events and its colour is the mean Goldstein score (red:
// conflict, grey: neutral, green: cooperation). The layout is a small
// deterministic force simulation (Fruchterman–Reingold), so the same data
// always draws the same picture.
import { api } from '../api.js';
import { add, h, svg, fmt } from '../dom.js';
import { go, link, seg } from '../router.js';
import { filterForm, goldsteinColour, table, actorCodeLink } from '../ui.js';

/**
 * Positions in [0, width] x [0, height] for nodes linked by edges (indices).
 * @param {number} n
 * @param {{s: number, t: number, w: number}[]} links
 */
export function forceLayout(n, links, width, height, iterations = 400) {
  const pos = Array.from({ length: n }, (_, i) => {
    const a = (2 * Math.PI * i) / Math.max(1, n);
    return { x: width / 2 + (width / 3) * Math.cos(a), y: height / 2 + (height / 3) * Math.sin(a) };
  });
  if (n <= 1) return pos.map(() => ({ x: width / 2, y: height / 2 }));
  const k = Math.sqrt((width * height) / n) * 0.75;
  let temp = width / 8;
  for (let it = 0; it < iterations; it++) {
    const disp = pos.map(() => ({ x: 0, y: 0 }));
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        let dx = pos[i].x - pos[j].x;
        let dy = pos[i].y - pos[j].y;
        let d = Math.hypot(dx, dy);
        if (d < 0.01) { dx = 0.01 * (i - j); dy = 0.01; d = Math.hypot(dx, dy); }
        const f = (k * k) / d;
        disp[i].x += (dx / d) * f; disp[i].y += (dy / d) * f;
        disp[j].x -= (dx / d) * f; disp[j].y -= (dy / d) * f;
      }
    }
    for (const l of links) {
      if (l.s === l.t) continue;
      const dx = pos[l.s].x - pos[l.t].x;
      const dy = pos[l.s].y - pos[l.t].y;
      const d = Math.max(0.01, Math.hypot(dx, dy));
      const f = ((d * d) / k) * Math.min(3, 1 + Math.log2(l.w));
      disp[l.s].x -= (dx / d) * f; disp[l.s].y -= (dy / d) * f;
      disp[l.t].x += (dx / d) * f; disp[l.t].y += (dy / d) * f;
    }
    for (let i = 0; i < n; i++) {
      // Gravity: a spring to the centre keeps separate groups on the canvas.
      const gx = width / 2 - pos[i].x;
      const gy = height / 2 - pos[i].y;
      const gd = Math.hypot(gx, gy);
      disp[i].x += (gx * gd) / (k * 3);
      disp[i].y += (gy * gd) / (k * 3);
      const d = Math.max(0.01, Math.hypot(disp[i].x, disp[i].y));
      pos[i].x += (disp[i].x / d) * Math.min(d, temp);
      pos[i].y += (disp[i].y / d) * Math.min(d, temp);
      pos[i].x = Math.max(40, Math.min(width - 110, pos[i].x)); // room for the label on the right
      pos[i].y = Math.max(30, Math.min(height - 30, pos[i].y));
    }
    temp = Math.max(1, temp * 0.985);
  }
  return pos;
}

export async function renderNetwork(root, route) {
  const p = route.params;
  const fixed = p.story ? { story: p.story } : {};
  const net = await api('/network', { story: p.story, from: p.from, to: p.to, country: p.country });
  const nodes = Array.isArray(net.nodes) ? net.nodes : [];
  const edges = (Array.isArray(net.edges) ? net.edges : []).filter((e) => e.source !== undefined && e.target !== undefined);
  add(root, 
    h('h1', {}, 'Actor network'),
    p.story ? h('p', { class: 'lede' }, 'Story ', h('a', { href: link(`/story/${seg(p.story)}`) }, p.story)) : null,
    filterForm('/network', p, [
      { name: 'country', label: 'Country', placeholder: 'e.g. RUS' },
      { name: 'from', label: 'From', type: 'date' },
      { name: 'to', label: 'To', type: 'date' },
    ], fixed),
    h('div', { class: 'legend' }, 'Edge colour: mean Goldstein score ',
      [-10, -5, 0, 5, 10].map((g) => h('span', { class: 'legend-item' }, svg('svg', { width: 28, height: 10 }, svg('line', { x1: 0, x2: 28, y1: 5, y2: 5, stroke: goldsteinColour(g), 'stroke-width': 4 })), ` ${g > 0 ? '+' : ''}${g}`)),
      h('span', { class: 'muted' }, ' · width: number of events · click a node for its events')));
  if (!nodes.length) {
    add(root, h('p', { class: 'empty' }, 'No actor interaction matches these filters.'));
    return;
  }
  const index = new Map(nodes.map((nd, i) => [String(nd.id), i]));
  for (const e of edges) {
    for (const end of [e.source, e.target]) {
      if (!index.has(String(end))) {
        index.set(String(end), nodes.length);
        nodes.push({ id: end, label: String(end), n_events: 0 });
      }
    }
  }
  const links = edges.map((e) => ({ s: index.get(String(e.source)), t: index.get(String(e.target)), w: e.n_events ?? 1, e }));
  const W = 1100;
  const H = Math.max(420, Math.min(900, 160 + nodes.length * 22));
  const pos = forceLayout(nodes.length, links, W, H);
  const maxEvents = Math.max(1, ...nodes.map((nd) => nd.n_events ?? 0));
  const radius = (nd) => 6 + 14 * Math.sqrt((nd.n_events ?? 0) / maxEvents);

  const chart = svg('svg', { class: 'network', viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': 'actor network' });
  const edgeLayer = svg('g', { class: 'edges' });
  const nodeLayer = svg('g', { class: 'nodes' });
  chart.append(edgeLayer, nodeLayer);
  for (const l of links) {
    const a = pos[l.s];
    const b = pos[l.t];
    const colour = goldsteinColour(l.e.goldstein_mean);
    const width = 1.5 + Math.min(6, Math.log2(1 + l.w) * 1.5);
    const title = `${l.e.source} → ${l.e.target}: ${fmt(l.e.n_events)} events, mean Goldstein ${fmt(l.e.goldstein_mean)}`;
    if (l.s === l.t) {
      edgeLayer.append(svg('circle', { cx: a.x, cy: a.y - radius(nodes[l.s]) - 8, r: 8, fill: 'none', stroke: colour, 'stroke-width': width, class: 'edge' }, svg('title', {}, title)));
      continue;
    }
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    const d = Math.max(1, Math.hypot(dx, dy));
    const ux = dx / d;
    const uy = dy / d;
    // Curve slightly so A→B and B→A do not overlap.
    const mx = (a.x + b.x) / 2 - uy * 18;
    const my = (a.y + b.y) / 2 + ux * 18;
    const rt = radius(nodes[l.t]) + 3;
    const tx = b.x - ux * rt;
    const ty = b.y - uy * rt;
    const ah = 7 + width;
    const back = { x: tx - ux * ah, y: ty - uy * ah };
    edgeLayer.append(
      svg('path', { d: `M${a.x},${a.y} Q${mx},${my} ${back.x},${back.y}`, fill: 'none', stroke: colour, 'stroke-width': width, 'stroke-opacity': 0.85, class: 'edge' }, svg('title', {}, title)),
      svg('polygon', { points: `${tx},${ty} ${back.x - uy * ah * 0.5},${back.y + ux * ah * 0.5} ${back.x + uy * ah * 0.5},${back.y - ux * ah * 0.5}`, fill: colour }, svg('title', {}, title)));
  }
  nodes.forEach((nd, i) => {
    const g = svg('g', { class: 'node', transform: `translate(${pos[i].x},${pos[i].y})`, onclick: () => go('/events', { actor: nd.id }), dataset: { code: nd.id } },
      svg('circle', { r: radius(nd), fill: '#f4f1ea', stroke: '#333', 'stroke-width': 1.5 }),
      svg('text', { x: radius(nd) + 4, y: 4, class: 'node-label' }, nd.label || String(nd.id)),
      svg('title', {}, `${nd.label ?? nd.id} (${nd.id}): ${fmt(nd.n_events)} events`));
    nodeLayer.append(g);
  });
  add(root, 
    h('div', { class: 'chart' }, chart),
    h('h2', {}, 'Edges'),
    table([
      { label: 'Source', cell: (e) => actorCodeLink(e.source) },
      { label: 'Target', cell: (e) => actorCodeLink(e.target) },
      { label: 'Events', cell: (e) => fmt(e.n_events), class: 'num' },
      { label: 'Mean Goldstein', cell: (e) => h('span', { class: 'gold-swatch', title: 'mean Goldstein score' }, svg('svg', { width: 12, height: 12 }, svg('rect', { width: 12, height: 12, fill: goldsteinColour(e.goldstein_mean) })), ` ${fmt(e.goldstein_mean)}`), class: 'num' },
    ], [...edges].sort((a, b) => (b.n_events ?? 0) - (a.n_events ?? 0))));
}
