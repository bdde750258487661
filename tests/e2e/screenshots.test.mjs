// Layout: screenshots of home, a chapter and the About page at 360 px and 1280 px, both languages, both
// themes, saved under tests/e2e/out/ for a human look; at every size the page must not scroll
// horizontally (About has the longest unbreakable strings: a commit hash, file names, a URL).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite, chapterReady, widgetSettled, shot } from './harness.mjs';

const site = useSite();

async function assertNoHorizontalScroll(page, where) {
  const m = await page.evaluate(() => {
    const el = document.scrollingElement;
    // The widest element sticking out to the right, to name the culprit when there is one. Content
    // of a box that scrolls or clips (a code block, a table) sticks out harmlessly: skip it.
    const contained = (e) => {
      for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
        if (getComputedStyle(a).overflowX !== 'visible') return true;
      }
      return false;
    };
    let worst = null;
    for (const e of document.querySelectorAll('body *')) {
      const r = e.getBoundingClientRect();
      if (r.width > 0 && r.right > window.innerWidth + 1 && (!worst || r.right > worst.right) && !contained(e)) {
        worst = { right: Math.round(r.right), tag: e.tagName.toLowerCase(), cls: e.className?.baseVal ?? e.className, text: e.textContent.slice(0, 40) };
      }
    }
    return { scrollWidth: el.scrollWidth, clientWidth: el.clientWidth, worst };
  });
  assert.ok(m.scrollWidth <= m.clientWidth, `${where}: page scrolls horizontally (${m.scrollWidth} > ${m.clientWidth}), widest: ${JSON.stringify(m.worst)}`);
}

for (const width of [360, 1280]) {
  for (const theme of ['light', 'dark']) {
    for (const lang of ['en', 'zh']) {
      test(`layout ${width}px ${theme} ${lang}: home, chapter and About, no horizontal scroll`, () =>
        site.session({ viewport: { width, height: width === 360 ? 740 : 900 }, colorScheme: theme }, async ({ page, goto }) => {
          await goto(`${lang}/`);
          await assertNoHorizontalScroll(page, `${lang}/ at ${width}px`);
          await shot(page, `home-${lang}-${theme}-${width}`, { fullPage: width === 360 });

          await goto(`${lang}/power-laws`);
          await chapterReady(page);
          await widgetSettled(page, '#widget-mse');
          await widgetSettled(page, '#widget-boxes');
          await assertNoHorizontalScroll(page, `${lang}/power-laws at ${width}px`);
          await shot(page, `chapter-${lang}-${theme}-${width}`);
          await page.locator('#widget-mse').scrollIntoViewIfNeeded();
          await shot(page, `widget-${lang}-${theme}-${width}`);
          await page.locator('[data-exercise="power-laws/ch2-mse-slope"]').scrollIntoViewIfNeeded();
          await shot(page, `exercise-${lang}-${theme}-${width}`);

          if (width === 360) {
            // The sidebar is a drawer on narrow screens: closed, it takes no room; the menu opens it.
            assert.equal(await page.isVisible('header .menu-button'), true);
            await page.click('header .menu-button');
            await page.waitForSelector('#sidebar.open');
            assert.equal(await page.getAttribute('header .menu-button', 'aria-expanded'), 'true');
            // The list starts at the top of the drawer, not a sticky offset below it.
            const gap = await page.evaluate(() =>
              document.querySelector('#sidebar h2').getBoundingClientRect().top - document.querySelector('#sidebar').getBoundingClientRect().top);
            assert.ok(gap < 40, `the drawer's list starts ${gap}px below its top`);
            await shot(page, `sidebar-${lang}-${theme}-${width}`);
            await assertNoHorizontalScroll(page, `${lang}/power-laws with the drawer open`);
            await page.click('#sidebar a >> nth=0');
            await page.waitForSelector('#sidebar.open', { state: 'detached' });
            await chapterReady(page);
          }

          await goto(`${lang}/about`);
          await assertNoHorizontalScroll(page, `${lang}/about at ${width}px`);
          await shot(page, `about-${lang}-${theme}-${width}`, { fullPage: width === 360 });
        }));
    }
  }
}

// Chapters 3 and 4: the scaling widgets' drop-downs show their options' whole text (each is at least as
// wide as its longest option) on a phone and on a desktop, and the page does not scroll sideways.
for (const width of [360, 1280]) {
  for (const lang of ['en', 'zh']) {
    test(`layout ${width}px ${lang}: chapters 3 and 4, drop-downs show their whole text`, () =>
      site.session({ viewport: { width, height: width === 360 ? 740 : 900 } }, async ({ page, goto }) => {
        for (const [slug, widgets] of [['kaplan-laws', ['#widget-ch3-explorer', '#widget-ch3-joint']],
          ['compute-optimal', ['#widget-ch4-planner', '#widget-ch4-presets', '#widget-ch4-repeat', '#widget-ch4-inference']]]) {
          await goto(`${lang}/${slug}`);
          await chapterReady(page);
          for (const w of widgets) await widgetSettled(page, w);
          await assertNoHorizontalScroll(page, `${lang}/${slug} at ${width}px`);
          const cut = await page.evaluate(() => [...document.querySelectorAll('.widget select')].map((s) => {
            const shown = s.getBoundingClientRect().width;
            s.style.maxWidth = 'none';
            s.style.width = 'max-content';
            const needed = s.getBoundingClientRect().width;
            s.style.width = '';
            s.style.maxWidth = '';
            return { widget: s.closest('.widget').id, shown, needed, longest: [...s.options].map((o) => o.text).sort((a, b) => b.length - a.length)[0] };
          }).filter((m) => m.needed > m.shown + 0.5));
          assert.deepEqual(cut, [], `${lang}/${slug} at ${width}px`);
          await page.locator(widgets[0]).scrollIntoViewIfNeeded();
          await shot(page, `${slug}-${lang}-${width}`);
        }
      }));
  }
}
