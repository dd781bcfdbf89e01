// The web page as an analyst uses it, in a real headless Chromium: open the overview, see the
// map, timeline and event list, filter, open the event the sources disagree on, check its facts
// and that every evidence span is highlighted in its article's text, follow a source, and see
// an article posted meanwhile appear without a reload. Run by scripts/web/e2e.sh, which starts
// `sitrep serve` on a store of the seed articles and sets:
//   SITREP_URL    the server (http://127.0.0.1:PORT)
//   SITREP_TOKEN  its write token
//   SHOTS         where screenshots go
//   CHROMIUM      the browser (/usr/bin/chromium)
import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';

const base = process.env.SITREP_URL;
const token = process.env.SITREP_TOKEN;
const shots = process.env.SHOTS ?? 'target/e2e';
assert.ok(base, 'SITREP_URL is not set');
mkdirSync(shots, { recursive: true });

const api = async (path, init) => {
  const resp = await fetch(base + path, init);
  assert.equal(resp.status, 200, `${path}: ${resp.status} ${await resp.clone().text()}`);
  return resp.json();
};

// Code-point slicing, as the API's offsets count Unicode scalar values.
const slice = (text, start, end) => Array.from(text).slice(start, end).join('');

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
let step = 'start';
const problems = [];
const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
try {
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
  // The page must work offline: anything not from the server is refused and reported.
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(base)) return route.continue();
    problems.push(`request outside the server: ${url}`);
    return route.abort();
  });

  step = 'overview';
  const all = (await api('/api/events?limit=1000')).events;
  assert.ok(all.length >= 2, `the store should hold the seeds' events, has ${all.length}`);
  await page.goto(base + '/');
  const rows = page.locator('[data-testid=event-row]');
  await rows.first().waitFor();
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid=event-row]').length === n, all.length);
  const listed = await rows.evaluateAll((trs) => trs.map((tr) => tr.dataset.eventId));
  assert.deepEqual(new Set(listed), new Set(all.map((e) => e.id)), 'the list shows every event');

  // The map: Natural Earth outlines and one dot per located event.
  const countries = await page.locator('#map path.country').count();
  assert.ok(countries > 200, `${countries} country outlines`);
  const located = all.filter((e) => e.location?.lat != null && e.location?.lon != null);
  await page.waitForFunction((n) => document.querySelectorAll('#map circle.event-dot').length === n, located.length);
  // The timeline: one bar per day at least for the dated events.
  const bars = await page.locator('#timeline rect.bar').count();
  assert.ok(bars >= 1, `${bars} timeline bars`);
  await page.screenshot({ path: `${shots}/overview.png`, fullPage: true });

  step = 'filter by type';
  const battles = all.filter((e) => e.event_type === 'Battles');
  await page.selectOption('#f-type', 'Battles');
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid=event-row]').length === n
    && !document.querySelector('#events .loading'), battles.length);
  const shown = await rows.evaluateAll((trs) => trs.map((tr) => tr.dataset.eventId));
  assert.deepEqual(new Set(shown), new Set(battles.map((e) => e.id)));
  assert.match(page.url(), /type=Battles/, 'the filter is in the address');
  await page.selectOption('#f-type', '');
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid=event-row]').length === n, all.length);

  step = 'timeline';
  // A bar sets the dates to its bin: the list then holds the events starting in it.
  const bar = page.locator('#timeline rect.bar').first();
  const [from, to] = [await bar.getAttribute('data-date'), await bar.getAttribute('data-to')];
  const inBin = all.filter((e) => e.date?.start && e.date.start >= from && e.date.start <= to);
  assert.ok(inBin.length >= 1, `bin ${from}..${to} is empty`);
  await bar.click();
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid=event-row]').length === n
    && !document.querySelector('#events .loading'), inBin.length);
  assert.equal(await page.inputValue('#f-from'), from);
  assert.match(page.url(), new RegExp(`from=${from}`), 'the dates are in the address');
  await page.click('#clear-dates');
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid=event-row]').length === n, all.length);

  step = 'map dot';
  // A dot on the map opens its event.
  const dot = page.locator('#map circle.event-dot').first();
  const dotId = await dot.getAttribute('data-event-id');
  await dot.dispatchEvent('click');
  await page.waitForURL(`**/#/event/${encodeURIComponent(dotId)}`);
  await page.locator('[data-testid=facts]').waitFor();
  await page.goBack();
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid=event-row]').length === n, all.length);

  step = 'open the disputed event';
  // The event several sources report and disagree on.
  const target = all
    .filter((e) => (e.conflicts ?? []).length > 0 && e.articles.length >= 2)
    .sort((a, b) => b.articles.length - a.articles.length)[0];
  assert.ok(target, 'the seeds hold an event with a disagreement');
  const event = await api(`/api/events/${encodeURIComponent(target.id)}`);
  await page.locator(`[data-testid=event-row][data-event-id="${target.id}"] a`).first().click();
  await page.waitForURL(`**/#/event/${encodeURIComponent(target.id)}`);
  const facts = page.locator('[data-testid=facts]');
  await facts.waitFor();
  assert.ok((await facts.locator('tr').count()) >= 4, 'the facts table has rows');
  // Each value names its sources: chips for at least two of the event's articles.
  const chipArticles = new Set(await facts.locator('.source[data-article]')
    .evaluateAll((bs) => bs.map((b) => b.dataset.article)));
  for (const a of chipArticles) assert.ok(event.articles.includes(a), `chip for ${a}`);
  assert.ok(chipArticles.size >= 2, `sources shown: ${[...chipArticles]}`);
  // Disagreements are marked, with their note.
  const disputed = facts.locator('tr.conflict');
  assert.ok((await disputed.count()) >= 1, 'a disputed fact is marked');
  assert.match(await disputed.first().innerText(), /disputed/i);

  step = 'articles side by side';
  const cols = page.locator('[data-testid=article-col]');
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid=article-col] .article-text').length === n,
    event.articles.length);
  const colIds = await cols.evaluateAll((cs) => cs.map((c) => c.dataset.articleId));
  assert.deepEqual(colIds.slice().sort(), event.articles.slice().sort(), 'one column per source');
  // Side by side: the first two columns share a row.
  const [b0, b1] = [await cols.nth(0).boundingBox(), await cols.nth(1).boundingBox()];
  assert.ok(Math.abs(b0.y - b1.y) < 2 && b1.x > b0.x, 'columns sit side by side');
  // Every evidence span and claim of the event is highlighted in its article's text.
  const spans = [
    ...(event.evidence ?? []).map((e) => ({ ...e, kind: 'evidence' })),
    ...(event.claims ?? []).map((c) => ({ ...c, kind: 'claim' })),
  ];
  assert.ok(spans.length > 0);
  for (const id of event.articles) {
    const col = page.locator(`[data-testid=article-col][data-article-id="${id}"] .article-text`);
    // The shown text, and the code-point ranges of its marks.
    const shown = await col.evaluate((root) => {
      let text = '';
      const marked = [];
      const walk = (node, inMark) => {
        for (const child of node.childNodes) {
          if (child.nodeType === Node.TEXT_NODE) {
            const start = Array.from(text).length;
            text += child.data;
            if (inMark) marked.push([start, Array.from(text).length]);
          } else {
            walk(child, inMark || child.tagName === 'MARK');
          }
        }
      };
      walk(root, false);
      return { text, marked };
    });
    const article = await api(`/api/articles/${encodeURIComponent(id)}`);
    assert.equal(shown.text, article.text, `${id}: the column shows the article's text as stored`);
    const covered = (s, e) => {
      for (let i = s; i < e; i++) {
        if (!shown.marked.some(([a, b]) => a <= i && i < b)) return false;
      }
      return true;
    };
    const mine = spans.filter((s) => s.article === id);
    assert.ok(mine.length > 0, `${id} has spans`);
    for (const s of mine) {
      assert.equal(slice(shown.text, s.start, s.end), s.quote, `${id}: ${s.kind} ${s.field ?? s.slot} span`);
      assert.ok(covered(s.start, s.end), `${id}: ${s.kind} "${s.quote}" is highlighted`);
    }
  }
  await page.screenshot({ path: `${shots}/event.png`, fullPage: true });

  step = 'follow a source';
  const chip = facts.locator('tr.conflict .source[data-article]').first();
  const chipArticle = await chip.getAttribute('data-article');
  await chip.click();
  const mark = page.locator(`[data-testid=article-col][data-article-id="${chipArticle}"] mark`).first();
  await page.waitForFunction((id) => {
    const m = document.querySelector(`[data-testid=article-col][data-article-id="${id}"] mark.flash`);
    if (!m) return false;
    const r = m.getBoundingClientRect();
    return r.bottom > 0 && r.top < window.innerHeight && r.right > 0 && r.left < window.innerWidth;
  }, chipArticle);
  assert.ok(await mark.isVisible());
  await page.screenshot({ path: `${shots}/event-source.png` });

  step = 'live update';
  await page.evaluate(() => { window.__notReloaded = true; });
  await page.locator('a.back').first().click();
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid=event-row]').length === n, all.length);
  // An invented report of an invented protest, posted while the page is open.
  const posted = {
    id: 'e2e-live-1',
    outlet: 'Test Wire',
    title: 'Protesters rally in Nairobi over fuel prices',
    published: '2025-09-03',
    text: 'Thousands of protesters marched through central Nairobi, Kenya, on Tuesday against a rise '
      + 'in fuel prices, and police fired tear gas to disperse them, witnesses said.',
  };
  const r = await fetch(`${base}/api/articles`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(posted),
  });
  assert.equal(r.status, 200, await r.text());
  const after = (await api('/api/events?limit=1000')).events;
  assert.equal(after.length, all.length + 1, 'the new article is a new event');
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid=event-row]').length === n,
    after.length, { timeout: 15000 });
  const fresh = after.find((e) => e.articles.includes('e2e-live-1'));
  await page.locator(`[data-testid=event-row][data-event-id="${fresh.id}"]`).waitFor();
  assert.equal(await page.evaluate(() => window.__notReloaded), true, 'no reload happened');
  await page.screenshot({ path: `${shots}/live.png`, fullPage: true });

  step = 'done';
  assert.deepEqual(problems, [], 'no page errors and nothing fetched from elsewhere');
  console.log(`e2e: ok (${all.length} events, then ${after.length}; ${event.articles.length} articles side by side; `
    + `${spans.length} spans highlighted); screenshots in ${shots}/`);
} catch (err) {
  await page.screenshot({ path: `${shots}/failure.png`, fullPage: true }).catch(() => {});
  console.error(`e2e: failed at "${step}": ${err.message}`);
  if (problems.length) console.error(problems.join('\n'));
  process.exitCode = 1;
} finally {
  await browser.close();
}
