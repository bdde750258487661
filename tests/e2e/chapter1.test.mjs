// Chapter 1, generalization: the chapter loads in both languages with the same sections, its 15 works
// cited and no horizontal scroll at 360 px; every exercise that is not a widget grades a right answer
// right and a wrong one wrong, with the answers derived here from the formulas the chapter teaches
// (not read from the app); the predict exercise keeps the capacity sweep locked until the guess is in,
// then reveals the interpolation threshold p = n, where the widget's test error peaks and from where its
// training error is zero (Belkin et al. 2019); axe-core finds no serious or critical violations.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite, chapterReady, widgetSettled, tableColumns, BASE, seriousViolations, answerChoice, answerNumber } from './harness.mjs';

const site = useSite();
const SLUG = 'generalization';
const ex = (id) => `[data-exercise="${SLUG}/${id}"]`;
const EXERCISES = ['ch1-diagnose', 'ch1-regularizers', 'ch1-ensemble', 'ch1-ridgeless-variance', 'ch1-train-mse-random', 'ch1-predict-peak'];
// Section anchors: the English file's ids, by position, in both languages.
const SECTIONS = ['training-error-and-test-error', 'underfitting-overfitting-and-capacity', 'bias-and-variance',
  'worked-example-how-optimistic-is-the-training-error', 'regularization-what-each-method-does', 'weight-decay',
  'early-stopping', 'dropout', 'batch-normalization-and-skip-connections', 'ensembling', 'data-augmentation',
  'interpolation-fitting-everything-noise-included', 'double-descent', 'the-minimum-norm-solution', 'watch-it-happen',
  'why-the-peak-sits-at-the-threshold', 'when-does-the-second-descent-win', 'double-descent-in-deep-networks',
  'summary', 'exercises', 'references'];
const REFERENCES = ['geman1992', 'krogh1992', 'prechelt1998', 'srivastava2014', 'ioffe2015', 'santurkar2018', 'he2016',
  'lakshminarayanan2017', 'zhang2017', 'belkin2019', 'hastie2022', 'mei2022', 'nakkiran2021', 'bartlett2020', 'nakkiran2020'];
const VERDICT = { en: { right: /^Correct/, wrong: /^Not quite/ }, zh: { right: /^回答正确/, wrong: /^还不对/ } };

for (const [lang, title, chapterMeta] of [['en', 'Generalization', /^Chapter 1 ·/], ['zh', '泛化', /^第 1 章/]]) {
  test(`chapter 1 loads in ${lang}: title, sections, exercises, references, no horizontal scroll at 360 px`, () =>
    site.session({ viewport: { width: 360, height: 800 } }, async ({ page, goto }) => {
      await goto(`${lang}/${SLUG}`);
      await chapterReady(page);
      assert.equal((await page.textContent('article.chapter h1')).trim(), title);
      assert.match(await page.textContent('article.chapter .meta'), chapterMeta);
      for (const id of SECTIONS) assert.equal(await page.locator(`article.chapter :is(h2, h3)#${id}`).count(), 1, id);
      for (const id of EXERCISES) assert.equal(await page.locator(ex(id)).count(), 1, id);
      for (const key of REFERENCES) assert.equal(await page.locator(`#ref-${key}`).count(), 1, key);
      assert.equal(await page.locator('[id^="ref-"]').count(), REFERENCES.length);
      // The bias–variance decomposition and the minimum-norm solution are MathML, not raw LaTeX.
      assert.ok(await page.locator('article.chapter math[display="block"]').count() >= 6);
      assert.doesNotMatch(await page.textContent('article.chapter'), /\\frac|\\operatorname|\$\$/);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `horizontal overflow of ${overflow} px`);
    }));
}

test('chapter 1 sits between the introduction and chapter 2', () =>
  site.session({}, async ({ page, goto }) => {
    await goto(`en/${SLUG}`);
    await chapterReady(page);
    assert.equal(await page.getAttribute('.pager a.prev', 'href'), `${BASE}en/introduction`);
    assert.equal(await page.getAttribute('.pager a.next', 'href'), `${BASE}en/power-laws`);
  }));

test('choice exercises: wrong, then right (single and multiple), in both languages', () =>
  site.session({}, async ({ page, goto }) => {
    for (const lang of ['en', 'zh']) {
      await goto(`${lang}/${SLUG}`);
      await chapterReady(page);
      // Low training error, a large gap that grows with capacity: overfitting (option 2), not
      // underfitting (option 1).
      const diagnose = page.locator(ex('ch1-diagnose'));
      assert.match(await answerChoice(diagnose, [0]), VERDICT[lang].wrong);
      assert.equal(await diagnose.locator('.option.wrong .explain').count(), 1);
      assert.match(await answerChoice(diagnose, [1]), VERDICT[lang].right);

      // True: weight decay prefers the smallest weights (Krogh & Hertz 1992), averaging lowers
      // variance but not bias, gradient descent from zero stays in the row space and so ends at the
      // minimum-norm interpolant. False: dropout at test time (weights are scaled instead), skip
      // connections to cut capacity (He et al. 2016: a training-error problem), early stopping
      // without held-out data.
      const regs = page.locator(ex('ch1-regularizers'));
      assert.match(await answerChoice(regs, [0, 3]), VERDICT[lang].wrong);
      assert.match(await answerChoice(regs, [0, 1, 3, 4]), VERDICT[lang].wrong);
      assert.match(await answerChoice(regs, [0, 3, 4]), VERDICT[lang].right);
    }
  }));

test('numeric exercises: the variance of an ensemble and the ridgeless variance beyond the threshold', () =>
  site.session({}, async ({ page, goto }) => {
    await goto(`en/${SLUG}`);
    await chapterReady(page);
    // Var of the mean of M models with variance v and pairwise correlation ρ: ρv + (1 − ρ)v/M.
    const [M, rho] = [5, 0.3];
    const ensemble = page.locator(ex('ch1-ensemble'));
    assert.match(await answerNumber(ensemble, 1 / M), /^Not quite/, 'independent models would give 1/M');
    assert.match(await answerNumber(ensemble, rho + (1 - rho) / M), /^Correct/);

    // Hastie et al. 2022, isotropic features, γ = p/n > 1: variance σ²/(γ − 1).
    const [n, p, sigma] = [200, 300, 0.5];
    const gamma = p / n;
    const ridgeless = page.locator(ex('ch1-ridgeless-variance'));
    assert.match(await answerNumber(ridgeless, sigma / (gamma - 1)), /^Not quite/, 'σ instead of σ²');
    assert.match(await answerNumber(ridgeless, (sigma * sigma) / (gamma - 1)), /^Correct/);
    await ridgeless.locator('button.show-solution').click();
    assert.match(await ridgeless.locator('.solution').textContent(), /2\.25/);
  }));

test('random exercise: the expected training MSE σ²(n − p)/n from the numbers shown (en, zh)', () =>
  site.session({}, async ({ page, goto }) => {
    for (const lang of ['en', 'zh']) {
      await goto(`${lang}/${SLUG}`);
      await chapterReady(page);
      const box = page.locator(ex('ch1-train-mse-random'));
      const prompt = await box.locator('.prompt').evaluate((el) => el.textContent.replace(/\s+/g, ' '));
      assert.doesNotMatch(prompt, /\{(p|n|sigma)\}/, 'placeholders are filled');
      const p = Number(prompt.match(/p\s*=\s*([0-9]+)/)?.[1]);
      const n = Number(prompt.match(/n\s*=\s*([0-9]+)/)?.[1]);
      const sigma = Number(prompt.match(/σ\s*=\s*([0-9]+(?:\.[0-9]+)?)/)?.[1]);
      assert.ok([2, 5, 10, 15].includes(p), `p from the prompt: ${prompt}`);
      assert.ok([20, 40, 50, 100].includes(n), `n from the prompt: ${prompt}`);
      assert.ok([0.1, 0.2, 0.3, 0.5, 1].includes(sigma), `σ from the prompt: ${prompt}`);
      // The noise variance itself forgets the p dimensions the fit absorbs: off by p/n ≥ 2 %.
      assert.match(await answerNumber(box, sigma * sigma), VERDICT[lang].wrong);
      assert.match(await answerNumber(box, (sigma * sigma * (n - p)) / n), VERDICT[lang].right);
    }
  }));

test('predict: the capacity sweep is locked until the guess is in; the reveal names p = n', () =>
  site.session({}, async ({ page, goto }) => {
    await goto(`en/${SLUG}`);
    await chapterReady(page);
    const box = page.locator(ex('ch1-predict-peak'));
    const sim = '#widget-ch1-predict-peak-sim';
    assert.equal(await box.locator('.solution').count(), 0, 'no reveal before the guess');
    assert.equal(await page.locator(`${sim} canvas`).count(), 0, 'no chart before the guess');
    // n = 40 is the main widget's threshold, not this one's: the peak sits at p = n = 20.
    const input = page.locator(`#guess-${SLUG}-ch1-predict-peak`);
    await input.fill('40');
    await box.locator('.answer-row button.primary').first().click();
    assert.equal(await input.isDisabled(), true);
    assert.equal(await box.locator('.verdict').textContent(), 'Your guess 40; the answer 20.');
    assert.match(await box.locator('.solution').textContent(), /p\s*=\s*n\s*=\s*20/);

    // The revealed sweep agrees: with n = 20 the median test error peaks at p = 20, and least squares
    // with p ≥ n features interpolates (training error 0) while p < n leaves noise in the residuals.
    await widgetSettled(page, sim);
    await page.locator(`${sim} details.data-table summary`).click();
    await page.locator(`${sim} .data-table tbody tr`).first().waitFor();
    const rows = await tableColumns(page, sim, [0, 1, 2]);
    assert.equal(rows.length, 200, 'one row per p = 1 … 200');
    const peak = rows.reduce((best, r) => (r[2] > best[2] ? r : best));
    assert.equal(peak[0], 20, `the test error peaks at p = n: ${peak}`);
    for (const [p, train] of rows) {
      if (p >= 20) assert.ok(train < 1e-6, `training MSE at p = ${p}: ${train}`);
      else assert.ok(train > 1e-3, `training MSE at p = ${p}: ${train}`);
    }
  }));

for (const lang of ['en', 'zh']) {
  test(`axe: chapter 1, ${lang}, with an answer`, () =>
    site.session({}, async ({ page, goto }) => {
      await goto(`${lang}/${SLUG}`);
      await chapterReady(page);
      await widgetSettled(page, '#widget-ch1-capacity');
      await answerChoice(page.locator(ex('ch1-diagnose')), [0]);
      await answerChoice(page.locator(ex('ch1-regularizers')), [1]);
      assert.deepEqual(await seriousViolations(page), []);
    }));
}
