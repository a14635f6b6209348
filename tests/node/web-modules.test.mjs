// The page's DOM-free modules in Node: colours for the views, number formatting, the share link.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { residualColor, colourScale } from '../../web/src/app/geometry.js';
import { decimalsFor, formatWithUncertainty, formatNumber } from '../../web/src/lib/format.js';
import { encodeShare, decodeShare } from '../../web/src/app/share-link.js';
import { loadSphereFit } from '../../web/src/lib/spherefit.js';

const { vocabulary } = await loadSphereFit();  // the option specs a link's options are checked by

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
  assert.equal(formatWithUncertainty(5, 0, 'mm'), '5 ± 0 mm', 'a zero uncertainty is shown');
  assert.equal(formatNumber(NaN), '—');
});

test('the share link round-trips text and options, compressed', async () => {
  const payload = { v: 1, text: 'x,y,z,r\n' + '1,2,3,4\n'.repeat(500) + 'é ✓\n', options: { weights: 'column', robust: true, radius: '12.5', units: 'µm' } };
  const fragment = await encodeShare(payload);
  assert.match(fragment, /^data=[A-Za-z0-9_-]+$/);
  assert.ok(fragment.length < payload.text.length / 10);
  assert.deepEqual(await decodeShare(`#${fragment}`, { vocabulary }), { text: payload.text, options: payload.options, notes: [] });
  assert.equal(await decodeShare('#something-else'), null);
  await assert.rejects(decodeShare('#data=AAAA'), /damaged/);
});

test('an uncertainty at rounding level is shown in exponent form', () => {
  assert.equal(formatWithUncertainty(4, 1.3e-16, 'mm'), '4 ± 1.3e-16 mm');
});

test('a long input line is quoted around the error column', async () => {
  const { quoteAround } = await import('../../web/src/app/results-panel.js');
  assert.deepEqual(quoteAround('1 2 3 x', 7), { shown: '1 2 3 x', caretAt: 6 });
  const line = `${'1234567890,'.repeat(20)}oops,1`;
  const column = line.indexOf('oops') + 1;
  const { shown, caretAt } = quoteAround(line, column);
  assert.equal(shown.slice(caretAt, caretAt + 4), 'oops');
  assert.ok(shown.startsWith('…') && shown.length <= 62);
  const accented = quoteAround('é,é,x', 5);
  assert.equal([...accented.shown][accented.caretAt], 'x');
});
