// Stored progress under adverse conditions: corrupt data is set aside with a notice and the app starts
// fresh; a browser that refuses storage gets a notice and exercises still grade (in memory).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite, chapterReady, widgetSettled, STORAGE_KEY } from './harness.mjs';

const site = useSite();

async function gradeRight(page) {
  const box = page.locator('[data-exercise="power-laws/ch2-mse-slope"]');
  await box.locator('input[type="radio"]').nth(0).check();
  await box.locator('.answer-row button.primary').click();
  assert.equal(await box.locator('.feedback').textContent(), 'Correct!');
  assert.equal(await box.locator('.ex-head .badge').textContent(), 'Solved');
}

test('corrupt stored progress is set aside with a notice; the app works', () =>
  site.session(
    {
      // Only on the first document of this context, so that a reload sees what the app wrote.
      initScript: `if (location.protocol === 'http:' && !sessionStorage.getItem('seeded')) {
        sessionStorage.setItem('seeded', '1');
        localStorage.setItem(${JSON.stringify(STORAGE_KEY)}, '{"format":"scaling-lab-progress", garbage');
      }`,
    },
    async ({ page, goto }) => {
      await goto('en/power-laws');
      await chapterReady(page);
      const notice = page.locator('main > .notice[role="status"]');
      const text = await notice.textContent();
      assert.match(text, /^Stored progress was unreadable and has been set aside/);
      const key = await notice.locator('code').textContent();
      assert.match(key, /^scaling-lab\/corrupt-\d+$/);
      assert.match(text, /not valid JSON/);
      const kept = await page.evaluate(([k, s]) => [localStorage.getItem(k), JSON.parse(localStorage.getItem(s))], [key, STORAGE_KEY]);
      assert.equal(kept[0], '{"format":"scaling-lab-progress", garbage', 'the unreadable text is kept verbatim');
      assert.equal(kept[1].version, 1, 'a fresh record was written');
      await gradeRight(page);
      await widgetSettled(page, '#widget-mse');

      // The fresh record is good: after a reload there is no notice and the progress is there.
      await page.reload();
      await chapterReady(page);
      assert.equal(await page.locator('main > .notice').count(), 0);
      assert.equal(await page.locator('[data-exercise="power-laws/ch2-mse-slope"] .ex-head .badge').count(), 1);
    },
  ));

test('progress from a newer version is set aside, not misread', () =>
  site.session(
    { initScript: `if (location.protocol === 'http:') localStorage.setItem(${JSON.stringify(STORAGE_KEY)}, '{"format":"scaling-lab-progress","version":99,"learner_seed":1}')` },
    async ({ page, goto }) => {
      await goto('en/');
      assert.match(await page.textContent('main > .notice'), /set aside.*newer version/s);
    },
  ));

test('storage that refuses writes: a notice, and exercises still grade', () =>
  site.session(
    {
      initScript: () => {
        Storage.prototype.setItem = function setItem() {
          throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        };
      },
    },
    async ({ page, goto }) => {
      await goto('en/power-laws');
      await chapterReady(page);
      assert.equal(
        await page.textContent('main > .notice[role="status"]'),
        'This browser does not let the course keep data (private mode or full storage): everything works, but progress will not be kept after you close the page.',
      );
      await gradeRight(page);
      // Widgets still run and can change.
      await widgetSettled(page, '#widget-mse');
      // In-memory progress carries across in-app navigation.
      await page.click('header a.brand');
      await page.waitForSelector('article.home h1');
      assert.match(await page.textContent('.progress-solved'), /^1\//);
      assert.equal(await page.evaluate((k) => localStorage.getItem(k), STORAGE_KEY), null);
    },
  ));
