// Writes ES module copies of the DICOM reader's npm dependencies into a folder, for a page served
// without a bundler: web/src/lib/dicom/codecs.js imports them from there after
// configureDicomCodecs({ baseUrl }). The packages ship CommonJS/UMD files (dicom-parser, the
// Emscripten codecs); each copy is the package's file unchanged between a fixed preamble that
// gives it `module`, `exports` and `require`, and a line that exports `module.exports` — a static
// file, nothing evaluated from a string, so it runs under script-src 'self' 'wasm-unsafe-eval'.
// The .wasm files are copied beside them, with each package's licence.
//
//   node scripts/vendor-dicom.mjs OUT_FOLDER          (make-dist.mjs: dist/vendor/dicom/)
import { copyFileSync, mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const modules = fileURLToPath(new URL('../node_modules/', import.meta.url));
const pkgDir = (name) => join(modules, name);

/** [package, file in the package, vendored name, wasm file or null, kind] */
const MODULES = [
  ['dicom-parser', 'dist/dicomParser.min.js', 'dicom-parser.js', null, 'cjs'],
  ['@cornerstonejs/codec-libjpeg-turbo-8bit', 'dist/libjpegturbowasm_decode.js', 'libjpeg-turbo.js', 'dist/libjpegturbowasm_decode.wasm', 'cjs'],
  ['@cornerstonejs/codec-charls', 'dist/charlswasm_decode.js', 'charls.js', 'dist/charlswasm_decode.wasm', 'cjs'],
  ['@cornerstonejs/codec-openjpeg', 'dist/openjpegwasm_decode.js', 'openjpeg.js', 'dist/openjpegwasm_decode.wasm', 'cjs'],
  ['@cornerstonejs/codec-openjph', 'dist/openjphjs.js', 'openjph.js', 'dist/openjphjs.wasm', 'cjs'],
  ['@cornerstonejs/jpeg-lossless-decoder-js', 'release/lossless.js', 'jpeg-lossless.js', null, 'esm'],
];

const PREAMBLE = '// Vendored by scripts/vendor-dicom.mjs: the package file below, unchanged, as an ES module.\n'
  + 'const module = { exports: {} };\nconst exports = module.exports;\n'
  + 'const require = () => ({});  // dicom-parser asks for zlib, which it does not use here\n';

/**
 * @param {string} out  folder to write (created)
 * @returns {{ file: string, bytes: number }[]} what was written
 */
export function vendorDicom(out) {
  mkdirSync(out, { recursive: true });
  const written = [];
  for (const [pkg, file, name, wasm, kind] of MODULES) {
    const dir = pkgDir(pkg);
    const source = readFileSync(join(dir, file), 'utf8');
    const body = kind === 'esm' ? source : `${PREAMBLE}${source}\nexport default module.exports;\n`;
    writeFileSync(join(out, name), body);
    written.push({ file: name, bytes: Buffer.byteLength(body) });
    if (wasm) {
      const target = join(out, wasm.split('/').pop());
      copyFileSync(join(dir, wasm), target);
      written.push({ file: wasm.split('/').pop(), bytes: readFileSync(target).length });
    }
    for (const lic of ['LICENSE', 'LICENSE.md', 'LICENSE.txt']) {
      if (existsSync(join(dir, lic))) { copyFileSync(join(dir, lic), join(out, `${name.replace(/\.js$/, '')}.LICENSE.txt`)); break; }
    }
  }
  return written;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = process.argv[2];
  if (!out) { console.error('usage: node scripts/vendor-dicom.mjs OUT_FOLDER'); process.exit(2); }
  for (const w of vendorDicom(out)) console.log(`${w.file}\t${(w.bytes / 1024).toFixed(0)} kB`);
}
