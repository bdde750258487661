// Lighthouse benchmark: Scaling Lab's release build (home and chapter 2) against the mdBook peer of
// chapter 2, both served gzip-compressed by the same static server (tests/e2e/serve.mjs) in the same run,
// measured by Lighthouse in Debian's Chromium with its mobile and desktop presets.
//   node scripts/bench-lighthouse.mjs <lighthouse-bin> <scaling-lab dist> <mdbook dir> [runs]
// Prints a Markdown table of medians over `runs` (default 3) per page and preset.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve } from '../tests/e2e/serve.mjs';

const [bin, dist, book, runsArg = '3'] = process.argv.slice(2);
const runs = Number(runsArg);
if (!bin || !dist || !book || !(runs >= 1)) {
  console.error('usage: node scripts/bench-lighthouse.mjs <lighthouse-bin> <dist> <mdbook dir> [runs]');
  process.exit(2);
}

const chromeFlags = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--no-first-run', '--disable-dev-shm-usage',
].join(' ');
const categories = ['performance', 'accessibility', 'best-practices', 'seo'];
const metrics = [
  ['first-contentful-paint', 'FCP', 'ms'],
  ['largest-contentful-paint', 'LCP', 'ms'],
  ['total-blocking-time', 'TBT', 'ms'],
  ['cumulative-layout-shift', 'CLS', ''],
  ['speed-index', 'Speed Index', 'ms'],
  ['total-byte-weight', 'bytes on the wire', 'B'],
];

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

// Asynchronous: the static servers run in this process and must keep answering while Lighthouse loads.
async function lighthouse(url, preset) {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lh-')), 'report.json');
  const args = [
    url, '--quiet', '--output=json', `--output-path=${out}`, `--only-categories=${categories.join(',')}`,
    `--chrome-flags=${chromeFlags}`, '--max-wait-for-load=60000',
  ];
  if (preset === 'desktop') args.push('--preset=desktop');
  await promisify(execFile)(bin, args, { env: { ...process.env, CHROME_PATH: '/usr/bin/chromium' }, maxBuffer: 1 << 26 });
  const report = JSON.parse(fs.readFileSync(out, 'utf8'));
  fs.rmSync(path.dirname(out), { recursive: true, force: true });
  const failing = (cat) => report.categories[cat].auditRefs
    .map((r) => report.audits[r.id])
    .filter((a) => a.score !== null && a.score < 0.9 && a.scoreDisplayMode !== 'informative' && a.scoreDisplayMode !== 'manual')
    .map((a) => a.id);
  return {
    scores: Object.fromEntries(categories.map((c) => [c, Math.round(report.categories[c].score * 100)])),
    metrics: Object.fromEntries(metrics.map(([id]) => [id, report.audits[id].numericValue])),
    failing: [...new Set(categories.flatMap(failing))],
  };
}

const ours = await serve({ root: dist, base: '/scaling-lab/', spa: true, gzip: true });
const peer = await serve({ root: book, base: '/', gzip: true });
const pages = [
  ['Scaling Lab, home (en)', `${ours.url}en/`],
  ['Scaling Lab, chapter 2 (en)', `${ours.url}en/power-laws`],
  ['mdBook peer, chapter 2', `${peer.url}power-laws.html`],
];

const fmt = (v, unit) => (unit === 'ms' ? `${Math.round(v)} ms` : unit === 'B' ? `${Math.round(v).toLocaleString('en')}` : v.toFixed(3));
try {
  for (const preset of ['mobile', 'desktop']) {
    console.log(`\n### Lighthouse 12.2.3, ${preset} preset (median of ${runs})\n`);
    console.log(`| page | ${categories.join(' | ')} | ${metrics.map(([, name, unit]) => (unit === 'ms' ? `${name} (ms)` : name)).join(' | ')} |`);
    console.log(`|---|${categories.map(() => '---:').join('|')}|${metrics.map(() => '---:').join('|')}|`);
    const notes = [];
    for (const [name, url] of pages) {
      const results = [];
      for (let i = 0; i < runs; i++) results.push(await lighthouse(url, preset));
      const scores = categories.map((c) => median(results.map((r) => r.scores[c])));
      const values = metrics.map(([id, , unit]) => fmt(median(results.map((r) => r.metrics[id])), unit).replace(' ms', ''));
      console.log(`| ${name} | ${scores.join(' | ')} | ${values.join(' | ')} |`);
      const failing = [...new Set(results.flatMap((r) => r.failing))];
      if (failing.length) notes.push(`- ${name}: audits below 0.9 in some run: ${failing.join(', ')}`);
    }
    if (notes.length) console.log(`\n${notes.join('\n')}`);
  }
} finally {
  await ours.close();
  await peer.close();
}
