// Navigation: the root redirect, home → chapter → next chapter, deep links and reloads, the language
// switch (same page, same widget state), <html lang>, document titles, ←/→ keys, and unknown paths.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { useSite, appReady, chapterReady, BASE, DIST } from './harness.mjs';

const site = useSite();

const path = (page) => new URL(page.url()).pathname;

test('the root redirects to the browser language: en', () =>
  site.session({ locale: 'en-US' }, async ({ page, goto }) => {
    await goto('');
    await page.waitForURL((u) => u.pathname === `${BASE}en/`);
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
  }));

test('the root redirects to the browser language: zh', () =>
  site.session({ locale: 'zh-CN' }, async ({ page, goto }) => {
    await goto('');
    await page.waitForURL((u) => u.pathname === `${BASE}zh/`);
    assert.equal(await page.getAttribute('html', 'lang'), 'zh');
    assert.match(await page.textContent('article.home h1'), /规模实验室/);
  }));

test('home → first chapter → next chapter, with titles and <html lang>', () =>
  site.session({}, async ({ page, goto }) => {
    await goto('en/');
    assert.equal(await page.title(), 'Scaling Lab — Generalization, scaling laws and data augmentation — with the science running live in your browser.');
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    const chapters = JSON.parse(readFileSync(join(DIST, 'lessons', 'index.json'), 'utf8')).chapters;
    assert.equal(await page.locator('.chapter-card').count(), chapters.length, 'one card per chapter in the index');

    await page.click('.chapter-card >> nth=0 >> h3 a');
    await page.waitForURL((u) => u.pathname === `${BASE}en/introduction`);
    await chapterReady(page);
    const h1 = await page.textContent('article.chapter h1');
    assert.equal(await page.title(), `${h1} · Scaling Lab`);
    assert.match(await page.textContent('article.chapter .meta'), /^Chapter 0 · about \d+ min/);
    assert.equal(await page.locator('.sidebar a[aria-current="page"]').count(), 1);
    assert.equal(await page.locator('.pager a.prev').count(), 0, 'chapter 1 has no previous chapter');

    await page.click('.pager a.next');
    await page.waitForURL((u) => u.pathname === `${BASE}en/generalization`);
    await chapterReady(page);
    await page.waitForFunction(() => document.title.startsWith('Generalization'));
    assert.equal(await page.title(), 'Generalization · Scaling Lab');
    assert.match(await page.textContent('article.chapter .meta'), /^Chapter 1 ·/);
    assert.match(await page.textContent('.sidebar a[aria-current="page"]'), /Generalization/);
    const after = chapters[chapters.findIndex((c) => c.slug === 'generalization') + 1];
    if (after) assert.equal(await page.getAttribute('.pager a.next', 'href'), `${BASE}en/${after.slug}`);
    else assert.equal(await page.locator('.pager a.next').count(), 0, 'the last chapter has no next chapter');
    assert.equal(await page.getAttribute('.pager a.prev', 'href'), `${BASE}en/introduction`);
  }));

test('the language switch without an anchor keeps the section being read, and puts it in the address', () =>
  site.session({}, async ({ page, goto }) => {
    await goto('en/power-laws');
    await chapterReady(page);
    const id = 'the-simplest-learner-the-sample-mean';
    // Read a little way into the section: its heading has scrolled above the header.
    await page.evaluate((id) => window.scrollTo(0, document.getElementById(id).getBoundingClientRect().top + scrollY + 150), id);
    await page.waitForTimeout(300);
    // A click as the reader makes it: Playwright's click would first scroll the sticky header's
    // link "into view", moving the page, and so the place the switch keeps.
    await page.locator('header .lang-switch').evaluate((a) => a.click());
    await page.waitForURL((u) => u.pathname === `${BASE}zh/power-laws` && u.hash === `#${id}`);
    await page.waitForSelector('article.chapter[lang="zh"] h1');
    // In Chinese the same section is the one under the header: its heading just above, the next below.
    await page.waitForFunction((id) => {
      const line = parseFloat(getComputedStyle(document.documentElement).scrollPaddingTop) + 8;
      const hs = [...document.querySelectorAll('article.chapter :is(h2, h3, h4)[id]')];
      const i = hs.findIndex((h) => h.id === id);
      return i >= 0 && hs[i].getBoundingClientRect().top <= line && (!hs[i + 1] || hs[i + 1].getBoundingClientRect().top > line);
    }, id);
  }));

test('quick clicks and ←/→ presses end on the chapter of the address, never another one', () =>
  site.session({}, async ({ page, goto }) => {
    // Two sidebar links clicked in the same moment: the second wins, text and address alike.
    for (const [first, second, title] of [['fitting', 'introduction', 'Introduction'], ['kaplan-laws', 'power-laws', 'Where power laws come from']]) {
      await goto('en/glossary');
      await chapterReady(page);
      await page.evaluate(([a, b]) => {
        document.querySelector(`.sidebar a[href$="/en/${a}"]`).click();
        document.querySelector(`.sidebar a[href$="/en/${b}"]`).click();
      }, [first, second]);
      await page.waitForFunction((t) => document.querySelector('article.chapter h1')?.textContent === t, title);
      assert.equal(path(page), `${BASE}en/${second}`);
      await page.waitForTimeout(1500); // a late reply for the first click must not replace it
      assert.equal(await page.textContent('article.chapter h1'), title);
    }
    // ←← at once, before the first step's chapter arrived: two chapters back, by the address.
    await goto('en/fitting');
    await chapterReady(page);
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await page.waitForURL((u) => u.pathname === `${BASE}en/kaplan-laws`);
    await page.waitForFunction(() => /^Scaling laws for language models/.test(document.querySelector('article.chapter h1')?.textContent ?? ''));
    await page.waitForTimeout(1500);
    assert.equal(path(page), `${BASE}en/kaplan-laws`);
    assert.match(await page.textContent('article.chapter h1'), /^Scaling laws for language models/);
  }));

test('Back returns to where the reader was in the previous chapter; a new chapter opens at its top', () =>
  site.session({}, async ({ page, goto }) => {
    await goto('en/kaplan-laws');
    await chapterReady(page);
    await page.evaluate(() => window.scrollTo(0, 3000));
    await page.waitForFunction(() => Math.abs(window.scrollY - 3000) < 2);
    // The next-chapter link at the chapter's end, clicked without scrolling to it.
    await page.locator('.pager a.next').evaluate((a) => a.click());
    await page.waitForURL((u) => u.pathname === `${BASE}en/compute-optimal`);
    await chapterReady(page);
    assert.ok(await page.evaluate(() => window.scrollY) < 5, 'the next chapter opens at its top');
    await page.goBack();
    await page.waitForURL((u) => u.pathname === `${BASE}en/kaplan-laws`);
    await chapterReady(page);
    await page.waitForFunction(() => Math.abs(window.scrollY - 3000) < 2, null, { timeout: 5000 });
    await page.goForward();
    await page.waitForURL((u) => u.pathname === `${BASE}en/compute-optimal`);
    await chapterReady(page);
    await page.waitForFunction(() => window.scrollY < 5, null, { timeout: 5000 });
  }));

test('a deep link loads directly and survives a reload; pages get their own title', () =>
  site.session({}, async ({ page, goto }) => {
    const res = await goto('en/power-laws#averaging-in-boxes-the-curse-of-dimensionality');
    assert.equal(res.status(), 200);
    await chapterReady(page);
    assert.equal(await page.textContent('article.chapter h1'), 'Where power laws come from');
    await page.reload();
    await appReady(page);
    assert.equal(await page.textContent('article.chapter h1'), 'Where power laws come from');
    // The anchor is honoured after the load: the heading is scrolled into view.
    await page.waitForFunction(() => window.scrollY > 500);

    await goto('en/glossary');
    await page.waitForFunction(() => document.title !== 'Where power laws come from · Scaling Lab');
    const h1 = await page.textContent('article h1');
    assert.equal(await page.title(), `${h1} · Scaling Lab`);
    assert.equal(await page.locator('.pager').count(), 0, 'pages are not in the chapter sequence');
  }));

test('the language switch keeps the page, its widget state and the #anchor; <html lang> follows', () =>
  site.session({}, async ({ page, goto }) => {
    await goto('en/power-laws?mse.sigma=2#widget-boxes');
    await chapterReady(page);
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    const link = page.locator('header .lang-switch');
    assert.equal(await link.getAttribute('href'), `${BASE}zh/power-laws?mse.sigma=2#widget-boxes`);
    assert.equal(await link.getAttribute('lang'), 'zh');
    // State changed after the load (a slider writes the query with replaceState, an in-page link
    // pushes the hash) is in the link too, though the router saw neither.
    await page.waitForSelector('#widget-boxes .readout');
    await page.focus('#widget-boxes input[type="range"] >> nth=0');
    await page.keyboard.press('End');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('boxes.d') === '6');
    await page.click('.toc a[href="#the-simplest-learner-the-sample-mean"]');
    await page.waitForFunction(() => location.hash === '#the-simplest-learner-the-sample-mean');
    const { search, hash } = new URL(page.url());
    const kept = new URLSearchParams(search);
    assert.deepEqual([kept.get('mse.sigma'), kept.get('boxes.d')], ['2', '6'], search);
    assert.equal(hash, '#the-simplest-learner-the-sample-mean');
    assert.equal(await link.getAttribute('href'), `${BASE}zh/power-laws${search}${hash}`);
    await link.evaluate((a) => a.click()); // without Playwright's scrolling (see above)
    await page.waitForURL((u) => u.pathname === `${BASE}zh/power-laws` && u.search === search && u.hash === hash);
    await page.waitForFunction(() => document.documentElement.lang === 'zh');
    await page.waitForSelector('article.chapter[lang="zh"] h1');
    await page.waitForFunction(() => /规模实验室$/.test(document.title));
    assert.match(await page.textContent('article.chapter .meta'), /^第 2 章/);
    // The Chinese heading has the English one's anchor, and the reader is taken back to it.
    const heading = page.locator('article.chapter[lang="zh"] h2#the-simplest-learner-the-sample-mean');
    assert.match(await heading.textContent(), /样本均值/);
    await page.waitForFunction(() => {
      const top = document.getElementById('the-simplest-learner-the-sample-mean').getBoundingClientRect().top;
      return top >= 0 && top < innerHeight / 2;
    });
    // The widget reads σ = 2 from the kept query.
    await page.waitForSelector('#widget-mse .readout');
    assert.match(await page.textContent('#widget-mse .readout'), /σ = 2(\D|$)/);
    assert.equal(await page.textContent('#widget-boxes .control >> nth=0 >> output'), '6');

    await page.click('header .lang-switch');
    await page.waitForURL((u) => u.pathname === `${BASE}en/power-laws`);
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    await page.waitForSelector('article.chapter[lang="en"] h1');

    // On home, the switch goes to the other home.
    await goto('zh/');
    assert.equal(await page.getAttribute('header .lang-switch', 'href'), `${BASE}en/`);
  }));

// The header is sticky: a deep link's target must land below it, not under it. The last two are in a
// chapter whose widgets come in a bundle after the text: the target is itself such a widget, or has
// them above it, so the page must scroll to it again as they arrive.
const DEEP_LINKS = [[1280, 'power-laws', 'widget-boxes'], [360, 'power-laws', 'widget-mse'], [1280, 'power-laws', 'how-large-is-the-error'],
  [360, 'power-laws', 'exercise-ch2-read-exponent'], [1280, 'kaplan-laws', 'widget-ch3-joint'], [360, 'kaplan-laws', 'exercise-ch3-units']];
for (const [width, chapter, hash] of DEEP_LINKS) {
  test(`a deep link to #${hash} at ${width}px puts it below the sticky header`, () =>
    site.session({ viewport: { width, height: width === 360 ? 740 : 900 } }, async ({ page, goto }) => {
      await goto(`en/${chapter}#${hash}`);
      await chapterReady(page);
      await page.waitForFunction(() => window.scrollY > 300);
      // Let the widgets above settle (their results change the page's height) before measuring.
      await page.waitForTimeout(500);
      const { top, header } = await page.evaluate((id) => ({
        top: document.getElementById(id).getBoundingClientRect().top,
        header: document.querySelector('.site-header').getBoundingClientRect().bottom,
      }), hash);
      assert.ok(top >= header, `#${hash} starts at ${top}px, under the header that ends at ${header}px`);
      assert.ok(top < header + 80, `#${hash} starts at ${top}px, far below the header (${header}px): not scrolled to`);
    }));
}

test('←/→ move between chapters, but not while focus is in an input', () =>
  site.session({}, async ({ page, goto }) => {
    await goto('en/generalization');
    await chapterReady(page);
    await page.keyboard.press('ArrowRight');
    await page.waitForURL((u) => u.pathname === `${BASE}en/power-laws`);
    await chapterReady(page);
    await page.waitForSelector('#widget-mse .readout');

    // In the numeric answer field, arrows move the caret, not the page.
    const answer = page.locator('[data-exercise="power-laws/ch2-read-exponent"] input[type="text"]');
    await answer.fill('0.15');
    await answer.focus();
    await page.keyboard.press('ArrowLeft');
    // On a slider, arrows change the value, not the page.
    await page.focus('#widget-mse input[type="range"] >> nth=0');
    await page.keyboard.press('ArrowLeft');
    await page.waitForTimeout(400);
    assert.equal(path(page), `${BASE}en/power-laws`);
    assert.equal(await answer.inputValue(), '0.15');

    // Modified arrows are the browser's (history), not ours.
    await page.evaluate(() => document.activeElement.blur());
    await page.keyboard.press('Shift+ArrowLeft');
    await page.waitForTimeout(300);
    assert.equal(path(page), `${BASE}en/power-laws`);

    await page.keyboard.press('ArrowLeft');
    await page.waitForURL((u) => u.pathname === `${BASE}en/generalization`);
    await chapterReady(page);
    await page.keyboard.press('ArrowLeft');
    await page.waitForURL((u) => u.pathname === `${BASE}en/introduction`);
    await chapterReady(page);
    await page.keyboard.press('ArrowLeft');
    await page.waitForTimeout(300);
    assert.equal(path(page), `${BASE}en/introduction`, 'no chapter before the first');
  }));

for (const [p, lang, title] of [
  ['en/no-such-chapter', 'en', 'Page not found'],
  ['zh/no-such-chapter', 'zh', '页面不存在'],
  ['fr/', 'en', 'Page not found'],
  ['en/power-laws/extra', 'en', 'Page not found'],
  ['en/Power_Laws', 'en', 'Page not found'],
  // Too deep for a route: the address's language still says which one the page speaks.
  ['zh/power-laws/extra', 'zh', '页面不存在'],
]) {
  test(`unknown path ${p} shows the not-found page`, () =>
    site.session({}, async ({ page, goto }) => {
      await goto(p);
      await page.waitForSelector('article.not-found h1');
      assert.equal(await page.textContent('article.not-found h1'), title);
      assert.equal(await page.title(), `${title} · ${lang === 'zh' ? '规模实验室' : 'Scaling Lab'}`);
      assert.equal(await page.getAttribute('html', 'lang'), lang);
      // The switch leads to the other language's address, not back to this one.
      const other = lang === 'zh' ? 'en' : 'zh';
      assert.match(await page.getAttribute('header .lang-switch', 'href'), new RegExp(`^${BASE}${other}/`));
      await page.click('article.not-found a.button');
      await page.waitForURL((u) => u.pathname === `${BASE}${lang}/`);
      await page.waitForSelector('article.home h1');
    }));
}
