// Augmentation widgets (chapters 7 and 8): the image playground renders 16 seeded samples with their
// drawn parameters, takes a real PNG and JPEG upload and refuses a text file renamed .png, a URL with
// a pipeline reproduces the same grid pixel for pixel, the main thread never blocks for 50 ms or more
// while it renders (Long Tasks API), and the digit-mixing and text playgrounds compute in both languages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { useSite, chapterReady, widgetSettled, ROOT } from './harness.mjs';

const site = useSite();
const GRID = '#widget-ch7-recipe';

/** Records every long task (≥ 50 ms by the API's definition) in window.__longTasks. */
const LONG_TASKS = () => {
  window.__longTasks = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push(e.duration);
    }).observe({ type: 'longtask', buffered: true });
  } catch (_) { /* not a browser page yet */ }
};

/** Waits for `count` painted samples and returns one hash over every sample canvas's pixels. */
async function gridHash(page, sel, count = 16) {
  await page.waitForFunction(([s, n]) => document.querySelectorAll(`${s} .augment-grid canvas`).length === n
    && !document.querySelector(`${s} .busy`), [sel, count]);
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  return page.evaluate((s) => {
    let h = 2166136261;
    for (const c of document.querySelectorAll(`${s} .augment-grid canvas, ${s} .original canvas`)) {
      const d = `${c.width}x${c.height}` + c.toDataURL('image/png');
      for (let i = 0; i < d.length; i += 1) h = Math.imul(h ^ d.charCodeAt(i), 16777619);
    }
    return h >>> 0;
  }, sel);
}

test('the image playground draws 16 samples, shows what each drew, and a URL reproduces the grid', () =>
  site.session({ initScript: LONG_TASKS }, async ({ page, goto, context }) => {
    await goto('en/image-augmentation');
    await chapterReady(page);
    const steps = [];
    const mark = async (name) => steps.push([name, await page.evaluate(() => window.__longTasks.splice(0))]);
    // Starting the app (instantiating the wasm, the first render) is not the playground's work.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await mark('load');
    const first = await gridHash(page, GRID);
    await mark('first grid');
    assert.match(await page.textContent(`${GRID} .original figcaption`), /^Original: PNG 256×170$/);
    // Focus shows the drawn parameters of that sample.
    const sample = page.locator(`${GRID} .sample`).first();
    await sample.focus();
    assert.ok(await page.locator(`${GRID} .sample >> nth=0 >> .drawn`).isVisible());
    const drawn = await page.textContent(`${GRID} .sample >> nth=0 >> .drawn`);
    assert.match(drawn, /RandomHorizontalFlip: (flip=(true|false)|skipped)/);
    assert.match(drawn, /RandomResizedCrop: antialias=true interpolation=bilinear size=\[128, 128\] tries=\d+ window=\(height=\d+ left=\d+ top=\d+ width=\d+\)/);
    // Every sample is 128×128 (RandomResizedCrop's size) and the table lists all 16.
    assert.equal(await page.locator(`${GRID} .data-table tbody tr`).count(), 16);
    for (const size of await page.$$eval(`${GRID} .augment-grid canvas`, (cs) => cs.map((c) => `${c.width}x${c.height}`))) {
      assert.equal(size, '128x128');
    }

    // "Run again, same seed" reproduces the grid; a new seed changes it and is written to the URL.
    await mark('focus');
    await page.click(`${GRID} button:has-text("Run again, same seed")`);
    assert.equal(await gridHash(page, GRID), first);
    await page.fill(`${GRID} .seed input`, '12345');
    await page.press(`${GRID} .seed input`, 'Enter');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('ch7-recipe.seed') === '12345');
    const second = await gridHash(page, GRID);
    assert.notEqual(second, first);
    await mark('seed');

    // Change the pipeline: add a vertical flip, which goes into the URL as the p1. string.
    await page.selectOption(`${GRID} .add-step select`, 'RandomVerticalFlip');
    await page.click(`${GRID} .add-step button`);
    await page.waitForFunction(() => (new URL(location.href).searchParams.get('ch7-recipe.pipeline') ?? '').startsWith('p1.'));
    const third = await gridHash(page, GRID);
    await mark('pipeline');
    assert.notEqual(third, second);
    assert.equal(await page.locator(`${GRID} .pipeline-step`).count(), 4);

    // The link reproduces the same grid in a fresh page.
    const link = page.url();
    const other = await context.newPage();
    await other.goto(link);
    await chapterReady(other);
    assert.equal(await gridHash(other, GRID), third);
    assert.equal(await other.locator(`${GRID} .pipeline-step`).count(), 4);
    await other.close();

    await mark('rest');
    // The first grid's window also holds the rest of the chapter mounting (five widgets): reported in
    // the message, not asserted; every interaction after it is.
    assert.ok(steps.slice(2).every(([, t]) => t.every((d) => d < 50)), `long tasks while rendering: ${JSON.stringify(steps)}`);
  }));

test('uploads: a real PNG and a JPEG are augmented, a text file renamed .png gets a message', () =>
  site.session({ initScript: LONG_TASKS }, async ({ page, goto }) => {
    await goto('en/image-augmentation');
    await chapterReady(page);
    await gridHash(page, GRID);
    const input = `${GRID} input[type="file"]`;
    const steps = [];
    const mark = async (name) => steps.push([name, await page.evaluate(() => window.__longTasks.splice(0))]);
    await mark('load');
    // The picker speaks the page's language (not the browser's "Choose File No file chosen"): a
    // labelled, keyboard-focusable input behind a button, and the chosen file's name beside it.
    const fileName = () => page.textContent(`${GRID} .file-picker .file-name`);
    assert.equal(await fileName(), 'No file chosen');
    assert.equal(await page.locator(GRID).getByLabel('Choose an image…', { exact: true }).count(), 1);
    // The pipeline's number fields show their whole value (random resized crop's ratio 4/3 as 1.333),
    // next to the spin buttons.
    const clipped = await page.locator(`${GRID} .step-fields input[type="number"]`).evaluateAll((inputs) => inputs.map((e) => {
      const cs = getComputedStyle(e);
      const g = document.createElement('canvas').getContext('2d');
      g.font = `${cs.fontSize} ${cs.fontFamily}`;
      const room = e.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight) - 16;
      return [e.value, g.measureText(e.value).width, room];
    }).filter(([, w, room]) => w > room));
    assert.deepEqual(clipped, []);
    assert.ok(await page.locator(`${GRID} .step-fields input[type="number"]`).evaluateAll((i) => i.some((e) => e.value === "1.333")), 'a ratio 4/3 is shown');
    await page.focus(input);
    assert.equal(await page.evaluate(() => document.activeElement?.type), 'file');
    assert.equal(await page.locator(`${GRID} .file-picker label`).evaluate((e) => getComputedStyle(e).outlineStyle), 'solid', 'focus is shown on the button');

    await page.setInputFiles(input, path.join(ROOT, 'assets/images/horse_256.png'));
    await page.waitForFunction((s) => /PNG 256×210/.test(document.querySelector(`${s} .original figcaption`)?.textContent ?? ''), GRID);
    assert.equal(await fileName(), 'horse_256.png');
    await gridHash(page, GRID);
    assert.match(await page.inputValue(`${GRID} .image-source select`), /^$/);

    // A JPEG made by the browser's own encoder from a 600×400 canvas: downscaled to 512 wide.
    const jpeg = await page.evaluate(async () => {
      const c = document.createElement('canvas');
      c.width = 600; c.height = 400;
      const g = c.getContext('2d');
      g.fillStyle = '#2a6'; g.fillRect(0, 0, 600, 400);
      g.fillStyle = '#fc3'; g.beginPath(); g.arc(300, 200, 120, 0, 7); g.fill();
      const blob = await new Promise((r) => c.toBlob(r, 'image/jpeg', 0.9));
      return Array.from(new Uint8Array(await blob.arrayBuffer()));
    });
    await mark('png');
    await page.setInputFiles(input, { name: 'sun.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(jpeg) });
    await page.waitForFunction((s) => /JPEG 600×400, shown at 512×341/.test(document.querySelector(`${s} .original figcaption`)?.textContent ?? ''), GRID);
    const jpegGrid = await gridHash(page, GRID);
    assert.equal(await fileName(), 'sun.jpg');

    await mark('jpeg');
    // Not an image: the message names the file, the last grid stays.
    await page.setInputFiles(input, { name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('just some text, not pixels\n') });
    await page.waitForSelector(`${GRID} .notice.error`);
    assert.match(await page.textContent(`${GRID} .notice.error`), /^notes\.png: This file is not an image we can read/);
    assert.equal(await gridHash(page, GRID), jpegGrid);
    assert.equal(await fileName(), 'sun.jpg', 'the image in use is still the JPEG');

    // An empty file is refused too.
    await page.setInputFiles(input, { name: 'empty.png', mimeType: 'image/png', buffer: Buffer.alloc(0) });
    await page.waitForFunction((s) => /^empty\.png: The file is empty\./.test(document.querySelector(`${s} .notice.error`)?.textContent ?? ''), GRID);

    // Back to a bundled photo clears the message.
    await page.selectOption(`${GRID} .image-source select`, 'rocket');
    await page.waitForFunction((s) => /PNG 256×171/.test(document.querySelector(`${s} .original figcaption`)?.textContent ?? ''), GRID);
    assert.equal(await page.locator(`${GRID} .notice.error`).count(), 0);
    assert.equal(await fileName(), 'No file chosen');
    await mark('rest');
    assert.ok(steps.slice(1).every(([, t]) => t.every((d) => d < 50)), `long tasks: ${JSON.stringify(steps)}`);
  }));

test('the playgrounds compute in Chinese too', () =>
  site.session({ locale: 'zh-CN' }, async ({ page, goto }) => {
    await goto('zh/image-augmentation');
    await chapterReady(page);
    await gridHash(page, GRID);
    assert.match(await page.textContent(`${GRID} .original figcaption`), /^原图：PNG 256×170$/);
    assert.match(await page.textContent(`${GRID} .readout`), /共 16 个样本/);
    assert.equal(await page.textContent(`${GRID} .file-picker .file-name`), '未选择文件');
    assert.equal(await page.locator(GRID).getByLabel('选择图像…', { exact: true }).count(), 1);
    await page.setInputFiles(`${GRID} input[type="file"]`, path.join(ROOT, 'assets/images/horse_256.png'));
    await page.waitForFunction((s) => document.querySelector(`${s} .file-picker .file-name`)?.textContent === 'horse_256.png', GRID);
    await goto('zh/text-augmentation');
    await chapterReady(page);
    const text = page.locator('section.text-playground').first();
    await text.locator('.augmented-list li').first().waitFor();
    assert.match(await text.locator('.readout').textContent(), /清洗后共 \d+ 个词/);
    // Chinese words are segmented by jieba: the original sentence has more than one word and no spaces added.
    const original = (await text.locator('.augmented-list li').allTextContents()).find((t) => t.startsWith('原句'));
    assert.ok(original && !/\S \S/.test(original.replace(/^原句/, '')), original);
  }));

test('mixing on digits: CutMix labels follow the pasted area, mixup labels follow λ', () =>
  site.session({}, async ({ page, goto }) => {
    await goto('en/image-augmentation');
    await chapterReady(page);
    const mix = '#widget-ch7-mixup';
    await widgetSettled(page, mix);
    const readout = await page.textContent(`${mix} .readout`);
    const lam = Number(readout.match(/λ = ([0-9.]+)/)[1]);
    assert.ok(lam >= 0 && lam <= 1, readout);
    const bars = await page.$$eval(`${mix} .label-value`, (els) => els.map((e) => Number(e.textContent)));
    assert.equal(bars.length, 10);
    assert.ok(Math.abs(bars.reduce((a, b) => a + b, 0) - 1) < 0.01, `bars sum to 1: ${bars}`);
    // Switch to CutMix: the weight of A is 1 − area/64 (Yun et al. 2019's area-corrected λ).
    await page.check(`${mix} input[type="radio"] >> nth=1`);
    await page.waitForFunction((s) => /pasted from B/.test(document.querySelector(`${s} .readout`)?.textContent ?? ''), mix);
    const cut = await page.textContent(`${mix} .readout`);
    const [, area, weight] = cut.match(/1 − (\d+)\/64 = ([0-9.]+)/);
    assert.ok(Math.abs(1 - Number(area) / 64 - Number(weight)) < 0.001, cut);
    assert.equal(new URL(page.url()).searchParams.get('ch7-mixup.method'), 'cutmix');
    assert.equal(await page.locator(`${mix} .mix-batch canvas`).count(), 8);

    // Images 0 and 10 of the UCI digits are both a 0: the label stays class 0 with weight 1.
    await goto('en/image-augmentation?ch7-mixup.a=0&ch7-mixup.b=10');
    await widgetSettled(page, mix);
    assert.match(await page.textContent(`${mix} .readout`), /both class 0: .* stays class 0 with weight 1\./);
    const same = await page.$$eval(`${mix} .label-value`, (els) => els.map((e) => e.textContent));
    assert.deepEqual(same, ['1', '0', '0', '0', '0', '0', '0', '0', '0', '0']);

    // An index past the 1,797 images is refused in the reader's words, not the crate's.
    const a = page.locator(`${mix} input[type="number"]`).first();
    await a.fill('99999');
    await a.dispatchEvent('change');
    await page.waitForSelector(`${mix} .notice.error`);
    assert.equal(await page.textContent(`${mix} .notice.error`),
      'Digit image A must be a number from 0 to 1796 (the digits set has 1797 images), not 99999.');
  }));

test('the text playground highlights EDA edits in English', () =>
  site.session({}, async ({ page, goto }) => {
    await goto('en/text-augmentation');
    await chapterReady(page);
    const text = page.locator('section.text-playground').first();
    await text.locator('.augmented-list li').first().waitFor();
    const items = await text.locator('.augmented-list li').allTextContents();
    assert.ok(items.some((t) => t.startsWith('original')), items.join('\n'));
    assert.ok(items.filter((t) => /^(SR|RI|RS|RD):/.test(t)).length >= 1, items.join('\n'));
    assert.ok(await text.locator('mark').count() >= 1, 'changed words are marked');
    // A sentence of the reader's own, with an emoji, is taken as is.
    await text.locator('textarea').fill('Cats sleep all day 😺 and dogs bark at night.');
    await text.locator('textarea').blur();
    await page.waitForFunction(() => [...document.querySelectorAll('section.text-playground .augmented-list li')]
      .some((li) => li.textContent.startsWith('original') && /cats sleep all day/.test(li.textContent)));
    // One word: counts agree with their number ("1 word", not "1 words").
    await text.locator('textarea').fill('Happy');
    await text.locator('textarea').blur();
    await page.waitForFunction(() => /^1 word after cleaning;/.test(document.querySelector('section.text-playground .readout')?.textContent ?? ''));
    const readout = await text.locator('.readout').textContent();
    assert.match(readout, /^1 word after cleaning; \d+ augmented sentences? with \d+ word edits? in all\./, readout);
    assert.doesNotMatch(readout, /\b1 (words|augmented sentences|word edits)\b/, readout);
  }));

test('leaving a chapter with playgrounds while their photos load does not break the app', () =>
  site.session({}, async ({ page, goto }) => {
    for (const [from, to] of [['en/image-augmentation', 'text-augmentation'], ['en/augmentation-principles', 'power-laws']]) {
      await goto(from);
      await chapterReady(page);
      // At once, while the playgrounds are still fetching their photos.
      await page.click(`#sidebar a[href$="/${to}"]`);
      await page.waitForFunction((t) => location.pathname.endsWith(t), to);
      await chapterReady(page);
      await page.waitForTimeout(1500);
      assert.equal(await page.locator('.error-panel').count(), 0, `${from} → ${to}`);
    }
    // The language switch re-mounts the chapter too.
    await goto('en/image-augmentation');
    await chapterReady(page);
    await page.click('header .lang-switch');
    await page.waitForFunction(() => location.pathname.includes('/zh/'));
    await chapterReady(page);
    await page.waitForTimeout(1500);
    assert.equal(await page.locator('.error-panel').count(), 0);
  }));

// Character noise (chapter 8): where the chapter switches it on, its settings are open and the noise
// visibly changes the augmented sentences, in English and in Chinese; where a reader switches it on,
// the settings stay open and the readout counts the character edits, or says why there are none.
test('character noise: on means open settings and changed sentences; the readout counts the edits', () =>
  site.session({}, async ({ page, goto }) => {
    const noisy = async (sel) => {
      await page.waitForFunction((s) => document.querySelector(`${s} .readout`) && !document.querySelector(`${s} .busy`), sel);
      return page.locator(`${sel} .augmented-list li`).evaluateAll((lis) => lis
        .filter((li) => /^(character noise|字符噪声)/.test(li.textContent))
        .map((li) => li.querySelectorAll('mark').length));
    };
    for (const [lang, id, words] of [['en', 'ch8-noise', 'character noise'], ['zh', 'ch8-noise', '字符噪声'], ['zh', 'ch8-zh', '字符噪声'], ['en', 'ch8-zh', 'character noise']]) {
      await goto(`${lang}/text-augmentation`);
      await chapterReady(page);
      const sel = `#widget-${id}`;
      await page.locator(sel).scrollIntoViewIfNeeded();
      assert.equal(await page.locator(`${sel} details.char-noise`).evaluate((d) => d.open), true, `${lang} ${id}: noise is on, its settings are open`);
      const marks = await noisy(sel);
      assert.ok(marks.length >= 4, `${lang} ${id}: one noisy variant per augmented sentence, ${words}: ${marks}`);
      assert.ok(marks.some((m) => m > 0), `${lang} ${id}: the noise changed something: ${marks}`);
      const readout = await page.textContent(`${sel} .readout`);
      const edits = Number(readout.match(lang === 'en' ? /Character noise: (\d+) character edits?\./ : /字符噪声共改动 (\d+) 处。/)?.[1]);
      assert.ok(edits >= 1, readout);
    }

    // The first playground starts without noise: folded. A reader opens it and turns on keyboard typos.
    await goto('en/text-augmentation');
    await chapterReady(page);
    const eda = '#widget-ch8-eda';
    const details = page.locator(`${eda} details.char-noise`);
    assert.equal(await details.evaluate((d) => d.open), false);
    assert.deepEqual(await noisy(eda), []);
    assert.doesNotMatch(await page.textContent(`${eda} .readout`), /Character noise/);
    await details.locator('summary').click();
    const keyboard = details.locator('input[type="range"]').first();
    await keyboard.focus();
    for (let i = 0; i < 5; i++) await keyboard.press('ArrowRight');
    await page.waitForFunction((s) => /Character noise: \d+ character edits?\./.test(document.querySelector(`${s} .readout`)?.textContent ?? ''), eda);
    assert.ok((await noisy(eda)).some((m) => m > 0), 'keyboard typos at 0.05 change the sentences');
    assert.equal(await details.evaluate((d) => d.open), true, 'still open while noise is on');

    // Keyboard typos only touch the letters a–z: on a Chinese sentence they can change nothing, and
    // the playground says so instead of showing unchanged "noisy" sentences without a word.
    await goto('zh/text-augmentation');
    await chapterReady(page);
    await page.locator(`${eda} details.char-noise summary`).click();
    const kb = page.locator(`${eda} details.char-noise input[type="range"]`).first();
    await kb.focus();
    for (let i = 0; i < 5; i++) await kb.press('ArrowRight');
    await page.waitForFunction((s) => /字符噪声共改动 0 处。/.test(document.querySelector(`${s} .readout`)?.textContent ?? ''), eda);
    assert.match(await page.textContent(`${eda} .notice`), /^这次字符噪声一处也没有改动。键盘错字只作用于字母 a–z/);
  }));
