// The fits run here, off the page's thread. Thin on purpose: a message in, the library called, a
// message out; typed arrays are transferred, not copied.
//
// Once the module has loaded, unasked (no id): { type: 'vocabulary', vocabulary, version } — the
// core's names and limits, which the page reads its options by — or { type: 'crash', message }.
// Requests (each with an id), and what comes back with that id:
//   { type: 'fit', text, options, fileName? }    → { type: 'result', result }   (pasted or typed text)
//   { type: 'open', file, options, selection?, series? }  (file: a File, or several: an array,
//                                                  read together by fitFiles; series: which one)
//                                                → { type: 'progress', loaded, total }…, then
//                                                  { type: 'result', result }  (a dropped or opened File:
//                                                  a table, a point cloud or mesh, or a volume; a
//                                                  volume's result carries `volume`, its description,
//                                                  also when its first fit failed)
//   { type: 'refit', options, selection? }       → { type: 'result', result }   (the last opened file
//                                                  again with new options; a volume is not read again)
//   { type: 'preview', axis, index, sphere? }    → { type: 'preview', preview } (a slice of the open volume;
//                                                  with sphere, that sphere's label of the last Spheres: all fit)
// A crash of the module comes back as { type: 'crash', message }. The worker keeps the last opened
// file (and its volume's voxels) until text or another file replaces it.
import { loadSphereFit } from '../lib/spherefit.js';
import { wasmUrl } from './asset-urls.js';
import { compileCore } from './compile-core.js';
import { configureDicomCodecs } from '../lib/dicom/index.js';

// The DICOM decoders as the site serves them (scripts/make-dist.mjs: dist/vendor/dicom/, ES module
// copies that run under the page's CSP), fetched only when a file needs one (docs/dicom.md).
configureDicomCodecs({ baseUrl: new URL('../../vendor/dicom/', import.meta.url) });

// The wasm is fetched and compiled first thing, while the page's modules still arrive.
const ready = compileCore(wasmUrl).then((module) => loadSphereFit({ module }));
ready.then(
  (sf) => self.postMessage({ type: 'vocabulary', vocabulary: sf.vocabulary, version: sf.version }),
  (err) => self.postMessage({ type: 'crash', message: String(err?.message ?? err) }),
);
let current = null;  // { file, volume? } the last opened file

// Every typed array in the result, its columns and its nested summaries.
function transferables(value, out = new Set()) {
  if (!value || typeof value !== 'object') return out;
  if (ArrayBuffer.isView(value)) {
    out.add(value.buffer);
    return out;
  }
  for (const v of Object.values(value)) if (typeof v === 'object') transferables(v, out);
  return out;
}

function reply(id, type, payload) {
  const message = { id, type, ...payload };
  self.postMessage(message, [...transferables(payload)]);
}

function forget(sf) {
  if (current?.volume) sf.releaseVolume(current.volume);
  current = null;
}

async function fitCurrent(sf, options, selection) {
  if (current?.volume) {
    const result = sf.fitVolume(current.volume, selection ?? {}, options);
    if (result.ok) result.volume = current.volume;
    return result;
  }
  if (Array.isArray(current.file)) return sf.fitFiles(current.file, options, { series: current.series, selection });
  return sf.fitFile(current.file, current.file.name, options);
}

const handlers = {
  async fit(sf, id, data) {
    forget(sf);
    return sf.fitText(data.text, data.options, data.fileName);
  },
  async open(sf, id, data) {
    forget(sf);
    const file = data.file;
    let last = 0;
    const settings = {
      selection: data.selection,
      series: data.series,
      keepVolume: true,  // a failed first fit keeps the voxels: another label or axis is a refit
      onProgress(loaded, total) {
        const now = performance.now();
        if (now - last < 100 && loaded < total) return;
        last = now;
        reply(id, 'progress', { loaded, total });
      },
    };
    // Several files (a DICOM series, a folder, a header with its data file): read and decoded here.
    const result = Array.isArray(file) ? await sf.fitFiles(file, data.options, settings) : await sf.fitFile(file, file.name, data.options, settings);
    current = { file, series: data.series, volume: result.volume ?? null };
    return result;
  },
  async refit(sf, id, data) {
    if (!current) return null;
    return fitCurrent(sf, data.options, data.selection);
  },
  async preview(sf, id, data) {
    reply(id, 'preview', { preview: current?.volume ? sf.previewSlice(current.volume, data.axis, data.index, data.sphere) : null });
    return undefined;
  },
};

self.onmessage = async ({ data }) => {
  const { id, type } = data;
  try {
    const sf = await ready;
    const handler = handlers[type];
    if (!handler) return;
    const started = performance.now();
    const result = await handler(sf, id, data);
    if (result === undefined) return;  // the handler replied itself
    if (result === null) return reply(id, 'result', { result: null });  // a refit with nothing open
    result.elapsedMs = performance.now() - started;
    result.version = sf.version;
    reply(id, 'result', { result });
  } catch (err) {
    self.postMessage({ id, type: 'crash', message: String(err?.message ?? err) });
  }
};
