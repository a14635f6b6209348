// Bundles the page for dist/ with esbuild: the page's boot script and its main module, the solver's
// worker and the style sheet, tree-shaken (three.js keeps only what the views use) and minified,
// each under a content-hashed name. The bundles sit where their sources sit (dist/src/app/), so
// every relative URL in the sources (the samples, the wasm, the DICOM decoders) means the same
// file bundled or not; the wasm is copied to dist/wasm/ under its own hash, and asset-urls.js is
// replaced in the bundles by the hashed names of the worker and the wasm.
// The npm library and the CLI stay plain ES modules: only the page is bundled.
//
//   bundlePage(distFolder) → { files: { boot, main, worker, css, wasm, preload, lazy } }  (paths relative
//   to dist/; preload: the chunks main.js imports statically, lazy: those it imports on demand)
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = fileURLToPath(new URL('../', import.meta.url));
const source = (path) => fileURLToPath(new URL(`../${path}`, import.meta.url));
const hash = (bytes) => createHash('sha256').update(bytes).digest('hex').slice(0, 12);

// The page imports three.js from the folder that served it unbundled; the bundle takes it from
// the npm package (both files resolve to one copy of the library).
const threeFromPackage = {
  name: 'three-from-package',
  setup(build) {
    build.onResolve({ filter: /vendor\/three\/three\.module\.js$/ }, () => ({ path: source('node_modules/three/build/three.module.js') }));
    build.onResolve({ filter: /vendor\/three\/OrbitControls\.js$/ }, () => ({ path: source('node_modules/three/examples/jsm/controls/OrbitControls.js') }));
  },
};

const assetUrls = (names) => ({
  name: 'asset-urls',
  setup(build) {
    build.onLoad({ filter: /web[\\/]src[\\/]app[\\/]asset-urls\.js$/ }, () => ({
      loader: 'js',
      contents: `export const workerUrl = new URL(${JSON.stringify(`./${names.worker}`)}, import.meta.url);\n`
        + `export const exportWorkerUrl = new URL(${JSON.stringify(`./${names.exportWorker}`)}, import.meta.url);\n`
        + `export const wasmUrl = new URL(${JSON.stringify(`../../${names.wasm}`)}, import.meta.url);\n`,
    }));
  },
});

const COMMON = {
  bundle: true, minify: true, format: 'esm', target: 'es2022', platform: 'browser', write: true,
  metafile: true, entryNames: '[name]-[hash]', legalComments: 'eof', logLevel: 'warning',
  // The library's Node-only branch (reading the wasm from disk) never runs in a browser.
  external: ['node:*'],
};

function outputs(result, dist) {
  const out = {};
  for (const [file, meta] of Object.entries(result.metafile.outputs)) {
    if (!meta.entryPoint) continue;
    const name = meta.entryPoint.split('/').pop().replace(/\.(js|css)$/, '');
    out[name] = relative(dist, file).split('\\').join('/');
  }
  return out;
}

/** @param {string} dist  the dist/ folder (absolute) */
export async function bundlePage(dist) {
  const wasmBytes = readFileSync(source('web/wasm/spherefit-core.wasm'));
  const wasm = `wasm/spherefit-core-${hash(wasmBytes)}.wasm`;
  mkdirSync(`${dist}/wasm`, { recursive: true });
  writeFileSync(`${dist}/${wasm}`, wasmBytes);

  const outdir = `${dist}/src/app`;
  const opts = { ...COMMON, absWorkingDir: root, outdir };
  const workerBuild = await esbuild.build({ ...opts, entryPoints: ['web/src/app/solver.worker.js'], plugins: [assetUrls({ worker: 'unused.js', exportWorker: 'unused.js', wasm })] });
  const worker = outputs(workerBuild, dist)['solver.worker'];
  // The worker that writes large exports (point-export.js), bundled on its own the same way.
  const exportBuild = await esbuild.build({ ...opts, entryPoints: ['web/src/app/export.worker.js'], plugins: [assetUrls({ worker: 'unused.js', exportWorker: 'unused.js', wasm })] });
  const exportWorker = outputs(exportBuild, dist)['export.worker'];
  const plugins = [threeFromPackage, assetUrls({ worker: worker.split('/').pop(), exportWorker: exportWorker.split('/').pop(), wasm })];
  // boot.js on its own (no chunk it would wait for); main.js split at its dynamic import of the
  // 3D view (three.js), with whatever both share in chunks that main.js imports statically.
  const bootBuild = await esbuild.build({ ...opts, entryPoints: ['web/src/app/boot.js'], plugins });
  const mainBuild = await esbuild.build({ ...opts, entryPoints: ['web/src/app/main.js'], splitting: true, chunkNames: '[name]-[hash]', plugins });
  const page = { ...outputs(bootBuild, dist), ...outputs(mainBuild, dist) };
  const mainMeta = mainBuild.metafile.outputs[Object.keys(mainBuild.metafile.outputs).find((f) => relative(dist, f).split('\\').join('/') === page.main)];
  const preload = mainMeta.imports.filter((i) => i.kind === 'import-statement').map((i) => relative(dist, i.path).split('\\').join('/'));
  const lazy = mainMeta.imports.filter((i) => i.kind === 'dynamic-import').map((i) => relative(dist, i.path).split('\\').join('/'));
  const cssBuild = await esbuild.build({ ...COMMON, absWorkingDir: root, outdir: dist, entryPoints: ['web/styles.css'] });
  const css = outputs(cssBuild, dist).styles;
  return { files: { boot: page.boot, main: page.main, worker, exportWorker, css, wasm, preload, lazy } };
}
