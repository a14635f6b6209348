// Where the solver's worker and its wasm module are (and the worker of large exports). Unbundled, beside the sources; in dist/ the
// bundler (scripts/bundle.mjs) puts this file's content-hashed twins in their place, so a page
// always starts the worker, and a worker always compiles the wasm, of its own build.
export const workerUrl = new URL('./solver.worker.js', import.meta.url);
export const exportWorkerUrl = new URL('./export.worker.js', import.meta.url);
export const wasmUrl = new URL('../../wasm/spherefit-core.wasm', import.meta.url);
