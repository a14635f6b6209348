// The fit runs here, off the page's thread. Thin on purpose: a message in, the API called, a
// message out. Requests: { id, type: 'fit', text, options }. Replies: { id, type: 'result', result }
// (typed arrays transferred, not copied) or { id, type: 'crash', message } if the module broke.
import { loadSphereFit } from './spherefit.js';

const ready = loadSphereFit();

// Every typed array of the result and of its slices: derived, so a new column is never copied.
function transferables(result) {
  const values = result.ok ? [...Object.values(result), ...Object.values(result.slices)] : [];
  return values.filter((v) => ArrayBuffer.isView(v)).map((v) => v.buffer);
}

self.onmessage = async ({ data }) => {
  const { id, type } = data;
  try {
    const sf = await ready;
    if (type !== 'fit') return;
    const started = performance.now();
    const result = sf.fitText(data.text, data.options);
    result.elapsedMs = performance.now() - started;
    result.version = sf.version;
    self.postMessage({ id, type: 'result', result }, transferables(result));
  } catch (err) {
    self.postMessage({ id, type: 'crash', message: String(err?.message ?? err) });
  }
};
