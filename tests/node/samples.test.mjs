// The built-in samples against the spheres they were generated from (the parameters written in
// scripts/make-samples.mjs, not numbers from the solver): each fit lies within 3 of its own
// standard uncertainties of the truth, and the robust fit sets aside exactly the bad slice.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { loadSphereFit } from '../../web/src/lib/spherefit.js';

const sf = await loadSphereFit();
const sample = (name) => readFileSync(new URL(`../../web/samples/${name}.csv`, import.meta.url), 'utf8');

const truths = [
  { name: 'femoral-head-ct', center: [112.4, 98.7, 241.3], radius: 23.6, options: { robust: true } },
  { name: 'calibration-ball-cmm', center: [150.0, 210.0, 42.0], radius: 12.7 },
  { name: 'eyeball-oblique-mri', center: [-3.2, 14.8, 35.5], radius: 12.1 },
  { name: 'bead-cap-ct', center: [5.0, -2.0, 0.35], radius: 1.5 },
  { name: 'calibration-ball-cmm-points', center: [150.0, 210.0, 42.0], radius: 12.7, options: { robust: true } },
  { name: 'femoral-head-contours', center: [112.4, 98.7, 241.3], radius: 23.6, options: { robust: true } },
];

for (const { name, center, radius, options = {} } of truths) {
  test(`${name}: the fit recovers the generating sphere within 3 standard uncertainties`, () => {
    const fit = sf.fitText(sample(name), options);
    assert.equal(fit.ok, true, fit.error?.message);
    for (let k = 0; k < 3; ++k) {
      const z = (fit.center[k] - center[k]) / fit.stdErr.center[k];
      assert.ok(Math.abs(z) < 3, `centre ${k}: ${fit.center[k]} is ${z.toFixed(1)} σ from ${center[k]}`);
    }
    const z = (fit.radius - radius) / fit.stdErr.radius;
    assert.ok(Math.abs(z) < 3, `radius ${fit.radius} is ${z.toFixed(1)} σ from ${radius}`);
  });
}

test('CMM ball scan: the robust fit sets aside the 12 points on the stem and nothing else', () => {
  const fit = sf.fitText(sample('calibration-ball-cmm-points'), { robust: true });
  const rejected = [...fit.inlier].flatMap((v, i) => (v ? [] : [i]));
  assert.deepEqual(rejected, Array.from({ length: 12 }, (_, k) => 240 + k));
});

test('femoral head contours: the robust fit sets aside slice 21 (the leaked outline) and nothing else', () => {
  const fit = sf.fitText(sample('femoral-head-contours'), { robust: true });
  assert.equal(fit.mode, 'contours');
  const rejected = [...fit.inlier].flatMap((v, i) => (v ? [] : [fit.slices.name[i]]));
  assert.deepEqual(rejected, ['21']);
  assert.ok(fit.agreement.centerDistance < 3 * fit.stdErr.center[0] + 0.05);
});

test('femoral head: the robust fit sets aside slice 28 (the leaked contour) and nothing else', () => {
  const fit = sf.fitText(sample('femoral-head-ct'), { robust: true });
  const rejected = [...fit.inlier].flatMap((v, i) => (v ? [] : [i + 1]));
  assert.deepEqual(rejected, [28]);
});
