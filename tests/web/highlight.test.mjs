// Unit tests of web/src/highlight.js: byte offsets (UTF-8) to string indices,
// and cutting overlapping spans into pieces. Run: node --test tests/web/highlight.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { byteIndexer, segment, utf8Length } from '../../web/src/highlight.js';

/** The substring a byte span covers, computed the slow obvious way (Buffer). */
function byteSlice(text, begin, end) {
  return Buffer.from(text, 'utf8').subarray(begin, end).toString('utf8');
}

test('byte offsets map to string indices across 1-4 byte characters', () => {
  const text = 'a“é€😀b’ Città';
  const at = byteIndexer(text);
  assert.equal(utf8Length(text), Buffer.byteLength(text, 'utf8'));
  // Every character boundary in bytes maps to the boundary in UTF-16 units.
  let byte = 0;
  let index = 0;
  for (const ch of text) {
    assert.equal(at(byte), index, `at byte ${byte}`);
    byte += Buffer.byteLength(ch, 'utf8');
    index += ch.length;
  }
  assert.equal(at(byte), text.length);
  assert.equal(at(byte + 10), text.length, 'past the end clamps');
  assert.equal(at(-3), 0, 'negative clamps');
  // A byte inside a multi-byte character maps to that character's start.
  assert.equal(at(2), 1); // inside “ (bytes 1..3)
});

test('every byte span gives the same text as Buffer slicing (random spans)', () => {
  const text = 'Putin ha detto: “La Russia non si arrenderà”. 😀 Zelens’kyj — 2025–07-03\nAl‑Udeid';
  const bytes = Buffer.from(text, 'utf8');
  const boundaries = [];
  for (let b = 0; b <= bytes.length; b++) if (b === bytes.length || (bytes[b] & 0xc0) !== 0x80) boundaries.push(b);
  const at = byteIndexer(text);
  let seed = 7;
  const rand = (n) => ((seed = (seed * 1103515245 + 12345) % 2147483648) % n);
  for (let i = 0; i < 500; i++) {
    const a = boundaries[rand(boundaries.length)];
    const b = boundaries[rand(boundaries.length)];
    const [begin, end] = a <= b ? [a, b] : [b, a];
    assert.equal(text.slice(at(begin), at(end)), byteSlice(text, begin, end));
  }
});

test('segment cuts overlapping and nested spans into covering pieces, outermost first', () => {
  const spans = [
    { start: 0, end: 10, kind: 'quote', title: 'q' },
    { start: 2, end: 5, kind: 'actor', title: 'a' },
    { start: 4, end: 8, kind: 'event', title: 'e' },
    { start: 9, end: 9, kind: 'time', title: 'empty' },
    { start: 12, end: 30, kind: 'flag', title: 'clipped' },
  ];
  const pieces = segment(14, spans);
  const show = pieces.map((p) => `${p.start}-${p.end}:${p.spans.map((s) => s.kind).join('>')}`);
  assert.deepEqual(show, [
    '0-2:quote',
    '2-4:quote>actor',
    '4-5:quote>event>actor',
    '5-8:quote>event',
    '8-10:quote',
    '10-12:',
    '12-14:flag',
  ]);
  // The pieces tile the text exactly.
  assert.equal(pieces[0].start, 0);
  for (let i = 1; i < pieces.length; i++) assert.equal(pieces[i].start, pieces[i - 1].end);
  assert.equal(pieces.at(-1).end, 14);
});

test('segment of no spans is one plain piece; of an empty text, nothing', () => {
  assert.deepEqual(segment(5, []), [{ start: 0, end: 5, spans: [] }]);
  assert.deepEqual(segment(0, [{ start: 0, end: 3, kind: 'actor', title: '' }]), []);
});
