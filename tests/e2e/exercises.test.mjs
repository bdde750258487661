// Exercises and progress: choice and numeric graded right and wrong, a random exercise answered from
// the numbers it shows, predict-then-reveal locking the guess, progress kept across reloads, and
// progress export → import into a fresh browser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { useSite, chapterReady, widgetSettled, stored, OUT } from './harness.mjs';

const site = useSite();
const ex = (id) => `[data-exercise="power-laws/${id}"]`;

test('a choice exercise graded wrong, then right; the solved badge', () =>
  site.session({}, async ({ page, goto }) => {
    await goto('en/power-laws');
    await chapterReady(page);
    const box = page.locator(ex('ch2-mse-slope'));
    const check = box.locator('.answer-row button.primary');
    assert.equal(await check.isDisabled(), true, 'nothing selected yet');
    // Options written purely in math still have an accessible name.
    assert.equal(await box.getByRole('radio', { name: '−1/2', exact: true }).count(), 1);
    // Option 2 is −1/2: wrong, with its explanation.
    await box.locator('input[type="radio"]').nth(1).check();
    await check.click();
    assert.equal(await box.locator('.feedback').textContent(), 'Not quite. Try again.');
    assert.equal(await box.locator('.option.wrong').count(), 1);
    assert.match(await box.locator('.option.wrong .explain').textContent(), /root mean squared error/);
    assert.equal(await box.locator('.badge').count(), 0);
    // Option 1 is −1: right.
    await box.locator('input[type="radio"]').nth(0).check();
    assert.equal(await box.locator('.feedback').count(), 0, 'feedback clears when the selection changes');
    await check.click();
    assert.equal(await box.locator('.feedback').textContent(), 'Correct!');
    assert.equal(await box.locator('.option.right').count(), 1);
    assert.equal(await box.locator('.ex-head .badge').textContent(), 'Solved');
    assert.equal(await box.getAttribute('class'), 'exercise solved');
    const rec = await stored(page);
    assert.deepEqual(rec.exercises['power-laws/ch2-mse-slope'], { attempts: 2, solved: true });

    // Multiple answers: both true statements, nothing else.
    const multi = page.locator(ex('ch2-loglog-facts'));
    await multi.locator('input[type="checkbox"]').nth(0).check();
    await multi.locator('.answer-row button.primary').click();
    assert.equal(await multi.locator('.feedback').textContent(), 'Not quite. Try again.');
    await multi.locator('input[type="checkbox"]').nth(1).check();
    await multi.locator('.answer-row button.primary').click();
    assert.equal(await multi.locator('.feedback').textContent(), 'Correct!');
  }));

test('a numeric exercise: not a number, wrong, right (Enter submits), solution', () =>
  site.session({}, async ({ page, goto }) => {
    await goto('en/power-laws');
    await chapterReady(page);
    const box = page.locator(ex('ch2-read-exponent'));
    const input = box.locator('input[type="text"]');
    await input.fill('abc');
    await box.locator('.answer-row button.primary').click();
    assert.match(await box.locator('.feedback').textContent(), /number/i);
    await input.fill('0.3');
    await box.locator('.answer-row button.primary').click();
    assert.equal(await box.locator('.feedback').textContent(), 'Not quite. Try again.');
    // log 2 / log 100 = 0.1505; tolerance ±0.005.
    // What a Chinese input method types: full-width digits and full stop are the same number.
    await input.fill('０．３');
    await box.locator('.answer-row button.primary').click();
    assert.equal(await box.locator('.feedback').textContent(), 'Not quite. Try again.');
    // With the solution shown, the verdict stays but no longer invites another try.
    await box.locator('button.show-solution').click();
    assert.equal(await box.locator('.feedback').textContent(), 'Not quite.');
    await input.fill('０．１５１');
    await input.press('Enter');
    assert.equal(await box.locator('.feedback').textContent(), 'Correct!');
    assert.match(await box.locator('.solution').textContent(), /0\.1505/);
    // Right only after the solution was shown: recorded and marked as such, not solved.
    assert.equal(await box.locator('.not-counted').textContent(), 'Not counted as solved: the solution was shown before a right answer.');
    assert.equal(await box.locator('.ex-head .badge').textContent(), 'Solution shown');
    assert.equal(await box.getAttribute('class'), 'exercise solution-shown');
    const rec = await stored(page);
    assert.deepEqual(rec.exercises['power-laws/ch2-read-exponent'], { attempts: 3, solved: false, revealed: true });
  }));

test('an answer after "Show solution" is not counted, on the page, after a reload and on the home page (en, zh)', () =>
  site.session({}, async ({ page, goto }) => {
    await goto('en/power-laws');
    await chapterReady(page);
    // Choice: a wrong try, the solution, then the right option.
    const choice = page.locator(ex('ch2-mse-slope'));
    await choice.locator('input[type="radio"]').nth(1).check();
    await choice.locator('.answer-row button.primary').click();
    await choice.locator('button.show-solution').click();
    await choice.locator('input[type="radio"]').nth(0).check();
    await choice.locator('.answer-row button.primary').click();
    assert.equal(await choice.locator('.feedback').textContent(), 'Correct!');
    assert.equal(await choice.locator('.not-counted').count(), 1);
    assert.equal(await choice.locator('.ex-head .badge').textContent(), 'Solution shown');
    // Numeric, solved first and the solution looked at afterwards: that stays solved.
    const numeric = page.locator(ex('ch2-read-exponent'));
    await numeric.locator('input[type="text"]').fill('0.15');
    await numeric.locator('.answer-row button.primary').click();
    await numeric.locator('button.show-solution').click();
    assert.equal(await numeric.locator('.not-counted').count(), 0);
    assert.equal(await numeric.locator('.ex-head .badge').textContent(), 'Solved');
    const rec = await stored(page);
    assert.deepEqual(rec.exercises['power-laws/ch2-mse-slope'], { attempts: 2, solved: false, revealed: true });
    assert.deepEqual(rec.exercises['power-laws/ch2-read-exponent'], { attempts: 1, solved: true, revealed: true });

    // A reload cannot undo it: the solution is still shown, and a right answer still does not count.
    await page.reload();
    await chapterReady(page);
    assert.equal(await choice.locator('.ex-head .badge').textContent(), 'Solution shown');
    assert.equal(await choice.locator('button.show-solution').count(), 0);
    assert.equal(await choice.locator('.option.right').count(), 1, 'the solution marks the right option');
    await choice.locator('input[type="radio"]').nth(0).check();
    await choice.locator('.answer-row button.primary').click();
    assert.equal(await choice.locator('.ex-head .badge').textContent(), 'Solution shown');
    assert.equal((await stored(page)).exercises['power-laws/ch2-mse-slope'].solved, false);

    // The home page counts one exercise solved, in the total and on chapter 2's card.
    await goto('en/');
    assert.match(await page.textContent('.progress-solved'), /^1\/\d+ exercises solved/);
    assert.match(await page.textContent('.chapter-card:has(h3 a[href$="/power-laws"]) .meta'), /· 1\/\d+ exercises solved/);
    // And in Chinese.
    await goto('zh/power-laws');
    await chapterReady(page);
    assert.equal(await choice.locator('.ex-head .badge').textContent(), '已看解答');
    assert.equal(await numeric.locator('.ex-head .badge').textContent(), '已完成');
    await choice.locator('input[type="radio"]').nth(0).check();
    await choice.locator('.answer-row button.primary').click();
    assert.equal(await choice.locator('.not-counted').textContent(), '不计入已完成：答对之前已经看过解答。');
    await goto('zh/');
    assert.match(await page.textContent('.progress-solved'), /^1\/\d+ /);
  }));

test('a random exercise shows numbers, and σ²/n computed from them is graded right', () =>
  site.session({}, async ({ page, goto }) => {
    await goto('en/power-laws');
    await chapterReady(page);
    const box = page.locator(ex('ch2-mse-random'));
    // The prompt's math carries the drawn values as <mn> elements: n = …, σ = ….
    const prompt = await box.locator('.prompt').evaluate((el) => el.textContent.replace(/\s+/g, ' '));
    const n = Number(prompt.match(/n\s*=\s*([0-9][0-9,.]*)/)?.[1].replace(/,/g, ''));
    const sigma = Number(prompt.match(/σ\s*=\s*([0-9]+(?:\.[0-9]+)?)/)?.[1]);
    assert.ok([10, 20, 50, 100, 200, 500, 1000].includes(n), `n from the prompt: ${prompt}`);
    assert.ok(sigma >= 0.5 && sigma <= 4 && Number.isInteger(sigma * 2), `σ from the prompt: ${prompt}`);
    assert.doesNotMatch(prompt, /\{(n|sigma)\}/, 'placeholders are filled');
    const input = box.locator('input[type="text"]');
    // Wrong first: σ/n (forgot the square) is off by a factor σ, unless σ = 1.
    await input.fill(String(sigma === 1 ? 2 / n : sigma / n));
    await box.locator('.answer-row button.primary').click();
    assert.equal(await box.locator('.feedback').textContent(), 'Not quite. Try again.');
    await input.fill(String((sigma * sigma) / n));
    await box.locator('.answer-row button.primary').click();
    assert.equal(await box.locator('.feedback').textContent(), 'Correct!');
    await box.locator('button.show-solution').click();
    assert.doesNotMatch(await box.locator('.solution').textContent(), /\{answer\}/);

    // Same learner, same numbers after a reload.
    await page.reload();
    await chapterReady(page);
    const again = await page.locator(ex('ch2-mse-random')).locator('.prompt').evaluate((el) => el.textContent.replace(/\s+/g, ' '));
    assert.equal(again, prompt);

    // The box-slope variant: −1/d from the d shown.
    const slope = page.locator(ex('ch2-box-slope-random'));
    const d = Number((await slope.locator('.prompt').textContent()).match(/d\s*=\s*([1-6])/)?.[1]);
    assert.ok(d >= 1 && d <= 6);
    // Under heavy load the first click can land while the page is still settling after the reload;
    // answer again once if no feedback came (a page that never grades still fails here).
    // Typed with the full-width minus, slash and digits of a Chinese input method: －１／４.
    const fullWidth = (t) => t.replace(/[-0-9./]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    for (let attempt = 0; attempt < 2; attempt++) {
      await slope.locator('input[type="text"]').fill(fullWidth(`-1/${d}`));
      await slope.locator('.answer-row button.primary').click();
      if (await slope.locator('.feedback').waitFor({ timeout: 8000 }).then(() => true, () => false)) break;
    }
    assert.equal(await slope.locator('.feedback').textContent(), 'Correct!');
  }));

test('predict: the widget is locked until the guess is committed, then the guess is locked and kept', () =>
  site.session({}, async ({ page, goto }) => {
    await goto('en/power-laws');
    await chapterReady(page);
    const box = page.locator(ex('ch2-predict-d4'));
    const sim = '#widget-ch2-predict-d4-sim';
    assert.match(await page.textContent(`${sim} .hint`), /Commit your guess/);
    assert.equal(await page.locator(`${sim} canvas`).count(), 0, 'no chart before the guess');
    assert.equal(await box.locator('.solution').count(), 0, 'no reveal before the guess');
    const input = page.locator('#guess-power-laws-ch2-predict-d4');
    const commit = box.locator('.answer-row button.primary').first();
    await input.fill('-0.5');
    await commit.click();
    assert.equal(await input.isDisabled(), true);
    assert.equal(await commit.isDisabled(), true);
    assert.equal(await input.inputValue(), '-0.5');
    assert.match(await box.locator('.solution').textContent(), /The theory predicts −1\/d\s*=\s*−0\.25/);
    // The verdict prints numbers with the minus sign (U+2212); the kept guess stays ASCII (below).
    assert.equal(await box.locator('.verdict').textContent(), 'Your guess −0.5; the answer −0.25.');
    await widgetSettled(page, sim);
    assert.match(await page.textContent(`${sim} .readout`), /slope/i);
    const rec = await stored(page);
    assert.deepEqual(rec.exercises['power-laws/ch2-predict-d4'], { attempts: 1, solved: false, guess: '-0.5' });

    // The guess survives a reload, still locked, and the widget is revealed.
    await page.reload();
    await chapterReady(page);
    assert.equal(await input.inputValue(), '-0.5');
    assert.equal(await input.isDisabled(), true);
    await widgetSettled(page, sim);
  }));

test('progress survives a reload: solved exercises and chapters read', () =>
  site.session({}, async ({ page, goto }) => {
    await goto('en/');
    assert.match(await page.textContent('.progress-solved'), /^0\/\d+ exercises solved/);
    await goto('en/power-laws');
    await chapterReady(page);
    const box = page.locator(ex('ch2-read-exponent'));
    await box.locator('input[type="text"]').fill('0.15');
    await box.locator('.answer-row button.primary').click();
    assert.equal(await box.locator('.feedback').textContent(), 'Correct!');
    // Reaching the end marks the chapter read.
    await page.locator('#chapter-end').scrollIntoViewIfNeeded();
    await page.waitForFunction(() => JSON.parse(localStorage.getItem('scaling-lab/v1')).read.includes('power-laws'));

    await page.reload();
    await chapterReady(page);
    assert.equal(await page.locator(`${ex('ch2-read-exponent')} .badge`).textContent(), 'Solved');
    assert.equal(await page.locator('.sidebar a[href$="/power-laws"] .tick').count(), 1);
    await goto('en/');
    assert.match(await page.textContent('.progress-solved'), /^1\/\d+ exercises solved/);
    assert.match(await page.textContent('.progress-read'), /^1\/\d+ chapters read/);
    assert.match(await page.textContent('.chapter-card:has(h3 a[href$="/power-laws"]) .meta'), /· 1\/\d+ exercises solved/);
  }));

test('progress export → import into a fresh browser', async () => {
  let file;
  let exported;
  await site.session({ acceptDownloads: true }, async ({ page, goto }) => {
    await goto('en/power-laws');
    await chapterReady(page);
    const box = page.locator(ex('ch2-mse-slope'));
    await box.locator('input[type="radio"]').nth(0).check();
    await box.locator('.answer-row button.primary').click();
    await page.locator('#chapter-end').scrollIntoViewIfNeeded();
    await page.waitForFunction(() => JSON.parse(localStorage.getItem('scaling-lab/v1')).read.includes('power-laws'));
    await goto('en/');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('.progress-summary .actions button >> nth=0')]);
    assert.equal(download.suggestedFilename(), 'scaling-lab-progress.json');
    file = path.join(OUT, 'exported-progress.json');
    await download.saveAs(file);
    exported = JSON.parse(fs.readFileSync(file, 'utf8'));
    assert.equal(exported.format, 'scaling-lab-progress');
    assert.equal(exported.version, 1);
    assert.deepEqual(exported.read, ['power-laws']);
    assert.deepEqual(exported.exercises['power-laws/ch2-mse-slope'], { attempts: 1, solved: true });
  });

  await site.session({}, async ({ page, goto }) => {
    await goto('en/');
    assert.match(await page.textContent('.progress-solved'), /^0\//);
    const seed = (await stored(page)).learner_seed;
    assert.notEqual(seed, exported.learner_seed, 'a fresh browser is a new learner');
    await page.setInputFiles('.progress-summary input[type="file"]', file);
    await page.waitForSelector('p.notice[role="status"]');
    assert.equal(await page.textContent('p.notice[role="status"]'), 'Progress imported.');
    assert.match(await page.textContent('.progress-solved'), /^1\//);
    assert.match(await page.textContent('.progress-read'), /^1\/\d+ /);
    const rec = await stored(page);
    assert.deepEqual(rec.read, ['power-laws']);
    assert.equal(rec.exercises['power-laws/ch2-mse-slope'].solved, true);
    assert.equal(rec.learner_seed, seed, 'the importing learner keeps their own numbers');

    // A file that is not a progress file is refused with a reason.
    const other = path.join(OUT, 'not-progress.json');
    fs.writeFileSync(other, '{"hello": 1}');
    await page.setInputFiles('.progress-summary input[type="file"]', other);
    await page.waitForSelector('p.notice.error');
    assert.match(await page.textContent('p.notice.error'), /^That file could not be imported: it is not a Scaling Lab progress file\.$/);
    assert.match(await page.textContent('.progress-solved'), /^1\//);
  });
});
