// Chapter 10, case studies and outlook: the chapter loads in both languages with the same structure
// and fits a phone's width, every exercise grades a right answer right and a wrong one wrong (answers
// derived here from the published numbers, not read from the app), the predict exercise unlocks the
// compute planner whose Llama 3 405B row agrees with the reveal, and axe-core finds no serious or
// critical violations.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite, chapterReady, widgetSettled, seriousViolations, answerChoice, answerNumber } from './harness.mjs';

const site = useSite();
const SLUG = 'case-studies';
const ex = (id) => `[data-exercise="${SLUG}/${id}"]`;
const EXERCISES = ['ch10-llama-why', 'ch10-data-claims', 'ch10-data-wall', 'ch10-llama-n-opt', 'ch10-predict-llama3'];
const PLANNER = '#widget-ch10-predict-llama3-cp';

// Besiroglu et al. 2024, arXiv:2404.10102v2 Table 1, and the closed form of Hoffmann et al. 2022
// App D.2: N_opt = G (C/6)^a, G = (αA/(βB))^(1/(α+β)), a = β/(α+β).
const BESIROGLU = { A: 482.01, B: 2085.43, alpha: 0.3478, beta: 0.3658 };
const nOpt = ({ A, B, alpha, beta }, c) =>
  ((alpha * A) / (beta * B)) ** (1 / (alpha + beta)) * (c / 6) ** (beta / (alpha + beta));
// Nominal sizes and token counts: LLaMA (Touvron et al. 2023a, Sec 2), Llama 2 (2023b, Table 1).
const LLAMA_BUDGETS = [[7e9, 1e12], [13e9, 1e12], [33e9, 1.4e12], [65e9, 1.4e12], [7e9, 2e12], [70e9, 2e12]]
  .map(([n, d]) => 6 * n * d);

for (const [lang, title] of [['en', 'Case studies and outlook'], ['zh', '案例与展望']]) {
  test(`chapter 10 loads in ${lang}: title, sections, exercises, references, no horizontal scroll at 360 px`, () =>
    site.session({ viewport: { width: 360, height: 800 } }, async ({ page, goto }) => {
      await goto(`${lang}/${SLUG}`);
      await chapterReady(page);
      assert.equal((await page.textContent('article.chapter h1')).trim(), title);
      // h2: objectives, 4 sections, open problems, summary, where next, exercises, references;
      // h3: 10 subsections and the title of the planner inside the predict exercise.
      assert.equal(await page.locator('article.chapter h2').count(), 10);
      assert.equal(await page.locator('article.chapter h3').count(), 11);
      for (const id of EXERCISES) assert.equal(await page.locator(ex(id)).count(), 1, id);
      // 18 works cited, among them GPT-3, Chinchilla, LLaMA and model collapse.
      for (const key of ['brown2020', 'hoffmann2022', 'touvron2023', 'shumailov2024', 'villalobos2024']) {
        assert.equal(await page.locator(`#ref-${key}`).count(), 1, key);
      }
      assert.equal(await page.locator('[id^="ref-"]').count(), 18);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `horizontal overflow of ${overflow} px`);
    }));
}

test('choice exercises: wrong, then right (single and multiple)', () =>
  site.session({}, async ({ page, goto }) => {
    await goto(`en/${SLUG}`);
    await chapterReady(page);
    const why = page.locator(ex('ch10-llama-why'));
    // Option 2 claims 1T tokens is compute-optimal for 7B: wrong, with its explanation.
    assert.equal(await answerChoice(why, [1]), 'Not quite. Try again.');
    assert.match(await why.locator('.option.wrong .explain').textContent(), /compute-optimal model is larger/);
    assert.equal(await answerChoice(why, [0]), 'Correct!');
    assert.equal(await why.locator('.ex-head .badge').textContent(), 'Solved');

    // Dedup ×10 less memorization, pruning beats power laws, a few epochs cost little: true.
    // Recursive training keeping the distribution, and emergence always meaning a loss jump: false.
    const claims = page.locator(ex('ch10-data-claims'));
    assert.equal(await answerChoice(claims, [0, 1]), 'Not quite. Try again.');
    assert.equal(await answerChoice(claims, [0, 1, 2, 4]), 'Not quite. Try again.');
    assert.equal(await answerChoice(claims, [0, 1, 4]), 'Correct!');
  }));

test('numeric exercise: the compute to train once on the whole stock of human text', () =>
  site.session({}, async ({ page, goto }) => {
    await goto(`en/${SLUG}`);
    await chapterReady(page);
    const box = page.locator(ex('ch10-data-wall'));
    // Villalobos et al. 2024: about 3e14 tokens; 20 tokens per parameter; C = 6ND.
    const D = 3e14;
    const N = D / 20;
    // Forgetting the 20 (N = D) is wrong by a factor of 20.
    assert.equal(await answerNumber(box, 6 * D * D), 'Not quite. Try again.');
    assert.equal(await answerNumber(box, (6 * N * D).toExponential(2)), 'Correct!');
    assert.match(await box.locator('.unit, .answer-row').first().textContent(), /FLOPs/);
  }));

test('random exercise: N_opt at a LLaMA budget, from the closed form with Besiroglu et al.’s constants (en, zh)', () =>
  site.session({}, async ({ page, goto }) => {
    for (const [lang, right, wrong] of [['en', /^Correct/, /^Not quite/], ['zh', /^回答正确/, /^还不对/]]) {
      await goto(`${lang}/${SLUG}`);
      await chapterReady(page);
      const box = page.locator(ex('ch10-llama-n-opt'));
      const prompt = await box.locator('.prompt').evaluate((el) => el.textContent.replace(/\s+/g, ' '));
      assert.doesNotMatch(prompt, /\{(c|preset)\}/, 'placeholders are filled');
      const c = Number(prompt.match(/([0-9.]+e[0-9]+) FLOPs/)?.[1]);
      assert.ok(LLAMA_BUDGETS.some((b) => Math.abs(b / c - 1) < 1e-3), `a LLaMA budget: ${prompt}`);
      // The model's own size is far from the answer for the small models: N_opt ≈ 19B at 4.2e22.
      assert.match(await answerNumber(box, nOpt(BESIROGLU, c) * 1.1), wrong);
      assert.match(await answerNumber(box, nOpt(BESIROGLU, c).toPrecision(4)), right);
    }
  }));

for (const [choice, right] of [[1, true], [0, false]]) {
  test(`predict: Llama 3 405B against the frontier, guess ${right ? 'right' : 'wrong'}; the planner agrees with the reveal`, () =>
    site.session({}, async ({ page, goto }) => {
      await goto(`en/${SLUG}`);
      await chapterReady(page);
      const box = page.locator(ex('ch10-predict-llama3'));
      assert.match(await page.textContent(`${PLANNER} .hint`), /Commit your guess/);
      assert.equal(await box.locator('.solution').count(), 0, 'no reveal before the guess');
      assert.equal(await answerChoice(box, [choice]), right ? 'Correct!' : 'Not quite.');
      assert.match(await box.locator('.solution').textContent(), /About 0\.65/);
      await widgetSettled(page, PLANNER);
      // Llama 3 405B on 15.6T tokens (Llama Team 2024): N/N_opt at its own 6ND budget.
      const ratio = 405e9 / nOpt(BESIROGLU, 6 * 405e9 * 15.6e12);
      assert.ok(ratio > 0.5 && ratio < 1, `the right option's range holds: ${ratio}`);
      await page.locator(`${PLANNER} details.data-table summary`).click();
      const row = page.locator(`${PLANNER} tr`, { has: page.locator('th', { hasText: /^Llama 3 405B$/ }) });
      // The table is built when the details open: wait for the row.
      await row.waitFor();
      const cells = await row.locator('td').allTextContents();
      assert.ok(Math.abs(Number(cells[4]) - ratio) < 0.005, `N/N_opt printed ${cells[4]}, expected ${ratio.toFixed(3)}`);
    }));
}

for (const lang of ['en', 'zh']) {
  test(`axe: chapter 10, ${lang}, with an answer and the planner open`, () =>
    site.session({}, async ({ page, goto }) => {
      await goto(`${lang}/${SLUG}`);
      await chapterReady(page);
      await answerChoice(page.locator(ex('ch10-llama-why')), [1]);
      await answerChoice(page.locator(ex('ch10-predict-llama3')), [1]);
      await widgetSettled(page, PLANNER);
      assert.deepEqual(await seriousViolations(page), []);
    }));
}
