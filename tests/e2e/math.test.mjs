// Typeset math in Chromium's MathML Core with the installed math font: the bar of X̄ (chapter 2) is
// drawn visibly above the X, the radical's bar clears σ/√n's radicand, and at 360 px no formula, in
// the text or in an exercise's solution and feedback, runs past its box or widens the page; a formula
// that scrolls there is in the tab order with a name, and → scrolls it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
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

// Formulas are set in a font with an OpenType MATH table (style/main.css names one per platform; Debian
// has DejaVu Math TeX Gyre): only then can Chromium stretch brackets to what they enclose. Chapter 3's
// joint law L(N, D) = [(N_c/N)^(α_N/α_D) + D_c/D]^α_D: its brackets and parentheses around the
// fractions must stand taller than the letter L (in the text font they were about as tall as L).
test('brackets around fractions stretch to the fractions (chapter 3, joint law)', () =>
  site.session({}, async ({ page, goto }) => {
    await goto('en/kaplan-laws');
    await chapterReady(page);
    const sizes = await page.evaluate(() => {
      const math = [...document.querySelectorAll('article.chapter math[display="block"]')]
        .find((m) => m.textContent.startsWith('L(N,D)=[('));
      if (!math) return null;
      const h = (el) => el.getBoundingClientRect().height;
      const ops = [...math.querySelectorAll('mo')];
      const open = ops.findIndex((o) => o.textContent === '[');
      // The parenthesis inside the bracket, around N_c/N (not the one of L(N, D)).
      return { L: h(math.querySelector('mi')), bracket: h(ops[open]), paren: h(ops.slice(open).find((o) => o.textContent === '(')) };
    });
    assert.ok(sizes, 'the joint law is on the page');
    assert.ok(sizes.bracket > 1.8 * sizes.L, JSON.stringify(sizes));
    assert.ok(sizes.paren > 1.5 * sizes.L, JSON.stringify(sizes));
  }));

// A formula wider than a 360 px screen scrolls inside its own box; the keyboard must reach it. The
// lesson compiler puts every display formula, and inline ones long enough to scroll, in the tab
// order with a name (the formula on one line): Tab reaches it, → scrolls it, the focus ring shows.
const SLUGS = ['introduction', 'generalization', 'power-laws', 'kaplan-laws', 'compute-optimal', 'fitting', 'augmentation-principles', 'image-augmentation', 'text-augmentation', 'case-studies', 'glossary'];

/** Shows the solution of every choice and numeric exercise on the page (a try first, as the page asks). */
async function revealSolutions(page) {
  const boxes = page.locator('section.exercise');
  for (let i = 0; i < await boxes.count(); i++) {
    const box = boxes.nth(i);
    if (/Predict|先预测/.test(await box.locator('.ex-head').textContent())) continue;
    const text = box.locator('.answer-row input[type="text"]');
    if (await text.count()) await text.fill('0');
    else await box.locator('fieldset input').first().check();
    await box.locator('.answer-row button.primary').click();
    await box.locator('button.show-solution').click();
    await box.locator('.solution, .explain').first().waitFor();
  }
}

for (const lang of ['en', 'zh']) {
  test(`at 360 px every formula that scrolls is reachable by keyboard and named; axe agrees (${lang})`, () =>
    site.session({ viewport: { width: 360, height: 740 } }, async ({ page, goto }) => {
      const problems = [];
      let scrolling = 0;
      for (const slug of SLUGS) {
        await goto(`${lang}/${slug}`);
        await chapterReady(page);
        // Solutions and explanations hold formulas too, some of the longest.
        await revealSolutions(page);
        const found = await page.evaluate(() => [...document.querySelectorAll('article math')]
          .filter((m) => m.scrollWidth > m.clientWidth + 1)
          .map((m) => ({ text: m.textContent.slice(0, 40), tabindex: m.getAttribute('tabindex'), label: m.getAttribute('aria-label') ?? '' })));
        scrolling += found.length;
        for (const m of found) {
          if (m.tabindex !== '0' || m.label.trim() === '') problems.push(`${slug}: ${m.text} (tabindex ${m.tabindex}, label "${m.label}")`);
        }
        const axe = await new AxeBuilder({ page }).include('article math').withRules(['scrollable-region-focusable']).analyze();
        for (const v of axe.violations) problems.push(`${slug}: axe ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      }
      assert.deepEqual(problems, []);
      // Some formulas do scroll at this width (else the test would prove nothing).
      assert.ok(scrolling >= 5, `${scrolling} scrolling formulas`);
    }));
}

test('Tab reaches a wide display formula, → scrolls it, and the focus ring is visible (360 px)', () =>
  site.session({ viewport: { width: 360, height: 740 } }, async ({ page, goto }) => {
    await goto('en/power-laws');
    await chapterReady(page);
    // Chapter 2's slope computation: (log 0.10 − log 0.20)/(log 16,000 − log 1,000) = … = −0.25.
    const target = page.locator('article.chapter math[display="block"]', { hasText: '−0.25' }).first();
    assert.ok(await target.evaluate((m) => m.scrollWidth > m.clientWidth + 20), 'the formula is wider than the screen');
    // Its name is the formula on one line: the chapter's numbers, in the order the formula has them.
    const name = await target.getAttribute('aria-label');
    let from = 0;
    for (const t of ['slope =', '0.10', '0.20', '16,000', '1,000', '1/2', '16', '−0.25']) {
      const i = name.indexOf(t, from);
      assert.ok(i >= from, `${t} after position ${from} in ${name}`);
      from = i + t.length;
    }
    // Focus the focusable element just before it in document order, then Tab once.
    await target.evaluate((m) => {
      const all = [...document.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex]')]
        .filter((e) => e.tabIndex >= 0 && !e.disabled && e.getClientRects().length > 0);
      const before = all.filter((e) => e.compareDocumentPosition(m) & Node.DOCUMENT_POSITION_FOLLOWING).pop();
      before.focus();
    });
    await page.keyboard.press('Tab');
    assert.equal(await target.evaluate((m) => document.activeElement === m), true, 'Tab lands on the formula');
    const ring = await target.evaluate((m) => {
      const cs = getComputedStyle(m);
      return { style: cs.outlineStyle, width: parseFloat(cs.outlineWidth), visible: m.matches(':focus-visible') };
    });
    assert.ok(ring.visible && ring.style === 'solid' && ring.width >= 2, JSON.stringify(ring));
    assert.equal(await target.evaluate((m) => m.scrollLeft), 0);
    const handle = await target.elementHandle();
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
    await page.waitForFunction((m) => m.scrollLeft > 0, handle);
    // The arrows scrolled the formula; they did not turn the page to the next chapter.
    assert.match(new URL(page.url()).pathname, /\/en\/power-laws$/);
    assert.equal(await handle.evaluate((m) => m.isConnected && document.activeElement === m), true);
    // The page itself did not scroll sideways.
    assert.equal(await page.evaluate(() => window.scrollX), 0);
  }));
