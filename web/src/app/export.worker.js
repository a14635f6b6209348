// Large exports, made off the page's thread: the point residuals CSV (pointResidualRows in
// export.js) in chunks of about 1 MB, each posted as it is written with the rows done so far, so
// the page shows progress and stays responsive, and the file never exists twice as one string.
//   { input } (pointResidualsInput)  → { chunk, rows, total }…, then { done: true }
import { pointResidualRows } from './export.js';

self.onmessage = ({ data }) => {
  const total = data.input.points.x.length;
  try {
    for (const { text, rows } of pointResidualRows(data.input)) self.postMessage({ chunk: text, rows, total });
    self.postMessage({ done: true });
  } catch (err) {
    self.postMessage({ error: String(err?.message ?? err) });
  }
};
