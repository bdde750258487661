// The messages of the scaling-law widgets of chapters 3–4 on the Chinese pages: a link value the
// widget refuses, and settings that cannot be drawn, are explained in Chinese and in the reader's
// terms (the control's name, the allowed range, what to do), never in the code's words. The fit lab's
// messages are tested in fit-lab.test.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite, chapterReady, widgetSettled } from './harness.mjs';

const site = useSite();
const LE = '#widget-ch3-explorer';
const CP = '#widget-ch4-planner';
const DC = '#widget-ch4-repeat';
const PC = '#widget-ch4-presets';

/** Developer wording that must not reach a reader of the Chinese page. */
const DEV = /out of range|must be|is beyond|unknown (variant|setting)|not a valid value|n_min =|utilization =/;

/** True when the first canvas of `sel` shows nothing. */
async function canvasBlank(page, sel) {
  return page.evaluate((s) => {
    const c = document.querySelector(`${s} canvas`);
    const empty = document.createElement('canvas');
    empty.width = c.width;
    empty.height = c.height;
    return c.toDataURL() === empty.toDataURL();
  }, sel);
}

test('law explorer (zh): a refused link value and crossed range sliders are explained in Chinese; the stale chart goes', () =>
  site.session({}, async ({ page, goto }) => {
    await goto('zh/kaplan-laws?ch3-explorer.n_min=1e14&ch3-explorer.axis=banana');
    await chapterReady(page);
    const notice = await page.locator(`${LE} .notice`).first().textContent();
    assert.match(notice, /ch3-explorer\.n_min：最小 N 必须小于最大 N：请移动两个滑块中的一个（两者都在 1000 到 1×10¹⁵ 个参数之间）。/);
    assert.match(notice, /ch3-explorer\.axis=banana：不是有效的值/);
    assert.doesNotMatch(notice, DEV, notice);
    await widgetSettled(page, LE);
    assert.equal(await canvasBlank(page, LE), false);
    // Drag "smallest N" to its top, 10¹⁴, above the largest N (10¹³).
    const slider = page.locator(`${LE} .control`, { hasText: '最小 N' }).locator('input[type="range"]');
    await slider.evaluate((el) => {
      el.value = el.max;
      el.dispatchEvent(new Event('input', { bubbles: true }));
    });
    const alert = page.locator(`${LE} .notice.error`);
    await alert.waitFor();
    assert.equal(await alert.textContent(), '最小 N 必须小于最大 N：请移动两个滑块中的一个（两者都在 1000 到 1×10¹⁵ 个参数之间）。');
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    assert.equal(await canvasBlank(page, LE), true, 'the chart of the previous settings is not left on screen');
  }));

test('compute planner, data-constrained explorer, preset comparison (zh): refused link values in Chinese', () =>
  site.session({}, async ({ page, goto }) => {
    await goto('zh/compute-optimal?ch4-planner.utilization=1.5&ch4-repeat.n=1e20&ch4-repeat.threshold=banana&ch4-presets.budget=1e40');
    await chapterReady(page);
    const text = async (sel) => page.locator(`${sel} .notice`).first().textContent();
    const cp = await text(CP);
    assert.match(cp, /ch4-planner\.utilization：利用率必须大于 0 且不超过 1（现在是 1\.5）。/);
    const dc = await text(DC);
    assert.match(dc, /ch4-repeat\.n：参数量 N 必须在 1×10⁷ 到 1×10¹³ 个参数之间（现在是 1×10²⁰）。/);
    assert.match(dc, /ch4-repeat\.threshold=banana：不是有效的值/);
    const pc = await text(PC);
    assert.match(pc, /ch4-presets\.budget：预算 C 必须在 1×10¹⁸ 到 1×10²⁸ FLOPs 之间（现在是 1×10⁴⁰）。/);
    for (const t of [cp, dc, pc]) assert.doesNotMatch(t, DEV, t);
    // The defaults stand in for the refused values, and the widgets work.
    await widgetSettled(page, DC);
    assert.match(await page.textContent(`${DC} .readout`), /8\.67B/);
  }));

test('the English page keeps English messages in the same reader terms', () =>
  site.session({}, async ({ page, goto }) => {
    await goto('en/compute-optimal?ch4-repeat.n=1e20');
    await chapterReady(page);
    const dc = await page.locator(`${DC} .notice`).first().textContent();
    assert.match(dc, /ch4-repeat\.n: The parameters N must be between 1×10⁷ and 1×10¹³ parameters \(it is 1×10²⁰\)\./);
  }));
