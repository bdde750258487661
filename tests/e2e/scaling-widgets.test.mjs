// Law explorer (chapter 3) and compute planner (chapter 4): controls redraw the chart and the
// readout and write the URL; a URL reproduces the state; bad URL values give a notice; CSV and PNG
// export download real files. Expected numbers come from the published constants
// (shared/reference/scaling-laws.json), not from the app.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { useSite, chapterReady, canvasHash, widgetSettled, OUT, seriousViolations } from './harness.mjs';

const site = useSite();
const LE = '#widget-ch3-explorer';
const CP = '#widget-ch4-planner';
const param = (page, key) => new URL(page.url()).searchParams.get(key);

test('law explorer: Kaplan L(N) readout, preset switch, constant slider, reset to published', () =>
  site.session({}, async ({ page, goto }) => {
    await goto('en/kaplan-laws');
    await chapterReady(page);
    await widgetSettled(page, LE);
    const r0 = await page.textContent(`${LE} .readout`);
    // Kaplan et al. 2020 eq 1.1: N_c = 8.8e13, α_N = 0.076; a pure power law has slope −α_N.
    // The exponent is a superscript (the text reads "…/N)0.076").
    assert.match(r0, /L\(N\) = \(8\.8×10¹³\/N\)0\.076/, r0);
    assert.deepEqual(await page.locator(`${LE} .readout sup`).allTextContents(), ['0.076']);
    assert.match(r0, /slope at the right end is −0\.076/, r0);
    const px0 = await canvasHash(page, LE);
    await page.locator(`${LE} canvas`).scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(OUT, 'ch3-law-explorer.png') });

    // Switch the law to Hoffmann's rounded eq (10): E = 1.69, A = 406.4, B = 410.7, α 0.34, β 0.28.
    await page.selectOption(`${LE} select >> nth=1`, 'hoffmann-rounded');
    await page.waitForFunction((s) => /E = 1\.69/.test(document.querySelector(`${s} .readout`)?.textContent ?? ''), LE);
    await widgetSettled(page, LE);
    const r1 = await page.textContent(`${LE} .readout`);
    assert.match(r1, /L = 1\.69 \+ 406\.4\/N0\.34 \+ 410\.7\/D0\.28/, r1);
    assert.deepEqual((await page.locator(`${LE} .readout sup`).allTextContents()).slice(0, 2), ['0.34', '0.28']);
    assert.equal(param(page, 'ch3-explorer.preset'), 'hoffmann-rounded');
    assert.notEqual(await canvasHash(page, LE), px0, 'the chart was redrawn');

    // The first slider is E: moving it marks the constants as edited and writes them to the URL.
    const e = page.locator(`${LE} input[type="range"]`).first();
    await e.focus();
    await e.press('Home');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('ch3-explorer.custom') === 'true');
    assert.equal(Number(param(page, 'ch3-explorer.e')), 0);
    await page.click(`${LE} button:has-text("Back to the published constants")`);
    await page.waitForFunction(() => new URL(location.href).searchParams.get('ch3-explorer.custom') === null);
    assert.match(await page.textContent(`${LE} .readout`), /L = 1\.69 \+/);

    // Reset returns to the chapter's block (Kaplan 2020).
    await page.click(`${LE} .widget-actions button:has-text("Reset")`);
    await page.waitForFunction((s) => /L\(N\) = /.test(document.querySelector(`${s} .readout`)?.textContent ?? ''), LE);
    await widgetSettled(page, LE);
    assert.equal(await canvasHash(page, LE), px0);
  }));

test('law explorer: URL state for the D axis, and a notice for bad values', () =>
  site.session({}, async ({ page, goto }) => {
    await goto('en/kaplan-laws?ch3-explorer.axis=d&ch3-explorer.show_compare=false');
    await chapterReady(page);
    await widgetSettled(page, LE);
    const r = await page.textContent(`${LE} .readout`);
    // Kaplan eq 1.2: D_c = 5.4e13, α_D = 0.095.
    assert.match(r, /L\(D\) = \(5\.4×10¹³\/D\)0\.095/, r);
    assert.match(r, /slope at the right end is −0\.095/, r);
    assert.doesNotMatch(r, /For comparison/);
    // Table (built when opened): the first row is at the smallest D, 1e8 tokens; L(D) = (5.4e13/1e8)^0.095 ≈ 3.499.
    await page.click(`${LE} .data-table summary`);
    const first = await page.textContent(`${LE} .data-table tbody tr >> nth=0 >> td >> nth=4`);
    assert.ok(Math.abs(Number(first) - (5.4e13 / 1e8) ** 0.095) < 1e-3, first);

    await goto('en/kaplan-laws?ch3-explorer.axis=banana&ch3-explorer.alpha=-3');
    await chapterReady(page);
    const notice = page.locator(`${LE} .notice`);
    await notice.waitFor();
    const text = await notice.textContent();
    assert.match(text, /ch3-explorer\.axis/);
    assert.match(text, /ch3-explorer\.alpha/);
    await widgetSettled(page, LE);
    assert.match(await page.textContent(`${LE} .readout`), /L\(N\) = /);
  }));

test('law explorer: CSV and PNG downloads', () =>
  site.session({ acceptDownloads: true }, async ({ page, goto }) => {
    await goto('en/kaplan-laws');
    await chapterReady(page);
    await widgetSettled(page, LE);
    const [csv] = await Promise.all([page.waitForEvent('download'), page.click(`${LE} button:has-text("Download CSV")`)]);
    assert.equal(csv.suggestedFilename(), 'ch3-explorer.csv');
    const text = fs.readFileSync(await csv.path(), 'utf8');
    const lines = text.trim().split('\n');
    assert.match(lines[0], /^N_params,N_params,D_tokens,C_flop,loss_nats,E_nats,A_over_N_alpha_nats,B_over_D_beta_nats,compare_loss_nats$/);
    assert.equal(lines.length, 62, '61 points and a header');
    const [png] = await Promise.all([page.waitForEvent('download'), page.click(`${LE} button:has-text("Download PNG")`)]);
    assert.equal(png.suggestedFilename(), 'ch3-explorer.png');
    const bytes = fs.readFileSync(await png.path());
    assert.deepEqual([...bytes.subarray(1, 4)], [0x50, 0x4e, 0x47], 'PNG signature');
  }));

test('compute planner: optimum at Gopher\'s budget, GPU budget mode, published models', () =>
  site.session({}, async ({ page, goto }) => {
    await goto('en/compute-optimal');
    await chapterReady(page);
    await widgetSettled(page, CP);
    const r0 = await page.textContent(`${CP} .readout`);
    // Reference vector chin_opt_hoffmann_rounded_C5.76e+23: N_opt = 3.219e10, D_opt = 2.982e12,
    // D/N = 92.6, L_opt = 1.9307.
    assert.match(r0, /Budget C = 5\.76×10²³ FLOPs/, r0);
    assert.match(r0, /N = 3\.22×10¹⁰ parameters trained on D = 2\.98×10¹² tokens \(92\.6 tokens per parameter\), loss 1\.931 nats/, r0);
    assert.match(r0, /Kaplan's allocation/);
    await page.locator(`${CP} canvas >> nth=0`).scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(OUT, 'ch4-compute-planner.png') });
    const px0 = await canvasHash(page, CP);
    // The data table is built when opened.
    await page.click(`${CP} .data-table summary`);
    await page.waitForSelector(`${CP} .data-table tbody tr`);
    const models = await page.textContent(`${CP} .data-table`);
    for (const name of ['GPT-3', 'Gopher', 'Chinchilla', 'LLaMA 65B', 'Llama 2 70B', 'Llama 3 405B']) {
      assert.ok(models.includes(name), name);
    }

    // GPU mode: 1024 GPUs × 720 h × 3600 s × 312e12 FLOP/s × 0.4 = 3.31e23 FLOPs.
    await page.selectOption(`${CP} select >> nth=0`, 'gpu');
    await page.waitForFunction((s) => /Budget C = 3\.31×10²³/.test(document.querySelector(`${s} .readout`)?.textContent ?? ''), CP);
    assert.equal(param(page, 'ch4-planner.budget_mode'), 'gpu');
    await widgetSettled(page, CP);
    assert.notEqual(await canvasHash(page, CP), px0);

    // The same state from a link, with another preset.
    await goto('en/compute-optimal?ch4-planner.preset=besiroglu2024&ch4-planner.c=5.76e23');
    await chapterReady(page);
    await widgetSettled(page, CP);
    // chin_opt_besiroglu_C5.76e+23: N_opt = 7.22e10, D/N = 18.4.
    assert.match(await page.textContent(`${CP} .readout`), /N = 7\.22×10¹⁰ parameters .*\(18\.4 tokens per parameter\)/);
  }));

for (const lang of ['en', 'zh']) {
  test(`axe: chapter 3 with both explorers, ${lang}`, () =>
    site.session({}, async ({ page, goto }) => {
      await goto(`${lang}/kaplan-laws`);
      await chapterReady(page);
      await widgetSettled(page, LE);
      await widgetSettled(page, '#widget-ch3-joint');
      assert.deepEqual(await seriousViolations(page), []);
    }));
}

test('chapter 3 random exercise: Kaplan L(N) at the drawn N is graded right', () =>
  site.session({}, async ({ page, goto }) => {
    await goto('en/kaplan-laws');
    await chapterReady(page);
    const box = page.locator('[data-exercise="kaplan-laws/ch3-kaplan-loss-random"]');
    const prompt = await box.locator('.prompt').evaluate((el) => el.textContent.replace(/\s+/g, ' '));
    // The drawn N is one of the block's choices, printed like 1e8 or 3e7.
    const n = Number(prompt.match(/N\s*=\s*([0-9][0-9.e+]*)/)?.[1]);
    assert.ok([1e6, 1e7, 3e7, 1e8, 3e8, 1e9, 3e9, 1e10].includes(n), `N from the prompt: ${prompt}`);
    const input = box.locator('input[type="text"]');
    // Kaplan et al. 2020 eq 1.1: L(N) = (8.8e13 / N)^0.076.
    await input.fill(String((8.8e13 / n) ** 0.076 * 1.05));
    await box.locator('.answer-row button.primary').click();
    assert.match(await box.locator('.feedback').textContent(), /^Not quite/);
    await input.fill(String((8.8e13 / n) ** 0.076));
    await box.locator('.answer-row button.primary').click();
    assert.match(await box.locator('.feedback').textContent(), /^Correct/);
  }));

// What a symbol looks like in the widgets: sub- and superscripts in HTML, Unicode in option text and
// on the canvas, never TeX-like text such as "N_opt", "α_C^min" or "A/N^α".
for (const lang of ['en', 'zh']) {
  test(`symbols are typeset in chapters 3 and 4, ${lang}`, () =>
    site.session({}, async ({ page, goto }) => {
      const texLike = async (sel) => {
        for (const d of await page.locator(`${sel} details.data-table summary`).all()) await d.click();
        // A data table's rows are built when it opens (widgets::common::lazy_details).
        await page.waitForFunction((s) => [...document.querySelectorAll(`${s} details.data-table`)].every((d) => d.querySelector('table')), sel);
        return page.evaluate((s) => {
          const el = document.querySelector(s);
          const options = [...el.querySelectorAll('option')].map((o) => o.textContent);
          return [el.textContent, ...options].join('\n').match(/.{0,20}[_^].{0,20}/g);
        }, sel);
      };
      for (const axis of ['n', 'd', 'c']) {
        await goto(`${lang}/kaplan-laws?ch3-explorer.axis=${axis}`);
        await chapterReady(page);
        await widgetSettled(page, LE);
        assert.equal(await texLike(LE), null, `axis ${axis}`);
      }
      // The Kaplan compute law's constants: α with subscript C and superscript min, C_c^min likewise.
      const labels = (await page.locator(`${LE} .control label > span`).evaluateAll((els) => els.map((e) => e.innerHTML))).filter((h) => h.includes('<sub'));
      assert.deepEqual(labels.slice(0, 2).map((h) => h.replace(/<!--.*?-->/g, '').replace(/ class="sym"/g, '').replace(/[（(].*$/, '').trim()), ['α<sub>C</sub><sup>min</sup>', 'C<sub>c</sub><sup>min</sup>']);
      // The Chinchilla-form law split into its terms: A/N^α and B/D^β in the legend's and table's forms.
      await goto(`${lang}/kaplan-laws?ch3-explorer.preset=hoffmann-rounded&ch3-explorer.show_terms=true`);
      await chapterReady(page);
      await widgetSettled(page, LE);
      assert.equal(await texLike(LE), null);
      assert.deepEqual(await page.locator(`${LE} .data-table th sup`).allTextContents(), ['α', 'β']);

      await goto(`${lang}/compute-optimal`);
      await chapterReady(page);
      for (const w of [CP, '#widget-ch4-presets', '#widget-ch4-repeat', '#widget-ch4-inference']) {
        await widgetSettled(page, w);
        assert.equal(await texLike(w), null, w);
      }
      // N_opt, D_opt and L_opt in the planner's tables.
      const subs = await page.locator(`${CP} .data-table thead sub`).allTextContents();
      assert.ok(subs.includes('opt') && subs.every((s) => s === 'opt'), subs.join());
    }));

  // Each published constant set has one name: the one chapter 4's text gives, in every widget.
  test(`one name per constant set in every widget and in the text, ${lang}`, () =>
    site.session({}, async ({ page, goto }) => {
      await goto(`${lang}/compute-optimal`);
      await chapterReady(page);
      const sentence = await page.locator('article.chapter p', { hasText: lang === 'en' ? "widgets call the sets" : '本章各组件把这几组常数称为' }).textContent();
      // Quoted as each language quotes: "…" in English, “…” in Chinese.
      const [open, close] = lang === 'en' ? ['"', '"'] : ['“', '”'];
      const names = [...sentence.matchAll(new RegExp(`${open}([^${close}]+)${close}`, 'g'))].map((m) => m[1]);
      assert.equal(names.length, 4, sentence);
      await widgetSettled(page, CP);
      await widgetSettled(page, '#widget-ch4-presets');
      await widgetSettled(page, '#widget-ch4-inference');
      const options = (sel) => page.locator(sel).locator('option').allTextContents();
      assert.deepEqual(await options(`${CP} .control.choice >> nth=1`), names, 'compute planner');
      assert.deepEqual(await options('#widget-ch4-inference'), names, 'inference planner');
      await page.click('#widget-ch4-presets details.data-table summary');
      await page.waitForSelector('#widget-ch4-presets .data-table tbody th');
      assert.deepEqual(await page.locator('#widget-ch4-presets .data-table tbody th').allTextContents(), names, 'preset comparison');

      // Chapter 3 names the overlaid law the same way, and its explorer offers the same four sets.
      await goto(`${lang}/kaplan-laws`);
      await chapterReady(page);
      await widgetSettled(page, LE);
      const lawOptions = await options(`${LE} .control.choice >> nth=1`);
      assert.deepEqual(lawOptions.slice(2), names);
      const compare = await page.locator(`${LE} .control.choice >> nth=2 >> select`).evaluate((s) => s.options[s.selectedIndex].text);
      assert.equal(compare, names[0]);
      assert.ok((await page.textContent('article.chapter')).includes(`${open}${names[0]}${close}`), 'chapter 3 names the overlaid law');
    }));
}

// Chinese text cites "Kaplan et al." as "Kaplan 等", as the chapters' prose does: the explorers'
// source lines too, for each law they can show (the authors' names stay in Latin letters).
test('chapter 3 in Chinese: the explorers\' source lines cite in Chinese form', () =>
  site.session({}, async ({ page, goto }) => {
    await goto('zh/kaplan-laws');
    await chapterReady(page);
    await widgetSettled(page, LE);
    const source = () => page.locator(`${LE} p.hint`, { hasText: '来源：' }).textContent();
    // Kaplan et al. 2020 (arXiv:2001.08361), eqs 1.1–1.3: the chapter's block shows that law.
    assert.match(await source(), /^来源：Kaplan 等 2020，arXiv:2001\.08361，式 1\.1–1\.3。$/);
    for (const preset of ['kaplan-nd', 'hoffmann-rounded', 'hoffmann-unrounded', 'besiroglu2024', 'muennighoff-c4']) {
      await page.selectOption(`${LE} select >> nth=1`, preset);
      await page.waitForFunction(([s, p]) => new URL(location.href).searchParams.get(`${s}.preset`) === p, ['ch3-explorer', preset]);
      const line = await source();
      assert.match(line, /^来源：(Kaplan|Hoffmann|Besiroglu|Muennighoff) 等 20\d\d/, line);
      assert.doesNotMatch(line, /et al/, line);
    }
    assert.doesNotMatch(await page.textContent('article.chapter'), /et al\./);
  }));
