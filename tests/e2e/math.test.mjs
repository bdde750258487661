// Typeset math in Chromium's MathML Core with the installed math font: the bar of X̄ (chapter 2) is
// drawn visibly above the X, the radical's bar clears σ/√n's radicand, and at 360 px no formula, in
// the text or in an exercise's solution and feedback, runs past its box or widens the page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite, chapterReady } from './harness.mjs';

const site = useSite();

// Chromium lays a MathML operator out by its ink, so an accent <mo>'s content box is the drawn glyph
// and a token's box starts at its ink: the rects say how thick the bar is and whether it touches X.
const contentBox = (el) => {
  const r = el.getBoundingClientRect();
  const cs = getComputedStyle(el);
  const top = r.top + parseFloat(cs.paddingTop) + parseFloat(cs.borderTopWidth);
  const bottom = r.bottom - parseFloat(cs.paddingBottom) - parseFloat(cs.borderBottomWidth);
  return { top, bottom, left: r.left, right: r.right, height: bottom - top, width: r.width };
};

for (const lang of ['en', 'zh']) {
  test(`X̄ has a visible bar in all three places, and √n's radicand clears its bar (${lang})`, () =>
    site.session({}, async ({ page, goto }) => {
      await goto(`${lang}/power-laws`);
      await chapterReady(page);
      const bars = await page.evaluate(`(${(cb) => [...document.querySelectorAll('article.chapter mover[accent="true"]')]
        .filter((m) => m.lastElementChild.textContent === '\u00AF')
        .map((m) => {
          const bar = cb(m.lastElementChild);
          const base = cb(m.firstElementChild);
          return { base: m.firstElementChild.textContent, thickness: bar.height, width: bar.width, gap: base.top - bar.bottom, baseWidth: base.width };
        })})(${contentBox})`);
      // X̄ₙ in the definition, in E[X̄ₙ] = μ and in the MSE derivation.
      assert.equal(bars.length, 3, JSON.stringify(bars));
      for (const b of bars) {
        assert.equal(b.base, 'X');
        assert.ok(b.thickness > 1.5, `bar ${b.thickness.toFixed(2)} px thick`);
        assert.ok(b.gap >= 1, `bar ${b.gap.toFixed(2)} px above the X: it must not merge with its top`);
        assert.ok(b.width >= 0.5 * b.baseWidth, `bar ${b.width.toFixed(1)} px wide over an X of ${b.baseWidth.toFixed(1)} px`);
      }
      // σ/√n: the radicand's ink starts below the radical's bar, with room to spare (the bar is
      // top of the msqrt box; flush on the ink, the radicand starts about 0.16 em down).
      const roots = await page.evaluate(`(${(cb) => [...document.querySelectorAll('article.chapter msqrt')]
        .filter((s) => s.textContent === 'n')
        .map((s) => {
          const fontPx = parseFloat(getComputedStyle(s).fontSize);
          return (cb(s.firstElementChild).top - s.getBoundingClientRect().top) / fontPx;
        })})(${contentBox})`);
      assert.ok(roots.length >= 1, 'σ/√n is in the text');
      for (const em of roots) assert.ok(em >= 0.22, `radicand ${em.toFixed(3)} em below the top of the radical`);
    }));

  test(`at 360 px, formulas stay within their boxes and the page does not scroll sideways (${lang})`, () =>
    site.session({ viewport: { width: 360, height: 740 } }, async ({ page, goto }) => {
      await goto(`${lang}/power-laws`);
      await chapterReady(page);
      // A wrong answer to the numeric exercise, then its solution: the verdict and the worked formula.
      const box = page.locator('[data-exercise="power-laws/ch2-read-exponent"]');
      await box.locator('input[type="text"]').fill('0.3');
      await box.locator('.answer-row button.primary').click();
      await box.locator('.feedback').waitFor();
      await box.locator('button.show-solution').click();
      await box.locator('.solution').waitFor();
      // The choice exercise's explanations too (one wrong option picked).
      const choice = page.locator('[data-exercise="power-laws/ch2-mse-slope"]');
      await choice.locator('input[type="radio"]').nth(1).check();
      await choice.locator('.answer-row button.primary').click();
      await choice.locator('.feedback').waitFor();

      const report = await page.evaluate(() => {
        // Inline math takes back its clip padding with a negative margin: its margin box is its place.
        const marginBox = (el) => {
          const r = el.getBoundingClientRect();
          const cs = getComputedStyle(el);
          return { left: r.left - parseFloat(cs.marginLeft), right: r.right + parseFloat(cs.marginRight), width: r.width };
        };
        const vw = document.documentElement.clientWidth;
        const out = [];
        for (const m of document.querySelectorAll('article.chapter math')) {
          const r = marginBox(m);
          if (r.width === 0) continue;
          // The formula itself scrolls when it is wider than its box; its box must fit the page
          // and the exercise (or other block) it is in.
          const holder = m.closest('.solution, .feedback, .exercise, li, p, td, th') ?? m.parentElement;
          const h = holder.getBoundingClientRect();
          if (r.right > vw + 0.5 || r.left < -0.5 || r.right > h.right + 0.5) {
            out.push(`${m.textContent.slice(0, 30)}: ${r.left.toFixed(1)}–${r.right.toFixed(1)} in ${holder.className || holder.tagName} ${h.left.toFixed(1)}–${h.right.toFixed(1)}, viewport ${vw}`);
          }
        }
        return { out, pageWidth: document.documentElement.scrollWidth, vw };
      });
      assert.deepEqual(report.out, []);
      assert.ok(report.pageWidth <= report.vw, `page ${report.pageWidth} px wide in a ${report.vw} px viewport`);

      // The solution's formula is entirely visible (or reachable by scrolling its own box) and its
      // result, log 2 / log 100 = 0.1505, is in it.
      const sol = await box.locator('.solution').evaluate((s) => {
        const inner = s.getBoundingClientRect();
        const cs = getComputedStyle(s);
        const right = inner.right - parseFloat(cs.paddingRight);
        return [...s.querySelectorAll('math')].map((m) => ({
          text: m.textContent,
          fits: m.getBoundingClientRect().right + parseFloat(getComputedStyle(m).marginRight) <= right + 0.5,
          scrollable: m.scrollWidth > m.clientWidth + 1 && getComputedStyle(m).overflowX === 'auto',
        }));
      });
      assert.ok(sol.some((m) => m.text.includes('0.1505')), JSON.stringify(sol));
      for (const m of sol) assert.ok(m.fits, `${m.text} runs past the solution's box`);
    }));
}
