// Highlights: the API's byte spans turned into <mark> elements over the text.
//
// The API gives BYTE offsets into the UTF-8 original (the engine's span
// invariant, docs/ARCHITECTURE.md); JavaScript strings count UTF-16 code
// units. `byteIndexer(text)` maps one to the other; `segment` cuts the text
// at every span boundary so overlapping and nested spans (an actor inside a
// quotation inside a flagged paragraph) become a flat list of pieces, each
// knowing which spans cover it; `renderHighlighted` nests one <mark> per
// covering span, outermost (longest) first.
//
//   const toIndex = byteIndexer(doc.text);
//   const spans = doc.mentions.map((m) => ({ start: toIndex(m.begin), end: toIndex(m.end), kind: 'actor', title: m.rule }));
//   container.append(renderHighlighted(doc.text, spans));
//
// This module is pure DOM-free logic except `renderHighlighted`, so node can
// unit-test it (tests/web/highlight.test.mjs).

/**
 * @typedef {Object} Span
 * @property {number} start  UTF-16 index, inclusive
 * @property {number} end    UTF-16 index, exclusive
 * @property {string} kind   actor | place | time | quote | event | flag
 * @property {string} title  what hovering shows: the rule id and details
 * @property {string} [href] where clicking the mark leads (an actor page)
 * @property {number} [id]   stable id of the span (all pieces of one span share it)
 */

/**
 * The number of UTF-8 bytes of `text` (lone surrogates count 3, as TextEncoder writes U+FFFD).
 * @param {string} text
 */
export function utf8Length(text) {
  return new TextEncoder().encode(text).length;
}

/**
 * A function from a byte offset into the UTF-8 encoding of `text` to the
 * UTF-16 index of the character that byte belongs to. Offsets past the end map
 * to text.length; an offset inside a multi-byte character maps to the
 * character's start.
 * @param {string} text
 * @returns {(byte: number) => number}
 */
export function byteIndexer(text) {
  const total = utf8Length(text);
  const map = new Uint32Array(total + 1);
  let byte = 0;
  for (let index = 0; index < text.length;) {
    const cp = /** @type {number} */ (text.codePointAt(index));
    const units = cp > 0xffff ? 2 : 1;
    const bytes = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    for (let k = 0; k < bytes; k++) map[byte + k] = index;
    byte += bytes;
    index += units;
  }
  map[total] = text.length;
  return (offset) => {
    if (!(offset > 0)) return 0;
    if (offset >= total) return text.length;
    return map[Math.floor(offset)];
  };
}

/**
 * Cuts [0, length) at every span boundary. Each piece lists the spans that
 * cover it, outermost first (longer spans before shorter ones; ties keep input
 * order). Empty and inverted spans are dropped; spans are clipped to the text.
 * @param {number} length
 * @param {Span[]} spans
 * @returns {{start: number, end: number, spans: Span[]}[]}
 */
export function segment(length, spans) {
  const clean = [];
  spans.forEach((span, order) => {
    const start = Math.max(0, Math.min(length, span.start));
    const end = Math.max(0, Math.min(length, span.end));
    if (end > start) clean.push({ span, start, end, order });
  });
  const cuts = new Set([0, length]);
  for (const s of clean) {
    cuts.add(s.start);
    cuts.add(s.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  clean.sort((a, b) => a.start - b.start || b.end - a.end || a.order - b.order);

  const pieces = [];
  let active = [];
  let next = 0;
  for (let i = 0; i + 1 < points.length; i++) {
    const from = points[i];
    const to = points[i + 1];
    active = active.filter((s) => s.end > from);
    while (next < clean.length && clean[next].start <= from) active.push(clean[next++]);
    const covering = active
      .filter((s) => s.start <= from && s.end >= to)
      .sort((a, b) => b.end - b.start - (a.end - a.start) || a.order - b.order)
      .map((s) => s.span);
    pieces.push({ start: from, end: to, spans: covering });
  }
  return pieces;
}

/**
 * A DocumentFragment with `text` as text nodes and one nested <mark> per
 * covering span on each piece. Marks get class "hl <kind>", title = span.title,
 * data-span = span.id; a span with href makes its marks open it on click.
 * @param {string} text
 * @param {Span[]} spans
 * @param {(href: string) => void} [navigate]
 * @returns {DocumentFragment}
 */
export function renderHighlighted(text, spans, navigate) {
  const fragment = document.createDocumentFragment();
  for (const piece of segment(text.length, spans)) {
    /** @type {Node} */
    let node = document.createTextNode(text.slice(piece.start, piece.end));
    for (let i = piece.spans.length - 1; i >= 0; i--) {
      const span = piece.spans[i];
      const mark = document.createElement('mark');
      mark.className = `hl ${span.kind}`;
      mark.title = span.title;
      if (span.id !== undefined) mark.dataset.span = String(span.id);
      if (span.href) {
        const href = span.href;
        mark.dataset.href = href;
        mark.classList.add('link');
        if (navigate) mark.addEventListener('click', () => navigate(href));
      }
      mark.appendChild(node);
      node = mark;
    }
    fragment.appendChild(node);
  }
  return fragment;
}
