// The JavaScript API on the built wasm module: exact spheres, the noisy minimiser against an
// independent JS computation, every error code, and the parser's line/column reporting.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadSphereFit } from '../../web/src/lib/spherefit.js';
import { referenceFit, sliceSphere, randomFrom } from './reference.mjs';

const sf = await loadSphereFit();
const dist = (a, b) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);

function assertSphere(result, center, radius, tol = 1e-10) {
  assert.equal(result.ok, true, result.error?.message);
  assert.ok(dist(result.center, center) <= tol * radius, `centre ${result.center} vs ${center}`);
  assert.ok(Math.abs(result.radius - radius) <= tol * radius, `radius ${result.radius} vs ${radius}`);
}

test('the textbook counterexample gives (1, 2, 3), 5 exactly', () => {
  const slices = sliceSphere([1, 2, 3], 5, [0, 2, 3, 5, 7].map((z) => ({ h: z - 3 })));
  assertSphere(sf.fit(slices), [1, 2, 3], 5, 1e-12);
});

test('random exact spheres, parallel and oblique, 2 to 10 000 slices', () => {
  const seed = 8675309;
  const rnd = randomFrom(seed);
  for (const n of [2, 3, 7, 50, 10000]) {
    for (const oblique of [false, true]) {
      const center = [20 * rnd() - 10, 20 * rnd() - 10, 20 * rnd() - 10];
      const radius = 0.5 + 5 * rnd();
      const planes = Array.from({ length: n }, () => ({
        h: radius * (1.9 * rnd() - 0.95),
        n: oblique ? [rnd() - 0.5, rnd() - 0.5, rnd() - 0.5] : [0, 0, 1],
      }));
      const slices = sliceSphere(center, radius, planes);
      const asTyped = Object.fromEntries(Object.entries(slices).map(([k, v]) => [k, Float64Array.from(v)]));
      assertSphere(sf.fit(asTyped), center, radius);
      assertSphere(sf.fit(slices), center, radius);
    }
  }
});

test('noisy slices: the minimiser of F, as an independent dense sampling finds it', () => {
  const rnd = randomFrom(4711);
  for (let trial = 0; trial < 6; ++trial) {
    const planes = Array.from({ length: 12 }, () => ({ h: 9 * (2 * rnd() - 1), n: trial % 2 ? [rnd(), rnd(), 1] : [0, 0, 1] }));
    const slices = sliceSphere([3, -1, 4], 10, planes);
    for (let i = 0; i < 12; ++i) {
      slices.r[i] += 0.2 * (rnd() - 0.5);
      slices.x[i] += 0.2 * (rnd() - 0.5);
    }
    const fit = sf.fit(slices);
    assert.equal(fit.ok, true);
    const ref = referenceFit(slices, { center: [3.1, -1.1, 4.1], radius: 10.1 });
    assertSphere(fit, ref.center, ref.radius, 1e-9);
  }
});

test('coaxial circles r = 1, 2, 3 at z = 0, 1, 2: the least-squares sphere, not NaN', () => {
  const slices = { x: [0, 0, 0], y: [0, 0, 0], z: [0, 1, 2], r: [1, 2, 3] };
  const fit = sf.fit(slices);
  const ref = referenceFit(slices, { center: [0, 0, 3], radius: 3 });
  assertSphere(fit, ref.center, ref.radius, 1e-9);
  assert.ok(Math.abs(fit.center[2] - 3.0874) < 1e-4 && Math.abs(fit.radius - 3.1091) < 1e-4);
});

test('result shape: typed arrays, uncertainties, coverage', () => {
  const slices = sliceSphere([0, 0, 0], 2, [-1.5, -0.5, 0.5, 1.2, 1.9].map((h) => ({ h })));
  slices.r[2] += 0.01;
  slices.x[1] += 0.01;
  slices.y[3] -= 0.01;
  const fit = sf.fit(slices, { weights: 'circumference' });
  assert.equal(fit.ok, true);
  assert.ok(fit.residuals instanceof Float64Array && fit.residuals.length === 5);
  assert.ok(fit.offsets instanceof Float64Array && fit.inlier instanceof Uint8Array);
  assert.equal(fit.covariance.length, 4);
  assert.ok(fit.stdErr.radius > 0 && fit.stdErr.center.every((s) => s > 0));
  assert.ok(Math.abs(fit.stdErr.radius - Math.sqrt(fit.covariance[3][3])) < 1e-15);
  assert.ok(fit.coverage.minLatitude < 0 && fit.coverage.maxLatitude > 70);
  assert.ok(fit.residuals[2] > 0, 'a too-large circle lies outside the sphere');
  assert.ok(fit.heights instanceof Float64Array);
  [-1.5, -0.5, 0.5, 1.2, 1.9].forEach((h, i) => assert.ok(Math.abs(fit.heights[i] - (h - fit.center[2])) < 1e-12, `height ${i}`));
  const oblique = sf.fit({ x: [1, 0, 0], y: [0, 2, 0], z: [0, 0, 3], r: [2, 1, 1], nx: [1, 0, 0], ny: [0, 3, 0], nz: [0, 0, 1] });
  oblique.heights.forEach((h, i) => {
    const n = [[1, 0, 0], [0, 1, 0], [0, 0, 1]][i], c = [[1, 0, 0], [0, 2, 0], [0, 0, 3]][i];
    assert.ok(Math.abs(h - n.reduce((s, nk, k) => s + nk * (c[k] - oblique.center[k]), 0)) < 1e-12);
  });
  for (const v of [...fit.center, fit.radius, fit.rms, fit.maxAbsResidual, ...fit.residuals]) assert.ok(Number.isFinite(v));
});

test('the core hands the views its confidence ellipsoid and each plane\'s basis', () => {
  const slices = sliceSphere([0, 0, 0], 2, [-1.5, -0.5, 0.5, 1.2, 1.9, -1.1].map((h, i) => ({ h, n: [0.1 * i, 0.2, 1] })));
  slices.r[2] += 0.01;
  slices.x[1] += 0.02;
  slices.y[3] -= 0.01;
  const fit = sf.fit(slices);
  assert.equal(fit.ok, true, fit.error?.message);
  // Σ (a_k²/χ²) e_k e_kᵀ over the ellipsoid's axes rebuilds the centre's 3×3 covariance.
  const { semiAxes, axes, level } = fit.confidenceEllipsoid;
  assert.equal(level, 0.95);
  const chi2 = 7.814727903251178;
  for (let i = 0; i < 3; ++i) {
    for (let j = 0; j < 3; ++j) {
      const rebuilt = axes.reduce((s, a, k) => s + (semiAxes[k] ** 2 / chi2) * a[i] * a[j], 0);
      assert.ok(Math.abs(rebuilt - fit.covariance[i][j]) < 1e-12 * fit.covariance[0][0] + 1e-300, `${i},${j}`);
    }
  }
  const parsed = sf.parse('x y z r nx ny nz\n0 0 0 1 1 2 3\n0 0 1 1 0 0 -4\n0 0 2 1 -1 0 0\n');
  const { nx, ny, nz, u, v } = parsed.slices;
  const dot = (a, b) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
  for (let i = 0; i < 3; ++i) {
    const l = Math.hypot(nx[i], ny[i], nz[i]);
    const n = [nx[i] / l, ny[i] / l, nz[i] / l], ui = u.subarray(3 * i, 3 * i + 3), vi = v.subarray(3 * i, 3 * i + 3);
    for (const [a, b, expected] of [[ui, ui, 1], [vi, vi, 1], [ui, vi, 0], [ui, n, 0], [vi, n, 0]]) assert.ok(Math.abs(dot(a, b) - expected) < 1e-15);
    const cross = [ui[1] * vi[2] - ui[2] * vi[1], ui[2] * vi[0] - ui[0] * vi[2], ui[0] * vi[1] - ui[1] * vi[0]];
    assert.ok(Math.abs(dot(cross, n) - 1) < 1e-15, 'u × v = n');
  }
});

test('the vocabulary comes from the core', () => {
  assert.deepEqual([...sf.vocabulary.weightModes], ['uniform', 'circumference', 'column']);
  assert.deepEqual([...sf.vocabulary.fitTypes], ['least-squares', 'minimum-zone', 'minimum-circumscribed', 'maximum-inscribed']);
  assert.ok(sf.vocabulary.errorCodes.includes('InvalidColumns') && sf.vocabulary.warningCodes.includes('ExactlyDetermined'));
  assert.ok(Object.isFrozen(sf.vocabulary.errorCodes));
});

test('fitText = parse + fit, with the parser warnings first', () => {
  const text = 'id,x,y,z,r\n1,0,0,-1,1.7320508075688772\n2,0,0,0,2\n3,0,0,1.5,1.3228756555322954\n';
  const parsed = sf.parse(text);
  assert.equal(parsed.ok, true);
  assert.deepEqual([...parsed.slices.line], [2, 3, 4]);
  const a = sf.fitText(text), b = sf.fit(parsed.slices);
  assert.deepEqual(a.center, b.center);
  assert.equal(a.radius, b.radius);
  assert.equal(a.warnings[0].code, 'UnknownColumn');
  assert.match(a.warnings[0].message, /'id'/);
  assertSphere(a, [0, 0, 0], 2, 1e-12);
});

test('known radius and robust options', () => {
  const slices = sliceSphere([1, 1, 1], 4, [0.5, 1, 2, 3, 3.5].map((h) => ({ h })));
  const fixed = sf.fit(slices, { radius: 4 });
  assertSphere(fixed, [1, 1, 1], 4);
  assert.equal(fixed.radiusFixed, true);
  assert.equal(fixed.stdErr.radius, null, 'a known radius has no uncertainty of its own');
  assert.ok(fixed.stdErr.center.every((s) => s < 1e-12), 'exact data: the centre is certain');
  const bad = sliceSphere([0, 0, 0], 5, [-4, -3, -2, -1, 0, 1, 2, 3, 4].map((h) => ({ h })));
  bad.r[4] *= 1.3;
  const plain = sf.fit(bad), robust = sf.fit(bad, { robust: true });
  assert.deepEqual([...robust.inlier], [1, 1, 1, 1, 0, 1, 1, 1, 1]);
  assertSphere(robust, [0, 0, 0], 5, 1e-10);
  assert.ok(plain.radius > 5.05, 'the plain fit is dragged by the bad slice');
  assert.ok(plain.warnings.some((w) => w.code === 'Outliers' && /Slice 5 looks like an outlier/.test(w.message)));
});

const errorCases = [
  ['EmptyInput', () => sf.fitText('# nothing\n')],
  ['InvalidNumber', () => sf.fitText('1 2 3 4\n1 2 x 4\n')],
  ['WrongFieldCount', () => sf.fitText('1 2 3 4\n1 2 3\n')],
  ['MissingColumn', () => sf.fitText('x y r\n1 2 3\n')],
  ['DuplicateColumn', () => sf.fitText('x y z r radius\n')],
  ['TooFewSlices', () => sf.fitText('0 0 0 1\n')],
  ['AllSlicesCoplanar', () => sf.fitText('0 0 1 1\n2 0 1 1\n')],
  ['Underdetermined', () => sf.fitText('0 0 0 0\n0 0 1 0\n')],
  ['NonFiniteValue', () => sf.fit({ x: [0, NaN], y: [0, 0], z: [0, 1], r: [1, 1] })],
  ['NegativeRadius', () => sf.fitText('x y z r\n0 0 0 1\n0 0 1 -1\n')],
  ['ZeroNormal', () => sf.fitText('0 0 0 1 0 0 1\n0 0 1 1 0 0 0\n')],
  ['InvalidWeights', () => sf.fitText('x y z r w\n0 0 0 1 0\n0 0 1 1 0\n', { weights: 'column' })],
  ['InvalidOption', () => sf.fitText('0 0 0 1\n0 0 1 1\n', { radius: -3 })],
  ['InvalidOption', () => sf.fitText('0 0 0 1\n0 0 1 1\n', { weights: 'heavy' })],
  ['MirrorAmbiguity', () => sf.fitText('1 2 3 4\n', { radius: 5 })],
];

for (const [code, run] of errorCases) {
  test(`error ${code} is a value with a message`, () => {
    const r = run();
    assert.equal(r.ok, false);
    assert.equal(r.error.code, code, r.error.message);
    assert.ok(r.error.message.length > 20);
  });
}

test('parser errors name line and column', () => {
  const cases = [
    ['x,y,z,r\n1,2,3,4\n\n1,2,abc,4\n', 4, 5],
    ['# header\r\nx;y;z;r\r\n1,5;2;3;4\r\n1;2;3;\r\n', 4, 7],
    ['\uFEFFx y z r\n1 2 3 4 # ok\n1 2 3 4 5\n', 3, 9],
    ['x,y,z,r\n"1",é,3,4\n', 2, 5],
  ];
  for (const [text, line, column] of cases) {
    const r = sf.parse(text);
    assert.equal(r.ok, false, text);
    assert.equal(r.error.line, line, r.error.message);
    assert.equal(r.error.column, column, r.error.message);
    assert.match(r.error.message, new RegExp(`^Line ${line}, column ${column}: `));
  }
  const bad = sf.fitText('x y z r\n0 0 0 1\n\n0 0 1 -2\n');
  assert.equal(bad.error.line, 4);
});

test('an error about one slice of fitText names its line', () => {
  const r = sf.fitText('x y z r w\n0 0 0 1 1\n# gap\n0 0 1 1 1\n0 0 2 1 1\n', { weights: 'column' });
  assert.equal(r.ok, true);
  const nan = sf.fit({ x: [0, 0, 0], y: [0, 0, 0], z: [0, 1, Infinity], r: [1, 1, 1] });
  assert.equal(nan.error.slice, 2);
});

test('misuse of the API comes back as an error value, not an exception', () => {
  const cases = [
    [() => sf.fit(null), 'InvalidColumns'],
    [() => sf.fit({ x: [0], y: [0], z: [0] }), 'MissingColumn'],
    [() => sf.fit({ x: [0, 1], y: [0], z: [0, 1], r: [1, 1] }), 'InvalidColumns'],
    [() => sf.fit({ x: [0, 0, 0, 0, 0, 0], y: [0], z: [0, 1, 2, 3, 4, 5], r: [1, 1, 1, 1, 1, 1] }), 'InvalidColumns'],
    [() => sf.fit({ x: 'abc', y: [0], z: [0], r: [1] }), 'InvalidColumns'],
    [() => sf.fit({ x: [0, 0], y: [0, 0], z: [0, 1], r: [1, 1] }, { weigths: 'column' }), 'InvalidOption'],
    [() => sf.fit({ x: [0, 0], y: [0, 0], z: [0, 1], r: [1, 1] }, { robust: 'yes' }), 'InvalidOption'],
    [() => sf.fit({ x: [0, 0], y: [0, 0], z: [0, 1], r: [1, 1] }, { units: 'x'.repeat(13) }), 'InvalidOption'],
    [() => sf.fit({ x: [0, 0], y: [0, 0], z: [0, 1], r: [1, 1] }, { maxIterations: 0.5 }), 'InvalidOption'],
    [() => sf.fit({ x: [0, 0], y: [0, 0], z: [0, 1], r: [1, 1], nx: [0, 0] }), 'MissingColumn'],
    [() => sf.fit({ x: ['a', 'b'], y: [0, 0], z: [0, 1], r: [1, 1] }), 'NonFiniteValue'],
    [() => sf.fit({ x: [], y: [], z: [], r: [] }), 'TooFewSlices'],
    [() => sf.fitText(42), 'EmptyInput'],
    [() => sf.parse(undefined), 'EmptyInput'],
    [() => sf.fit({ x: [0, 0], y: [0, 0], z: [0, 1], r: [1, 1] }, { radius: 'big' }), 'InvalidOption'],
    [() => sf.fit({ x: [0, 0], y: [0, 0], z: [0, 1], r: [1, 1] }, { radius: 0 }), 'InvalidOption'],
  ];
  for (const [run, code] of cases) {
    const r = run();
    assert.equal(r.ok, false);
    assert.equal(r.error.code, code, r.error.message);
  }
  const columns = { x: new Int32Array([0, 0, 0]), y: [0, 0, 0], z: new Float32Array([-1, 0, 1]), r: [Math.sqrt(3), 2, Math.sqrt(3)] };
  assertSphere(sf.fit(columns), [0, 0, 0], 2, 1e-7);
});

test('checkOptions refuses what a fit would refuse, with the same message, and takes what it takes', () => {
  const bad = sf.checkOptions({ fitType: 'minimum-area' });
  const fit = sf.fitPoints({ x: [1, 0, 0, -1, 0], y: [0, 1, 0, 0, -1], z: [0, 0, 1, 0, 0] }, { fitType: 'minimum-area' });
  assert.equal(bad.ok, false);
  assert.deepEqual(bad.error, fit.error);
  assert.equal(sf.checkOptions({ weights: 'circumference', radius: '12,7', fitType: 'minimum-zone' }, { threshold: '0,5', axis: 0 }).ok, true);
  assert.equal(sf.checkOptions({}, { label: 'two' }).error.code, 'InvalidOption');
  assert.equal(sf.checkOptions({}, { axis: 3 }).error.code, 'InvalidOption');
});
