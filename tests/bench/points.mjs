// The point fit at scale, in one run, printed as ratios (timings belong here, not in tests):
// 10⁶ points natively (tests/cpp/fit_cli.cpp), in wasm, and with scipy's least_squares (the
// analytic Jacobian, Debian's python3-scipy); wasm memory per point; 10⁷ points in wasm.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { loadSphereFit } from '../../web/src/lib/spherefit.js';
import { time } from './timing.mjs';
import createSphereFitCore from '../../web/wasm/spherefit-core.js';
import { randomFrom } from '../node/reference.mjs';

const sf = await loadSphereFit();

// Points on a ball of radius 25 at (10, 20, 30), noise 0.01 along the normal, seeded.
function noisyPoints(n, seed) {
  const rnd = randomFrom(seed);
  const x = new Float64Array(n), y = new Float64Array(n), z = new Float64Array(n);
  for (let i = 0; i < n; ++i) {
    const c = 2 * rnd() - 1, a = 2 * Math.PI * rnd(), s = Math.sqrt(1 - c * c), r = 25 + 0.01 * (rnd() + rnd() + rnd() - 1.5);
    x[i] = 10 + r * s * Math.cos(a);
    y[i] = 20 + r * s * Math.sin(a);
    z[i] = 30 + r * c;
  }
  return { x, y, z };
}

const million = noisyPoints(1_000_000, 7);
const build = new URL('../../build/', import.meta.url);
mkdirSync(build, { recursive: true });
const textFile = new URL('bench-points-1m.csv', build).pathname;
writeFileSync(textFile, `x,y,z\n${Array.from(million.x, (_, i) => `${million.x[i]},${million.y[i]},${million.z[i]}`).join('\n')}\n`);
const native = JSON.parse(execFileSync(new URL('native/spherefit_cli', build).pathname, [textFile, '10']).toString());
const wasmMs = time(() => sf.fitPoints(million), 10);
const ours = sf.fitPoints(million);
console.log(`fit of 10⁶ points: native ${native.fitMs.toFixed(1)} ms, wasm ${wasmMs.toFixed(1)} ms (incl. copy in and out) → wasm/native ${(wasmMs / native.fitMs).toFixed(2)}×`);

const binary = new URL('bench-points-1m.f64', build).pathname;
const interleaved = new Float64Array(3 * million.x.length);
for (let i = 0; i < million.x.length; ++i) interleaved.set([million.x[i], million.y[i], million.z[i]], 3 * i);
writeFileSync(binary, Buffer.from(interleaved.buffer));
try {
  const scipy = JSON.parse(execFileSync('/usr/bin/python3', [new URL('scipy_points.py', import.meta.url).pathname, binary]).toString());
  const gap = Math.max(...[0, 1, 2].map((k) => Math.abs(scipy.center[k] - ours.center[k])), Math.abs(scipy.radius - ours.radius));
  console.log(`scipy least_squares (analytic Jacobian): ${scipy.ms.toFixed(0)} ms → ours (wasm) is ${(scipy.ms / wasmMs).toFixed(1)}× faster, native ${(scipy.ms / native.fitMs).toFixed(1)}×; the answers agree to ${gap.toExponential(1)} on R = 25`);
} catch (err) {
  console.log(`scipy baseline skipped: ${err.message.split('\n')[0]}`);
}

const text = `x,y,z\n${Array.from(million.x, (_, i) => `${million.x[i].toFixed(4)},${million.y[i].toFixed(4)},${million.z[i].toFixed(4)}`).join('\n')}\n`;
console.log(`read and fit a 10⁶-line text (${(text.length / 1e6).toFixed(1)} MB) in wasm: ${time(() => sf.fitText(text), 3).toFixed(0)} ms`);

// Memory: a fresh module's linear memory after fitting 10⁷ points, per point (wasm memory only
// ever grows, so its size is the peak). The raw module, since the library has no test hooks.
const core = await createSphereFitCore({ wasmBinary: readFileSync(new URL('../../web/wasm/spherefit-core.wasm', import.meta.url)) });
const before = core.HEAP8.length;
const ten = noisyPoints(10_000_000, 8);
const t0 = performance.now();
const big = core.fitPoints(ten, {});
const grown = core.HEAP8.length - before;
console.log(`fit of 10⁷ points in wasm: ${big.ok ? 'ok' : big.error.code} in ${(performance.now() - t0).toFixed(0)} ms; wasm memory grew by ${(grown / 1e6).toFixed(0)} MB = ${(grown / 1e7).toFixed(1)} bytes per point`);
