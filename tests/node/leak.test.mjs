// 100 000 fits leave the wasm allocator holding what it held after the first: nothing leaks.
// Reads the allocator through the raw module: the library's API has no test hooks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import createSphereFitCore from '../../web/wasm/spherefit-core.js';

const core = await createSphereFitCore({ wasmBinary: readFileSync(new URL('../../web/wasm/spherefit-core.wasm', import.meta.url)) });

test('no leak over 100 000 fits and parses', () => {
  const slices = { x: [0, 0.01, 0], y: [0, 0, 0.02], z: [-1, 0, 1.2], r: [1.72, 2.01, 1.58] };
  const text = 'x y z r\n0 0 -1 1.72\n0.01 0 0 2.01\n0 0.02 1.2 1.58\n';
  core.fitColumns(slices, {});
  core.fitText(text, { robust: true }, undefined);
  core.fitText('1 2 q 4\n', {}, undefined);
  core.fitColumns({ x: [1], y: [] }, { weights: 'nope' });
  const before = core.heapInUse();
  for (let k = 0; k < 100000; ++k) {
    const r = k % 10 === 0 ? core.fitText(text, { robust: k % 20 === 0 }, undefined) : core.fitColumns(slices, { weights: k % 3 ? 'uniform' : 'circumference' });
    if (!r.ok) throw new Error(r.error.message);
    if (k % 1000 === 0) {
      core.fitText('1 2 q 4\n', {}, undefined);
      core.fitColumns({ x: [1, 2], y: [1] }, {});
      core.fitColumns(slices, { unknown: 1 });
    }
  }
  assert.equal(core.heapInUse(), before);
});
