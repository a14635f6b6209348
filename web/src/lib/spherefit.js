// The solver's JavaScript API: the same module in a page, a Web Worker, a bundler and Node ≥ 20.
//
//   const sf = await loadSphereFit();
//   sf.parse(text, options)             → { ok: true, mode: 'circles', slices, warnings }
//                                         | { ok: true, mode: 'points', points, warnings } | { ok: false, error }
//   sf.fit(slices, options)             → result | { ok: false, error }
//   sf.fitPoints(points, options)       → result for points { x, y, z, slice? } (slice ids: integers or
//                                         text; with them the points are slice contours)
//   sf.fitText(text, options, fileName?) → read + fit (the result also carries the `slices` or
//                                         `points` read, with the line of each); an error names its line
//   sf.fitPointFile(bytes, fileName, options) → a PLY, STL or OBJ file's vertices fitted as points
//   await sf.readVolume(source, fileName, { onProgress? }) → { ok: true, volume } | { ok: false, error }
//   sf.fitVolume(volume, { label } | { threshold } | {}, options) → result with the derived slices
//   sf.previewSlice(volume, axis, index) → one slice as 8-bit grey with its contour and the circle
//   sf.releaseVolume(volume)             → frees its voxels (else they go when the volume is collected)
//   await sf.fitFile(source, fileName, options, { selection?, onProgress?, keepVolume? }) → whatever
//                                         the file is; a volume's result carries it (`volume`), with
//                                         keepVolume also a failed one: the caller then releases it
//   await sf.fitFiles([{ name, bytes } | File, …], options, { series?, selection?, onProgress?, keepVolume? })
//                                       → several files as one dataset: a DICOM series (the largest
//                                         image series, or `series`: its number or UID), an RT
//                                         structure set (one sphere per ROI, selection.label an ROI
//                                         name), a SEG, a .mhd/.nhdr with its data file; the result
//                                         lists `series` and carries centres also in LPS (centerLps)
//   await sf.listSeries(files)           → { ok: true, series: [{ number, id, modality, description, slices, size, … }] }
//   sf.checkOptions(options, selection?) → { ok: true } | { ok: false, error }: checked as a fit checks them
//   sf.vocabulary                        → the names the core accepts and returns
//   sf.version
// source: a File or Blob, a Uint8Array or an ArrayBuffer. options: { weights, mode, fitType, robust,
// radius, minRadius, maxRadius, units, maxIterations }.
//
// Thin on purpose: the core (wasm/bindings/from_js.cpp) checks every column and option and owns every
// message and code; this file only moves bytes. Bad data never throws: it comes back as
// { ok: false, error: { code, message, line?, column?, offset?, slice?, point?, notes? } }.
import createSphereFitCore from '../../wasm/spherefit-core.js';
import { createFileReader } from './file-reader.js';
import { createFileSet } from './file-set.js';

const isNode = () => typeof process !== 'undefined' && Boolean(process.versions?.node);

/** @param {{ wasmBinary?: ArrayBuffer | Uint8Array, module?: WebAssembly.Module }} overrides */
async function wasmArguments(overrides) {
  if (overrides.wasmBinary) return { wasmBinary: overrides.wasmBinary };
  const compiled = overrides.module;
  if (compiled) {
    // Already compiled (a page's worker compiles it while streaming it in): only instantiated here.
    return {
      /** @param {WebAssembly.Imports} imports @param {(instance: WebAssembly.Instance) => void} done */
      instantiateWasm(imports, done) {
        WebAssembly.instantiate(compiled, imports).then(done);
        return {};
      },
    };
  }
  const url = new URL('../../wasm/spherefit-core.wasm', import.meta.url);
  if (isNode()) {
    // Emscripten's ES module mistakes Node for a browser; hand it the bytes instead.
    const { readFile } = await import('node:fs/promises');
    return { wasmBinary: await readFile(url) };
  }
  return { locateFile: () => url.href };
}

// A lone UTF-16 surrogate (a comment ending in '\ud800') would be encoded to UTF-8 together with
// the next code unit and swallow it — a newline, and with it the next data line: every string
// reaches the core well-formed, lone surrogates replaced by U+FFFD (as TextEncoder does).
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** @param {unknown} s */
export const wellFormed = (s) => (typeof s !== 'string' ? s : s.toWellFormed ? s.toWellFormed() : s.replace(LONE_SURROGATE, '\uFFFD'));
// Options and selections: their own string values made well-formed, anything else as given.
const wellFormedValues = (o) => (o && typeof o === 'object' && !Array.isArray(o) && Object.values(o).some((v) => typeof v === 'string')
  ? Object.fromEntries(Object.entries(o).map(([k, v]) => [k, wellFormed(v)])) : o);
// Point columns may carry slice ids as text.
const wellFormedPoints = (p) => (p && Array.isArray(p.slice) && p.slice.some((v) => typeof v === 'string') ? { ...p, slice: p.slice.map(wellFormed) } : p);

/**
 * @template T
 * @param {T} value
 * @returns {T}
 */
function deepFreeze(value) {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/**
 * Loads the solver (types: spherefit.d.ts).
 * @param {{ wasmBinary?: ArrayBuffer | Uint8Array, module?: WebAssembly.Module, onCore?: (core: any) => void }} [overrides]
 *   wasmBinary: the module's bytes, when import.meta.url cannot find them; module: the module
 *   already compiled (WebAssembly.compileStreaming), only instantiated then; onCore: a test hook,
 *   not part of the API — called with the raw module (tests read its allocator through it)
 * @returns {Promise<import('./spherefit.js').SphereFit>}
 */
export async function loadSphereFit(overrides = {}) {
  const core = await createSphereFitCore(await wasmArguments(overrides));
  overrides.onCore?.(core);
  const files = createFileReader(core, deepFreeze);
  const fileSet = createFileSet(core, files, deepFreeze);

  return Object.freeze({
    parse: (text, options = {}) => core.parse(wellFormed(text), wellFormedValues(options)),
    fit: (slices, options = {}) => core.fitColumns(slices, wellFormedValues(options)),
    fitPoints: (points, options = {}) => core.fitPoints(wellFormedPoints(points), wellFormedValues(options)),
    fitText: (text, options = {}, fileName = undefined) => core.fitText(wellFormed(text), wellFormedValues(options), wellFormed(fileName)),
    fitPointFile: (bytes, fileName, options = {}) => core.fitPointFile(bytes, wellFormedValues(options), wellFormed(fileName)),
    readVolume: files.readVolume,
    fitVolume: (volume, selection = {}, options = {}) => core.volumeFit(volume?.id ?? -1, selection, wellFormedValues(options)),
    previewSlice: (volume, axis, index, sphere = undefined) => core.volumePreview(volume?.id ?? -1, axis, index, sphere),
    releaseVolume: files.releaseVolume,
    fitFile: fileSet.fitFile,
    fitFiles: fileSet.fitFiles,
    listSeries: fileSet.listSeries,
    sniff: (head, fileName) => core.sniff(head, fileName),
    checkOptions: (options = {}, selection = undefined) => core.checkOptions(wellFormedValues(options), selection),
    vocabulary: deepFreeze(core.vocabulary()),
    version: core.version(),
  });
}
