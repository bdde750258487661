// Shared end-to-end harness: serves dist/ under /scaling-lab/ in-process on a free port, launches one
// Debian Chromium per test file (node --test runs each file in its own process), and opens pages in
// fresh browser contexts whose console is watched: any console error or warning, uncaught page error,
// failed request or HTTP error response fails the test that opened the page, unless the test declared
// that exact message as expected (the document's own 404 under the 404.html convention).
//
// Usage in a *.test.mjs file:
//   const site = useSite();                         // or useSite({ spa: false }) for the 404.html mode
//   test('…', () => site.session({}, async ({ page, goto }) => { await goto('en/power-laws'); … }));
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from './serve.mjs';
import { AxeBuilder } from '@axe-core/playwright';

const here = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(here, '../..');
// E2E_DIST lets scripts/test.sh test a build kept apart from dist/, which `trunk serve` may be serving.
export const DIST = path.resolve(ROOT, process.env.E2E_DIST || 'dist');
export const BASE = '/scaling-lab/';
export const OUT = path.join(here, 'out');
export const STORAGE_KEY = 'scaling-lab/v1';

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--no-first-run'];

/** What a compute worker loads: its loader, and the JS glue and wasm of the module it runs (the app's
 * own, hashed; the scaling-widgets module for fits; the augmentation worker). */
const WORKER_FILES = new RegExp(`^${BASE}(compute-worker\\.js|(scaling-lab-[0-9a-f]+|scaling-widgets|augment-worker)(\\.js|_bg\\.wasm)|images/[a-z]+_256\\.png)$`);

/** Chromium's message for a resource answered with HTTP 404 (logged with the resource's URL). */
export const RESOURCE_404 = /^Failed to load resource: the server responded with a status of 404 \(Not Found\)$/;

/**
 * Registers before/after hooks that start the server and the browser for the current test file.
 * `spa`: serve index.html with 200 for unknown paths (default), else 404.html with 404.
 */
export function useSite({ spa = true } = {}) {
  if (!fs.existsSync(path.join(DIST, 'index.html')) || !fs.existsSync(path.join(DIST, '404.html'))) {
    throw new Error(`no build in ${DIST}: run PUBLIC_URL=${BASE} scripts/build.sh first`);
  }
  const baseHref = fs.readFileSync(path.join(DIST, 'index.html'), 'utf8').match(/<base href="([^"]*)"/)?.[1];
  if (baseHref !== BASE) {
    throw new Error(`dist/ was built for the public URL ${baseHref}, the tests need ${BASE}: PUBLIC_URL=${BASE} scripts/build.sh`);
  }
  const site = {
    server: null,
    browser: null,
    /** Absolute URL of an app path relative to the base (`en/power-laws?mse.sigma=2`). */
    url: (p = '') => site.server.url + p.replace(/^\//, ''),
    session: (opts, body) => session(site, opts, body),
  };
  before(async () => {
    fs.mkdirSync(OUT, { recursive: true });
    site.server = await serve({ root: DIST, base: BASE, spa });
    site.browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  });
  after(async () => {
    await site.browser?.close();
    await site.server?.close();
  });
  return site;
}

/**
 * Runs `body({ page, context, goto, messages, site })` in a fresh context, then asserts the console
 * stayed clean and closes the context.
 *
 * opts: viewport ({width,height}, default 1280×900), colorScheme ('light' | 'dark'), locale (default
 * 'en-US'), initScript (a function or string run in every document before the app, including the
 * initial about:blank: guard on location.protocol when touching storage), acceptDownloads,
 * expect: [{ type, text: RegExp, url }] messages the test expects (each must occur, exactly as given).
 */
export async function session(site, opts = {}, body) {
  const context = await site.browser.newContext({
    viewport: opts.viewport ?? { width: 1280, height: 900 },
    colorScheme: opts.colorScheme ?? 'light',
    locale: opts.locale ?? 'en-US',
    acceptDownloads: opts.acceptDownloads ?? false,
    reducedMotion: 'reduce',
  });
  if (opts.initScript) await context.addInitScript(opts.initScript);
  const messages = [];
  const watch = (page) => {
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') {
        messages.push({ type: m.type(), text: m.text(), url: m.location()?.url ?? '' });
      }
    });
    page.on('pageerror', (e) => messages.push({ type: 'pageerror', text: String(e?.stack ?? e), url: page.url() }));
    page.on('requestfailed', (r) => {
      // A widget that unmounts (navigation, language switch) terminates its compute worker; a worker
      // still loading then has its script requests aborted. That is cancellation, not failure.
      if (r.failure()?.errorText === 'net::ERR_ABORTED' && WORKER_FILES.test(new URL(r.url()).pathname)) return;
      messages.push({ type: 'requestfailed', text: `${r.failure()?.errorText}`, url: r.url() });
    });
    page.on('response', (r) => {
      if (r.status() >= 400) messages.push({ type: 'http', text: `HTTP ${r.status()}`, url: r.url() });
    });
    page.on('crash', () => messages.push({ type: 'crash', text: 'page crashed', url: page.url() }));
  };
  context.on('page', watch);
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const goto = async (p, { ready = true } = {}) => {
    const response = await page.goto(site.url(p));
    if (ready) await appReady(page);
    return response;
  };
  try {
    await body({ page, context, goto, messages, site });
    // Late errors (a worker finishing, a deferred draw) count too.
    await page.waitForTimeout(150);
    const expected = opts.expect ?? [];
    const unexpected = messages.filter((m) => !expected.some((e) => matches(e, m)));
    assert.deepEqual(unexpected, [], 'console errors/warnings, page errors or failed requests');
    for (const e of expected) {
      assert.ok(messages.some((m) => matches(e, m)), `expected message did not occur: ${JSON.stringify({ ...e, text: String(e.text) })}`);
    }
  } finally {
    await context.close();
  }
}

function matches(e, m) {
  return e.type === m.type && (e.text instanceof RegExp ? e.text.test(m.text) : e.text === m.text) && e.url === m.url;
}

/** Waits until the app has rendered a page: a heading inside <main>, nothing still loading. */
export async function appReady(page) {
  await page.waitForSelector('main#main article h1');
  await page.waitForFunction(() => !document.querySelector('main .loading'));
}

/** Waits for a chapter page (not the loading or not-found state). */
export async function chapterReady(page) {
  await page.waitForSelector('article.chapter h1');
}

/** A hash of the canvas pixels (of the widget `sel`'s chart), after the chart has been drawn. */
export async function canvasHash(page, sel) {
  return page.evaluate((s) => {
    // toDataURL, not getImageData on the app's canvas: repeated getImageData makes Chromium warn.
    const c = document.querySelector(`${s} canvas`);
    const d = c.toDataURL('image/png');
    let h = 2166136261;
    for (let i = 0; i < d.length; i += 1) h = Math.imul(h ^ d.charCodeAt(i), 16777619);
    return `${c.width}x${c.height}:${h >>> 0}`;
  }, sel);
}

/** Waits until the widget `sel` shows its readout and no job is running. */
export async function widgetSettled(page, sel) {
  await page.waitForSelector(`${sel} .readout`);
  await page.waitForFunction((s) => !document.querySelector(`${s} .busy`), sel);
  // The chart redraws on the next animation frame after the result arrives.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

/** The stored record, parsed (null when absent). */
export async function stored(page) {
  return page.evaluate((k) => JSON.parse(localStorage.getItem(k) ?? 'null'), STORAGE_KEY);
}

/** Saves a screenshot under tests/e2e/out/ and returns its path. */
export async function shot(page, name, opts = {}) {
  const file = path.join(OUT, `${name}.png`);
  await page.screenshot({ path: file, ...opts });
  return file;
}

const SUPERSCRIPTS = '⁰¹²³⁴⁵⁶⁷⁸⁹';

/** A number as the app prints it: 1,000 grouped; 0.0123 or 1.2×10⁻⁴ (superscript digits, U+2212). */
export function printedNumber(text) {
  const [m, e] = text.replace(/,/g, '').replace(/−/g, '-').split('×10');
  return Number(m) * (e ? 10 ** Number([...e].map((c) => (c === '⁻' ? '-' : SUPERSCRIPTS.indexOf(c))).join('')) : 1);
}

/** The numbers in columns `cols` of each row of the data table in `sel`, as [[x, y], …]. */
export async function tableColumns(page, sel, cols) {
  const rows = await page.locator(`${sel} .data-table tbody tr`).evaluateAll((trs, c) => trs.map((r) => {
    const td = r.querySelectorAll('td');
    return c.map((i) => td[i].textContent);
  }), cols);
  return rows.map((r) => r.map(printedNumber));
}

/** R² of the least-squares line of log y on log x through `points` ([[x, y], …]), computed here. */
export function logLogR2(points) {
  const xs = points.map(([x]) => Math.log(x));
  const ys = points.map(([, y]) => Math.log(y));
  const mean = (v) => v.reduce((a, b) => a + b, 0) / v.length;
  const [mx, my] = [mean(xs), mean(ys)];
  const sxy = xs.reduce((a, x, i) => a + (x - mx) * (ys[i] - my), 0);
  const sxx = xs.reduce((a, x) => a + (x - mx) ** 2, 0);
  const syy = ys.reduce((a, y) => a + (y - my) ** 2, 0);
  return (sxy * sxy) / (sxx * syy);
}

/** axe-core's serious and critical violations on the page (WCAG 2.1 A/AA and best practices), summarized. */
export async function seriousViolations(page) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')} — ${n.failureSummary}`) }));
}

/** Ticks exactly the options `indices` of the choice exercise `box`, checks, and returns the feedback. */
export async function answerChoice(box, indices) {
  for (const input of await box.locator('input[type="radio"], input[type="checkbox"]').all()) {
    if ((await input.getAttribute('type')) === 'checkbox' && (await input.isChecked())) await input.uncheck();
  }
  for (const i of indices) await box.locator('input[type="radio"], input[type="checkbox"]').nth(i).check();
  await box.locator('.answer-row button.primary').first().click();
  return box.locator('.feedback').textContent();
}

/** Types `value` into the numeric exercise `box`, checks, and returns the feedback. */
export async function answerNumber(box, value) {
  await box.locator('input[type="text"]').fill(String(value));
  await box.locator('.answer-row button.primary').click();
  return box.locator('.feedback').textContent();
}
