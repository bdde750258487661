// Fit lab (chapter 5): the shipped runs are fitted and bootstrapped in the worker; URL state; CSV and
// PNG export; and every kind of bad CSV gives a clear message while the page keeps working: garbage,
// empty, huge (10⁶ rows, cut at 100 000, the long fit cancellable), hostile (formula text, HTML in
// labels, very long lines), zero and negative values, a single point, all points equal.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite, chapterReady, shot } from './harness.mjs';

const site = useSite();
const LAB = '#widget-ch5-lab';

/** Waits until the fit and its bootstrap are shown and no job runs. */
async function labSettled(page, sel = LAB) {
  await page.waitForSelector(`${sel} .fit-summary`);
  await page.waitForSelector(`${sel} .fit-boot`, { timeout: 60_000 });
  await page.waitForFunction((s) => !document.querySelector(`${s} .busy`), sel);
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

/** Pastes `text` into the CSV box and imports it. */
async function useCsv(page, text) {
  await page.fill(`${LAB} .fit-csv-text`, text);
  await page.click(`${LAB} .fit-csv-use`);
}

/** n runs from Hoffmann et al.'s rounded law (E 1.69, A 406.4, B 410.7, α 0.34, β 0.28) on an N × D grid. */
function lawRows(n) {
  const rows = [];
  for (let i = 0; rows.length < n; i += 1) {
    const N = 1e8 * 3 ** (i % 5);
    const D = 1e9 * 4 ** Math.floor(i / 5);
    rows.push([N, D, 1.69 + 406.4 / N ** 0.34 + 410.7 / D ** 0.28]);
  }
  return rows;
}

test('the shipped runs are fitted, bootstrapped and exported', () =>
  site.session({ acceptDownloads: true }, async ({ page, goto }) => {
    await goto('en/fitting');
    await chapterReady(page);
    await labSettled(page);
    const summary = await page.textContent(`${LAB} .fit-summary`);
    // 41 single-epoch runs, the 3 largest held out by default.
    assert.match(summary, /^Fitted on 38 runs \(3 held out\)\. Training RMSE [0-9.]+ nats, held-out RMSE [0-9.]+ nats\./, summary);
    assert.match(summary, /95% interval [0-9.]+ – [0-9.]+/);
    assert.match(summary, /N_opt = [0-9.]+[KMBT]? parameters/);
    const rows = await page.locator(`${LAB} .fit-constants tbody th`).allTextContents();
    assert.deepEqual(rows.slice(0, 6), ['E', 'A', 'B', 'alpha', 'beta', 'a']);
    // Every constant has a bootstrap interval.
    const intervals = await page.locator(`${LAB} .fit-constants tbody tr td:nth-child(3)`).allTextContents();
    assert.ok(intervals.slice(0, 6).every((t) => / – /.test(t)), intervals.join(' | '));
    assert.equal(await page.locator(`${LAB} .data-table tbody tr`).count(), 41);
    assert.match(await page.textContent(`${LAB} .fit-source-line`), /datablations.*Apache-2\.0/);
    assert.equal(await page.locator(`${LAB} canvas`).count(), 2, 'fit chart and residual chart');

    const [csv] = await Promise.all([page.waitForEvent('download'), page.click(`${LAB} .fit-download-csv`)]);
    assert.equal(csv.suggestedFilename(), 'fit-lab-results.csv');
    const text = await (await import('node:fs')).promises.readFile(await csv.path(), 'utf8');
    assert.match(text, /^quantity,estimate,lo95,hi95\nE,/);
    assert.match(text, /\nlabel,N,D,C,loss,predicted,residual,held_out\n/);
    const [png] = await Promise.all([page.waitForEvent('download'), page.click(`${LAB} .fit-download-png`)]);
    assert.equal(png.suggestedFilename(), 'fit-lab-chart.png');
    await shot(page.locator(LAB), 'fit-lab-default');
  }));

test('URL state sets the law, the hold-out and the budget; bad values give a notice', () =>
  site.session({}, async ({ page, goto }) => {
    await goto('en/fitting?ch5-lab.law=power-compute&ch5-lab.hold_out=1&ch5-lab.budget=1e23&ch5-lab.resamples=nope');
    await chapterReady(page);
    await labSettled(page);
    assert.equal(await page.inputValue(`${LAB} .fit-law`), 'power-compute');
    const summary = await page.textContent(`${LAB} .fit-summary`);
    assert.match(summary, /^Fitted on 40 runs \(1 held out\)/);
    assert.match(summary, /At C = 1×10²³ FLOPs/);
    assert.match(await page.textContent(`${LAB} .notice`), /ch5-lab\.resamples=nope/);
    const rows = await page.locator(`${LAB} .fit-constants tbody th`).allTextContents();
    assert.deepEqual(rows.slice(0, 3), ['E', 'A', 'alpha']);
    await page.selectOption(`${LAB} .fit-law`, 'chinchilla');
    await labSettled(page);
    assert.equal(new URL(page.url()).searchParams.get('ch5-lab.law'), null, 'the default is not written');
    assert.match(await page.textContent(`${LAB} .fit-summary`), /N_opt = /);
  }));

test('garbage, empty, single-point and all-equal CSV are refused with a message', () =>
  site.session({}, async ({ page, goto }) => {
    await goto('en/fitting?ch5-lab.source=csv&ch5-lab.hold_out=0');
    await chapterReady(page);
    await page.waitForSelector(`${LAB} .fit-csv-text`);
    assert.match(await page.textContent(`${LAB} .fit-csv`), /not put in the link/);
    // Nothing imported yet.
    assert.match(await page.textContent(`${LAB} .fit-refused`), /No runs to fit yet/);

    await useCsv(page, 'hello world\n%%% ;;; garbage\n\u0007\n');
    await page.waitForSelector(`${LAB} .fit-csv-summary`);
    assert.match(await page.textContent(`${LAB} .fit-csv`), /Could not find the columns/);

    await useCsv(page, '');
    assert.match(await page.textContent(`${LAB} .fit-csv`), /no rows/);
    assert.match(await page.textContent(`${LAB} .fit-refused`), /No runs to fit yet/);

    await useCsv(page, 'N,D,loss\n1e9,2e10,2.5\n');
    await page.waitForFunction((s) => /at least 5 training runs, got 1/.test(document.querySelector(`${s} .fit-refused`)?.textContent ?? ''), LAB);

    await useCsv(page, 'N,D,loss\n' + Array(12).fill('1e9,2e10,2.5').join('\n') + '\n');
    await page.waitForFunction((s) => /two different N and two different D/.test(document.querySelector(`${s} .fit-refused`)?.textContent ?? ''), LAB);
    assert.equal(await page.locator(`${LAB} .fit-summary`).count(), 0, 'no fit is shown for refused data');

    // The page still works: a good CSV fits.
    await useCsv(page, 'N,D,loss\n' + lawRows(12).map((r) => r.join(',')).join('\n') + '\n');
    await labSettled(page);
    assert.match(await page.textContent(`${LAB} .fit-summary`), /^Fitted on 12 runs \(0 held out\)/);
  }));

test('columns with unknown names are mapped by hand: C instead of D, loss in the first column', () =>
  site.session({}, async ({ page, goto }) => {
    await goto('en/fitting?ch5-lab.source=csv&ch5-lab.hold_out=0');
    await chapterReady(page);
    await page.waitForSelector(`${LAB} .fit-csv-text`);
    // The runs of lawRows, with the loss first, N second and the compute C = 6ND third, under names
    // the guesser does not know.
    const rows = lawRows(12).map(([n, d, loss]) => [loss, n, 6 * n * d].join(','));
    await useCsv(page, 'metric,size,budget\n' + rows.join('\n') + '\n');
    await page.waitForSelector(`${LAB} .fit-csv-mapping`);
    assert.match(await page.textContent(`${LAB} .fit-csv`), /Could not find the columns/);
    const selects = page.locator(`${LAB} .fit-csv-mapping select`);
    await selects.nth(0).selectOption('1');
    await selects.nth(1).selectOption('c2');
    await selects.nth(2).selectOption('0');
    await page.waitForFunction((s) => /^Read 12 run\(s\)/.test(document.querySelector(`${s} .fit-csv-summary`)?.textContent ?? ''), LAB);
    await labSettled(page);
    assert.match(await page.textContent(`${LAB} .fit-summary`), /^Fitted on 12 runs \(0 held out\)/);
  }));

test('zero, negative and hostile rows are listed by line; labels stay text', () =>
  site.session({ acceptDownloads: true }, async ({ page, goto }) => {
    await goto('en/fitting?ch5-lab.source=csv&ch5-lab.hold_out=0');
    await chapterReady(page);
    await page.waitForSelector(`${LAB} .fit-csv-text`);
    const good = lawRows(10).map((r, i) => [i === 0 ? '=cmd|\' /C calc\'!A0' : i === 1 ? '<img src=x onerror=window.__pwned=1>' : `run${i}`, ...r]);
    const lines = ['name,N,D,loss', ...good.map((r) => r.join(',')),
      'zero,0,2e10,2.5', // line 12
      'neg,1e9,-2e10,2.5', // line 13
      'negloss,1e9,2e10,-1', // line 14
      'long,1e9,' + '9'.repeat(20000) + ',2.5', // line 15
      'text,abc,2e10,2.5']; // line 16
    await useCsv(page, lines.join('\n'));
    await page.waitForSelector(`${LAB} .fit-csv-errors`);
    const errors = await page.locator(`${LAB} .fit-csv-errors li`).allTextContents();
    assert.equal(errors.length, 5, errors.join('\n'));
    assert.match(errors[0], /^line 12: .*not positive/);
    assert.match(errors[1], /^line 13: .*not positive/);
    assert.match(errors[2], /^line 14: .*not positive/);
    assert.match(errors[3], /^line 15: .*longer than 256 characters/);
    assert.match(errors[4], /^line 16: .*not a number/);
    assert.match(await page.textContent(`${LAB} .fit-csv-summary`), /Read 10 run\(s\).*5 line\(s\) rejected/);
    await labSettled(page);
    // The HTML label is shown as text, never parsed.
    assert.equal(await page.locator(`${LAB} img`).count(), 0);
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    const table = await page.textContent(`${LAB} .data-table tbody`);
    assert.ok(table.includes('<img src=x onerror=window.__pwned=1>'), table);
    // The formula label is defused in the export.
    const [csv] = await Promise.all([page.waitForEvent('download'), page.click(`${LAB} .fit-download-csv`)]);
    const text = await (await import('node:fs')).promises.readFile(await csv.path(), 'utf8');
    assert.ok(/\n"?'=cmd/.test(text), text.slice(0, 800));
    assert.ok(!/\n=cmd/.test(text));
    await shot(page.locator(LAB), 'fit-lab-hostile-csv');
  }));

test('a 10⁶-row file is cut at 100 000 rows, its long fit can be cancelled, and the page keeps working', () =>
  site.session({}, async ({ page, goto }) => {
    await goto('en/fitting?ch5-lab.source=csv&ch5-lab.hold_out=0');
    await chapterReady(page);
    await page.waitForSelector(`${LAB} .fit-csv-file`);
    const parts = ['N,D,loss\n'];
    for (let i = 0; i < 1_000_000; i += 1) {
      const N = 1e8 * (1 + (i % 97));
      const D = 1e9 * (1 + (i % 89));
      parts.push(`${N},${D},${(1.69 + 406.4 / N ** 0.34 + 410.7 / D ** 0.28).toFixed(5)}\n`);
    }
    const buffer = Buffer.from(parts.join(''));
    await page.setInputFiles(`${LAB} .fit-csv-file`, { name: 'huge.csv', mimeType: 'text/csv', buffer });
    await page.waitForSelector(`${LAB} .fit-csv-summary`, { timeout: 60_000 });
    assert.match(await page.textContent(`${LAB} .fit-csv-summary`), /Read 100000 run\(s\)/);
    assert.match(await page.textContent(`${LAB} .fit-csv`), /longer than 100 000 rows/);
    // The fit of 100 000 runs is slow: it runs in the worker with a progress bar and a cancel button.
    await page.waitForSelector(`${LAB} .busy progress`);
    await page.click(`${LAB} .busy button`);
    await page.waitForFunction((s) => !document.querySelector(`${s} .busy`), LAB);
    // The page is responsive: back to the shipped runs, which fit.
    await page.selectOption(`${LAB} .fit-source`, 'datablations-single-epoch');
    await labSettled(page);
    assert.match(await page.textContent(`${LAB} .fit-summary`), /^Fitted on 41 runs/);
  }));

test('the Chinese page renders the lab with its texts', () =>
  site.session({}, async ({ page, goto }) => {
    await goto('zh/fitting');
    await chapterReady(page);
    await labSettled(page);
    assert.match(await page.textContent(`${LAB} .fit-summary`), /^用 38 个运行拟合（留出 3 个）/);
    assert.match(await page.textContent(`${LAB} .fit-source-line`), /Apache-2\.0/);
  }));

const ex = (id) => `[data-exercise="fitting/${id}"]`;

test('fitting challenge: the held-out prediction read from the lab passes, a bad one does not', () =>
  site.session({}, async ({ page, goto }) => {
    await goto('en/fitting?ch5-lab.hold_out=1');
    await chapterReady(page);
    await labSettled(page);
    // The held-out run is the largest single-epoch run (8.67B parameters, 178B tokens).
    const row = page.locator(`${LAB} .data-table tbody tr`, { hasText: 'held out' });
    assert.equal(await row.count(), 1);
    assert.equal(await row.locator('td').nth(0).textContent(), '8b7178b178b');
    const predicted = Number((await row.locator('td').nth(5).textContent()).replace('−', '-'));
    const box = page.locator(ex('ch5-heldout-challenge'));
    const input = box.locator('input[type="text"]');
    await input.fill('2.5');
    await box.locator('.answer-row button.primary').click();
    assert.match(await box.locator('.feedback').textContent(), /^Not quite/);
    await input.fill(String(predicted));
    await box.locator('.answer-row button.primary').click();
    assert.match(await box.locator('.feedback').textContent(), /^Correct/, `predicted ${predicted}`);
  }));

test('random extrapolation exercise and the predict-then-reveal band question', () =>
  site.session({}, async ({ page, goto }) => {
    await goto('en/fitting');
    await chapterReady(page);
    const rnd = page.locator(ex('ch5-naive-extrapolation'));
    const prompt = await rnd.locator('.prompt').evaluate((el) => el.textContent.replace(/\s+/g, ' '));
    const nums = [...prompt.matchAll(/([0-9]+(?:\.[0-9]+)?)/g)].map((m) => Number(m[1]));
    // The prompt reads: from L = l1 to l2 nats … after `decades` more decades.
    const [l1, l2] = nums.filter((x) => x > 2 && x < 4);
    // Read the decades from their own phrase: a drawn loss can be a whole number too (L = 3).
    const decades = Number(prompt.match(/after\s+([0-9]+)\s+more decades/)?.[1]);
    assert.ok(l1 && l2 && decades, prompt);
    await rnd.locator('input[type="text"]').fill(String(l2 * (l2 / l1) ** decades));
    await rnd.locator('.answer-row button.primary').click();
    assert.match(await rnd.locator('.feedback').textContent(), /^Correct/, prompt);

    const sim = '#widget-ch5-predict-band-lab';
    assert.match(await page.textContent(`${sim} .hint`), /Commit your guess/);
    assert.equal(await page.locator(`${sim} canvas`).count(), 0);
    const box = page.locator(ex('ch5-predict-band'));
    await box.locator('input[type="radio"]').nth(0).check();
    await box.locator('.answer-row button.primary').first().click();
    await labSettled(page, sim);
    assert.match(await page.textContent(`${sim} .fit-summary`), /At C = 1×10²⁴ FLOPs/);
    assert.match(await box.locator('.solution').textContent(), /Wider/);
  }));
