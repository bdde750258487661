// Static hosting with the 404.html convention (GitHub Pages): a deep link is answered with 404.html (a
// copy of the app) and status 404. The app must still start on the right page; the only console
// message allowed is Chromium's report of that one 404 for the document URL itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite, chapterReady, RESOURCE_404, BASE } from './harness.mjs';

const site = useSite({ spa: false });

test('the site root is a real file: 200 and a redirect to a language', () =>
  site.session({}, async ({ page, goto }) => {
    const res = await goto('', { ready: false });
    assert.equal(res.status(), 200);
    await page.waitForURL((u) => u.pathname === `${BASE}en/`);
    await page.waitForSelector('article.home h1');
  }));

test('a deep link served as 404.html starts the app on that chapter', async () => {
  const url = site.url('en/power-laws?mse.sigma=2');
  await site.session(
    { expect: [{ type: 'error', text: RESOURCE_404, url }, { type: 'http', text: 'HTTP 404', url }] },
    async ({ page }) => {
      const res = await page.goto(url);
      assert.equal(res.status(), 404);
      await chapterReady(page);
      assert.equal(await page.textContent('article.chapter h1'), 'Where power laws come from');
      await page.waitForSelector('#widget-mse .readout');
      assert.match(await page.textContent('#widget-mse .readout'), /σ = 2(\D|$)/);
      // In-app navigation from there needs no further document loads.
      await page.click('.pager a.prev');
      await page.waitForURL((u) => u.pathname === `${BASE}en/introduction`);
      await chapterReady(page);
    },
  );
});

test('an unknown path under the 404.html convention shows the in-app not-found page', async () => {
  const url = site.url('zh/nothing-here');
  await site.session(
    { expect: [{ type: 'error', text: RESOURCE_404, url }, { type: 'http', text: 'HTTP 404', url }] },
    async ({ page }) => {
      const res = await page.goto(url);
      assert.equal(res.status(), 404);
      await page.waitForSelector('article.not-found h1');
      assert.equal(await page.textContent('article.not-found h1'), '页面不存在');
    },
  );
});
