// 100 000 fits leave the wasm allocator holding what it held after the first: nothing leaks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadSphereFit } from '../../web/src/spherefit.js';

const sf = await loadSphereFit();

test('no leak over 100 000 fits and parses', () => {
  const slices = { x: [0, 0.01, 0], y: [0, 0, 0.02], z: [-1, 0, 1.2], r: [1.72, 2.01, 1.58] };
  const text = 'x y z r\n0 0 -1 1.72\n0.01 0 0 2.01\n0 0.02 1.2 1.58\n';
  sf.fit(slices);
  sf.fitText(text, { robust: true });
  sf.fitText('1 2 q 4\n');
  const before = sf.heapInUse();
  for (let k = 0; k < 100000; ++k) {
    const r = k % 10 === 0 ? sf.fitText(text, { robust: k % 20 === 0 }) : sf.fit(slices, { weights: k % 3 ? 'uniform' : 'circumference' });
    if (!r.ok) throw new Error(r.error.message);
    if (k % 1000 === 0) sf.fitText('1 2 q 4\n');
  }
  assert.equal(sf.heapInUse(), before);
});
