// Assembles the static site in dist/: the page, its modules, the wasm module, the samples and
// three.js. Paths are relative, so dist/ can be hosted from any folder of any static server.
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';

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
console.log(`dist/ ready: ${dist.pathname}`);
