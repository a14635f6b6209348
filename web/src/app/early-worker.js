// The solver's worker, started by the page's first (small) script, before the page's modules
// have arrived, so that the worker fetches and compiles the wasm in parallel with them. Whatever
// the worker says before the page's solver client takes it over is kept and handed on.
// The two scripts are separate bundles: they meet on one global.
import { workerUrl } from './asset-urls.js';

const KEY = Symbol.for('spherefit.earlyWorker');

/** Starts the worker unless the page's client already started its own. */
export function startEarlyWorker() {
  const g = /** @type {any} */ (globalThis);
  if (g[KEY]) return;
  const worker = new Worker(workerUrl, { type: 'module' });
  /** @type {{ kind: 'message' | 'error', event: Event }[]} */
  const heard = [];
  worker.onmessage = (event) => { heard.push({ kind: 'message', event }); };
  worker.onerror = (event) => { event.preventDefault(); heard.push({ kind: 'error', event }); };
  g[KEY] = { worker, heard, taken: false };
}

/**
 * The early worker, once, for the client that sets its own handlers first and then calls
 * replay() with them; null when there is none (the client starts its own).
 * @returns {{ worker: Worker, replay: () => void } | null}
 */
export function takeEarlyWorker() {
  const g = /** @type {any} */ (globalThis);
  const early = g[KEY];
  if (early?.taken) return null;
  g[KEY] = { taken: true };
  if (!early) return null;
  return {
    worker: early.worker,
    replay() {
      for (const { kind, event } of early.heard) {
        if (kind === 'message') early.worker.onmessage?.(event);
        else early.worker.onerror?.(event);
      }
    },
  };
}
