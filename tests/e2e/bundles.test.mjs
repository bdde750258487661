// Widget bundles (src/widgets/remote.rs, docs/ARCHITECTURE.md "Modules"): home and chapter 2 load no
// bundle; a chapter with scaling-law widgets loads the scaling bundle once, whose widgets follow the
// page's theme and language; a bundle that fails to load says so where the widget goes, and "Try
// again" loads it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { useSite, chapterReady, canvasHash, widgetSettled, DIST } from './harness.mjs';

const site = useSite();
const LE = '#widget-ch3-explorer';
const BUNDLE = /\/(scaling|augment)-widgets(\.js|_bg\.wasm)(\?|$)/;

test("chapter 2's simulation workers run the page's own compiled module: its wasm is downloaded once", () =>
  site.session({}, async ({ page, context, goto }) => {
    // The test server sends no cache headers, so every fetch of the module would reach it.
    const wasm = [];
    context.on('request', (r) => { if (/\/scaling-lab-[0-9a-f]+_bg\.wasm$/.test(new URL(r.url()).pathname)) wasm.push(r.url()); });
    await goto('en/power-laws');
    await chapterReady(page);
    // Both simulators have run in their workers; a rerun starts a fresh worker.
    await widgetSettled(page, '#widget-mse');
    await widgetSettled(page, '#widget-boxes');
    const d = page.locator('#widget-boxes input[type="range"]').first();
    await d.focus();
    await d.press('ArrowUp');
    await widgetSettled(page, '#widget-boxes');
    assert.equal(await page.locator('#widget-boxes .sim-output').getAttribute('aria-busy'), 'false');
    assert.equal(wasm.length, 1, wasm.join('\n'));
  }));

test('home and chapter 2 load no widget bundle; chapter 3 loads the scaling bundle once', () =>
  site.session({}, async ({ page, goto }) => {
    const fetched = [];
    page.on('request', (r) => { if (BUNDLE.test(r.url())) fetched.push(new URL(r.url()).pathname); });
    await goto('en/');
    await goto('en/power-laws');
    await chapterReady(page);
    await widgetSettled(page, '#widget-mse');
    assert.deepEqual(fetched, [], 'chapter 2 needs no bundle');

    await page.click('a[href$="/en/kaplan-laws"] >> nth=0');
    await chapterReady(page);
    await widgetSettled(page, LE);
    await widgetSettled(page, '#widget-ch3-joint');
    // Two widgets, one module: its glue and its wasm once each, and nothing of the augmentation bundle.
    assert.deepEqual(fetched.sort(), ['/scaling-lab/scaling-widgets.js', '/scaling-lab/scaling-widgets_bg.wasm']);
  }));

/** Polls the chart's pixel hash (redrawn on an animation frame) until `ok(hash)`. */
async function untilCanvas(page, sel, ok, tries = 100) {
  for (let i = 0; i < tries; i += 1) {
    if (ok(await canvasHash(page, sel))) return;
    await page.waitForTimeout(50);
  }
  assert.fail(`the chart of ${sel} did not change as expected`);
}

test("a bundle's chart follows the theme toggle, and its text the language switch", () =>
  site.session({}, async ({ page, goto }) => {
    await goto('en/kaplan-laws');
    await widgetSettled(page, LE);
    const light = await canvasHash(page, LE);
    await page.click('header .theme-toggle');
    await untilCanvas(page, LE, (h) => h !== light);
    await page.click('header .theme-toggle');
    await untilCanvas(page, LE, (h) => h === light);

    await page.click('header .lang-switch');
    await page.waitForFunction(() => document.documentElement.lang === 'zh');
    await widgetSettled(page, LE);
    assert.match(await page.textContent(LE), /[\u4e00-\u9fff]/, 'the widget speaks Chinese');
  }));

// The app module's hashed name versions the bundle URLs (`?v=`), as the page requests them.
const appJs = fs.readFileSync(path.join(DIST, 'index.html'), 'utf8').match(/scaling-lab-[0-9a-f]+\.js/)[0];

test('a bundle that fails to load says so in place, and "Try again" loads it', async () => {
  const url = `${site.url('scaling-widgets.js')}?v=${appJs}`;
  await site.session({
    expect: [
      { type: 'http', text: 'HTTP 503', url },
      { type: 'error', text: 'Failed to load resource: the server responded with a status of 503 (Service Unavailable)', url },
    ],
  }, async ({ page, goto }) => {
    let refuse = true;
    await page.route('**/scaling-widgets.js*', (route) => (refuse
      ? route.fulfill({ status: 503, body: 'down for maintenance' })
      : route.continue()));
    await goto('en/kaplan-laws', { ready: false });
    await chapterReady(page);
    const alert = page.locator('.notice.error[role="alert"]', { hasText: "This widget's code could not be loaded" }).first();
    await alert.waitFor();
    refuse = false;
    await alert.locator('button', { hasText: 'Try again' }).click();
    await widgetSettled(page, LE);
    assert.equal(await page.locator('.notice.error', { hasText: 'could not be loaded' }).count(), 0);
  });
});
