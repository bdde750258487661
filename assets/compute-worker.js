// A compute Web Worker running the app's own wasm module (so the page and its workers share one
// download, already in the browser's cache). The page passes the module's hashed URLs in the query.
const query = new URL(self.location.href).searchParams;
const bindings = await import(query.get('js'));
await bindings.default({ module_or_path: query.get('wasm') });
bindings.start_compute_worker();
