// Charts of chapters 2–5 as a reader sees them: every tick label of an axis written in one style (read
// from the canvas's own fillText calls), the planner's legend covering none of its series (read from
// the pixels under the legend's rectangle), and backing stores in device pixels at a device pixel
// ratio of 2.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite, chapterReady, widgetSettled } from './harness.mjs';

const site = useSite();

/** Records, per canvas, the text of its latest drawing (a fill of the whole canvas starts a new one). */
function recordCanvasText() {
  if (typeof CanvasRenderingContext2D === 'undefined') return;
  const texts = new WeakMap();
  window.__chartText = (canvas) => texts.get(canvas) ?? [];
  const P = CanvasRenderingContext2D.prototype;
  const { fillRect, fillText } = P;
  P.fillRect = function (x, y, w, h) {
    if (x <= 0 && y <= 0 && w >= this.canvas.width - 1 && h >= this.canvas.height - 1) texts.set(this.canvas, []);
    return fillRect.call(this, x, y, w, h);
  };
  P.fillText = function (text, x, y, ...rest) {
    if (!texts.has(this.canvas)) texts.set(this.canvas, []);
    texts.get(this.canvas).push({ text: String(text), x, y, align: this.textAlign, rotated: this.getTransform().b !== 0 });
    return fillText.call(this, text, x, y, ...rest);
  };
}

const SUP = '[⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+';
/** The style a tick label is written in: a power of ten (10⁶), a mantissa times one (2×10²¹), or the
 * number written out, with or without a short-scale suffix (0.5, 300, 20K, 2B); null: not a tick. */
function tickStyle(label) {
  if (new RegExp(`^10${SUP}$`).test(label)) return 'power';
  if (new RegExp(`^−?[0-9.]+×10${SUP}$`).test(label)) return 'mantissa';
  if (/^−?[0-9.]+[KMBT]?$/.test(label)) return 'written out';
  return null;
}

/** The tick labels of each axis of the canvases in `sel`: labels drawn at one x (right-aligned: the y
 * axis) or one y (centred: the x axis) that all read as numbers. */
async function axes(page, sel) {
  const drawn = await page.evaluate((s) => [...document.querySelectorAll(`${s} canvas`)].map((c) => window.__chartText(c)), sel);
  return drawn.map((texts) => {
    const groups = new Map();
    for (const t of texts.filter((t) => !t.rotated)) {
      const key = t.align === 'center' ? `x axis at y=${t.y}` : `${t.align} at x=${t.x}`;
      groups.set(key, [...(groups.get(key) ?? []), t.text]);
    }
    return [...groups].filter(([, labels]) => labels.length > 1 && labels.every((l) => tickStyle(l) !== null));
  });
}

async function assertOneStylePerAxis(page, sel, what) {
  const charts = await axes(page, sel);
  assert.ok(charts.length > 0, `${what}: no chart`);
  for (const [i, chart] of charts.entries()) {
    assert.ok(chart.length >= 2, `${what}, chart ${i}: tick labels of both axes expected, got ${JSON.stringify(chart)}`);
    for (const [axis, labels] of chart) {
      const styles = new Set(labels.map(tickStyle));
      assert.equal(styles.size, 1, `${what}, chart ${i}, ${axis}: ${labels.join(', ')}`);
    }
  }
}

test('every axis of every chart in chapters 2–5 writes its tick labels in one style', () =>
  site.session({ initScript: recordCanvasText }, async ({ page, goto }) => {
    const pages = [
      ['en/power-laws', ['#widget-mse', '#widget-boxes']],
      ['en/kaplan-laws', ['#widget-ch3-explorer', '#widget-ch3-joint']],
      ['en/kaplan-laws?ch3-explorer.axis=c&ch3-joint.axis=d', ['#widget-ch3-explorer', '#widget-ch3-joint']],
      ['en/compute-optimal', ['#widget-ch4-presets', '#widget-ch4-planner', '#widget-ch4-repeat', '#widget-ch4-inference']],
      // Budgets whose IsoFLOP N axis spans less than two decades and more: 1, 3 and 7 curves.
      ['en/compute-optimal?ch4-planner.curves=1&ch4-planner.show_models=false', ['#widget-ch4-planner']],
      ['en/compute-optimal?ch4-planner.curves=3&ch4-planner.c=1e20', ['#widget-ch4-planner']],
      ['en/compute-optimal?ch4-planner.curves=7&ch4-planner.c=1e26', ['#widget-ch4-planner']],
      ['en/fitting', ['#widget-ch5-lab']],
    ];
    for (const [path, widgets] of pages) {
      await goto(path);
      await chapterReady(page);
      for (const sel of widgets) {
        await page.locator(sel).scrollIntoViewIfNeeded();
        if (sel === '#widget-ch5-lab') {
          await page.waitForSelector(`${sel} .fit-boot`, { timeout: 60_000 });
        }
        await widgetSettled(page, sel);
        await assertOneStylePerAxis(page, sel, `${path} ${sel}`);
      }
    }
  }));

/** Pixels under the legend of the canvas: [sample column, labels], each a list of [r, g, b]. */
async function underLegend(page, canvasSel) {
  return page.evaluate(async (s) => {
    const c = document.querySelector(s);
    const [where, ...rect] = (c.dataset.legend ?? '').split(' ');
    if (where !== 'inside') return { where };
    const [l, t, r, b] = rect.map(Number);
    // A copy, so that the app's canvas is never read back (Chromium warns about repeated reads).
    const img = new Image();
    img.src = c.toDataURL('image/png');
    await img.decode();
    const copy = document.createElement('canvas');
    [copy.width, copy.height] = [c.width, c.height];
    const ctx = copy.getContext('2d', { willReadFrequently: true });
    ctx.drawImage(img, 0, 0);
    const dpr = c.width / c.clientWidth;
    const split = l + Math.round(32 * dpr);
    const pixels = (x0, x1) => {
      const d = ctx.getImageData(x0, t + 2, x1 - x0, b - t - 4).data;
      const out = [];
      for (let i = 0; i < d.length; i += 4) out.push([d[i], d[i + 1], d[i + 2]]);
      return out;
    };
    return { where, samples: pixels(l + 2, split), labels: pixels(split, r - 2) };
  }, canvasSel);
}

test('the compute planner\'s legends cover none of their series', () =>
  site.session({}, async ({ page, goto }) => {
    let checked = 0;
    for (const width of [1280, 900]) {
      await page.setViewportSize({ width, height: 900 });
      await goto('en/compute-optimal');
      await chapterReady(page);
      await page.locator('#widget-ch4-planner canvas >> nth=0').scrollIntoViewIfNeeded();
      await widgetSettled(page, '#widget-ch4-planner');
      for (const i of [0, 1]) {
        const canvas = await page.locator('#widget-ch4-planner canvas').nth(i).evaluate((c, k) => { c.id ||= `planner-chart-${k}`; return `#${c.id}`; }, i);
        const under = await underLegend(page, canvas);
        assert.ok(['inside', 'below'].includes(under.where), `${width} px, chart ${i}: legend placement ${under.where}`);
        if (under.where !== 'inside') continue;
        // The series' colours, as the legend's samples show them: colours that fill several pixels
        // there and are not a grey of the text (the ink series shares the text's colour and is left out).
        const counts = new Map();
        for (const p of under.samples) counts.set(p.join(), (counts.get(p.join()) ?? 0) + 1);
        const colours = [...counts].filter(([k, n]) => n >= 6 && (([r, g, b]) => Math.max(r, g, b) - Math.min(r, g, b) >= 12 && Math.min(r, g, b) < 235)(k.split(',').map(Number))).map(([k]) => k.split(',').map(Number));
        assert.ok(colours.length >= 2, `${width} px, chart ${i}: series colours in the legend: ${JSON.stringify(colours)}`);
        const near = (p, q) => p.every((v, j) => Math.abs(v - q[j]) <= 4);
        const covered = under.labels.filter((p) => colours.some((q) => near(p, q)));
        assert.equal(covered.length, 0, `${width} px, chart ${i}: ${covered.length} series pixels under the legend`);
        checked += 1;
      }
    }
    assert.ok(checked > 0, 'no legend inside a plot was checked');
  }));

test('charts are drawn in device pixels at a device pixel ratio of 2', () =>
  site.session({}, async ({ page, context, goto }) => {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setDeviceMetricsOverride', { width: 1280, height: 900, deviceScaleFactor: 2, mobile: false });
    for (const [path, sel] of [['en/power-laws', '#widget-mse'], ['en/compute-optimal', '#widget-ch4-planner']]) {
      await goto(path);
      await chapterReady(page);
      await page.locator(sel).scrollIntoViewIfNeeded();
      await widgetSettled(page, sel);
      const sizes = await page.locator(`${sel} canvas`).evaluateAll((cs) => cs.map((c) => [c.width, c.height, c.clientWidth, c.clientHeight, devicePixelRatio]));
      for (const [w, h, cw, ch, dpr] of sizes) {
        assert.equal(dpr, 2);
        assert.equal(w, Math.round(cw * 2), `${path}: ${w} device px for ${cw} CSS px`);
        assert.equal(h, Math.round(ch * 2), `${path}: ${h} device px for ${ch} CSS px`);
      }
    }
  }));

test('Chinese chart text uses full-width parentheses and colons after Chinese words', () =>
  site.session({ initScript: recordCanvasText }, async ({ page, goto }) => {
    // A fresh-user test read legends such as “你的设置 (4 轮)” and “Chinchilla 最优 (31.83B)”.
    const pages = [
      ['zh/compute-optimal', ['#widget-ch4-presets', '#widget-ch4-planner', '#widget-ch4-repeat', '#widget-ch4-inference']],
      ['zh/fitting', ['#widget-ch5-lab']],
    ];
    let seen = 0;
    for (const [path, widgets] of pages) {
      await goto(path);
      await chapterReady(page);
      for (const sel of widgets) {
        await page.locator(sel).scrollIntoViewIfNeeded();
        if (sel === '#widget-ch5-lab') await page.waitForSelector(`${sel} .fit-boot`, { timeout: 60_000 });
        await widgetSettled(page, sel);
        const texts = (await page.evaluate((s) => [...document.querySelectorAll(`${s} canvas`)].flatMap((c) => window.__chartText(c).map((t) => t.text)), sel))
          .filter((t) => /[\u4e00-\u9fff]/.test(t));
        seen += texts.length;
        const ascii = texts.filter((t) => /[\u4e00-\u9fff] ?[(:]|[(:] ?[\u4e00-\u9fff]/.test(t));
        assert.deepEqual(ascii, [], `${path} ${sel}: ASCII punctuation next to Chinese text`);
      }
    }
    assert.ok(seen > 10, `only ${seen} Chinese chart texts read`);
  }));
