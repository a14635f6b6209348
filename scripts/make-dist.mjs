// Assembles the static site in dist/: the page bundled by esbuild (scripts/bundle.mjs: boot,
// main and the solver's worker under content-hashed names in dist/src/app/, the wasm in
// dist/wasm/), the samples, the icons, the web app manifest and the service worker
// (make-icons.mjs, make-offline.mjs), ES module copies of the DICOM reader's decoders
// (vendor/dicom/, scripts/vendor-dicom.mjs: loaded on first use), and .gz and .br twins of every
// file that compresses (precompress.mjs). Paths are relative, so dist/ can be hosted from any
// folder of any static server.
// Also writes dist/_headers (the format of static hosts that read one: Netlify, Cloudflare
// Pages, …): the page's Content-Security-Policy as a header, with what a <meta> tag cannot carry
// (frame-ancestors), so the page cannot be framed; hashed files cached for a year, the rest
// revalidated. scripts/serve.mjs sends the same headers.
//   node scripts/make-dist.mjs [--sizes]   (--sizes prints raw, gzip and brotli bytes of each file)
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { vendorDicom } from './vendor-dicom.mjs';
import { bundlePage } from './bundle.mjs';
import { writeIcons } from './make-icons.mjs';
import { writeManifest, writeServiceWorker } from './make-offline.mjs';
import { listFiles, precompress } from './precompress.mjs';

const root = new URL('../', import.meta.url);
const dist = new URL('dist/', root);
const distPath = fileURLToPath(dist);
rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });
if (existsSync(new URL('web/samples', root))) cpSync(new URL('web/samples', root), new URL('samples', dist), { recursive: true });
const three = new URL('node_modules/three/', root);
mkdirSync(new URL('vendor/three/', dist), { recursive: true });
cpSync(new URL('LICENSE', three), new URL('vendor/three/LICENSE', dist));
vendorDicom(fileURLToPath(new URL('vendor/dicom/', dist)));

const { files } = await bundlePage(distPath);
const icons = writeIcons(fileURLToPath(new URL('icons/', dist)));

// The page: its sources' names replaced by the bundles'; the scripts also as modulepreloads, so
// the browser asks for them while it is still reading the head.
const source = readFileSync(new URL('web/index.html', root), 'utf8');
const swap = (text, from, to) => {
  if (!text.includes(from)) throw new Error(`web/index.html has no ${from}`);
  return text.replace(from, to);
};
// The worker's script, the wasm and the default sample are asked for at once too (preload as
// fetch): the worker and the page then find them in the HTTP cache (the hashed files are cached
// for a year), and the wasm's download, the longest on a slow network, starts with the page's.
const defaultSample = /const DEFAULT_SAMPLE = '([^']+)'/.exec(readFileSync(new URL('web/src/app/main.js', root), 'utf8'))?.[1];
if (!defaultSample) throw new Error('web/src/app/main.js names no DEFAULT_SAMPLE');
const fetched = [[files.wasm, ' fetchpriority="high"'], [files.worker, ''], [`samples/${defaultSample}.csv`, '']];
let html = source;
html = swap(html, '<link rel="stylesheet" href="styles.css">',
  [files.boot, files.main, ...files.preload].map((f) => `<link rel="modulepreload" href="${f}">\n  `).join('')
  + fetched.map(([f, extra]) => `<link rel="preload" href="${f}" as="fetch" crossorigin${extra}>\n  `).join('')
  + `<link rel="stylesheet" href="${files.css}">`);
html = swap(html, '<script type="module" async src="src/app/boot.js">', `<script type="module" async src="${files.boot}">`);
html = swap(html, '<script type="module" src="src/app/main.js">', `<script type="module" src="${files.main}">`);
writeFileSync(new URL('index.html', dist), html);
writeManifest(distPath, source, icons);

// The policy is written once, in index.html's <meta>; the header adds frame-ancestors. It goes on
// every file, so the solver's worker and the service worker run under it too: the wasm module is
// built with -sDYNAMIC_EXECUTION=0, so embind needs no `new Function` (no 'unsafe-eval'), only
// 'wasm-unsafe-eval' to compile the module.
const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(source);
if (!meta) throw new Error('web/index.html has no Content-Security-Policy <meta> tag');
const every = {
  'Content-Security-Policy': `${meta[1]}; frame-ancestors 'none'`, 'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer',
};
const forever = { 'Cache-Control': 'public, max-age=31536000, immutable' };
const block = (path, headers) => `${path}\n${Object.entries(headers).map(([k, v]) => `  ${k}: ${v}`).join('\n')}\n`;

// The service worker precaches every file of the page (not the DICOM decoders: megabytes that
// most never need; they are kept once fetched).
const precached = listFiles(distPath).map((f) => f.slice(distPath.length).split('\\').join('/'))
  .filter((f) => !f.startsWith('vendor/') && f !== '_headers');
const sw = writeServiceWorker(distPath, precached);
writeFileSync(new URL('_headers', dist), [block('/*', every), block('/src/app/*', forever), block('/wasm/*', forever),
  block('/sw.js', { 'Cache-Control': 'no-cache' })].join(''));

const sizes = precompress(distPath);
if (process.argv.includes('--sizes')) {
  for (const s of sizes.filter((x) => !x.file.startsWith('vendor/'))) console.log(`${s.file.padEnd(48)} ${String(s.raw).padStart(9)} ${String(s.gzip).padStart(8)} gz ${String(s.brotli).padStart(8)} br`);
}
console.log(`dist/ ready: ${dist.pathname} (version ${sw.version})`);
