// Writes NAME.gz (gzip -9) and NAME.br (brotli, quality 11) beside each file of dist/ that
// compresses, for static hosts that serve precompressed files (and scripts/serve.mjs, which sends
// them when asked). Images and files that are compressed already are left alone.
//
//   precompress(dist) → [{ file, raw, gzip, brotli }] (bytes; paths relative to dist/)
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const SKIP = /(\.(png|jpe?g|gif|webp|gz|br|zip|laz)|(^|[\\/])_headers)$/i;

export function listFiles(folder) {
  const out = [];
  for (const name of readdirSync(folder)) {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) out.push(...listFiles(path));
    else out.push(path);
  }
  return out;
}

export function compressed(bytes) {
  return {
    gzip: gzipSync(bytes, { level: 9 }),
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }),
  };
}

/** @param {string} dist */
export function precompress(dist) {
  const sizes = [];
  for (const path of listFiles(dist)) {
    if (SKIP.test(path)) continue;
    const bytes = readFileSync(path);
    const { gzip, brotli } = compressed(bytes);
    writeFileSync(`${path}.gz`, gzip);
    writeFileSync(`${path}.br`, brotli);
    sizes.push({ file: relative(dist, path).split('\\').join('/'), raw: bytes.length, gzip: gzip.length, brotli: brotli.length });
  }
  return sizes;
}
