// The solver's JavaScript API: the same module in a page, a Web Worker and Node ≥ 20.
//
//   const sf = await loadSphereFit();
//   sf.parse(text, options)        → { ok: true, mode: 'circles', slices, warnings }
//                                    | { ok: true, mode: 'points', points, warnings } | { ok: false, error }
//   sf.fit(slices, options)        → result | { ok: false, error }
//   sf.fitPoints(points, options)  → result for points { x, y, z, slice? } (slice: ids, integer or text)
//   sf.fitText(text, options, fileName?) → read + fit (the result also carries the `slices` or
//                                    `points` read, with the line of each); an error names its line
//   sf.vocabulary                  → the names the core accepts and returns: error and warning
//                                    codes, weight modes, input modes, fit types
//   sf.version
// slices: columns { x, y, z, r, nx?, ny?, nz?, w? } (arrays or typed arrays, one length).
// options: { weights, mode, fitType, robust, radius, minRadius, maxRadius, units, maxIterations }.
//
// Thin on purpose: the core (wasm/bindings.cpp) checks every column and option and owns every
// message, so this file adds no rules of its own. Bad data never throws: it comes back as
// { ok: false, error: { code, message, line?, column?, offset?, slice?, point?, notes? } }.
import createSphereFitCore from '../wasm/spherefit-core.js';

const isNode = () => typeof process !== 'undefined' && Boolean(process.versions?.node);

async function wasmArguments(overrides) {
  if (overrides.wasmBinary) return { wasmBinary: overrides.wasmBinary };
  const url = new URL('../wasm/spherefit-core.wasm', import.meta.url);
  if (isNode()) {
    // Emscripten's ES module mistakes Node for a browser; hand it the bytes instead.
    const { readFile } = await import('node:fs/promises');
    return { wasmBinary: await readFile(url) };
  }
  return { locateFile: () => url.href };
}

function deepFreeze(value) {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

export async function loadSphereFit(overrides = {}) {
  const core = await createSphereFitCore(await wasmArguments(overrides));
  return Object.freeze({
    parse: (text, options = {}) => core.parse(text, options),
    fit: (slices, options = {}) => core.fitColumns(slices, options),
    fitPoints: (points, options = {}) => core.fitPoints(points, options),
    fitText: (text, options = {}, fileName = undefined) => core.fitText(text, options, fileName),
    vocabulary: deepFreeze(core.vocabulary()),
    version: core.version(),
  });
}
