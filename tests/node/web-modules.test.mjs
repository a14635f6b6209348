// The page's DOM-free modules in Node: geometry for the views, number formatting, the share link.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planeBasis, symmetricEigen3, confidenceEllipsoid, CHI2_3_95, residualColor, colourScale } from '../../web/src/geometry.js';
import { decimalsFor, formatWithUncertainty, formatNumber } from '../../web/src/format.js';
import { encodeShare, decodeShare } from '../../web/src/share-link.js';
import { randomFrom } from './reference.mjs';

const dot = (a, b) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];

test('planeBasis is orthonormal and orthogonal to the normal', () => {
  const rnd = randomFrom(11);
  for (let k = 0; k < 100; ++k) {
    const n = [rnd() - 0.5, rnd() - 0.5, rnd() - 0.5].map((c) => c * 7);
    const { n: unit, u, v } = planeBasis(...n);
    for (const [a, b, expected] of [[u, u, 1], [v, v, 1], [unit, unit, 1], [u, v, 0], [u, unit, 0], [v, unit, 0]]) {
      assert.ok(Math.abs(dot(a, b) - expected) < 1e-14);
    }
  }
});

test('symmetricEigen3 reproduces the matrix from its eigen-decomposition', () => {
  const rnd = randomFrom(12);
  for (let k = 0; k < 50; ++k) {
    const a = [[rnd(), rnd(), rnd()], [0, rnd(), rnd()], [0, 0, rnd()]];
    const m = [0, 1, 2].map((i) => [0, 1, 2].map((j) => (i <= j ? a[i][j] : a[j][i])));
    const { values, vectors } = symmetricEigen3(m);
    assert.ok(values[0] <= values[1] && values[1] <= values[2]);
    for (let i = 0; i < 3; ++i) {
      for (let j = 0; j < 3; ++j) {
        const rebuilt = vectors.reduce((s, vec, q) => s + values[q] * vec[i] * vec[j], 0);
        assert.ok(Math.abs(rebuilt - m[i][j]) < 1e-13, `${i},${j}`);
      }
    }
  }
});

test('the 95 % ellipsoid of a diagonal covariance has semi-axes √(7.81 σ²)', () => {
  const cov = [[4, 0, 0, 0], [0, 1, 0, 0], [0, 0, 9, 0], [0, 0, 0, 1]];
  const { semiAxes } = confidenceEllipsoid(cov);
  semiAxes.forEach((s, k) => assert.ok(Math.abs(s / Math.sqrt(CHI2_3_95) - [1, 2, 3][k]) < 1e-14));
  assert.ok(Math.abs(CHI2_3_95 - 7.8147279) < 1e-7);
});

test('colours and the colour scale', () => {
  assert.deepEqual(residualColor(0), [0.8, 0.82, 0.86]);
  assert.ok(residualColor(-1)[2] > residualColor(1)[2] && residualColor(1)[0] > residualColor(-1)[0]);
  const residuals = Float64Array.from({ length: 20 }, (_, i) => (i === 19 ? 100 : 0.01 * (i + 1)));
  const scale = colourScale({ residuals, inlier: new Uint8Array(20).fill(1), maxAbsResidual: 100 });
  assert.ok(scale < 1, 'one outlier does not set the colour scale');
});

test('a value is rounded with its uncertainty to two significant figures', () => {
  assert.equal(decimalsFor(0.0123), 3);
  assert.equal(formatWithUncertainty(112.39951, 0.01936, 'mm'), '112.400 ± 0.019 mm');
  assert.equal(formatWithUncertainty(23.6703, 0.094, ''), '23.670 ± 0.094');
  assert.equal(formatWithUncertainty(5, 0, 'mm'), '5 mm');
  assert.equal(formatNumber(NaN), '—');
});

test('the share link round-trips text and options, compressed', async () => {
  const payload = { v: 1, text: 'x,y,z,r\n' + '1,2,3,4\n'.repeat(500) + 'é ✓\n', options: { weights: 'column', robust: true, radius: '12.5', units: 'µm' } };
  const fragment = await encodeShare(payload);
  assert.match(fragment, /^data=[A-Za-z0-9_-]+$/);
  assert.ok(fragment.length < payload.text.length / 10);
  assert.deepEqual(await decodeShare(`#${fragment}`), payload);
  assert.equal(await decodeShare('#something-else'), null);
  await assert.rejects(decodeShare('#data=AAAA'));
});

test('an uncertainty at rounding level is shown in exponent form', () => {
  assert.equal(formatWithUncertainty(4, 1.3e-16, 'mm'), '4 ± 1.3e-16 mm');
});

test('a long input line is quoted around the error column', async () => {
  const { quoteAround } = await import('../../web/src/results-panel.js');
  assert.deepEqual(quoteAround('1 2 3 x', 7), { shown: '1 2 3 x', caretAt: 6 });
  const line = `${'1234567890,'.repeat(20)}oops,1`;
  const column = line.indexOf('oops') + 1;
  const { shown, caretAt } = quoteAround(line, column);
  assert.equal(shown.slice(caretAt, caretAt + 4), 'oops');
  assert.ok(shown.startsWith('…') && shown.length <= 62);
  const accented = quoteAround('é,é,x', 5);
  assert.equal([...accented.shown][accented.caretAt], 'x');
});
