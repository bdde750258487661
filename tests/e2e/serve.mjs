// A static file server for dist/ under a sub-path, behaving like common static hosts. No dependencies.
//
// Two modes for paths that are not files:
//   - default, GitHub Pages' convention: unknown paths get 404.html (a copy of the app) with status 404,
//     so a deep link works but the browser logs the document's 404;
//   - `spa`: unknown paths get index.html with status 200, like hosts configured with an SPA fallback.
// Directories get their index.html in both modes. Requests outside the base path get a plain 404.
//
// `gzip` compresses text and wasm responses for clients that accept it, as real hosts do (the Lighthouse
// benchmark uses it; the tests do not, so that they see the bytes on disk).
//
// CLI:    node tests/e2e/serve.mjs <dist> <port> [/sub-path/] [--spa] [--gzip]
// Module: const { url, close } = await serve({ root: 'dist', base: '/scaling-lab/', spa: true });
//         (port 0 or omitted = a free port chosen by the OS)
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm',
  '.css': 'text/css', '.json': 'application/json', '.png': 'image/png', '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml', '.csv': 'text/csv; charset=utf-8', '.txt': 'text/plain; charset=utf-8',
  // As GitHub Pages and Python's http.server send it; Chromium shows text/markdown as text.
  '.md': 'text/markdown; charset=utf-8',
};

function isFile(f) {
  try {
    return fs.statSync(f).isFile();
  } catch {
    return false;
  }
}

// Images are compressed already; everything else we serve is text or wasm.
const incompressible = new Set(['.png', '.jpg', '.woff2']);

function send(res, status, file, gzip) {
  const headers = { 'content-type': types[path.extname(file)] || 'application/octet-stream' };
  if (gzip && !incompressible.has(path.extname(file))) {
    res.writeHead(status, { ...headers, 'content-encoding': 'gzip', vary: 'accept-encoding' });
    fs.createReadStream(file).pipe(zlib.createGzip({ level: 9 })).pipe(res);
    return;
  }
  res.writeHead(status, headers);
  fs.createReadStream(file).pipe(res);
}

/** Resolve a request path to [status, file]; `null` file means "outside the base path". */
export function resolve(root, base, pathname, spa) {
  let p;
  try {
    p = decodeURIComponent(pathname);
  } catch {
    p = pathname;
  }
  if (!p.startsWith(base)) return [404, null];
  const file = path.join(root, p.slice(base.length));
  if (file === root || file.startsWith(root + path.sep)) {
    for (const f of [file, path.join(file, 'index.html')]) {
      if (isFile(f)) return [200, f];
    }
  }
  return spa ? [200, path.join(root, 'index.html')] : [404, path.join(root, '404.html')];
}

/**
 * Start the server. Resolves to { server, port, url, close() } where url is the site root
 * (`http://127.0.0.1:<port>/scaling-lab/`).
 */
export function serve({ root = 'dist', base = '/', port = 0, spa = false, gzip = false } = {}) {
  const abs = path.resolve(root);
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    const [status, file] = resolve(abs, base, url.pathname, spa);
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('outside base');
      return;
    }
    send(res, status, file, gzip && /\bgzip\b/.test(req.headers['accept-encoding'] || ''));
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(Number(port), '127.0.0.1', () => {
      const p = server.address().port;
      ok({
        server,
        port: p,
        url: `http://127.0.0.1:${p}${base}`,
        close: () => new Promise((done) => {
          server.closeAllConnections?.();
          server.close(() => done());
        }),
      });
    });
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const spa = args.includes('--spa');
  const gzip = args.includes('--gzip');
  const [dist = 'dist', port = '8090', base = '/'] = args.filter((a) => !a.startsWith('--'));
  const { url } = await serve({ root: dist, base, port: Number(port), spa, gzip });
  console.log(`serving ${path.resolve(dist)} at ${url}${spa ? ' (SPA fallback)' : ' (404.html convention)'}${gzip ? ', gzip' : ''}`);
}
