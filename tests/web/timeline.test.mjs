// Unit tests of the timeline's date parsing and cut axis (web/src/views/timeline.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { brokenAxis, parseDate } from '../../web/src/views/timeline.js';

const DAY = 86400000;

test('parseDate keeps partial dates partial and refuses non-dates', () => {
  assert.deepEqual(parseDate('2025-07-03'), { time: Date.UTC(2025, 6, 3), partial: false });
  assert.deepEqual(parseDate('2025-07'), { time: Date.UTC(2025, 6, 1), partial: true });
  assert.deepEqual(parseDate('2025'), { time: Date.UTC(2025, 0, 1), partial: true });
  assert.equal(parseDate(''), null);
  assert.equal(parseDate(null), null);
  assert.equal(parseDate('yesterday'), null);
});

test('brokenAxis cuts long empty stretches and keeps time order', () => {
  const times = [Date.UTC(2022, 1, 1), Date.UTC(2022, 1, 10), Date.UTC(2025, 5, 1), Date.UTC(2025, 6, 15), Date.UTC(2025, 7, 15)];
  const { clusters, x } = brokenAxis(times, 0, 1000);
  assert.equal(clusters.length, 2, 'the 2022 dates and the 2025 dates are two stretches');
  assert.ok(clusters[0].width >= 30, 'a short stretch stays visible');
  assert.ok(Math.abs(clusters[1].x + clusters[1].width - 1000) < 1e-6, 'the stretches fill the width');
  const xs = times.map(x);
  for (let i = 1; i < xs.length; i++) assert.ok(xs[i] > xs[i - 1], `x grows with time (${i})`);
  assert.ok(xs.every((v) => v >= 0 && v <= 1000));
  // Without the cut, the 2025 dates would share 1000 * 75 / 1290 ≈ 58 px; cut, they get most of the width.
  assert.ok(xs[4] - xs[2] > 600, `2025 spreads over ${xs[4] - xs[2]} px`);
});

test('brokenAxis of one date is one stretch centred on it', () => {
  const t = Date.UTC(2025, 2, 2);
  const { clusters, x } = brokenAxis([t, t], 10, 110);
  assert.equal(clusters.length, 1);
  assert.ok(Math.abs(x(t) - 60) < 1e-6);
  assert.ok(Math.abs(x(t + DAY) - 110) < 1e-6);
});
