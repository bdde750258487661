// Starts the compute worker (bin `worker`, built by Trunk as a no-modules script). Written by hand
// instead of Trunk's loader shim, which calls the initializer in a form wasm-bindgen warns about.
importScripts("./worker.js");
wasm_bindgen({ module_or_path: "./worker_bg.wasm" });
