// Browser side and report of scripts/bench-fit.sh (issue 3 §4), with playwright-core driving Debian's
// Chromium. Two modes:
//
//   node scripts/bench-fit.mjs browser DIST OUT_DIR [REPEATS] [MOVES]
//     Serves the release build DIST (tests/e2e/serve.mjs) and, in one Chromium:
//     1. starts the fit lab's compute Web Worker exactly as the page does (assets/compute-worker.js with
//        the scaling-widgets module's JS glue and wasm), posts OUT_DIR/fit-request.json
//        (FitLabJob::Fit, full 4500-start grid) REPEATS times and then OUT_DIR/bootstrap-request.json
//        (FitLabJob::Bootstrap, 1000 resamples) with the wasm fit swapped in, timing each from postMessage to
//        the `Done` reply (performance.now() in the page; Progress replies included, as in the app);
//     2. moves a slider MOVES times in two widgets (chapter 3 law explorer, chapter 4 compute planner)
//        by setting the range input's value and dispatching `input`, and measures each re-render
//        (see `sliderPass` for the two definitions).
//     Writes OUT_DIR/wasm.json.
//
//   node scripts/bench-fit.mjs report OUT_DIR
//     Reads native.json, scipy.json, wasm.json (and machine.json) from OUT_DIR, checks that the best
//     objectives agree to 1e-6 relative, prints a Markdown report and writes OUT_DIR/report.md.
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { serve } from '../tests/e2e/serve.mjs';

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--no-first-run'];
const REL_TOL = 1e-6;
// Installed before the app runs: times every requestAnimationFrame callback the page registers, so the
// chart's draw can be told apart from style, layout and paint. Measurement only; the app is unchanged.
const RAF_PROBE = () => {
  const orig = window.requestAnimationFrame.bind(window);
  const log = [];
  window.__benchRaf = orig;
  window.__benchRafLog = log;
  window.requestAnimationFrame = (cb) => orig((ts) => {
    const t = performance.now();
    try {
      cb(ts);
    } finally {
      log.push([t, performance.now()]);
      if (log.length > 10000) log.splice(0, 5000);
    }
  });
};

const readJson = (f) => JSON.parse(fs.readFileSync(f, 'utf8'));
const median = (xs) => quantile(xs, 0.5);
/** Quantile with linear interpolation between order statistics (NumPy's default). */
function quantile(xs, q) {
  const s = [...xs].sort((a, b) => a - b);
  const pos = q * (s.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

function fail(message) {
  console.error(`bench-fit: ${message}`);
  process.exit(1);
}

// ---------------------------------------------------------------------------------------------- browser

/** In the page: start a compute worker the way src/compute/client.rs does, run requests, time them. */
async function workerPass(page, fitReq, bootReq, repeats) {
  return page.evaluate(async ({ fitReq, bootReq, repeats }) => {
    // Fits run in the scaling-widgets module (src/bin/scaling-widgets.rs), as the fit lab starts it.
    const js = new URL('scaling-widgets.js', document.baseURI).href;
    const wasm = new URL('scaling-widgets_bg.wasm', document.baseURI).href;
    const url = `${document.baseURI}compute-worker.js?js=${encodeURIComponent(js)}&wasm=${encodeURIComponent(wasm)}`;
    const tStart = performance.now();
    const worker = new Worker(url, { type: 'module' });
    await new Promise((ok, no) => {
      worker.onmessage = (ev) => (ev.data === 'ready' ? ok() : no(new Error(`unexpected first message ${ev.data}`)));
      worker.onerror = (ev) => no(new Error(`worker error: ${ev.message}`));
    });
    const startupMs = performance.now() - tStart;
    const run = (request) => new Promise((ok, no) => {
      let progress = 0;
      const text = JSON.stringify(request);
      const t0 = performance.now();
      worker.onmessage = (ev) => {
        const reply = JSON.parse(ev.data);
        if (reply.Progress) progress += 1;
        else if (reply.Done) ok({ ms: performance.now() - t0, output: reply.Done.output, progress });
        else if (reply.Failed) no(new Error(`worker failed: ${JSON.stringify(reply.Failed.error)}`));
      };
      worker.postMessage(text);
    });
    const fits = [];
    let law = null;
    for (let i = 0; i < repeats; i += 1) {
      const r = await run(fitReq);
      law = r.output.Fit.law;
      fits.push({ ms: r.ms, progress: r.progress });
    }
    const boot = structuredClone(bootReq);
    boot.job.Bootstrap.fit = law; // resample around the wasm fit, as the fit lab does
    const boots = [];
    let outcome = null;
    for (let i = 0; i < repeats; i += 1) {
      const r = await run(boot);
      outcome = r.output.Bootstrap.boot;
      boots.push({ ms: r.ms, progress: r.progress });
    }
    worker.terminate();
    const rep = law.chinchilla;
    return {
      startupMs,
      fits,
      report: { objective: rep.objective, theta: rep.theta, params: rep.params, grad_norm: rep.grad_norm,
        starts_tried: rep.starts_tried, starts_converged: rep.starts_converged },
      boots,
      bootstrap: { attempted: outcome.attempted, failed: outcome.failed, resamples: boot.job.Bootstrap.resamples },
    };
  }, { fitReq, bootReq, repeats });
}

/**
 * In the page: move the slider labelled `label` inside `sel` through `moves` positions (25 % → 75 % of
 * its range, like a drag) and time each re-render. Each move starts from an idle page (after a frame).
 *
 * mode 'random': the input is dispatched at a random moment within a frame interval, as a person's
 *   input arrives; latency = from just before `dispatchEvent` to the end of the next frame (a task
 *   posted from a requestAnimationFrame callback registered after the dispatch runs after that frame's
 *   rAF callbacks — the chart draws in one — and its style, layout and paint).
 * mode 'aligned': the input is dispatched right after a frame was painted, so no frame intervenes before
 *   the reactive updates finish; work = (dispatch → end of the microtasks it queued, i.e. the event
 *   handler, Leptos effects, DOM updates) + (start of the next frame's rAF callbacks → end of that frame:
 *   the chart's draw, style, layout, paint). This is the main-thread cost of one re-render.
 * Every move checks that the canvas pixels changed by the end of that frame ('stale' counts misses).
 */
async function sliderPass(page, sel, label, moves, mode) {
  return page.evaluate(async ({ sel, label, moves, mode }) => {
    const root = document.querySelector(sel);
    const input = [...root.querySelectorAll('input[type=range]')]
      .find((i) => document.querySelector(`label[for="${i.id}"] span`)?.textContent.trim() === label);
    if (!input) throw new Error(`no slider labelled ${label} in ${sel}`);
    const canvas = root.querySelector('canvas');
    const hash = () => {
      const d = canvas.toDataURL('image/png');
      let h = 2166136261;
      for (let i = 0; i < d.length; i += 1) h = Math.imul(h ^ d.charCodeAt(i), 16777619);
      return h >>> 0;
    };
    const task = () => new Promise((ok) => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => ok(performance.now());
      ch.port2.postMessage(0);
    });
    // The page's own requestAnimationFrame is wrapped (RAF_PROBE) to time its callbacks; ours bypass it.
    const raf = window.__benchRaf ?? requestAnimationFrame;
    const log = window.__benchRafLog ?? [];
    const afterFrame = () => new Promise((ok) => raf(() => task().then(ok)));
    const lo = Number(input.min);
    const hi = Number(input.max);
    const out = [];
    let stale = 0;
    let prev = hash();
    for (let i = 0; i < moves; i += 1) {
      const pos = lo + (hi - lo) * (0.25 + (0.5 * i) / Math.max(1, moves - 1));
      await afterFrame();
      await afterFrame();
      if (mode === 'random') await new Promise((ok) => setTimeout(ok, Math.random() * 16.7));
      input.value = String(pos);
      let tFrame = 0;
      const t0 = performance.now();
      input.dispatchEvent(new Event('input', { bubbles: true }));
      const micro = mode === 'aligned' ? task() : null;
      const t1 = await new Promise((ok) => raf(() => {
        tFrame = performance.now();
        task().then(ok);
      }));
      const tMicro = micro ? await micro : 0;
      const h = hash();
      if (h === prev) stale += 1;
      prev = h;
      // The page's rAF callbacks in that frame: the chart's draw (FrameScheduler in charts/frame.rs).
      const draw = log.filter(([a, b]) => a >= tFrame && b <= t1).reduce((s, [a, b]) => s + (b - a), 0);
      out.push(mode === 'aligned'
        ? { latency: t1 - t0, work: tMicro - t0 + (t1 - tFrame), script: tMicro - t0, frame: t1 - tFrame, draw, microBeforeFrame: tMicro <= tFrame }
        : { latency: t1 - t0 });
    }
    return { samples: out, stale, value: input.value };
  }, { sel, label, moves, mode });
}

async function browserMode(dist, outDir, repeats, moves) {
  const index = path.join(dist, 'index.html');
  if (!fs.existsSync(index)) fail(`no build in ${dist} (index.html missing)`);
  const base = fs.readFileSync(index, 'utf8').match(/<base href="([^"]*)"/)?.[1] ?? '/';
  const fitReq = readJson(path.join(outDir, 'fit-request.json'));
  const bootReq = readJson(path.join(outDir, 'bootstrap-request.json'));
  const server = await serve({ root: dist, base, spa: true });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  const errors = [];
  const newPage = async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addInitScript(RAF_PROBE);
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.setDefaultTimeout(60_000);
    return page;
  };
  const result = { chromium: browser.version(), dist: path.relative(process.cwd(), dist), base };
  try {
    console.log(`[wasm] Chromium ${browser.version()}, serving ${dist} at ${server.url}`);
    const page = await newPage();
    await page.goto(`${server.url}en/`);
    await page.waitForSelector('main#main article h1');
    console.log(`[wasm] worker: fit (full grid) ×${repeats}, then bootstrap ×${repeats}; this takes a while`);
    const w = await workerPass(page, fitReq, bootReq, repeats);
    w.fits.forEach((f, i) => console.log(`[wasm] fit ${i + 1}/${repeats}: ${(f.ms / 1000).toFixed(3)} s (${f.progress} progress messages)`));
    w.boots.forEach((b, i) => console.log(`[wasm] bootstrap ${i + 1}/${repeats}: ${(b.ms / 1000).toFixed(3)} s`));
    console.log(`[wasm] objective ${w.report.objective.toExponential(12)}  (${w.report.starts_converged} of ${w.report.starts_tried} starts converged); bootstrap ${w.bootstrap.attempted} resamples, ${w.bootstrap.failed} failed`);
    result.worker = w;
    await page.context().close();

    const widgets = [
      { name: 'law explorer (chapter 3, Hoffmann rounded preset, loss split shown, second law overlaid)',
        path: 'en/kaplan-laws?ch3-explorer.preset=hoffmann-rounded&ch3-explorer.show_terms=true', sel: '#widget-ch3-explorer', label: 'α' },
      { name: 'compute planner (chapter 4, defaults)', path: 'en/compute-optimal', sel: '#widget-ch4-planner', label: 'budget C (FLOPs)' },
    ];
    result.sliders = [];
    for (const wd of widgets) {
      const entry = { widget: wd.name, slider: wd.label, path: wd.path, moves };
      for (const mode of ['aligned', 'random']) {
        // A fresh page per pass: every move rewrites the URL (history.replaceState), which Chromium
        // throttles past 200 calls in 10 s.
        const p = await newPage();
        await p.goto(`${server.url}${wd.path}`);
        await p.waitForSelector(`article.chapter h1`);
        await p.waitForSelector(`${wd.sel} canvas`);
        await p.waitForTimeout(500);
        const r = await sliderPass(p, wd.sel, wd.label, moves, mode);
        entry[mode] = r;
        const lat = r.samples.map((s) => s.latency);
        let line = `[wasm] ${wd.sel} "${wd.label}" ${mode}: latency median ${median(lat).toFixed(2)} ms, p95 ${quantile(lat, 0.95).toFixed(2)} ms`;
        if (mode === 'aligned') {
          const work = r.samples.map((s) => s.work);
          line += `; work median ${median(work).toFixed(2)} ms, p95 ${quantile(work, 0.95).toFixed(2)} ms`;
          const late = r.samples.filter((s) => !s.microBeforeFrame).length;
          if (late) line += ` (${late} moves had a frame before their microtasks ended)`;
        }
        if (r.stale) line += ` — ${r.stale} of ${moves} moves did not change the canvas by the end of the frame`;
        console.log(line);
        await p.context().close();
      }
      result.sliders.push(entry);
    }
  } finally {
    await browser.close();
    await server.close();
  }
  result.errors = errors;
  if (errors.length) console.log(`[wasm] page errors: ${errors.join(' | ')}`);
  fs.writeFileSync(path.join(outDir, 'wasm.json'), JSON.stringify(result, null, 2));
}

// ---------------------------------------------------------------------------------------------- report

const s3 = (x) => x.toFixed(3);
const ms2 = (x) => x.toFixed(2);

function reportMode(outDir) {
  const native = readJson(path.join(outDir, 'native.json'));
  const scipy = readJson(path.join(outDir, 'scipy.json'));
  const wasm = readJson(path.join(outDir, 'wasm.json'));
  const machine = fs.existsSync(path.join(outDir, 'machine.json')) ? readJson(path.join(outDir, 'machine.json')) : {};
  const w = wasm.worker;
  const wasmFit = w.fits.map((f) => f.ms / 1000);
  const wasmBoot = w.boots.map((b) => b.ms / 1000);
  const best = (xs) => Math.min(...xs);
  const all = (xs) => xs.map(s3).join(', ');
  const rel = (a, b) => Math.abs(a - b) / Math.abs(b);
  const objs = { native: native.objective, wasm: w.report.objective, scipy: scipy.objective };
  const relWasm = rel(objs.wasm, objs.scipy);
  const relNative = rel(objs.native, objs.scipy);
  const agree = relWasm <= REL_TOL && relNative <= REL_TOL;
  const ratio = best(wasmFit) / best(scipy.fit_seconds);
  const bootOk = best(wasmBoot) < 10;
  const lines = [];
  const L = (s = '') => lines.push(s);
  L(`# Fit benchmark (issue 3 §4) — ${machine.date ?? new Date().toISOString()}`);
  L();
  L(`Machine: ${machine.cpu ?? '?'}, ${machine.cores ?? '?'} cores, ${machine.mem ?? '?'}; load average ${machine.load_before ?? '?'} before, ${machine.load_after ?? '?'} after.`);
  L(`Build: ${machine.commit ?? '?'}; wasm ${machine.wasm ?? wasm.dist}. Chromium ${wasm.chromium}; ${machine.rustc ?? 'rustc'}; Python ${scipy.versions.python}, NumPy ${scipy.versions.numpy}, SciPy ${scipy.versions.scipy}.`);
  const load1 = Number(String(machine.load_before ?? '0').split(' ')[0]);
  if (load1 > Number(machine.cores ?? 2) / 2) {
    L(`**The machine was busy** (1-minute load ${load1} on ${machine.cores} cores): wall times, the slider's above all, are pessimistic; re-run when it is idle.`);
  }
  L();
  L(`Data: ${native.runs} single-epoch datablations runs; ${native.starts} starts (Hoffmann et al. App. D.2); Huber δ = ${native.huber_delta} on ln L; log-sum-exp parametrization.`);
  L();
  L('| fit, full grid | wall time, best (s) | all runs (s) | best objective | E | A | B | α | β | converged starts | L-BFGS iterations |');
  L('|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  const row = (name, secs, o, p, conv, it) =>
    L(`| ${name} | ${s3(best(secs))} | ${all(secs)} | ${o.toExponential(12)} | ${p.E.toFixed(6)} | ${p.A.toFixed(4)} | ${p.B.toFixed(3)} | ${p.alpha.toFixed(6)} | ${p.beta.toFixed(6)} | ${conv} | ${it} |`);
  row('native (argmin L-BFGS, release)', native.fit_seconds, native.objective, native.params, native.starts_converged, native.total_iterations);
  const wp = w.report.params;
  row('wasm in Chromium (compute worker)', wasmFit, w.report.objective, { E: wp.e, A: wp.a, B: wp.b, alpha: wp.alpha, beta: wp.beta }, w.report.starts_converged, '(as native)');
  row('SciPy L-BFGS-B', scipy.fit_seconds, scipy.objective, scipy.params, scipy.starts_converged, `${scipy.total_iterations} (${scipy.total_evaluations} evaluations)`);
  L();
  L(`Objectives: |wasm − SciPy|/SciPy = ${relWasm.toExponential(2)}, |native − SciPy|/SciPy = ${relNative.toExponential(2)} (tolerance ${REL_TOL}): **${agree ? 'PASS' : 'FAIL'}**.`);
  L(`Speed: wasm / SciPy = ${s3(ratio)} (best of each; target ≤ 3): **${ratio <= 3 ? 'PASS' : 'FAIL'}**. Native / SciPy = ${s3(best(native.fit_seconds) / best(scipy.fit_seconds))}; wasm / native = ${s3(best(wasmFit) / best(native.fit_seconds))}.`);
  L(`Bootstrap: ${w.bootstrap.resamples} resamples (${w.bootstrap.failed} not converged, left out), each one L-BFGS run warm-started from the full-data optimum (not the full grid): wasm ${all(wasmBoot)} s (target < 10 s: **${bootOk ? 'PASS' : 'FAIL'}**), native ${s3(native.bootstrap.seconds)} s (${native.bootstrap.failed} not converged).`);
  L(`Worker start (module instantiation until "ready"): ${ms2(w.startupMs)} ms.`);
  L();
  L('| slider re-render | moves | latency median / p95 (ms), random phase | latency median / p95 (ms), after a frame | main-thread work median / p95 (ms) | of which: handler + effects / chart draw / style, layout, paint (medians, ms) | canvas not yet changed |');
  L('|---|---:|---|---|---|---|---:|');
  const verdicts = [];
  for (const s of wasm.sliders) {
    const r = s.random.samples.map((x) => x.latency);
    const a = s.aligned.samples.map((x) => x.latency);
    const wk = s.aligned.samples.map((x) => x.work);
    verdicts.push(`${s.widget.split(' (')[0]} ${median(wk) < 16 ? 'PASS' : 'FAIL'} (${ms2(median(wk))} ms)`);
    const part = (f) => ms2(median(s.aligned.samples.map(f)));
    const parts = `${part((x) => x.script)} / ${part((x) => x.draw)} / ${part((x) => x.frame - x.draw)}`;
    L(`| ${s.widget}, slider "${s.slider}" | ${s.moves} | ${ms2(median(r))} / ${ms2(quantile(r, 0.95))} | ${ms2(median(a))} / ${ms2(quantile(a, 0.95))} | ${ms2(median(wk))} / ${ms2(quantile(wk, 0.95))} | ${parts} | ${s.random.stale + s.aligned.stale} of ${2 * s.moves} |`);
  }
  L();
  L(`Slider target (median re-render < 16 ms, main-thread work): ${verdicts.map((v) => `**${v}**`).join(', ')}.`);
  if (wasm.errors?.length) L(`Page errors: ${wasm.errors.join(' | ')}`);
  const text = lines.join('\n') + '\n';
  fs.writeFileSync(path.join(outDir, 'report.md'), text);
  console.log(text);
  console.log(`[report] written to ${path.join(outDir, 'report.md')}`);
  if (!agree) process.exitCode = 1;
}

const [mode, ...rest] = process.argv.slice(2);
if (mode === 'browser') {
  const [dist, outDir, repeats = '3', moves = '50'] = rest;
  if (!dist || !outDir) fail('usage: bench-fit.mjs browser DIST OUT_DIR [REPEATS] [MOVES]');
  await browserMode(path.resolve(dist), path.resolve(outDir), Number(repeats), Number(moves));
} else if (mode === 'report') {
  if (!rest[0]) fail('usage: bench-fit.mjs report OUT_DIR');
  reportMode(path.resolve(rest[0]));
} else {
  fail('usage: bench-fit.mjs browser DIST OUT_DIR [REPEATS] [MOVES] | report OUT_DIR');
}
