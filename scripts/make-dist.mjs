// Assembles the static site in dist/: the page, its modules (src/app/ the page, src/lib/ the
// library it runs), the wasm module, the samples, three.js and ES module copies of the DICOM
// reader's decoders (vendor/dicom/, scripts/vendor-dicom.mjs: a page without a bundler hands
// configureDicomCodecs({ baseUrl }) that folder). Paths are relative, so dist/ can be hosted from
// any folder of any static server.
// Also writes dist/_headers (the format of static hosts that read one: Netlify, Cloudflare
// Pages, …): the page's Content-Security-Policy as a header, with what a <meta> tag cannot carry
// (frame-ancestors), so the page cannot be framed. scripts/serve.mjs sends the same headers.
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { vendorDicom } from './vendor-dicom.mjs';

const root = new URL('../', import.meta.url);
const dist = new URL('dist/', root);
rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });
for (const entry of ['index.html', 'styles.css', 'src', 'samples', 'wasm']) {
  if (existsSync(new URL(`web/${entry}`, root))) cpSync(new URL(`web/${entry}`, root), new URL(entry, dist), { recursive: true });
}
const vendor = new URL('vendor/three/', dist);
mkdirSync(vendor, { recursive: true });
const three = new URL('node_modules/three/', root);
for (const file of ['build/three.module.js', 'build/three.core.js', 'LICENSE']) {
  cpSync(new URL(file, three), new URL(file.split('/').pop(), vendor));
}
// The example controls import the bare name 'three'; a page without a bundler or an inline
// import map (which the Content-Security-Policy forbids) needs a relative path instead.
const controls = readFileSync(new URL('examples/jsm/controls/OrbitControls.js', three), 'utf8');
writeFileSync(new URL('OrbitControls.js', vendor), controls.replaceAll("from 'three'", "from './three.module.js'"));
vendorDicom(fileURLToPath(new URL('vendor/dicom/', dist)));

// The policy is written once, in index.html's <meta>; the header adds frame-ancestors. It goes on
// every file, so the solver's worker runs under it too: the wasm module is built with
// -sDYNAMIC_EXECUTION=0, so embind needs no `new Function` (no 'unsafe-eval'), only
// 'wasm-unsafe-eval' to compile the module.
const html = readFileSync(new URL('web/index.html', root), 'utf8');
const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html);
if (!meta) throw new Error('web/index.html has no Content-Security-Policy <meta> tag');
const every = {
  'Content-Security-Policy': `${meta[1]}; frame-ancestors 'none'`, 'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer',
};
const block = (path, headers) => `${path}\n${Object.entries(headers).map(([k, v]) => `  ${k}: ${v}`).join('\n')}\n`;
writeFileSync(new URL('_headers', dist), block('/*', every));
console.log(`dist/ ready: ${dist.pathname}`);
