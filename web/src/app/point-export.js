// The point residuals CSV, made by export.worker.js off the page's thread and gathered as Blobs
// (the browser may keep large ones on disk), so ten million points never freeze the page or
// exist as one string. Progress and the size it will reach (estimated from the rows written so
// far) are shown as it goes; it can be cancelled. Where the browser can write to a file the user
// picks (the File System Access API), a large export goes there chunk by chunk instead.
import { pointResidualsInput } from './export.js';
import { exportWorkerUrl } from './asset-urls.js';

const LARGE = 200e6;   // bytes: above this (estimated), write to a picked file where possible

const megabytes = (bytes) => `${(bytes / 1e6).toLocaleString('en', { maximumFractionDigits: bytes < 1e7 ? 1 : 0 })} MB`;

// result: the fit; name: the file name; show(text): a progress line ('' to clear); download(name,
// blob): hands a finished file to the browser; signal: an AbortSignal (cancel).
export function exportPointResiduals(result, name, { show, download, signal }) {
  // A rough size before anything is written: about 60 bytes a point.
  const rowsTotal = result.points.x.length;
  const picker = 'showSaveFilePicker' in window && rowsTotal * 60 > LARGE
    ? window.showSaveFilePicker({ suggestedName: name, types: [{ description: 'CSV', accept: { 'text/csv': ['.csv'] } }] }).catch(() => null)
    : Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const worker = new Worker(exportWorkerUrl, { type: 'module' });
    const parts = [];
    let bytes = 0;
    let writable = null;
    let writing = Promise.resolve();
    const finish = (error) => {
      worker.terminate();
      show('');
      if (error) reject(error); else resolve();
    };
    signal?.addEventListener('abort', () => {
      writable?.abort?.();
      finish(new Error('the export was cancelled'));
    });
    picker.then(async (handle) => {
      if (handle) writable = await handle.createWritable();
      worker.onmessage = ({ data }) => {
        if (signal?.aborted) return;
        if (data.error) return finish(new Error(data.error));
        if (data.done) {
          if (writable) writing = writing.then(() => writable.close());
          else download(name, new Blob(parts, { type: 'text/csv' }));
          return writing.then(() => finish(), finish);
        }
        const blob = new Blob([data.chunk], { type: 'text/csv' });
        bytes += blob.size;
        if (writable) writing = writing.then(() => writable.write(blob));
        else parts.push(blob);
        if (data.rows < data.total) {
          const estimate = (bytes / data.rows) * data.total;
          show(`Writing ${name}: ${Math.floor((100 * data.rows) / data.total)} % of ${data.total.toLocaleString('en')} points (about ${megabytes(estimate)})…`);
        }
        return undefined;
      };
      worker.onerror = (e) => finish(new Error(e.message || 'the export worker failed'));
      worker.postMessage({ input: pointResidualsInput(result) });
    }, finish);
  });
}
