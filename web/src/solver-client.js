// Promises over the solver worker. A newer request supersedes an older one: its promise resolves
// with { superseded: true } as soon as the newer one is sent, and if the older fit is still running
// after `patienceMs` the worker is replaced so a huge input never holds up the latest one.
// Only breakage (a crashed worker or module) rejects.
export function createSolverClient({ patienceMs = 1500 } = {}) {
  let worker = null;
  let nextId = 1;
  let pending = null;  // { id, resolve, reject, sent }

  function start() {
    worker = new Worker(new URL('./solver.worker.js', import.meta.url), { type: 'module' });
    worker.onmessage = ({ data }) => {
      if (!pending || data.id !== pending.id) return;  // a superseded reply
      const { resolve, reject } = pending;
      pending = null;
      if (data.type === 'crash') reject(new Error(`The solver failed: ${data.message}`));
      else resolve(data);
    };
    worker.onerror = (event) => {
      event.preventDefault?.();
      if (pending) {
        pending.reject(new Error(`The solver failed to start: ${event.message ?? 'unknown error'}`));
        pending = null;
      }
    };
  }

  function send(message) {
    if (!worker) start();
    if (pending) {
      const old = pending;
      pending = null;
      old.resolve({ superseded: true });
      if (performance.now() - old.sent > patienceMs) {
        worker.terminate();
        start();
      }
    }
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending = { id, resolve, reject, sent: performance.now() };
      worker.postMessage({ id, ...message });
    });
  }

  return {
    fit: (text, options) => send({ type: 'fit', text, options }).then((reply) => (reply.superseded ? reply : reply.result)),
  };
}
