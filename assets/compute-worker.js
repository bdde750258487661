// A compute Web Worker running a wasm module of the app. The page passes the module's JS glue URL in
// the query, and either the wasm URL (`wasm`, for a widget bundle's module) or, as its first message,
// the module it has already compiled (the app's own module), so that a worker costs no second download.
// `entry` names the module's export that starts the worker (a bundle serves several job families).
const query = new URL(self.location.href).searchParams;
const compiled = query.has('wasm')
  ? null
  : new Promise((resolve) => self.addEventListener('message', (e) => resolve(e.data), { once: true }));
const bindings = await import(query.get('js'));
await bindings.default({ module_or_path: compiled ? await compiled : query.get('wasm') });
bindings[query.get('entry') ?? 'start_compute_worker']();
