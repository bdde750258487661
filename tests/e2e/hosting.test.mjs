// Static hosting with the 404.html convention (GitHub Pages): a deep link is answered with 404.html (a
// copy of the app) and status 404. The app must still start on the right page; the only console
// message allowed is Chromium's report of that one 404 for the document URL itself. Real files (the
// licence texts) are real files: a broken link to one is a 404 here, not the app.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { useSite, chapterReady, RESOURCE_404, BASE, DIST } from './harness.mjs';

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
      await page.waitForURL((u) => u.pathname === `${BASE}en/generalization`);
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

// Licence texts and provenance notes are served as files beside the app (Trunk copies them), and the
// About page links each of them. Under this convention a missing file is a real 404, so a renamed file
// or a stale link fails here (an SPA fallback would answer 200 with the app).
test('the About page links every served licence file, and each opens as text in the browser', () =>
  site.session({}, async ({ page, goto }) => {
    const served = [];
    const walk = (dir, rel) => {
      for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
        if (e.isDirectory()) walk(dir, `${rel}${e.name}/`);
        else served.push(`${rel}${e.name}`);
      }
    };
    walk(DIST, 'licences/');
    const notes = fs.readdirSync(path.join(DIST, 'images')).filter((f) => /\.(md|txt)$/.test(f)).map((f) => `images/${f}`);
    assert.ok(served.length >= 9 && notes.length >= 3, `served: ${served} ${notes}`);
    // A file without an extension is sent as application/octet-stream, which browsers download.
    for (const f of served) assert.match(f, /\.(md|txt)$/, `${f} has no text extension`);

    await goto('', { ready: false });
    await page.waitForURL((u) => u.pathname === `${BASE}en/`);
    await page.waitForSelector('article.home h1');
    await page.click(`header a[href="${BASE}en/about"]`);
    for (const lang of ['en', 'zh']) {
      await page.waitForSelector(`article.chapter[lang="${lang}"] h1`);
      const links = await page.$$eval('article a[href]', (as) => as.map((a) => a.href));
      const files = [...new Set(links.filter((h) => h.startsWith(site.url()) && /\.(md|txt)$/.test(h))
        .map((h) => decodeURIComponent(new URL(h).pathname).slice(BASE.length)))];
      assert.deepEqual(files.sort(), [...served, ...notes].sort(), `${lang}: the About page links each served licence file`);
      for (const f of files) {
        const res = await page.request.get(site.url(f));
        assert.equal(res.status(), 200, f);
        assert.match(res.headers()['content-type'], /^text\/(plain|markdown)/, f);
        assert.ok((await res.text()).length > 100, f);
      }
      if (lang === 'en') await page.click('header .lang-switch');
    }

    // A click opens the file in the tab: no download, no in-app "not found" from the router. (For a
    // text document Chromium asks for /favicon.ico, outside the site: answer it, not a 404.)
    await page.route('**/favicon.ico', (route) => route.fulfill({ status: 204 }));
    await page.click('article a[href$="licences/digits/COPYING.txt"]');
    await page.waitForURL((u) => u.pathname === `${BASE}licences/digits/COPYING.txt`);
    assert.match(await page.textContent('body'), /Copyright \(c\) 2007-2026 The scikit-learn developers/);
  }));
