// wasm against native on the same 100 000 slices, against the plain-JavaScript Gauss–Newton a web
// developer would write (sampled circle points), robust against plain, and the module's size.
// Prints ratios; asserts nothing (timings belong in benchmarks, not tests).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { loadSphereFit } from '../../web/src/lib/spherefit.js';
import { median, time } from './timing.mjs';
import { sliceSphere, randomFrom } from '../node/reference.mjs';

const sf = await loadSphereFit();

function noisySlices(n, seed) {
  const rnd = randomFrom(seed);
  const slices = sliceSphere([3, 4, 5], 20, Array.from({ length: n }, () => ({ h: 38 * rnd() - 19 })));
  for (let i = 0; i < n; ++i) {
    slices.r[i] += 0.04 * (rnd() - 0.5);
    slices.x[i] += 0.04 * (rnd() - 0.5);
  }
  delete slices.nx; delete slices.ny; delete slices.nz;
  return Object.fromEntries(Object.entries(slices).map(([k, v]) => [k, Float64Array.from(v)]));
}

// The baseline: sample each circle at 16 points and run Gauss–Newton on the point cloud.
function baselineFit(slices, samples = 16) {
  const n = slices.x.length, m = n * samples;
  const px = new Float64Array(m), py = new Float64Array(m), pz = new Float64Array(m);
  for (let i = 0; i < n; ++i) {
    for (let k = 0; k < samples; ++k) {
      const t = (2 * Math.PI * k) / samples;
      px[i * samples + k] = slices.x[i] + slices.r[i] * Math.cos(t);
      py[i * samples + k] = slices.y[i] + slices.r[i] * Math.sin(t);
      pz[i * samples + k] = slices.z[i];
    }
  }
  let cx = 0, cy = 0, cz = 0, R = 0;
  for (let j = 0; j < m; ++j) { cx += px[j] / m; cy += py[j] / m; cz += pz[j] / m; }
  for (let j = 0; j < m; ++j) R += Math.hypot(px[j] - cx, py[j] - cy, pz[j] - cz) / m;
  for (let iter = 0; iter < 50; ++iter) {
    const A = new Float64Array(16), b = new Float64Array(4);
    for (let j = 0; j < m; ++j) {
      const dx = px[j] - cx, dy = py[j] - cy, dz = pz[j] - cz;
      const d = Math.hypot(dx, dy, dz);
      const J = [-dx / d, -dy / d, -dz / d, -1];
      const e = d - R;
      for (let a = 0; a < 4; ++a) {
        b[a] -= J[a] * e;
        for (let c = 0; c < 4; ++c) A[a * 4 + c] += J[a] * J[c];
      }
    }
    const s = solve(A, b);
    cx += s[0]; cy += s[1]; cz += s[2]; R += s[3];
    if (Math.hypot(...s) < 1e-12 * R) break;
  }
  return { center: [cx, cy, cz], radius: R };
}

function solve(A, b) {
  const M = Array.from({ length: 4 }, (_, i) => [...A.slice(i * 4, i * 4 + 4), b[i]]);
  for (let c = 0; c < 4; ++c) {
    for (let r = c + 1; r < 4; ++r) {
      const f = M[r][c] / M[c][c];
      for (let k = c; k < 5; ++k) M[r][k] -= f * M[c][k];
    }
  }
  const x = [0, 0, 0, 0];
  for (let i = 3; i >= 0; --i) {
    let s = M[i][4];
    for (let k = i + 1; k < 4; ++k) s -= M[i][k] * x[k];
    x[i] = s / M[i][i];
  }
  return x;
}

const wasmBytes = readFileSync(new URL('../../web/wasm/spherefit-core.wasm', import.meta.url));
const gz = gzipSync(wasmBytes, { level: 9 }).length;
console.log(`spherefit-core.wasm: ${(wasmBytes.length / 1024).toFixed(1)} KiB (${wasmBytes.length} B), gzip ${(gz / 1024).toFixed(1)} KiB`);

const big = noisySlices(100000, 1);
mkdirSync(new URL('../../build/', import.meta.url), { recursive: true });
const file = new URL('../../build/bench-100k.csv', import.meta.url).pathname;
writeFileSync(file, 'x,y,z,r\n' + Array.from(big.x, (_, i) => `${big.x[i]},${big.y[i]},${big.z[i]},${big.r[i]}`).join('\n'));
const nativeMs = median([0, 1, 2].map(() => JSON.parse(execFileSync(new URL('../../build/native/spherefit_cli', import.meta.url).pathname, [file, '5']).toString()).fitMs));
const wasmMs = time(() => sf.fit(big), 5);
const baselineMs = time(() => baselineFit(big), 3);
const ours = sf.fit(big), base = baselineFit(big);
console.log(`fit of 100 000 slices: native ${nativeMs.toFixed(2)} ms, wasm ${wasmMs.toFixed(2)} ms (incl. copy in and out) → wasm/native ${(wasmMs / nativeMs).toFixed(2)}×`);
console.log(`plain-JS Gauss–Newton on 16 points per circle: ${baselineMs.toFixed(1)} ms → ours is ${(baselineMs / wasmMs).toFixed(1)}× faster`);
const gap = Math.max(Math.hypot(base.center[0] - ours.center[0], base.center[1] - ours.center[1], base.center[2] - ours.center[2]), Math.abs(base.radius - ours.radius));
console.log(`  (the two answers agree to ${gap.toExponential(1)} on a sphere of radius 20)`);

const thousand = noisySlices(1000, 2);
for (let i = 0; i < 1000; i += 5) thousand.r[i] *= 1.3;
const plainMs = time(() => sf.fit(thousand), 20), robustMs = time(() => sf.fit(thousand, { robust: true }), 20);
console.log(`1 000 slices, 20 % bad: plain ${plainMs.toFixed(3)} ms, robust ${robustMs.toFixed(3)} ms → robust/plain ${(robustMs / plainMs).toFixed(1)}×`);
for (const n of [10, 1000]) {
  const s = noisySlices(n, 3);
  console.log(`wasm fit of ${n} slices: ${time(() => sf.fit(s), 50).toFixed(3)} ms`);
}
