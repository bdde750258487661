// Widgets: a slider redraws the chart (canvas pixels) and the text readout and writes the URL; a URL
// with widget state reproduces it; bad URL values give a notice and the widget still works.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite, chapterReady, canvasHash, widgetSettled, tableColumns, logLogR2 } from './harness.mjs';

const site = useSite();
const MSE = '#widget-mse';
const sigmaOf = (text) => Number(text.match(/σ = ([0-9.]+)/)?.[1]);

test('a slider change redraws the chart and its readout, and is written to the URL', () =>
  site.session({}, async ({ page, goto }) => {
    await goto('en/power-laws');
    await chapterReady(page);
    await widgetSettled(page, MSE);
    const readout0 = await page.textContent(`${MSE} .readout`);
    assert.equal(sigmaOf(readout0), 1, readout0);
    assert.match(readout0, /^Fitted slope -?[−-]?[0-9.]+ ± [0-9.]+ \(theory −1\), R² (= [0-9.]+|> 0\.9999)\./);
    // R² of the least-squares line through the data table's points (log MSE on log n), computed here:
    // four significant digits, and never "= 1" for a fit that is not exact.
    const points = await tableColumns(page, MSE, [0, 1]);
    assert.ok(points.every((p) => p.every(Number.isFinite)), JSON.stringify(points));
    assert.ok(points.length >= 5, JSON.stringify(points));
    const r2 = logLogR2(points);
    const printed = readout0.match(/R² (=|>) ([0-9]+(?:\.[0-9]+)?)/);
    if (r2 >= 0.99995) {
      assert.deepEqual(printed.slice(1), ['>', '0.9999'], `R² ${r2}: ${readout0}`);
    } else {
      assert.equal(printed[1], '=', readout0);
      // The table's MSE values carry 4 digits, so allow one unit in the 4th digit of R².
      assert.ok(Math.abs(Number(printed[2]) - Number(r2.toPrecision(4))) <= 1.01e-4, `R² ${r2}: ${readout0}`);
    }
    const pixels0 = await canvasHash(page, MSE);
    const sigma = page.locator(`${MSE} input[type="range"]`).first();
    assert.equal(await page.textContent(`${MSE} .control >> nth=0 >> output`), '1');

    // Keyboard on the σ slider: End jumps to the maximum, σ = 10.
    await sigma.focus();
    await sigma.press('End');
    await page.waitForFunction((s) => /σ = 10(\D|$)/.test(document.querySelector(`${s} .readout`)?.textContent ?? ''), MSE);
    await widgetSettled(page, MSE);
    assert.equal(await page.textContent(`${MSE} .control >> nth=0 >> output`), '10');
    assert.notEqual(await canvasHash(page, MSE), pixels0, 'the chart was redrawn');
    assert.equal(Number(new URL(page.url()).searchParams.get('mse.sigma')), 10);
    // The data table follows: the first theory value is σ²/n_min = 100/10.
    assert.equal(await page.textContent(`${MSE} .data-table tbody tr >> nth=0 >> td >> nth=2`), '10');

    // Reset brings the defaults back, and the query key goes away.
    await page.click(`${MSE} .widget-actions button >> nth=1`);
    await page.waitForFunction((s) => /σ = 1(\D|$)/.test(document.querySelector(`${s} .readout`)?.textContent ?? ''), MSE);
    await widgetSettled(page, MSE);
    assert.equal(new URL(page.url()).searchParams.get('mse.sigma'), null);
    assert.equal(await canvasHash(page, MSE), pixels0, 'same parameters and seed draw the same chart');
  }));

test('a URL with widget state reproduces it', () =>
  site.session({}, async ({ page, goto }) => {
    await goto('en/power-laws?mse.sigma=3.5&mse.seed=7&boxes.d=3');
    await chapterReady(page);
    await widgetSettled(page, MSE);
    const readout = await page.textContent(`${MSE} .readout`);
    assert.equal(sigmaOf(readout), 3.5);
    assert.equal(await page.textContent(`${MSE} .control >> nth=0 >> output`), '3.5');
    assert.equal(await page.inputValue(`${MSE} .seed input`), '7');
    assert.equal(await page.locator('.notice').count(), 0, 'no notice for valid values');
    // Opening a link does not rewrite it.
    assert.equal(new URL(page.url()).search, '?mse.sigma=3.5&mse.seed=7&boxes.d=3');
    const table = await page.textContent(`${MSE} .data-table tbody`);
    const pixels = await canvasHash(page, MSE);

    // The same link in a fresh context draws the same numbers and the same chart.
    await page.reload();
    await chapterReady(page);
    await widgetSettled(page, MSE);
    assert.equal(await page.textContent(`${MSE} .data-table tbody`), table);
    assert.equal(await canvasHash(page, MSE), pixels);
  }));

test('bad URL parameters show a notice, and the widget still works', () =>
  site.session({}, async ({ page, goto }) => {
    await goto('en/power-laws?mse.sigma=banana&mse.zzz=1&mse.n_min=50000');
    await chapterReady(page);
    const notice = page.locator(`${MSE} .notice`);
    await notice.waitFor();
    const text = await notice.textContent();
    assert.match(text, /Some settings in the link were not understood/);
    assert.match(text, /mse\.sigma=banana: not a valid value/);
    assert.match(text, /mse\.zzz: unknown setting/);
    assert.match(text, /mse\.n_min/);
    assert.equal(await notice.locator('li').count(), 3);
    // Defaults are used, and the simulation ran.
    await widgetSettled(page, MSE);
    assert.equal(sigmaOf(await page.textContent(`${MSE} .readout`)), 1);
    const pixels = await canvasHash(page, MSE);
    // The widget still responds.
    const sigma = page.locator(`${MSE} input[type="range"]`).first();
    await sigma.focus();
    await sigma.press('Home');
    await page.waitForFunction((s) => /σ = 0\.1(\D|$)/.test(document.querySelector(`${s} .readout`)?.textContent ?? ''), MSE);
    await widgetSettled(page, MSE);
    assert.notEqual(await canvasHash(page, MSE), pixels);
    // The other widget on the page is untouched by the mse.* problems.
    assert.equal(await page.locator('#widget-boxes .notice').count(), 0);
    await widgetSettled(page, '#widget-boxes');
  }));

test('"Copy link" copies the address, says so politely, and offers to copy again after a moment', () =>
  site.session({}, async ({ page, context, goto }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await goto('en/power-laws?mse.sigma=2');
    await chapterReady(page);
    await widgetSettled(page, MSE);
    const button = page.locator(`${MSE} .widget-actions button.copy-link`);
    const status = page.locator(`${MSE} .widget-actions [role="status"]`);
    assert.equal(await button.textContent(), 'Copy link to this view');
    // The live region exists before anything is copied, so that screen readers watch it.
    assert.equal(await status.count(), 1);
    assert.equal(await status.textContent(), '');
    await button.click();
    await page.waitForFunction((s) => document.querySelector(`${s} .copy-link`).textContent === 'Link copied', MSE);
    assert.equal(await status.textContent(), 'Link copied');
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), page.url());
    // Back to the offer after about two seconds, and the region falls silent.
    await page.waitForFunction((s) => document.querySelector(`${s} .copy-link`).textContent === 'Copy link to this view', MSE, { timeout: 4000 });
    assert.equal(await status.textContent(), '');
  }));
