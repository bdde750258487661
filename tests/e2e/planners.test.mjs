// Chapter 4 planners: the preset comparison (closed-form N_opt per constant set), the data-constrained
// explorer (Muennighoff et al. 2023) and the inference-aware planner (Sardana et al. 2023). Readouts
// against the published values in shared/reference/scaling-laws.json, URL state in both directions,
// notices for bad link values, CSV/PNG export, the random N_opt exercise answered from the closed
// form, predict-then-reveal on a planner, and the Chinese page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { useSite, chapterReady, canvasHash, widgetSettled, OUT } from './harness.mjs';

const site = useSite();
const PC = '#widget-ch4-presets';
const DC = '#widget-ch4-repeat';
const IP = '#widget-ch4-inference';
const CP = '#widget-ch4-planner';
const param = (page, key) => new URL(page.url()).searchParams.get(key);
const ex = (id) => `[data-exercise="compute-optimal/${id}"]`;

// Published constants (Hoffmann et al. 2022 eq 10; Besiroglu et al. 2024 Table 1) and the closed form
// N_opt = G (C/6)^a, G = (αA/(βB))^(1/(α+β)), a = β/(α+β) (Hoffmann App D.2).
const PRESETS = [
  { A: 406.4, B: 410.7, alpha: 0.34, beta: 0.28 },
  null,
  { A: 482.01, B: 2085.43, alpha: 0.3478, beta: 0.3658 },
];
const nOpt = ({ A, B, alpha, beta }, c) =>
  ((alpha * A) / (beta * B)) ** (1 / (alpha + beta)) * (c / 6) ** (beta / (alpha + beta));

test('preset comparison: N_opt at Chinchilla’s budget per constant set, then a new budget', () =>
  site.session({}, async ({ page, goto }) => {
    await goto('en/compute-optimal');
    await chapterReady(page);
    await widgetSettled(page, PC);
    const r = await page.textContent(`${PC} .readout`);
    // Reference vectors at C = 5.76e23: hoffmann_rounded 32189859150 (D/N 92.65), hoffmann_tex
    // 40360938390 (58.93), besiroglu 72248702500 (18.39).
    assert.match(r, /C = 5\.76×10²³ FLOPs/, r);
    // N_opt is typeset: N with a subscript "opt" (its text reads "Nopt").
    assert.match(r, /Nopt = 32\.19B \(92\.6 tokens per parameter\)/, r);
    assert.deepEqual(await page.locator(`${PC} .readout sub`).allTextContents(), ['opt']);
    assert.match(r, /40\.36B \(58\.9 per parameter\)/, r);
    assert.match(r, /72\.25B \(18\.4 per parameter\)/, r);
    const rows = await page.locator(`${PC} .data-table tbody tr`).count();
    assert.equal(rows, 4);
    const px0 = await canvasHash(page, PC);
    await page.locator(PC).screenshot({ path: path.join(OUT, 'ch4-preset-compare.png') });

    const slider = page.locator(`${PC} input[type="range"]`).first();
    await slider.focus();
    await slider.press('Home');
    await page.waitForFunction(() => Number(new URL(location.href).searchParams.get('ch4-presets.budget')) === 1e20);
    await widgetSettled(page, PC);
    const r1 = await page.textContent(`${PC} .readout`);
    // About 645M parameters at 1e20 FLOPs: the readout switches to millions.
    const want = nOpt(PRESETS[0], 1e20) / 1e6;
    assert.match(r1, new RegExp(`Nopt = ${want.toFixed(2)}M`), `${r1} vs ${want}`);
    assert.notEqual(await canvasHash(page, PC), px0, 'the chart was redrawn');
  }));

test('data-constrained explorer: the datablations example from the URL, slider, notices, downloads', () =>
  site.session({ acceptDownloads: true }, async ({ page, goto }) => {
    // datablations README: N = 8.67e9, D = 178e9, U = 25e9 → L = 2.2269634075 (7.12 epochs).
    await goto('en/compute-optimal?ch4-repeat.epochs=7.12');
    await chapterReady(page);
    await widgetSettled(page, DC);
    const r = await page.textContent(`${DC} .readout`);
    assert.match(r, /N = 8\.67B, U = 25B, 7\.12 epochs: D = 178B tokens trained/, r);
    assert.match(r, /Predicted loss 2\.227 nats\/token/, r);
    // Marginal value threshold 1/2: 1 + R_D* ln 2 = 1 + 15.387756·0.693 ≈ 11.7 epochs.
    assert.match(r, /after 11\.7 epochs/, r);
    await page.locator(DC).screenshot({ path: path.join(OUT, 'ch4-data-constrained.png') });

    // The epochs slider writes the URL; 4 epochs gives D'/U = 3.725673123 (reference vector).
    const epochs = page.locator(`${DC} input[type="range"]`).nth(2);
    await epochs.focus();
    await epochs.press('Home');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('ch4-repeat.epochs') === null
      || new URL(location.href).searchParams.get('ch4-repeat.epochs') === '1');
    await widgetSettled(page, DC);
    assert.match(await page.textContent(`${DC} .readout`), /1 epochs: D = 25B tokens trained, effective data D′ = 25B \(100\.0% of D\)/);
    await goto('en/compute-optimal?ch4-repeat.epochs=4');
    await chapterReady(page);
    await widgetSettled(page, DC);
    const four = await page.textContent(`${DC} .readout`);
    const dPrime = (25 * 3.725673123).toFixed(2);
    assert.match(four, new RegExp(`effective data D′ = ${dPrime}B \\(93\\.1% of D\\)`), four);

    const [csv] = await Promise.all([page.waitForEvent('download'), page.click(`${DC} button:has-text("Download CSV")`)]);
    const csvPath = path.join(OUT, 'ch4-data-constrained.csv');
    await csv.saveAs(csvPath);
    const lines = fs.readFileSync(csvPath, 'utf8').trim().split('\n');
    assert.equal(lines[0], 'epochs,tokens,effective_tokens,marginal_value,loss_nats,loss_fresh_nats');
    // The CSV holds the plotted curves' samples: at least one per 2 CSS pixels of the chart's width, so
    // that the curves look smooth at a device pixel ratio of 2.
    const chartWidth = await page.locator(`${DC} canvas`).evaluate((c) => c.clientWidth);
    assert.ok(lines.length - 1 >= chartWidth / 2, `${lines.length - 1} samples for a ${chartWidth}-px chart`);
    const [png] = await Promise.all([page.waitForEvent('download'), page.click(`${DC} button:has-text("Download PNG")`)]);
    assert.equal(png.suggestedFilename(), 'ch4-repeat-effective-data.png');
    const pngPath = path.join(OUT, 'ch4-data-constrained-export.png');
    await png.saveAs(pngPath);
    assert.deepEqual([...fs.readFileSync(pngPath).subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);

    // Bad link values: a notice naming them, and the defaults still render.
    await goto('en/compute-optimal?ch4-repeat.threshold=2&ch4-repeat.n=banana');
    await chapterReady(page);
    const notice = await page.locator(`${DC} .notice`).first().textContent();
    assert.match(notice, /ch4-repeat\.threshold/);
    assert.match(notice, /ch4-repeat\.n/);
    await widgetSettled(page, DC);
    assert.match(await page.textContent(`${DC} .readout`), /N = 8\.67B/);
  }));

test('inference planner: no inference gives Chinchilla, serving shrinks the model, preset select', () =>
  site.session({}, async ({ page, goto }) => {
    await goto('en/compute-optimal?ch4-inference.inference_tokens=0');
    await chapterReady(page);
    await widgetSettled(page, IP);
    const r0 = await page.textContent(`${IP} .readout`);
    // chin_opt_hoffmann_rounded_C5.76e+23: L_opt 1.930748102, N_opt 32189859150.
    assert.match(r0, /Target loss 1\.931 nats\/token/, r0);
    assert.match(r0, /Chinchilla-optimal model \(32\.19B parameters/, r0);
    assert.match(r0, /the lifetime optimum is 32\.19B parameters/, r0);

    await goto('en/compute-optimal');
    await chapterReady(page);
    await widgetSettled(page, IP);
    const r1 = await page.textContent(`${IP} .readout`);
    const m = r1.match(/the lifetime optimum is ([0-9.]+)B parameters .*: ([0-9.]+)% less/);
    assert.ok(m, r1);
    assert.ok(Number(m[1]) < 32.19, 'serving 1e13 tokens favours a smaller model');
    assert.ok(Number(m[2]) > 0, 'and it saves lifetime compute');
    await page.locator(IP).screenshot({ path: path.join(OUT, 'ch4-inference-planner.png') });

    await page.selectOption(`${IP} select`, 'besiroglu2024');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('ch4-inference.preset') === 'besiroglu2024');
    await widgetSettled(page, IP);
    // Besiroglu et al. 2024 at 5.76e23: N_opt = 72248702500 (reference vector).
    assert.match(await page.textContent(`${IP} .readout`), /Chinchilla-optimal model \(72\.25B parameters/);
    await page.click(`${IP} .widget-actions button:has-text("Reset")`);
    await page.waitForFunction(() => new URL(location.href).searchParams.get('ch4-inference.preset') === null);
  }));

test('random N_opt exercise answered from the closed form; predict locks the planner', () =>
  site.session({}, async ({ page, goto }) => {
    await goto('en/compute-optimal');
    await chapterReady(page);
    const box = page.locator(ex('ch4-n-opt-random'));
    const prompt = await box.locator('.prompt').evaluate((el) => el.textContent.replace(/\s+/g, ' '));
    const c = Number(prompt.match(/budget is ([0-9.e+]+) FLOPs/)?.[1]);
    const set = Number(prompt.match(/set number ([02])/)?.[1]);
    assert.ok(c > 0 && PRESETS[set], prompt);
    const input = box.locator('input[type="text"]');
    await input.fill(String(nOpt(PRESETS[set], c) * 1.1));
    await box.locator('.answer-row button.primary').click();
    assert.match(await box.locator('.feedback').textContent(), /^Not quite/);
    await input.fill(String(nOpt(PRESETS[set], c)));
    await box.locator('.answer-row button.primary').click();
    assert.match(await box.locator('.feedback').textContent(), /^Correct/);

    const sim = '#widget-ch4-predict-inference-ip';
    assert.match(await page.textContent(`${sim} .hint`), /Commit your guess/);
    assert.equal(await page.locator(`${sim} canvas`).count(), 0);
    const pbox = page.locator(ex('ch4-predict-inference'));
    await pbox.locator('input[type="radio"]').first().check();
    await pbox.locator('.answer-row button.primary').first().click();
    await widgetSettled(page, sim);
    const r = await page.textContent(`${sim} .readout`);
    const m = r.match(/\(([0-9.]+)B parameters.*the lifetime optimum is ([0-9.]+)B parameters/);
    assert.ok(m && Number(m[2]) < Number(m[1]), r);
  }));

test('Chinese chapter: the planners speak Chinese', () =>
  site.session({}, async ({ page, goto }) => {
    await goto('zh/compute-optimal');
    await chapterReady(page);
    await widgetSettled(page, PC);
    assert.match(await page.textContent(`${PC} .readout`), /Hoffmann 等人印出的常数给出 Nopt = 32\.19B/);
    await widgetSettled(page, DC);
    assert.match(await page.textContent(`${DC} .readout`), /预测损失/);
    await widgetSettled(page, IP);
    assert.match(await page.textContent(`${IP} .readout`), /目标损失 1\.931/);
    // The planner cites its constants as the Chinese text does (等, 附录, 式), not "et al.".
    const hint = await page.textContent('#widget-ch4-planner .hint');
    assert.match(hint, /^常数：Hoffmann 等 2022，arXiv:2203\.15556，附录 D\.2 式 \(10\)。/);
    assert.doesNotMatch(hint, /et al\./);
    await page.locator(DC).screenshot({ path: path.join(OUT, 'ch4-data-constrained-zh.png') });
  }));

test('compute planner: the budget slider moved to its end and back by keyboard returns to its starting budget', () =>
  site.session({}, async ({ page, goto }) => {
    // The budget as the URL holds it; the default (Chinchilla's 5.76e23) is left out of the URL.
    const c = async () => { const v = await page.evaluate(() => new URL(location.href).searchParams.get('ch4-planner.c')); return v === null ? null : Number(v); };
    const cIs = (w) => { const v = new URL(location.href).searchParams.get('ch4-planner.c'); return w === null ? v === null : v !== null && Number(v) === w; };
    const waitC = (want) => page.waitForFunction(cIs, want);
    // Chinchilla's budget (the default), then a link's budget: neither is one of the log slider's
    // 200 positions over 1e18 … 1e27 (5.76e23 lies between 5.62e23 and 5.75e23, 3.33e22 between
    // 3.16e22 and 3.51e22), so the position nearest it must stand for it exactly.
    for (const [query, want, shown] of [['', null, '5.76×10²³'], ['?ch4-planner.c=3.33e22', 3.33e22, '3.33×10²²']]) {
      await goto(`en/compute-optimal${query}`);
      await chapterReady(page);
      await widgetSettled(page, CP);
      const budget = page.locator(`${CP} input[type="range"]`).nth(1);
      const output = page.locator(`${CP} label[for="${await budget.getAttribute('id')}"] output`);
      const readout = () => page.textContent(`${CP} .readout`);
      assert.ok((await readout()).includes(`Budget C = ${shown} FLOPs`), await readout());
      assert.equal(await output.textContent(), shown);
      assert.equal(await c(), want);
      const start = Number(await budget.inputValue());
      const end = Number(await budget.getAttribute('max'));
      assert.ok(start > 0 && start < end, `${start} of ${end}`);
      await budget.focus();
      await budget.press('End');
      await waitC(1e27);
      for (let i = start; i < end; i++) await budget.press('ArrowLeft');
      assert.equal(Number(await budget.inputValue()), start);
      await waitC(want);
      await widgetSettled(page, CP);
      assert.ok((await readout()).includes(`Budget C = ${shown} FLOPs`), await readout());
      assert.equal(await output.textContent(), shown);
      assert.equal(await budget.getAttribute('aria-valuetext'), shown);
      // One position down and back up lands on the same value again, not on a neighbour.
      await budget.press('ArrowLeft');
      await page.waitForFunction(`!(${cIs})(${JSON.stringify(want)})`);
      await budget.press('ArrowRight');
      await waitC(want);
      // Home then the arrows up to the start position, too.
      await budget.press('Home');
      await waitC(1e18);
      for (let i = 0; i < start; i++) await budget.press('ArrowRight');
      await waitC(want);
      assert.equal(await output.textContent(), shown);
    }
  }));
