// The same data through the native build (tests/cpp/fit_cli.cpp) and through wasm: the same
// numbers to 1e-12, so what the page shows is what the native tests verified.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { loadSphereFit } from '../../web/src/lib/spherefit.js';

const cli = new URL('../../build/native/spherefit_cli', import.meta.url).pathname;
const files = [
  ...readdirSync(new URL('../../web/samples/', import.meta.url)).filter((f) => f.endsWith('.csv')).map((f) => new URL(`../../web/samples/${f}`, import.meta.url)),
  ...readdirSync(new URL('../data/', import.meta.url)).filter((f) => f.endsWith('.csv')).map((f) => new URL(`../data/${f}`, import.meta.url)),
];
const sf = await loadSphereFit();

test('the native command-line fit is built', () => assert.ok(existsSync(cli), `${cli} missing: run scripts/test.sh`));

for (const file of files) {
  test(`wasm = native on ${file.pathname.split('/').slice(-2).join('/')}`, () => {
    const native = JSON.parse(execFileSync(cli, [file.pathname]).toString());
    const wasm = sf.fitText(readFileSync(file, 'utf8'));
    assert.equal(wasm.ok, true);
    // 1e-12·R, and along a flat valley of a poorly conditioned fit (a single sphere across a ball
    // plate: R 930 ± 130) a ten-billionth of the standard uncertainty, where the two builds'
    // rounding lets the iterations stop at points no measurement could tell apart.
    const scale = native.radius;
    const se = wasm.stdErr ?? { center: [0, 0, 0], radius: 0 };
    for (let k = 0; k < 3; ++k) assert.ok(Math.abs(wasm.center[k] - native.center[k]) <= 1e-12 * scale + 1e-10 * se.center[k], `centre ${k}`);
    assert.ok(Math.abs(wasm.radius - native.radius) <= 1e-12 * scale + 1e-10 * (se.radius ?? 0));
  });
}
