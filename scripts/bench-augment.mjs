// Browser side and report of scripts/bench-augment.sh (issue 4 §5), with playwright-core driving
// Debian's Chromium. Two modes:
//
//   node scripts/bench-augment.mjs browser DIST OUT_DIR
//     Serves the release build DIST (tests/e2e/serve.mjs, under the base its index.html names) and, in
//     one Chromium:
//     1. worker throughput: on a blank page of the same origin, starts the augmentation worker as the
//        app does (compute-worker.js?js=<augment-worker.js>&wasm=<augment-worker_bg.wasm>), waits for
//        "ready", and for each photo of OUT_DIR/config.json posts a Grid job (the benchmark pipeline,
//        SAMPLES samples, max_side 4096 = no downscaling) and a decode-only Grid job (empty pipeline,
//        1 sample), timing each from postMessage to its reply (performance.now(); the file bytes are
//        copied before the clock starts and transferred, as the app does). One warm-up round, then
//        REPEATS rounds. raw images/s = photos·SAMPLES / Σ grid; decode-corrected = photos·SAMPLES /
//        Σ (grid − decode-only);
//     2. worker-only grid: the playground's own job for astronaut.png (16 samples, max_side 512), for the
//        benchmark pipeline and the chapter's pipeline, REPEATS times after a warm-up;
//     3. end to end through the widget: opens /en/image-augmentation (the benchmark pipeline via the
//        URL, then the chapter's own pipeline), uploads astronaut.png through #widget-ch7-recipe's file
//        input, and times from the input event to the 16 new sample canvases painted (a MutationObserver
//        sees a new .augment-grid with 16 canvases at the pipeline's output size and the caption
//        "PNG 512×512", then two requestAnimationFrame callbacks); three warm-up uploads, then REPEATS
//        uploads, waiting between them until the widget is idle.
//     Writes OUT_DIR/browser.json.
//
//   node scripts/bench-augment.mjs report OUT_DIR
//     Reads config.json, native.json, pillow.json, browser.json and machine.json from OUT_DIR, prints a
//     Markdown report and writes OUT_DIR/report.md.
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { serve } from '../tests/e2e/serve.mjs';

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--no-first-run'];
const GRID = '#widget-ch7-recipe';
// Uploads before the timed ones: V8 tiers wasm functions up lazily, and the widget's worker has run
// only the page's first grid when the page settles.
const WIDGET_WARMUP = 3;

const readJson = (f) => JSON.parse(fs.readFileSync(f, 'utf8'));
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
};

function fail(message) {
  console.error(`bench-augment: ${message}`);
  process.exit(1);
}

/** Output size [h, w] of a pipeline: its last RandomResizedCrop's size. */
function outputSize(pipeline) {
  const crops = pipeline.ops.filter((s) => s.op.type === 'RandomResizedCrop');
  if (!crops.length) fail('the pipeline has no RandomResizedCrop, so its output size is unknown');
  return crops.at(-1).op.size;
}

// ---------------------------------------------------------------------------------------------------
// In-page code of the worker benchmark (serialized by page.evaluate).

/** Starts the worker and defines window.__job(request, name) → ms from postMessage to reply. */
async function startWorker({ base, names }) {
  const abs = (p) => new URL(p, location.origin + base).href;
  const worker = new Worker(`${base}compute-worker.js?js=${encodeURIComponent(abs('augment-worker.js'))}&wasm=${encodeURIComponent(abs('augment-worker_bg.wasm'))}`, { type: 'module' });
  await new Promise((ok, bad) => {
    worker.onerror = (e) => bad(new Error(`worker failed to start: ${e.message}`));
    worker.onmessage = (e) => (e.data === 'ready' ? ok() : bad(new Error(`unexpected first message ${e.data}`)));
  });
  const files = {};
  for (const n of names) {
    const r = await fetch(`${base}__bench__/img/${n}`);
    if (!r.ok) throw new Error(`${n}: HTTP ${r.status}`);
    files[n] = new Uint8Array(await r.arrayBuffer());
  }
  let next = 1;
  window.__job = (job, name) => new Promise((ok, bad) => {
    const id = next++;
    const bytes = files[name].slice(); // a copy to transfer, made before the clock starts
    const json = JSON.stringify({ id, job });
    worker.onmessage = (e) => {
      const t1 = performance.now();
      const [reply, pixels] = e.data;
      if (!reply.startsWith('{"Done"')) bad(new Error(`${name}: ${reply.slice(0, 300)}`));
      else ok({ ms: t1 - t0, pixelBytes: pixels?.byteLength ?? 0 });
    };
    worker.onerror = (e) => bad(new Error(`worker error: ${e.message}`));
    const t0 = performance.now();
    worker.postMessage([json, bytes], [bytes.buffer]);
  });
  window.__worker = worker;
}

// ---------------------------------------------------------------------------------------------------
// In-page code of the widget benchmark.

/**
 * Before the app runs: remember when the file input fires `input`, and report every putImageData
 * (the widget paints worker pixels with it) to window.__bench.painted. Leptos rebuilds the grid in
 * place, reusing its elements, so painting is the only reliable sign of a new grid. Measurement only.
 */
const PROBE = () => {
  window.__bench = { t0: null, painted: null, paints: 0, gridJobs: 0, posted: null, replied: null, lastPaint: null };
  const isGrid = (m) => Array.isArray(m) && typeof m[0] === 'string' && m[0].includes('"Grid"');
  const post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (message, ...rest) {
    if (isGrid(message)) {
      window.__bench.gridJobs += 1;
      window.__bench.posted ??= performance.now();
    }
    return post.call(this, message, ...rest);
  };
  // Registered before the app's own handler, so it runs first when a reply arrives.
  const NativeWorker = window.Worker;
  window.Worker = class extends NativeWorker {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (e) => { if (isGrid(e.data)) window.__bench.replied ??= performance.now(); });
    }
  };
  document.addEventListener('input', (e) => {
    if (e.target?.matches?.('#widget-ch7-recipe input[type="file"]')) window.__bench.t0 = performance.now();
  }, true);
  const put = CanvasRenderingContext2D.prototype.putImageData;
  CanvasRenderingContext2D.prototype.putImageData = function (...args) {
    const r = put.apply(this, args);
    if (this.canvas.closest?.('#widget-ch7-recipe .augment-grid')) {
      window.__bench.paints += 1;
      window.__bench.painted?.(this.canvas);
    }
    return r;
  };
};

/**
 * Arms a watcher: window.__bench.done resolves to performance.now() once, after the upload, all 16
 * sample canvases were painted at the pipeline's output size with the caption "PNG 512×512", and two
 * animation frames passed (the frame that shows them has been produced).
 */
function armWatcher({ sel, size }) {
  window.__bench.t0 = null;
  window.__bench.paints = 0;
  window.__bench.gridJobs = 0;
  window.__bench.posted = null;
  window.__bench.replied = null;
  const seen = new Set();
  window.__bench.done = new Promise((resolve) => {
    window.__bench.painted = (canvas) => {
      if (window.__bench.t0 == null || canvas.height !== size[0] || canvas.width !== size[1]) return;
      seen.add(canvas);
      const all = document.querySelectorAll(`${sel} .augment-grid canvas`);
      if (seen.size < 16 || all.length !== 16 || ![...all].every((c) => seen.has(c))) return;
      if (!/PNG 512×512/.test(document.querySelector(`${sel} .original figcaption`)?.textContent ?? '')) return;
      window.__bench.painted = null;
      window.__bench.lastPaint = performance.now();
      requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now())));
    };
  });
}

async function widgetIdle(page, quietMs = 400) {
  // No job running in any playground, and no DOM change in the widget for quietMs.
  await page.waitForFunction(() => !document.querySelector('.busy'), null, { timeout: 60_000 });
  await page.evaluate(([sel, quiet]) => new Promise((ok) => {
    let timer = setTimeout(done, quiet);
    const obs = new MutationObserver(() => { clearTimeout(timer); timer = setTimeout(done, quiet); });
    obs.observe(document.querySelector(sel), { subtree: true, childList: true, attributes: true, characterData: true });
    function done() { obs.disconnect(); ok(); }
  }), [GRID, quietMs]);
  await page.waitForFunction(() => !document.querySelector('.busy'), null, { timeout: 60_000 });
}

async function widgetRuns(browser, siteUrl, { label, query, size, repeats, astronaut, messages }) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' });
  await context.addInitScript(PROBE);
  const page = await context.newPage();
  page.setDefaultTimeout(60_000);
  page.on('console', (m) => { if (m.type() === 'error') messages.push(`${label}: console ${m.text()}`); });
  page.on('pageerror', (e) => messages.push(`${label}: ${e}`));
  await page.goto(`${siteUrl}en/image-augmentation${query}`);
  await page.waitForSelector(`${GRID} .augment-grid canvas`);
  await widgetIdle(page);
  const input = `${GRID} input[type="file"]`;
  const times = [];
  let gridsPerUpload = null;
  let jobsPerUpload = null;
  const phases = { read_and_post: [], worker: [], render_and_paint: [], frames: [] };
  for (let rep = 1 - WIDGET_WARMUP; rep <= repeats; rep += 1) {
    await page.evaluate(armWatcher, { sel: GRID, size });
    await page.setInputFiles(input, astronaut);
    const { t0, t1, posted, replied, painted } = await page.evaluate(async () => {
      const t = await window.__bench.done;
      const b = window.__bench;
      return { t0: b.t0, t1: t, posted: b.posted, replied: b.replied, painted: b.lastPaint };
    });
    if (t0 == null || posted == null || replied == null) fail(`${label}: the input event, the job or its reply was not seen`);
    if (rep > 0) {
      times.push(t1 - t0);
      for (const [k, v] of [['read_and_post', posted - t0], ['worker', replied - posted], ['render_and_paint', painted - replied], ['frames', t1 - painted]]) phases[k].push(v);
    }
    await widgetIdle(page);
    // Sample canvases painted per upload, in 16s: 2 would mean the widget computed the grid twice.
    if (rep === 1) {
      [gridsPerUpload, jobsPerUpload] = await page.evaluate(() => [window.__bench.paints / 16, window.__bench.gridJobs]);
    }
  }
  await context.close();
  console.log(`[browser] widget, ${label} pipeline: upload → 16 canvases painted ${median(times).toFixed(1)} ms median of ${repeats} (${times.map((t) => t.toFixed(0)).join(', ')})`);
  return { ms: times, median_ms: median(times), grids_rendered_per_upload: gridsPerUpload, grid_jobs_per_upload: jobsPerUpload,
    phases_median_ms: Object.fromEntries(Object.entries(phases).map(([k, v]) => [k, median(v)])) };
}

// ---------------------------------------------------------------------------------------------------

async function browserMode(dist, out) {
  const config = readJson(path.join(out, 'config.json'));
  const { repeats, samples_per_image: samples, max_side: maxSide, playground_side: side } = config;
  const names = config.images.map((i) => i.name);
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  const base = html.match(/<base href="([^"]*)"/)?.[1];
  if (!base) fail(`${dist}/index.html has no <base href>`);
  for (const f of ['compute-worker.js', 'augment-worker.js', 'augment-worker_bg.wasm']) {
    if (!fs.existsSync(path.join(dist, f))) fail(`${dist} has no ${f}: not a build with the augmentation worker`);
  }
  const site = await serve({ root: dist, base, spa: true });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  const messages = [];
  const result = { chromium: browser.version(), base, dist };
  try {
    // --- 1 and 2: the worker on a blank page of the same origin --------------------------------------
    const context = await browser.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(120_000);
    page.on('pageerror', (e) => messages.push(`worker page: ${e}`));
    page.on('console', (m) => { if (m.type() === 'error') messages.push(`worker page: console ${m.text()}`); });
    await page.route(`**${base}__bench__.html`, (r) => r.fulfill({ contentType: 'text/html', body: '<!doctype html><title>bench</title>' }));
    await page.route(`**${base}__bench__/img/*`, (r) => {
      const name = decodeURIComponent(new URL(r.request().url()).pathname.split('/').pop());
      if (!names.includes(name)) return r.fulfill({ status: 404, body: 'not a benchmark photo' });
      return r.fulfill({ contentType: 'application/octet-stream', body: fs.readFileSync(path.join(config.image_dir, name)) });
    });
    await page.goto(`${site.url}__bench__.html`);
    await page.evaluate(startWorker, { base, names });
    const job = (pipeline, seed, n, max) => ({ Grid: { pipeline, seed, samples: n, max_side: max } });
    const empty = { ops: [] };
    const grid = [];
    const decode = [];
    const raw = [];
    const corrected = [];
    const perImage = Object.fromEntries(names.map((n) => [n, []]));
    console.log(`[browser] worker throughput: ${names.length} photos × ${samples} samples, ${repeats} rounds after a warm-up`);
    for (let rep = 0; rep <= repeats; rep += 1) {
      let g = 0;
      let d = 0;
      for (const [k, name] of names.entries()) {
        const seed = rep * 1000 + k;
        const tg = (await page.evaluate(([j, n]) => window.__job(j, n), [job(config.pipeline, seed, samples, maxSide), name])).ms;
        const td = (await page.evaluate(([j, n]) => window.__job(j, n), [job(empty, seed, 1, maxSide), name])).ms;
        g += tg;
        d += td;
        if (rep > 0) perImage[name].push((tg - td) / samples);
      }
      if (rep === 0) continue;
      grid.push(g);
      decode.push(d);
      raw.push((names.length * samples) / (g / 1e3));
      corrected.push((names.length * samples) / ((g - d) / 1e3));
    }
    result.worker = {
      grid_ms: grid, decode_ms: decode, raw_ips: raw, corrected_ips: corrected,
      median_raw_ips: median(raw), median_corrected_ips: median(corrected),
      per_image_ms_per_sample_corrected: Object.fromEntries(Object.entries(perImage).map(([n, t]) => [n, median(t)])),
    };
    console.log(`[browser] worker: raw ${median(raw).toFixed(0)} images/s, decode-corrected ${median(corrected).toFixed(0)} images/s`);

    const pipelines = [['bench', config.pipeline]];
    if (config.chapter_pipeline) pipelines.push(['chapter', config.chapter_pipeline]);
    result.worker_grid512 = {};
    for (const [label, pipe] of pipelines) {
      const times = [];
      for (let rep = 0; rep <= repeats; rep += 1) {
        const t = (await page.evaluate(([j, n]) => window.__job(j, n), [job(pipe, 7 + rep, 16, side), 'astronaut.png'])).ms;
        if (rep > 0) times.push(t);
      }
      result.worker_grid512[label] = { ms: times, median_ms: median(times) };
      console.log(`[browser] worker only, 16-sample grid of astronaut.png (512²), ${label} pipeline: ${median(times).toFixed(1)} ms median`);
    }
    await page.evaluate(() => window.__worker.terminate());
    await context.close();

    // --- 3: end to end through the widget ------------------------------------------------------------
    const astronaut = path.join(config.image_dir, 'astronaut.png');
    result.widget = {};
    result.widget.bench = await widgetRuns(browser, site.url, {
      label: 'bench', query: `?ch7-recipe.pipeline=${config.pipeline_url}`, size: outputSize(config.pipeline),
      repeats, astronaut, messages,
    });
    if (config.chapter_pipeline) {
      result.widget.chapter = await widgetRuns(browser, site.url, {
        label: 'chapter', query: '', size: outputSize(config.chapter_pipeline), repeats, astronaut, messages,
      });
    }
  } finally {
    await browser.close();
    await site.close();
  }
  result.messages = messages;
  if (messages.length) console.log(`[browser] page messages:\n  ${messages.join('\n  ')}`);
  fs.writeFileSync(path.join(out, 'browser.json'), JSON.stringify(result, null, 2));
}

// ---------------------------------------------------------------------------------------------------

function reportMode(out) {
  const config = readJson(path.join(out, 'config.json'));
  const native = readJson(path.join(out, 'native.json'));
  const pillow = readJson(path.join(out, 'pillow.json'));
  const browser = readJson(path.join(out, 'browser.json'));
  const machine = fs.existsSync(path.join(out, 'machine.json')) ? readJson(path.join(out, 'machine.json')) : {};
  const f0 = (x) => (x == null || Number.isNaN(x) ? '—' : Math.round(x).toLocaleString('en-US'));
  const f1 = (x) => (x == null ? '—' : x.toFixed(1));
  const f2 = (x) => (x == null ? '—' : x.toFixed(2));
  const range = (xs) => `${f0(Math.min(...xs))}–${f0(Math.max(...xs))}`;
  const rangeMs = (xs) => `${f1(Math.min(...xs))}–${f1(Math.max(...xs))}`;
  const peer = pillow.median_ips;
  const w = browser.worker;
  const n = config.images.length * config.samples_per_image;
  const lines = [];
  const p = (s = '') => lines.push(s);
  p(`# Augmentation throughput (issue 4 §5)`);
  p();
  p(`Measured ${machine.date ?? '?'} on ${machine.cpu ?? '?'}, ${machine.cores ?? '?'} cores, ${machine.mem ?? '?'}; `
    + `load average ${machine.load_before ?? '?'} before, ${machine.load_after ?? '?'} after. ${machine.rustc ?? ''}; `
    + `Chromium ${browser.chromium}; Python ${pillow.python}, Pillow ${pillow.pillow}, NumPy ${pillow.numpy}. `
    + `Build measured in the browser: ${machine.commit ?? '?'} (${machine.wasm ?? browser.dist}).`);
  p();
  p(`Pipeline: RandomHorizontalFlip(0.5) → RandomResizedCrop(224, (0.08, 1), (3/4, 4/3), bilinear, antialias) → `
    + `ColorJitter(0.4, 0.4, 0.4, 0.1) → RandomErasing(p = 0.5, value 0). Photos: ${config.images.map((i) => `${i.name} ${i.width}×${i.height}`).join(', ')}; `
    + `${config.samples_per_image} samples per photo = ${n} images per pass; ${config.repeats} timed passes after a warm-up, median (range) shown.`);
  p();
  p('| implementation | what is timed | images/s | range | vs Pillow |');
  p('|---|---|---:|---:|---:|');
  p(`| Pillow + NumPy (peer) | augmentation of decoded RGB images | **${f0(peer)}** | ${range(pillow.ips)} | 1 |`);
  p(`| Rust native, release | \`Pipeline::run\` on decoded RGBA images | **${f0(native.direct.median_ips)}** | ${range(native.direct.ips)} | ${f2(native.direct.median_ips / peer)}× |`);
  p(`| Rust native, release | worker jobs via \`handle()\`, decode-corrected | ${f0(native.jobs.median_corrected_ips)} | ${range(native.jobs.corrected_ips)} | ${f2(native.jobs.median_corrected_ips / peer)}× |`);
  p(`| Rust native, release | worker jobs via \`handle()\`, raw (decode included, 1 per ${config.samples_per_image} samples) | ${f0(native.jobs.median_raw_ips)} | ${range(native.jobs.raw_ips)} | ${f2(native.jobs.median_raw_ips / peer)}× |`);
  p(`| wasm in Chromium (worker) | Grid jobs, decode-corrected | **${f0(w.median_corrected_ips)}** | ${range(w.corrected_ips)} | **${f2(w.median_corrected_ips / peer)}×** |`);
  p(`| wasm in Chromium (worker) | Grid jobs, raw (decode included, 1 per ${config.samples_per_image} samples) | ${f0(w.median_raw_ips)} | ${range(w.raw_ips)} | ${f2(w.median_raw_ips / peer)}× |`);
  p();
  p(`wasm / native (decode-corrected worker jobs, same code path): ${f2(w.median_corrected_ips / native.jobs.median_corrected_ips)}×. `
    + `Target wasm ≥ 0.5× Pillow: **${w.median_corrected_ips / peer >= 0.5 ? 'met' : 'missed'}** (${f2(w.median_corrected_ips / peer)}× decode-corrected, ${f2(w.median_raw_ips / peer)}× raw).`);
  p();
  p('Milliseconds per sample by photo (median over passes):');
  p();
  p(`| photo | Pillow | Rust native | wasm (decode-corrected) |`);
  p('|---|---:|---:|---:|');
  for (const i of config.images) {
    p(`| ${i.name} ${i.width}×${i.height} | ${f2(pillow.per_image_ms_per_sample[i.name])} | ${f2(native.direct.per_image_ms_per_sample[i.name])} | ${f2(w.per_image_ms_per_sample_corrected[i.name])} |`);
  }
  p();
  const stepKeys = [...config.pipeline.ops.map((s) => s.op.type), 'jitter.brightness', 'jitter.contrast', 'jitter.saturation', 'jitter.hue'];
  p('Where the time goes, ms per sample (mean of one pass; jitter factors timed one at a time on the crop):');
  p();
  p(`| step | Pillow + NumPy | Rust native |`);
  p('|---|---:|---:|');
  for (const k of stepKeys) p(`| ${k} | ${f2(pillow.steps_ms_per_sample[k])} | ${f2(native.steps_ms_per_sample[k])} |`);
  p();
  p('16-sample grid of astronaut.png (512×512), ms (median, range):');
  p();
  p('| pipeline | native `handle()` | wasm worker only | widget end to end (input event → 16 canvases painted) | grid jobs / grids painted per upload |');
  p('|---|---:|---:|---:|---:|');
  for (const [label, name] of [['bench', 'benchmark (224² out)'], ['chapter', 'chapter 7 default (128² out)']]) {
    if (!browser.widget?.[label]) continue;
    const wi = browser.widget[label];
    p(`| ${name} | ${f1(native.grid512[label]?.median_ms)} | ${f1(browser.worker_grid512[label].median_ms)} (${rangeMs(browser.worker_grid512[label].ms)}) | **${f1(wi.median_ms)}** (${rangeMs(wi.ms)}) | ${wi.grid_jobs_per_upload ?? '—'} / ${wi.grids_rendered_per_upload ?? '—'} |`);
  }
  p();
  p('The end-to-end time in phases (medians of each phase, so they need not add up exactly): input event → job posted '
    + '(File.arrayBuffer, the job) · posted → first reply (worker: copy in, decode, 16 samples, copy out, messaging) · '
    + 'reply → 16th canvas painted (main thread: Leptos update, putImageData ×17) · painted → two animation frames:');
  p();
  p('| pipeline | read + post | worker | render + paint | frames |');
  p('|---|---:|---:|---:|---:|');
  for (const label of ['bench', 'chapter']) {
    const ph = browser.widget?.[label]?.phases_median_ms;
    if (ph) p(`| ${label} | ${f1(ph.read_and_post)} | ${f1(ph.worker)} | ${f1(ph.render_and_paint)} | ${f1(ph.frames)} |`);
  }
  p();
  const e2e = browser.widget?.bench?.median_ms;
  p(`Target < 100 ms in the browser (benchmark pipeline, end to end): **${e2e < 100 ? 'met' : 'missed'}** (${f1(e2e)} ms).`);
  if (browser.messages?.length) {
    p();
    p(`Page messages during the run: ${browser.messages.join('; ')}`);
  }
  const text = `${lines.join('\n')}\n`;
  fs.writeFileSync(path.join(out, 'report.md'), text);
  console.log(text);
}

const [mode, ...rest] = process.argv.slice(2);
if (mode === 'browser' && rest.length === 2) await browserMode(path.resolve(rest[0]), path.resolve(rest[1]));
else if (mode === 'report' && rest.length === 1) reportMode(path.resolve(rest[0]));
else fail('usage: node scripts/bench-augment.mjs browser DIST OUT_DIR | report OUT_DIR');
