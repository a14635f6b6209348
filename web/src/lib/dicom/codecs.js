// Loads dicom-parser and the pixel codecs on first use, with a dynamic import(), so a page that
// never opens a DICOM file never fetches them, and one that opens only uncompressed files never
// fetches a codec. The codecs are the Cornerstone project's WebAssembly builds of the reference
// libraries (libjpeg-turbo, CharLS, OpenJPEG, OpenJPH) and its JavaScript JPEG lossless decoder;
// see docs/dicom.md for the choice.
//
// Where they come from:
//  - by default, the npm packages by name ('@cornerstonejs/codec-charls/decodewasmjs', …): Node
//    and bundlers resolve them, and each Emscripten module finds its .wasm beside itself;
//  - in a page served without a bundler, configureDicomCodecs({ baseUrl }) names a folder of ES
//    module copies of them (written by scripts/vendor-dicom.mjs): '<baseUrl>/dicom-parser.js',
//    '<baseUrl>/charls.js' + 'charlswasm_decode.wasm', … The copies are the packages' files with
//    a static CommonJS shim around them: nothing is evaluated from a string, so they run under
//    script-src 'self' 'wasm-unsafe-eval'.

/** @typedef {'dicomParser' | 'jpeg' | 'jpegLossless' | 'jpegLs' | 'jpeg2000' | 'htj2k'} CodecName */

/** Package specifier, vendored file and wasm file of each module. */
const SOURCES = {
  dicomParser: { pkg: 'dicom-parser', file: 'dicom-parser.js' },
  jpeg: { pkg: '@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasmjs', file: 'libjpeg-turbo.js', wasm: 'libjpegturbowasm_decode.wasm' },
  jpegLossless: { pkg: '@cornerstonejs/jpeg-lossless-decoder-js', file: 'jpeg-lossless.js' },
  jpegLs: { pkg: '@cornerstonejs/codec-charls/decodewasmjs', file: 'charls.js', wasm: 'charlswasm_decode.wasm' },
  jpeg2000: { pkg: '@cornerstonejs/codec-openjpeg/decodewasmjs', file: 'openjpeg.js', wasm: 'openjpegwasm_decode.wasm' },
  htj2k: { pkg: '@cornerstonejs/codec-openjph/wasmjs', file: 'openjph.js', wasm: 'openjphjs.wasm' },
};

/** @type {{ baseUrl: string | null, importer: ((specifier: string) => Promise<any>) | null }} */
const config = { baseUrl: null, importer: null };
/** @type {Map<string, Promise<any>>} */
const loading = new Map();
/** Which modules were loaded (for tests and the design note: proof of laziness). */
export const loadedCodecs = new Set();

/**
 * Where the modules come from. Call before the first DICOM file is read (later calls apply to
 * modules not loaded yet).
 * @param {{ baseUrl?: string | URL | null, importer?: ((specifier: string) => Promise<any>) | null }} options
 *   baseUrl: folder (URL, ending in '/') of the vendored ES module copies; null = the npm packages.
 *   importer: a function doing import(specifier) in the caller's module (a bundler sees it there).
 */
export function configureDicomCodecs(options = {}) {
  if ('baseUrl' in options) config.baseUrl = options.baseUrl ? String(options.baseUrl) : null;
  if ('importer' in options) config.importer = options.importer ?? null;
}

async function importModule(name) {
  const source = SOURCES[name];
  const base = config.baseUrl;  // as it is now: a later configureDicomCodecs does not move this module's files
  if (base) {
    const url = new URL(source.file, base).href;
    return { module: await import(/* @vite-ignore */ url), locate: (f) => new URL(f, base).href };
  }
  const module = config.importer ? await config.importer(source.pkg) : await import(/* @vite-ignore */ source.pkg);
  return { module, locate: null };
}

/**
 * The module (dicom-parser's namespace, the JPEG lossless decoder's exports) or the instantiated
 * Emscripten codec, loaded once. Rejects when it cannot be loaded (the caller turns that into a
 * CodecFailed value).
 * @param {CodecName} name
 * @returns {Promise<any>}
 */
export function loadCodec(name) {
  let p = loading.get(name);
  if (!p) {
    p = (async () => {
      const { module, locate } = await importModule(name);
      const m = module.default ?? module;
      let value = m;
      if (SOURCES[name].wasm) {
        const factory = typeof m === 'function' ? m : m.default;
        const wasm = SOURCES[name].wasm;
        // print/printErr: keep a codec's diagnostics off the console; errors come back as values.
        value = await factory({
          ...(locate ? { locateFile: (f) => (f.endsWith('.wasm') ? locate(wasm) : locate(f)) } : {}),
          print: () => {}, printErr: () => {},
        });
      }
      loadedCodecs.add(name);
      return value;
    })();
    p.catch(() => loading.delete(name));  // a failed load may be retried (another baseUrl)
    loading.set(name, p);
  }
  return p;
}

/**
 * Drops a loaded codec so the next use instantiates it afresh (after a WebAssembly trap or an
 * Emscripten abort the old instance refuses every further call).
 * @param {CodecName} name
 */
export function forgetCodec(name) {
  loading.delete(name);
}
