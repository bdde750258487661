// Accessibility: axe-core finds no serious or critical violations on the home and chapter pages, in
// both languages and both themes (after widgets have rendered, and with an exercise answered).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite, chapterReady, widgetSettled, seriousViolations } from './harness.mjs';

const site = useSite();

for (const theme of ['light', 'dark']) {
  for (const lang of ['en', 'zh']) {
    test(`axe: home, ${lang}, ${theme}`, () =>
      site.session({ colorScheme: theme }, async ({ page, goto }) => {
        await goto(`${lang}/`);
        assert.deepEqual(await seriousViolations(page), []);
      }));

    test(`axe: chapter with widgets and exercises, ${lang}, ${theme}`, () =>
      site.session({ colorScheme: theme }, async ({ page, goto }) => {
        await goto(`${lang}/power-laws`);
        await chapterReady(page);
        await widgetSettled(page, '#widget-mse');
        await widgetSettled(page, '#widget-boxes');
        // Feedback and explanations are part of the page too.
        const box = page.locator('[data-exercise="power-laws/ch2-mse-slope"]');
        await box.locator('input[type="radio"]').nth(1).check();
        await box.locator('.answer-row button.primary').click();
        await box.locator('.feedback').waitFor();
        assert.deepEqual(await seriousViolations(page), []);
      }));
  }
}

// The augmentation chapters: image grids with focusable samples, digit mixers, text playgrounds.
for (const [lang, theme] of [['en', 'light'], ['zh', 'dark']]) {
  for (const slug of ['image-augmentation', 'text-augmentation']) {
    test(`axe: ${slug}, ${lang}, ${theme}`, () =>
      site.session({ colorScheme: theme }, async ({ page, goto }) => {
        await goto(`${lang}/${slug}`);
        await chapterReady(page);
        await page.waitForFunction(() => [...document.querySelectorAll('section.widget')]
          .filter((w) => !w.querySelector('.hint')).every((w) => w.querySelector('.readout') && !w.querySelector('.busy')));
        assert.deepEqual(await seriousViolations(page), []);
      }));
  }
}
