// Size report: raw and gzip bytes of every file in a built site, and the bytes a browser really loads
// for a first visit (home, then a chapter), recorded with playwright-core in Debian's Chromium.
//   node scripts/size-report.mjs <dir> [--base /sub/] [--visit path ...]
// Each --visit path is opened in turn in one fresh browser context; every response is counted once.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import http from 'node:http';
import { chromium } from 'playwright-core';

const args = process.argv.slice(2);
const dir = path.resolve(args[0] || 'dist');
const base = args.includes('--base') ? args[args.indexOf('--base') + 1] : '/';
const visits = args.flatMap((a, i) => (a === '--visit' ? [args[i + 1]] : []));
const gz = (buf) => zlib.gzipSync(buf, { level: 9 }).length;

function walk(d) {
  return fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(d, e.name);
    if (e.name.startsWith('.')) return [];
    return e.isDirectory() ? walk(p) : [p];
  });
}

const files = walk(dir).map((f) => {
  const buf = fs.readFileSync(f);
  return { file: path.relative(dir, f), raw: buf.length, gzip: gz(buf) };
});
files.sort((a, b) => b.gzip - a.gzip);
console.log(`# Files in ${path.relative(process.cwd(), dir) || dir}\n`);
console.log('| file | raw bytes | gzip bytes |\n|---|---:|---:|');
for (const f of files) console.log(`| ${f.file} | ${f.raw} | ${f.gzip} |`);
const sum = (xs, k) => xs.reduce((s, x) => s + x[k], 0);
console.log(`| **all ${files.length} files** | ${sum(files, 'raw')} | ${sum(files, 'gzip')} |\n`);

if (visits.length) {
  const server = http.createServer((req, res) => {
    let p = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (!p.startsWith(base)) { res.writeHead(404); res.end(); return; }
    let f = path.join(dir, p.slice(base.length));
    if (fs.existsSync(f) && fs.statSync(f).isDirectory()) f = path.join(f, 'index.html');
    if (!fs.existsSync(f)) f = path.join(dir, 'index.html');
    const types = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.json': 'application/json', '.woff2': 'font/woff2', '.woff': 'font/woff', '.ttf': 'font/ttf', '.svg': 'image/svg+xml', '.png': 'image/png' };
    res.writeHead(200, { 'content-type': types[path.extname(f)] || 'application/octet-stream' });
    fs.createReadStream(f).pipe(res);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  const context = await browser.newContext();
  const seen = new Map();
  const external = new Set();
  context.on('request', (r) => { if (!r.url().startsWith(origin) && !r.url().startsWith('data:')) external.add(r.url()); });
  context.on('response', async (r) => {
    const u = new URL(r.url());
    if (u.origin !== origin || seen.has(u.pathname)) return;
    seen.set(u.pathname, null);
    try {
      const body = await r.body();
      seen.set(u.pathname, { raw: body.length, gzip: gz(body) });
    } catch (e) { console.error(`could not read ${u.pathname}: ${e.message}`); seen.delete(u.pathname); }
  });
  // Outside hosts are unreachable here: abort them, and list them, so a peer's CDN use is visible.
  await context.route((url) => !url.href.startsWith(origin), (route) => route.abort());
  const page = await context.newPage();
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') console.error('console:', m.text()); });
  page.on('pageerror', (e) => console.error('page error:', e.message));
  for (const v of visits) {
    await page.goto(origin + base + v.replace(/^\//, ''), { waitUntil: 'networkidle' });
    await page.waitForTimeout(1500);
  }
  await browser.close();
  server.close();
  const rows = [...seen].filter(([, v]) => v).map(([k, v]) => ({ file: k, ...v }));
  rows.sort((a, b) => b.gzip - a.gzip);
  console.log(`# First load: ${visits.join(' → ')}\n`);
  console.log('| request | raw bytes | gzip bytes |\n|---|---:|---:|');
  for (const r of rows) console.log(`| ${r.file} | ${r.raw} | ${r.gzip} |`);
  console.log(`| **total (${rows.length} requests)** | ${sum(rows, 'raw')} | ${sum(rows, 'gzip')} |\n`);
  if (external.size) console.log(`Blocked requests to other hosts (not counted): ${[...external].join(', ')}\n`);
}
