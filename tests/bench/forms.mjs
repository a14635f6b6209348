// The form fits at scale, in one run: 10⁵ noisy points, minimum zone and circumscribed (and the
// inscribed sphere), natively (tests/cpp/fit_cli.cpp) and in wasm, printed as ratios.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadSphereFit } from '../../web/src/lib/spherefit.js';
import { time } from './timing.mjs';
import { randomFrom } from '../node/reference.mjs';

const sf = await loadSphereFit();

const rnd = randomFrom(11);
const n = 100_000;
const x = new Float64Array(n), y = new Float64Array(n), z = new Float64Array(n);
for (let i = 0; i < n; ++i) {
  const c = 2 * rnd() - 1, a = 2 * Math.PI * rnd(), s = Math.sqrt(1 - c * c), r = 20 + 0.02 * (rnd() + rnd() + rnd() - 1.5);
  x[i] = 5 + r * s * Math.cos(a);
  y[i] = -3 + r * s * Math.sin(a);
  z[i] = 8 + r * c;
}
const build = new URL('../../build/', import.meta.url);
mkdirSync(build, { recursive: true });
const file = new URL('bench-forms-100k.csv', build).pathname;
writeFileSync(file, `x,y,z\n${Array.from(x, (_, i) => `${x[i]},${y[i]},${z[i]}`).join('\n')}\n`);
const cli = new URL('native/spherefit_cli', build).pathname;
for (const fitType of ['least-squares', 'minimum-zone', 'minimum-circumscribed', 'maximum-inscribed']) {
  const native = JSON.parse(execFileSync(cli, [file, '5', fitType]).toString());
  const wasmMs = time(() => sf.fitPoints({ x, y, z }, { fitType }), 5);
  const ours = sf.fitPoints({ x, y, z }, { fitType });
  const gap = Math.max(...[0, 1, 2].map((k) => Math.abs(ours.center[k] - native.center[k])), Math.abs(ours.radius - native.radius));
  console.log(`${fitType.padEnd(22)} 10⁵ points: native ${native.fitMs.toFixed(1)} ms, wasm ${wasmMs.toFixed(1)} ms (incl. copy) → wasm/native ${(wasmMs / native.fitMs).toFixed(2)}×; form error ${ours.form.error.toExponential(3)}; native and wasm agree to ${gap.toExponential(1)}`);
}
