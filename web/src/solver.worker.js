// The fit runs here, off the page's thread. Thin on purpose: a message in, the API called, a
// message out. Requests: { id, type: 'fit', text, options }. Replies: { id, type: 'result', result }
// (typed arrays transferred, not copied) or { id, type: 'crash', message } if the module broke.
import { loadSphereFit } from './spherefit.js';

const ready = loadSphereFit();

function transferables(result) {
  const out = [];
  const collect = (v) => { if (ArrayBuffer.isView(v)) out.push(v.buffer); };
  if (result.ok) {
    for (const key of ['residuals', 'offsets', 'inlier']) collect(result[key]);
    for (const column of Object.values(result.slices)) collect(column);
  }
  return out;
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
