// Browser tests of the web interface (issue 9): the real `cronaca serve`
// binary, the real vite build, Debian's headless chromium driven by
// playwright-core (from web/node_modules).
//
//   node tests/web/ui.test.mjs --cronaca build/cronaca --web build/web \
//     --source . --shared ../shared --tmp build/tests/web-ui --artifacts build/test-artifacts/web
//
// (ctest runs it as `web_ui`.) It analyses examples/, the seeds (read from
// shared/seeds at run time, when present) and an article full of injected
// markup (tests/web/fixtures) into a fresh database, serves it on a free
// port, and walks the interface: stories, the seeds' story with both
// reports highlighted, an actor, timeline, network, filters that survive a
// reload, and the injection staying text. Screenshots go to --artifacts.
// No request may leave localhost. Exit 77 (skipped) when chromium is absent.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = {
  cronaca: 'cronaca',
  web: '',
  source: path.resolve(here, '../..'),
  shared: '',
  tmp: '',
  artifacts: '',
  chromium: process.env.CRONACA_CHROMIUM ?? '/usr/bin/chromium',
};
for (let i = 2; i + 1 < process.argv.length; i += 2) {
  const key = process.argv[i].replace(/^--/, '');
  if (!(key in args)) throw new Error(`unknown option ${process.argv[i]}`);
  args[key] = process.argv[i + 1];
}
args.shared ||= path.resolve(args.source, '../shared');
args.tmp ||= fs.mkdtempSync('/tmp/cronaca-web-ui-');
args.artifacts ||= path.join(args.tmp, 'artifacts');
args.web ||= path.join(args.source, 'build/web');

if (!fs.existsSync(args.chromium)) {
  console.log(`SKIP: no chromium at ${args.chromium} (scripts/setup installs Debian's chromium)`);
  process.exit(77);
}
const require = createRequire(path.join(args.source, 'web/package.json'));
const { chromium } = require('playwright-core');

const SEEDS = ['000_1cc5b084867929f2', '003_a5ddd7cb7bc30740'];
const XSS_DOC = 'xss_markup_article';

let server;
let base;
let browser;
let page;
const external = [];
const pageErrors = [];
const consoleErrors = [];
let haveSeeds = false;

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function getJson(p) {
  const r = await fetch(base + p);
  assert.ok(r.ok, `${p}: HTTP ${r.status}`);
  return r.json();
}

/** Every screenshot is also a check that no placeholder leaked into the page chrome. */
async function assertNoJunk(name) {
  const chrome = await page.evaluate(() => {
    const main = document.querySelector('main').cloneNode(true);
    for (const el of main.querySelectorAll('.text, .sentence, blockquote, q')) el.remove();
    return main.textContent;
  });
  const junk = /\b(undefined|null|NaN)\b|\[object Object\]/.exec(chrome);
  assert.equal(junk, null, `${name}: "${junk?.[0]}" shown in the page`);
}

async function shot(name) {
  await assertNoJunk(name);
  fs.mkdirSync(args.artifacts, { recursive: true });
  const file = path.join(args.artifacts, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Navigates to a hash route and waits until the view has rendered. */
async function open(hash) {
  // main.js sets body[data-ready] after each render; mark the current one stale.
  await page.evaluate(() => { if (document.body) document.body.dataset.ready = 'stale'; }).catch(() => {});
  if (page.url() === `${base}/${hash}`) await page.reload(); // the same hash fires no hashchange
  else await page.goto(`${base}/${hash}`);
  await page.waitForFunction(() => document.body.dataset.ready && document.body.dataset.ready !== 'stale');
}

before(async () => {
  fs.rmSync(args.tmp, { recursive: true, force: true });
  fs.mkdirSync(args.tmp, { recursive: true });
  const db = path.join(args.tmp, 'web.db');
  const inputs = [path.join(args.source, 'examples'), path.join(here, 'fixtures', `${XSS_DOC}.txt`)];
  const seedDir = path.join(args.shared, 'seeds');
  const seedFiles = SEEDS.map((s) => path.join(seedDir, `${s}.txt`));
  haveSeeds = seedFiles.every((f) => fs.existsSync(f));
  if (haveSeeds) inputs.push(...seedFiles);
  else console.log(`# note: no seeds in ${seedDir}: the story steps use the examples' Alaska story`);
  const analyze = spawnSync(args.cronaca, ['analyze', '--db', db, '-q', '--format', 'none', ...inputs], { encoding: 'utf8' });
  assert.ok(analyze.status === 0, `cronaca analyze failed (${analyze.status}): ${analyze.stderr}`);

  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = spawn(args.cronaca, ['serve', '--db', db, '--port', String(port), '--web', args.web], { stdio: ['ignore', 'inherit', 'inherit'] });
  const deadline = Date.now() + 30000;
  for (;;) {
    try {
      const r = await fetch(`${base}/api/health`);
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    assert.ok(server.exitCode === null, `cronaca serve exited with ${server.exitCode}`);
    assert.ok(Date.now() < deadline, 'cronaca serve did not answer /api/health within 30 s');
    await new Promise((r) => setTimeout(r, 100));
  }

  browser = await chromium.launch({ executablePath: args.chromium, headless: true, args: ['--no-sandbox'] });
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(`${base}/`) || url === base) return route.continue();
    external.push(url);
    return route.abort();
  });
  page = await context.newPage();
  page.setDefaultTimeout(15000);
  page.on('pageerror', (err) => pageErrors.push(String(err)));
  page.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push(msg.text());
  });
});

after(async () => {
  await browser?.close();
  if (server && server.exitCode === null) {
    server.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 200));
    if (server.exitCode === null) server.kill('SIGKILL');
  }
});

let storyId;
let reportIds;

test('the stories list shows the stored stories', async () => {
  const stories = await getJson('/api/stories?limit=500');
  assert.ok(stories.total > 0, 'the database has stories');
  await open('#/');
  const links = page.locator('a.story-link');
  assert.equal(await links.count(), Math.min(50, stories.total));
  assert.match(await page.locator('p.lede').first().innerText(), /documents · .* stories · .* events/);
  await shot('stories');

  // A date range: the URL keeps it, the rows are the API's, a reload shows the same.
  const expected = await getJson('/api/stories?from=2025-06-01&to=2025-06-30&limit=50');
  assert.ok(expected.total > 0 && expected.total < stories.total, 'the range selects some stories');
  await page.fill('form.filters input[name="from"]', '2025-06-01');
  await page.fill('form.filters input[name="to"]', '2025-06-30');
  await page.click('form.filters button[type="submit"]');
  await page.waitForFunction(() => location.hash === '#/?from=2025-06-01&to=2025-06-30');
  await page.waitForFunction((n) => document.querySelectorAll('a.story-link').length === n, expected.items.length);
  await page.reload();
  await page.waitForSelector('a.story-link');
  assert.equal(await page.inputValue('form.filters input[name="from"]'), '2025-06-01');
  assert.deepEqual(await links.evaluateAll((as) => as.map((a) => a.dataset.story)), expected.items.map((x) => x.id));
});

test("the seeds' story shows both reports side by side with highlights", async () => {
  reportIds = haveSeeds ? SEEDS : ['en_alaska_summit_wire', 'it_alaska_summit_corriere'];
  const docs = await Promise.all(reportIds.map((id) => getJson(`/api/documents/${id}`)));
  storyId = docs[0].story;
  assert.ok(storyId, `${reportIds[0]} belongs to a story`);
  assert.equal(docs[1].story, storyId, `${reportIds[0]} and ${reportIds[1]} are linked into one story`);

  await open('#/');
  await page.locator(`a.story-link[data-story="${storyId}"]`).click();
  await page.waitForSelector('article.report');
  assert.equal(new URL(page.url()).hash, `#/story/${encodeURIComponent(storyId)}`);

  // Every section of the dossier JSON is on the page (reports, sources, label,
  // dates and counts are shown elsewhere: the heading and the lede).
  const dossier = await getJson(`/api/stories/${encodeURIComponent(storyId)}`);
  const heading = ['story', 'documents', 'sources', 'label', 'first_date', 'last_date', 'n_documents', 'n_sources'];
  if (dossier.label) assert.equal(await page.locator('h1').first().textContent(), dossier.label, 'the heading is the story label');
  for (const [key, value] of Object.entries(dossier)) {
    if (heading.includes(key) || (Array.isArray(value) && !value.length)) continue;
    assert.equal(await page.locator(`.dossier .part-${key}`).count(), 1, `dossier section ${key} is shown`);
  }
  assert.equal(await page.locator('.dossier table.data tbody tr').count(), dossier.documents.length, 'one dossier row per report');

  for (const doc of docs) {
    const report = page.locator(`article.report[data-document="${doc.id}"]`);
    await report.waitFor();
    assert.ok(await report.isVisible(), `${doc.id} is visible`);
    const kinds = await report.evaluate((el) => [...new Set([...el.querySelectorAll('mark.hl[data-span]')].map((m) => m.classList[1]))]);
    assert.ok(kinds.length >= 3, `${doc.id}: marks of at least 3 kinds, got ${kinds.join(',')}`);
    for (const kind of ['actor', 'event']) assert.ok(kinds.includes(kind), `${doc.id}: has ${kind} marks`);

    // Byte offsets became the right characters: each actor mark's text is
    // exactly the UTF-8 byte slice the API gave.
    const bytes = Buffer.from(doc.text, 'utf8');
    const expected = doc.mentions.map((m) => bytes.subarray(m.begin, m.end).toString('utf8')).filter(Boolean).sort();
    const shown = await report.evaluate((el) => {
      const bySpan = new Map();
      for (const m of el.querySelectorAll('mark.hl.actor[data-span]')) {
        bySpan.set(m.dataset.span, (bySpan.get(m.dataset.span) ?? '') + m.textContent);
      }
      return [...bySpan.values()].sort();
    });
    assert.deepEqual(shown, expected, `${doc.id}: actor marks cover the API's byte spans`);

    // Hovering shows the rule: every mark has a title with "rule: <id>", and
    // the rule ids are the API's.
    const titles = await report.evaluate((el) => [...el.querySelectorAll('mark.hl[data-span]')].map((m) => m.title));
    assert.ok(titles.every((t) => /rule: \S+/.test(t)), `${doc.id}: every mark names its rule`);
    const rule = doc.events[0]?.rule ?? doc.mentions[0]?.rule;
    assert.ok(rule && titles.some((t) => t.includes(`rule: ${rule}`)), `${doc.id}: a mark's title holds the rule ${rule}`);
  }
  await page.locator(`article.report[data-document="${reportIds[0]}"] mark.hl.event`).first().hover();
  await shot('story');

  // The legend hides a layer; the choice is in the URL and survives a reload.
  await page.locator('.legend input[data-kind="time"]').uncheck();
  assert.match(new URL(page.url()).hash, /[?&]hide=time\b/);
  const background = () => page.locator('article.report mark.hl.time').first().evaluate((m) => getComputedStyle(m).backgroundColor);
  assert.equal(await background(), 'rgba(0, 0, 0, 0)', 'hidden times have no background');
  await page.reload();
  await page.waitForSelector('article.report');
  assert.equal(await page.locator('.legend input[data-kind="time"]').isChecked(), false);
  assert.equal(await background(), 'rgba(0, 0, 0, 0)', 'still hidden after a reload');
  await page.locator('.legend input[data-kind="time"]').check();
  assert.notEqual(await background(), 'rgba(0, 0, 0, 0)', 'shown again');
});

test('an actor link leads to the actor page', async () => {
  const report = page.locator(`article.report[data-document="${reportIds[0]}"]`);
  const chip = report.locator('a.actor-link').first();
  const entity = await chip.getAttribute('data-entity');
  await chip.click();
  await page.waitForSelector('h1.actor-name');
  assert.equal(new URL(page.url()).hash, `#/actor/${encodeURIComponent(entity)}`);
  const actor = await getJson(`/api/actors/${encodeURIComponent(entity)}`);
  assert.equal(await page.locator('h1.actor-name').innerText(), actor.name ?? entity);
  // The page lists the report we came from among the actor's documents.
  const docLinks = await page.locator('section.block a[href^="#/document/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.ok(docLinks.includes(`#/document/${encodeURIComponent(reportIds[0])}`), 'the actor page links back to the report');
  await shot('actor');
});

test('the timeline draws the dated events of the story', async () => {
  const events = await getJson(`/api/events?story=${encodeURIComponent(storyId)}&limit=500`);
  const dated = events.items.filter((e) => /^\d{4}/.test(e.date ?? ''));
  await open(`#/timeline?story=${encodeURIComponent(storyId)}`);
  const dots = await page.locator('svg.timeline circle.event-dot').count();
  assert.equal(dots, dated.length, 'one dot per dated event');
  assert.ok(dots > 0, 'the story has dated events');
  await shot('timeline');
});

test('the network draws the actors and edges of the story', async () => {
  const netJson = await getJson(`/api/network?story=${encodeURIComponent(storyId)}`);
  await open(`#/network?story=${encodeURIComponent(storyId)}`);
  assert.ok(netJson.nodes.length > 0, 'the story has an actor network');
  assert.ok((await page.locator('svg.network g.node').count()) >= netJson.nodes.length);
  assert.equal(await page.locator('svg.network path.edge, svg.network circle.edge').count(), netJson.edges.length);
  await shot('network');
  // A node leads to that actor's events.
  const first = page.locator('svg.network g.node').first();
  const code = await first.getAttribute('data-code');
  await first.click();
  await page.waitForFunction((c) => location.hash.startsWith('#/events') && location.hash.includes(`actor=${encodeURIComponent(c)}`), code);
});

test('event filters live in the URL and survive a reload', async () => {
  const all = await getJson('/api/events?limit=500');
  assert.ok(all.items.length > 0, 'there are events');
  const code = all.items.find((e) => e.source)?.source;
  const expected = await getJson(`/api/events?actor=${encodeURIComponent(code)}&limit=100`);
  await open('#/events');
  await page.fill('form.filters input[name="actor"]', code);
  await page.click('form.filters button[type="submit"]');
  await page.waitForFunction((c) => location.hash.includes(`actor=${encodeURIComponent(c)}`), code);
  await page.waitForFunction((n) => document.querySelectorAll('table.data tbody tr').length === n, expected.items.length);
  await page.reload();
  await page.waitForSelector('table.data');
  assert.equal(await page.inputValue('form.filters input[name="actor"]'), code, 'the filter is back after a reload');
  assert.equal(await page.locator('table.data tbody tr').count(), expected.items.length, 'the same rows after a reload');
  await shot('events');
});

test('markup and script in an article stay text and never run', async () => {
  const doc = await getJson(`/api/documents/${XSS_DOC}`);
  await open(`#/document/${XSS_DOC}`);
  const report = page.locator(`article.report[data-document="${XSS_DOC}"]`);
  await report.waitFor();
  const text = await report.locator('.text').innerText();
  for (const injected of ['<script>window.__xss=1</script>', '<img src=x onerror="window.__xss=1">', '<svg onload="window.__xss=1">', '<iframe srcdoc=']) {
    assert.ok(text.includes(injected), `shown as text: ${injected}`);
  }
  assert.ok((await report.locator('h3').innerText()).includes('<img src=x'), 'the title is text');
  assert.ok((await report.locator('.source').innerText()).includes('<script>'), 'the source is text');
  // The story page and the stories list hold the same strings; visit them too.
  if (doc.story) {
    await open(`#/story/${encodeURIComponent(doc.story)}`);
    await open('#/');
  }
  await open(`#/document/${XSS_DOC}`);
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.__xss), undefined, 'no injected script ran');
  assert.equal(await page.locator('main img, main iframe, main script, main style, main svg circle[r="4"]').count(), 0, 'no injected element exists');
  const hrefs = await page.locator('a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.ok(hrefs.every((h) => !/^javascript:/i.test(h)), 'no javascript: link');
  await shot('xss');
});

test('nothing left localhost and the page raised no error', () => {
  assert.deepEqual(external, [], 'requests outside the server');
  assert.deepEqual(pageErrors, [], 'uncaught page errors');
  assert.deepEqual(consoleErrors.filter((e) => !/favicon/.test(e)), [], 'console errors (CSP violations show here)');
});
