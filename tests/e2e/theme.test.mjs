// Themes and print: the toggle switches light ↔ dark (page colours and the chart's pixels), is
// remembered across reloads, the system preference is followed until the reader picks; the print
// stylesheet hides the header, sidebar and controls.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite, chapterReady, canvasHash, widgetSettled, stored } from './harness.mjs';

const site = useSite();
const bodyBg = (page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
const isDark = (rgb) => {
  const [r, g, b] = rgb.match(/\d+/g).map(Number);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 100;
};

test('the theme toggle switches the page and the chart, and is remembered', () =>
  site.session({ colorScheme: 'light' }, async ({ page, goto }) => {
    await goto('en/power-laws');
    await chapterReady(page);
    await widgetSettled(page, '#widget-mse');
    assert.equal(isDark(await bodyBg(page)), false);
    assert.equal(await page.getAttribute('html', 'data-theme'), null, 'follows the system until chosen');
    const toggle = page.locator('header .theme-toggle');
    assert.equal(await toggle.getAttribute('aria-label'), 'Switch to dark theme');
    const light = await canvasHash(page, '#widget-mse');

    await toggle.click();
    await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
    assert.equal(isDark(await bodyBg(page)), true);
    assert.equal(await toggle.getAttribute('aria-label'), 'Switch to light theme');
    await widgetSettled(page, '#widget-mse');
    assert.notEqual(await canvasHash(page, '#widget-mse'), light, 'the chart is redrawn in dark colours');
    assert.equal((await stored(page)).theme, 'dark');

    await page.reload();
    await chapterReady(page);
    assert.equal(await page.getAttribute('html', 'data-theme'), 'dark');
    assert.equal(isDark(await bodyBg(page)), true);

    await page.click('header .theme-toggle');
    await page.waitForFunction(() => document.documentElement.dataset.theme === 'light');
    assert.equal(isDark(await bodyBg(page)), false);
  }));

test('a stored dark choice applies before the app starts: no white page while it loads', () =>
  site.session({ colorScheme: 'light' }, async ({ page, goto }) => {
    await goto('en/');
    await page.click('header .theme-toggle');
    await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
    // The app's module never arrives: what shows is index.html and its CSS alone.
    await page.route('**/*_bg.wasm*', () => {});
    await page.reload({ waitUntil: 'domcontentloaded' });
    assert.equal(await page.getAttribute('html', 'data-theme'), 'dark');
    await page.waitForFunction(() => [...document.styleSheets].length >= 3);
    assert.equal(isDark(await bodyBg(page)), true, 'the page is dark before the app runs');
    await page.unrouteAll({ behavior: 'ignoreErrors' });
  }));

test('a dark system preference gives the dark theme; the toggle overrides it to light', () =>
  site.session({ colorScheme: 'dark' }, async ({ page, goto }) => {
    await goto('en/');
    assert.equal(await page.getAttribute('html', 'data-theme'), null);
    assert.equal(isDark(await bodyBg(page)), true);
    await page.click('header .theme-toggle');
    await page.waitForFunction(() => document.documentElement.dataset.theme === 'light');
    assert.equal(isDark(await bodyBg(page)), false);
  }));

test('the print stylesheet hides the header, the sidebar and widget controls', () =>
  site.session({}, async ({ page, goto }) => {
    await goto('en/power-laws');
    await chapterReady(page);
    await widgetSettled(page, '#widget-mse');
    assert.equal(await page.isVisible('header.site-header'), true);
    await page.emulateMedia({ media: 'print' });
    for (const sel of ['header.site-header', '#sidebar', '.toc', '.pager', '#widget-mse .controls', '#widget-mse .widget-actions']) {
      assert.equal(await page.isVisible(sel), false, `${sel} is hidden in print`);
    }
    assert.equal(await page.isVisible('article.chapter h1'), true);
    assert.equal(await page.isVisible('#widget-mse canvas'), true, 'charts print');
    await page.emulateMedia({ media: 'screen' });
    assert.equal(await page.isVisible('header.site-header'), true);
  }));
