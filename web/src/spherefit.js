// The solver's JavaScript API: the same module in a page, a Web Worker and Node ≥ 20.
//
//   const sf = await loadSphereFit();
//   sf.parse(text)                 → { ok: true, slices, warnings } | { ok: false, error }
//   sf.fit(slices, options)        → result | { ok: false, error }
//   sf.fitText(text, options)      → parse + fit (the result also carries `slices`, with the
//                                    line of each); an error about a slice names its line
//   sf.version
// slices: columns { x, y, z, r, nx?, ny?, nz?, w? } (arrays or typed arrays, one length).
// options: { weights: 'uniform' | 'circumference' | 'column', robust: boolean, radius: number }.
// Bad data never throws: it comes back as { ok: false, error: { code, message, line?, column? } }.
import createSphereFitCore from '../wasm/spherefit-core.js';

const WEIGHT_MODES = { uniform: 0, circumference: 1, column: 2 };
const REQUIRED = ['x', 'y', 'z', 'r'];
const NORMALS = ['nx', 'ny', 'nz'];

const isNode = () => typeof process !== 'undefined' && Boolean(process.versions?.node);

function failure(code, message) {
  return { ok: false, error: { code, message } };
}

// Options → the core's arguments, or an error value.
export function readOptions(options = {}) {
  const weights = options.weights ?? 'uniform';
  if (!Object.hasOwn(WEIGHT_MODES, weights)) {
    return failure('InvalidOption', `weights must be 'uniform', 'circumference' or 'column', not '${weights}'.`);
  }
  let radius = NaN;
  if (options.radius !== undefined && options.radius !== null && options.radius !== '') {
    radius = Number(options.radius);
    if (!(Number.isFinite(radius) && radius > 0)) {
      return failure('InvalidOption', 'The known radius must be a positive number; leave it empty to fit the radius.');
    }
  }
  return { ok: true, weights: WEIGHT_MODES[weights], robust: Boolean(options.robust), radius };
}

function checkColumns(slices) {
  if (!slices || typeof slices !== 'object') return failure('TooFewSlices', 'No slices: give columns x, y, z and r.');
  for (const name of REQUIRED) {
    if (!slices[name] || typeof slices[name].length !== 'number') {
      return failure('MissingColumn', `The slices have no ${name} column; give x, y, z and r as arrays.`);
    }
  }
  const given = NORMALS.filter((n) => slices[n] != null);
  if (given.length !== 0 && given.length !== 3) {
    return failure('MissingColumn', 'A plane normal needs all three columns nx, ny and nz (or none: slices along Z).');
  }
  const n = slices.x.length;
  for (const name of [...REQUIRED, ...given, ...(slices.w != null ? ['w'] : [])]) {
    if (slices[name].length !== n) {
      return failure('WrongFieldCount', `Column ${name} has ${slices[name].length} values but x has ${n}; give every column one value per slice.`);
    }
  }
  return null;
}

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

export async function loadSphereFit(overrides = {}) {
  const core = await createSphereFitCore(await wasmArguments(overrides));

  const fit = (slices, options = {}) => {
    const opts = readOptions(options);
    if (!opts.ok) return opts;
    const bad = checkColumns(slices);
    if (bad) return bad;
    return core.fitColumns(slices, opts.weights, opts.robust, opts.radius);
  };

  const fitText = (text, options = {}) => {
    const opts = readOptions(options);
    if (!opts.ok) return opts;
    if (typeof text !== 'string') return failure('EmptyInput', 'The slice data must be text.');
    return core.fitText(text, opts.weights, opts.robust, opts.radius);
  };

  const parse = (text) => (typeof text === 'string' ? core.parse(text) : failure('EmptyInput', 'The slice data must be text.'));

  return Object.freeze({
    parse,
    fit,
    fitText,
    version: core.version(),
    /** Bytes the wasm allocator holds for live objects (for leak tests). */
    heapInUse: () => core.heapInUse(),
  });
}
