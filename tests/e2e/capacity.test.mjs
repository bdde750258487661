// Chapter 1's capacity sweep (src/widgets/capacity.rs, sims::capacity): the readout agrees with the
// data table, the table shows double descent (Belkin et al. 2019: the test error peaks at the
// interpolation threshold p = n and falls beyond it; the training error is 0 from p = n on), the
// threshold follows n, a link reproduces the view, and the Chinese page words it in Chinese.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite, chapterReady, canvasHash, widgetSettled, printedNumber } from './harness.mjs';

const site = useSite();
const CAP = '#widget-ch1-capacity';

/** The data table's rows as {p, train, test}, opened first (its rows are built when it opens). */
async function table(page) {
  await page.locator(`${CAP} .data-table summary`).click();
  // The rows are built when the table opens (widgets::common::lazy_details).
  await page.waitForSelector(`${CAP} .data-table tbody tr`);
  const rows = await page.locator(`${CAP} .data-table tbody tr`).evaluateAll((trs) => trs.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent)));
  await page.locator(`${CAP} .data-table summary`).click();
  return rows.map(([p, train, test]) => ({ p: Number(p), train: printedNumber(train), test: printedNumber(test) }));
}

test('capacity sweep: double descent in the table, a readout that agrees with it, the threshold following n', () =>
  site.session({}, async ({ page, goto }) => {
    await goto('en/generalization');
    await chapterReady(page);
    await widgetSettled(page, CAP);
    const rows = await table(page);
    // The defaults: n = 40 training points, p = 1 … 200.
    assert.deepEqual(rows.map((r) => r.p), Array.from({ length: 200 }, (_, i) => i + 1));
    const at = (p) => rows[p - 1];
    const below = rows.filter((r) => r.p < 40);
    const best = below.reduce((a, b) => (b.test < a.test ? b : a));
    const peak = rows.reduce((a, b) => (b.test > a.test ? b : a));
    // Double descent: the peak sits at the threshold, far above the classical minimum and the far end.
    assert.ok(Math.abs(peak.p - 40) <= 3, `peak at p = ${peak.p}`);
    assert.ok(at(40).test > 5 * best.test && at(40).test > 5 * at(200).test, JSON.stringify([best, at(40), at(200)]));
    // Training error falls with p and is 0 from p = n on (the minimum-norm fit interpolates).
    assert.ok(below.every((r, i) => i === 0 || r.train <= below[i - 1].train * 1.05), 'training error falls below n');
    assert.ok(rows.filter((r) => r.p >= 40).every((r) => r.train === 0));
    assert.ok(at(39).train > 0);
    const readout = await page.textContent(`${CAP} .readout`);
    const s = (v) => Number(v.toPrecision(3)).toString();
    assert.equal(readout,
      `Below the threshold the test error is lowest at p = ${best.p}: ${s(best.test)}. At p = n = 40 it is ${s(at(40).test)}. `
      + `At p = 200 it is ${s(at(200).test)}. The training error is 0 from p = 40 on.`);

    // n down to 20 with the keyboard: the threshold, the peak and the link follow.
    const pixels = await canvasHash(page, CAP);
    const n = page.locator(`${CAP} input[type="range"]`).first();
    await n.focus();
    for (let i = 0; i < 20; i += 1) await n.press('ArrowLeft');
    await page.waitForFunction((sel) => /p = n = 20 /.test(document.querySelector(`${sel} .readout`)?.textContent ?? ''), CAP, { timeout: 60_000 });
    await widgetSettled(page, CAP);
    assert.notEqual(await canvasHash(page, CAP), pixels, 'the chart was redrawn');
    assert.match(page.url(), /[?&]ch1-capacity\.n_train=20(&|$)/);
    const rows20 = await table(page);
    const peak20 = rows20.reduce((a, b) => (b.test > a.test ? b : a));
    assert.ok(Math.abs(peak20.p - 20) <= 3, `peak at p = ${peak20.p} with n = 20`);
    assert.ok(rows20.filter((r) => r.p >= 20).every((r) => r.train === 0));
  }));

test('capacity sweep: a link reproduces the view; the Chinese page words the readout in Chinese', () =>
  site.session({}, async ({ page, context, goto }) => {
    await goto('en/generalization?ch1-capacity.n_train=30&ch1-capacity.max_features=90&ch1-capacity.seed=7');
    await chapterReady(page);
    await widgetSettled(page, CAP);
    const readout = await page.textContent(`${CAP} .readout`);
    assert.match(readout, /At p = n = 30 it is [0-9.]+\. At p = 90 it is /);
    const other = await context.newPage();
    await other.goto(page.url());
    await widgetSettled(other, CAP);
    assert.equal(await other.textContent(`${CAP} .readout`), readout);
    await other.close();

    await goto('zh/generalization?ch1-capacity.n_train=30&ch1-capacity.max_features=90&ch1-capacity.seed=7');
    await chapterReady(page);
    await widgetSettled(page, CAP);
    const zh = await page.textContent(`${CAP} .readout`);
    const numbers = (t) => t.match(/[0-9]+(\.[0-9]+)?/g);
    assert.match(zh, /^在阈值以下，测试误差在 p = [0-9]+ 时最小：[0-9.]+。在 p = n = 30 处为 [0-9.]+。在 p = 90 处为 [0-9.]+。从 p = 30 起，训练误差为 0。$/);
    assert.deepEqual(numbers(zh).sort(), numbers(readout).sort(), 'the same numbers in both languages');
  }));

test('capacity sweep: a refused link value is named, and the defaults run instead', () =>
  site.session({}, async ({ page, goto }) => {
    await goto('en/generalization?ch1-capacity.n_train=3');
    await chapterReady(page);
    await widgetSettled(page, CAP);
    assert.match(await page.textContent(`${CAP} .notice`), /ch1-capacity\.n_train: “training points n” must be between 5 and 100 \(it is 3\)\./);
    assert.match(await page.textContent(`${CAP} .readout`), /p = n = 40 /);
  }));
