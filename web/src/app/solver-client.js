// Promises over the solver worker (solver.worker.js has the messages).
//
// Fits (typed text, an opened file, a refit with new options) form one lane: a newer one
// supersedes an older one, whose promise resolves with { superseded: true } as soon as the newer
// is sent; if an older *text* fit is still running after `patienceMs` the worker is replaced, so a
// huge paste never holds up the latest one (a file's fit is left to finish: replacing the worker
// would lose the volume it holds). Previews are answered by id beside them. The core's vocabulary
// comes once, when the first worker has loaded the module: `vocabulary()` waits for it.
// Only breakage (a crashed worker or module) rejects; a worker whose module crashed (Emscripten's
// "Aborted()" after running out of memory on a 250 MB line) is replaced before the next request.
import { workerUrl } from './asset-urls.js';
import { takeEarlyWorker } from './early-worker.js';

export function createSolverClient({ patienceMs = 1500 } = {}) {
  let worker = null;
  let nextId = 1;
  let pending = null;  // the fit in flight: { id, kind, resolve, reject, sent, onProgress }
  const side = new Map();  // id → { resolve, reject } for previews
  let vocabularyReply = null;  // { resolve, reject } until the first worker has said its vocabulary
  const vocabulary = new Promise((resolve, reject) => { vocabularyReply = { resolve, reject }; });
  vocabulary.catch(() => {});  // a caller that never asks is told by its fits instead

  function loaded(data) {
    if (!vocabularyReply) return;
    if (data.type === 'vocabulary') vocabularyReply.resolve({ vocabulary: data.vocabulary, version: data.version });
    else vocabularyReply.reject(new Error(`The solver failed to start: ${data.message}`));
    vocabularyReply = null;
  }

  function start() {
    const early = takeEarlyWorker();  // the first one is started by the page's boot script
    worker = early?.worker ?? new Worker(workerUrl, { type: 'module' });
    worker.onmessage = ({ data }) => {
      if (data.id === undefined) return loaded(data);
      if (side.has(data.id)) {
        const { resolve, reject } = side.get(data.id);
        side.delete(data.id);
        if (data.type === 'crash') reject(new Error(`The solver failed: ${data.message}`));
        else resolve(data);
        return;
      }
      if (!pending || data.id !== pending.id) return;  // a superseded reply
      if (data.type === 'progress') {
        pending.onProgress?.(data.loaded, data.total);
        return;
      }
      const { resolve, reject } = pending;
      pending = null;
      if (data.type === 'crash') {
        retire();
        reject(new Error(`The solver stopped on this input (${data.message}): it probably ran out of memory. It has been restarted; try a smaller file, or a binary format.`));
      } else resolve(data);
    };
    worker.onerror = (event) => {
      event.preventDefault?.();
      const error = new Error(`The solver failed to start: ${event.message ?? 'unknown error'}`);
      loaded({ type: 'crash', message: event.message ?? 'unknown error' });
      if (pending) {
        pending.reject(error);
        pending = null;
      }
      for (const { reject } of side.values()) reject(error);
      side.clear();
    };
    early?.replay();
  }

  // The crashed module is of no further use (its memory may be corrupt): the next request starts a
  // fresh worker. Previews waiting on it are told.
  function retire() {
    worker?.terminate();
    worker = null;
    for (const { reject } of side.values()) reject(new Error('The solver was restarted.'));
    side.clear();
  }

  function sendFit(kind, message, onProgress) {
    if (!worker) start();
    if (pending) {
      const old = pending;
      pending = null;
      old.resolve({ superseded: true });
      if (old.kind === 'fit' && performance.now() - old.sent > patienceMs) {
        worker.terminate();
        for (const { reject } of side.values()) reject(new Error('The solver was restarted.'));
        side.clear();
        start();
      }
    }
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending = { id, kind, resolve, reject, sent: performance.now(), onProgress };
      worker.postMessage({ id, type: kind, ...message });
    }).then((reply) => (reply.superseded ? reply : reply.result));
  }

  function ask(type, message) {
    if (!worker) start();
    const id = nextId++;
    return new Promise((resolve, reject) => {
      side.set(id, { resolve, reject });
      worker.postMessage({ id, type, ...message });
    });
  }

  return {
    fit: (text, options, fileName) => sendFit('fit', { text, options, fileName }),
    open: (file, options, { selection, series, onProgress } = {}) => sendFit('open', { file, options, selection, series }, onProgress),
    refit: (options, selection) => sendFit('refit', { options, selection }),
    preview: (axis, index, sphere) => ask('preview', { axis, index, sphere }).then((reply) => reply.preview),
    // { vocabulary, version } of the core, once its module has loaded (starts the worker).
    vocabulary() {
      if (!worker) start();
      return vocabulary;
    },
  };
}
