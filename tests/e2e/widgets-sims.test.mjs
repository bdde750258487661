// Chapter 2's simulators: numbers that belong to other settings are marked (dimmed, aria-busy while a
// run is under way, a line naming what is computing and what is shown); moving d says what else it
// changed; the repeats-per-n slider stops at a round bound it explains; refused link values are
// worded in the page's language.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite, chapterReady, widgetSettled, tableColumns, logLogR2 } from './harness.mjs';

const site = useSite();
const MSE = '#widget-mse';
const BOXES = '#widget-boxes';
const output = (page, sel, i) => page.textContent(`${sel} .control >> nth=${i} >> output`);

/** Records every state of the widget's marker (stale class, aria-busy, the line) as it changes. */
async function watchMarker(page, sel) {
  await page.evaluate((s) => {
    const seen = [];
    window.__marker = seen;
    const snap = () => {
      const out = document.querySelector(`${s} .sim-output`);
      const line = document.querySelector(`${s} .stale-note`)?.textContent ?? null;
      const state = { stale: out?.classList.contains('stale') ?? false, busy: out?.getAttribute('aria-busy'), line };
      const last = seen[seen.length - 1];
      if (!last || last.stale !== state.stale || last.busy !== state.busy || last.line !== state.line) seen.push(state);
    };
    new MutationObserver(snap).observe(document.querySelector(s), { subtree: true, childList: true, attributes: true, characterData: true });
  }, sel);
}

test('box averaging (zh): while a new d computes the old numbers are marked as such; the d note names what moved', () =>
  site.session({}, async ({ page, goto }) => {
    await goto('zh/power-laws');
    await chapterReady(page);
    await widgetSettled(page, BOXES);
    const out = page.locator(`${BOXES} .sim-output`);
    assert.equal(await out.getAttribute('aria-busy'), 'false');
    assert.equal(await out.evaluate((el) => el.classList.contains('stale')), false);
    assert.equal(await page.locator(`${BOXES} .stale-note`).count(), 0);
    const before = { d: await output(page, BOXES, 0), nMax: await output(page, BOXES, 1), k: await output(page, BOXES, 2), repeats: await output(page, BOXES, 4) };
    assert.equal(before.d, '2');
    // Counts are grouped in threes: d = 2's largest n is 15·130² (docs of default_for).
    assert.equal(before.nMax, (15 * 130 ** 2).toLocaleString('en-US'));
    assert.equal(before.nMax, '253,500');

    await watchMarker(page, BOXES);
    const d = page.locator(`${BOXES} input[type="range"]`).first();
    await d.focus();
    await d.press('End');
    await widgetSettled(page, BOXES);
    const after = { d: await output(page, BOXES, 0), nMax: await output(page, BOXES, 1), k: await output(page, BOXES, 2), repeats: await output(page, BOXES, 4) };
    assert.equal(after.d, '6');

    // While d = 6 computed, the d = 2 numbers were dimmed, busy, and labelled with both settings.
    const seen = await page.evaluate(() => window.__marker);
    const running = seen.find((s) => s.busy === 'true');
    assert.ok(running, JSON.stringify(seen));
    assert.equal(running.stale, true);
    const rep = (n) => `重复 ${n} 次`;
    assert.equal(running.line,
      `正在计算 d = 6、最大 n ${after.nMax}、k = ${after.k}、${rep(after.repeats)}的结果……完成之前，下方仍是 d = 2、最大 n ${before.nMax}、k = ${before.k}、${rep(before.repeats)}的结果。`);
    // Once the result is in, the marker is gone.
    assert.equal(await out.getAttribute('aria-busy'), 'false');
    assert.equal(await out.evaluate((el) => el.classList.contains('stale')), false);
    assert.equal(await page.locator(`${BOXES} .stale-note`).count(), 0);
    assert.match(await page.textContent(`${BOXES} .readout`), /理论值 −1\/d = −0\.167/);

    // The note says which settings d moved, from what to what, and why.
    const note = await page.textContent(`${BOXES} .d-note`);
    assert.ok(note.startsWith('d = 6 时，模拟器换用了为这个维度调好的设置：'), note);
    assert.ok(note.includes(`最大 n 从 ${before.nMax} 改为 ${after.nMax}`), note);
    assert.ok(note.includes(`每个箱子的点数 k 从 ${before.k} 改为 ${after.k}`), note);
    assert.ok(note.includes(`重复次数从 ${before.repeats} 改为 ${after.repeats}`), note);
    assert.match(note, /箱子边长只按 n\^\(−1\/d\) 缩小/);
    // One Chinese term for the method, the chapter's: 分箱平均 and its 箱子, never 盒子 (box) in the
    // widget, the text around it or the data table.
    assert.equal(await page.textContent(`${BOXES} .widget-title`), '模拟器：d 维空间中的分箱平均');
    const chapter = await page.evaluate(() => document.querySelector('article').textContent);
    assert.ok(chapter.includes('分箱平均') && !chapter.includes('盒'), chapter.match(/.{0,20}盒.{0,20}/)?.[0]);
    // The smallest n has no control: the note says where the curve starts (d = 6: 10·2⁶ = 640),
    // and promises no run time it cannot keep.
    assert.ok(!note.includes('最小 n'), note);
    assert.ok(note.includes('（曲线现在从 n = 640 开始）'), note);
    assert.ok(note.endsWith('让一次运行控制在几秒之内。') && !note.includes('一秒'), note);
    // The table's first n is where the note says the curve starts; its largest is the slider's.
    const firstN = await page.textContent(`${BOXES} .data-table tbody tr >> nth=0 >> td >> nth=0`);
    assert.equal(firstN, '640');
    const lastN = await page.textContent(`${BOXES} .data-table tbody tr >> nth=-1 >> td >> nth=0`);
    assert.equal(lastN, after.nMax);
    assert.match(lastN, /^\d{1,3}(,\d{3})+$/);
    // Changing one of those settings by hand retires the note.
    const k = page.locator(`${BOXES} input[type="range"]`).nth(2);
    await k.focus();
    await k.press('Home');
    await page.waitForFunction((s) => !document.querySelector(`${s} .d-note`), BOXES);
    await widgetSettled(page, BOXES);
    // Points per box is whole at every slider position, and the link stores what the slider shows.
    // From 1, twelve steps right: one k a step (the default, 15, would leave the link).
    for (let i = 0; i < 12; i++) await k.press('ArrowRight');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('boxes.k') !== null);
    await widgetSettled(page, BOXES);
    const kShown = await output(page, BOXES, 2);
    assert.equal(kShown, '13');
    assert.equal(new URL(page.url()).searchParams.get('boxes.k'), kShown);
  }));

test('mean estimation: the repeats bound is round and explained, a cancelled run leaves its numbers marked, link values are refused in the page language', () =>
  site.session({}, async ({ page, goto }) => {
    // The chapter's block uses 12 sizes; the sliders reach n from 1000 to 100 000 at the widest. The
    // cap of 5·10⁸ draws (docs) over Σn of that grid, rounded down to 1–2–5, is the slider's top.
    const grid = Array.from({ length: 12 }, (_, i) => Math.round(1000 * 100 ** (i / 11)));
    const most = 5e8 / [...new Set(grid)].reduce((a, b) => a + b, 0);
    const decade = 10 ** Math.floor(Math.log10(most));
    const bound = [5, 2, 1].map((m) => m * decade).find((v) => v <= most);
    assert.equal(bound, 1000);

    await goto('en/power-laws?mse.repeats=20000');
    await chapterReady(page);
    assert.equal(await page.textContent(`${MSE} .notice li`), 'mse.repeats: “repeats per n” must be between 1 and 10,000 (it is 20,000).');
    await widgetSettled(page, MSE);
    const repeats = page.locator(`${MSE} input[type="range"]`).nth(3);
    await repeats.focus();
    await repeats.press('End');
    await page.waitForFunction((s) => document.querySelector(`${s} .control:nth-child(4) output`)?.textContent === '1,000', MSE);
    assert.equal(await output(page, MSE, 3), bound.toLocaleString('en-US'));
    const hintId = await repeats.getAttribute('aria-describedby');
    // Not "the widest range" (that is 10 to 100 000): the largest n values the sliders allow.
    assert.equal(await page.textContent(`#${hintId}`),
      `At most ${bound.toLocaleString('en-US')}, so that even with the largest n values the sliders allow (up to 100,000) a run stays under the cap of 5×10⁸ random draws.`);
    await widgetSettled(page, MSE);

    // The largest n to its top: a run of 1.8·10⁸ draws, long enough to watch and cancel.
    const nMax = page.locator(`${MSE} input[type="range"]`).nth(2);
    await nMax.focus();
    await nMax.press('End');
    const out = page.locator(`${MSE} .sim-output`);
    await page.waitForSelector(`${MSE} .sim-output[aria-busy="true"].stale`);
    assert.equal(await page.textContent(`${MSE} .stale-note`),
      'Computing for σ = 1, n from 10 to 100,000, 1,000 repeats per n… Until it finishes, the numbers below are those for σ = 1, n from 10 to 10,000, 1,000 repeats per n.');
    assert.equal(await output(page, MSE, 2), '100,000');
    assert.equal(await out.evaluate((el) => getComputedStyle(el).opacity < 1), true, 'dimmed');
    await page.click(`${MSE} .busy button`);
    await page.waitForFunction((s) => !document.querySelector(`${s} .busy`), MSE);
    // Cancelled: no longer busy, still marked, and a button runs the current settings.
    assert.equal(await out.getAttribute('aria-busy'), 'false');
    assert.equal(await out.evaluate((el) => el.classList.contains('stale')), true);
    assert.equal(await page.textContent(`${MSE} .stale-note`),
      'The numbers below are those for σ = 1, n from 10 to 10,000, 1,000 repeats per n, not for the current settings. Run for the current settings');
    // The table's counts are grouped too (the chapter's grid ends at n = 10 000).
    assert.equal(await page.textContent(`${MSE} .data-table tbody tr >> nth=-1 >> td >> nth=0`), '10,000');
    await page.click(`${MSE} .stale-note button`);
    await page.waitForSelector(`${MSE} .sim-output[aria-busy="true"]`);
    await page.click(`${MSE} .busy button`);
    await page.waitForFunction((s) => !document.querySelector(`${s} .busy`), MSE);

    // The same refused link value on the Chinese page, in Chinese.
    await goto('zh/power-laws?mse.repeats=20000&boxes.d=9');
    await chapterReady(page);
    assert.equal(await page.textContent(`${MSE} .notice li`), 'mse.repeats：“每个 n 的重复次数”必须在 1 到 10,000 之间（现在是 20,000）。');
    assert.equal(await page.textContent(`${BOXES} .notice li`), 'boxes.d：“维度 d”必须在 1 到 6 之间（现在是 9）。');
    await widgetSettled(page, MSE);
    await widgetSettled(page, BOXES);

    // A fractional points-per-box in a link is not taken: k stays the default's whole 15.
    await goto('en/power-laws?boxes.k=13.5');
    await chapterReady(page);
    assert.equal(await page.textContent(`${BOXES} .notice li`), 'boxes.k=13.5: not a valid value');
    assert.equal(await output(page, BOXES, 2), '15');
    await widgetSettled(page, BOXES);
  }));

// R² of the simulators' fits: four significant digits, and a fit that is not exact never reads
// "R² = 1". In one dimension box averaging follows its line so closely that R² rounds to 1.0000; the
// readout then says "> 0.9999". R² is recomputed here from the data table (least squares of log
// error on log n).
test('box averaging in d = 1: R² is not printed as 1 when the fit is not exact', () =>
  site.session({}, async ({ page, goto }) => {
    await goto('en/power-laws?boxes.d=1');
    await chapterReady(page);
    await widgetSettled(page, BOXES);
    const readout = await page.textContent(`${BOXES} .readout`);
    const points = await tableColumns(page, BOXES, [0, 2]);
    assert.ok(points.length >= 5 && points.every((p) => p.every((v) => Number.isFinite(v) && v > 0)), JSON.stringify(points));
    const r2 = logLogR2(points);
    assert.ok(r2 < 1 && r2 >= 0.99995, `this setting's fit is close to, not exactly, a line: R² = ${r2}`);
    assert.match(readout, /; R² > 0\.9999\.$/, readout);
  }));
