// The page's DOM-free modules on hostile and awkward input: damaged share links, formula
// injection in CSV, the one formatting rule, the ellipsoid's magnification, PNG text chunks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deflateRawSync } from 'node:zlib';
import { encodeShare, decodeShare, ShareLinkError, MAX_LINK_LENGTH } from '../../web/src/app/share-link.js';
import { csvField } from '../../web/src/lib/report.js';
import { loadSphereFit } from '../../web/src/lib/spherefit.js';
import { typedFormat, derivedFormat, formatIn, formatWithUncertainty, formatUncertainty, count, typedDecimals } from '../../web/src/lib/format.js';
import { ellipsoidMagnification } from '../../web/src/app/geometry.js';
import { withTextChunks, readTextChunks } from '../../web/src/app/png-export.js';

const b64url = (bytes) => Buffer.from(bytes).toString('base64url');
// The core's option specs (kinds and limits) that a link's options are checked by.
const { vocabulary } = await loadSphereFit();

test('a damaged share link is an error that says so, whatever the damage', async () => {
  const good = await encodeShare({ v: 1, text: '1 2 3 4\n'.repeat(50), options: { units: 'mm' } });
  const cases = {
    truncated: `#${good.slice(0, good.length - 7)}`,
    'bad base64': '#data=abc$def',
    'one char of a group': `#data=${'A'.repeat(4 * 5 + 1)}`,
    'not deflate': `#data=${b64url(Buffer.from('this is not compressed at all, not even a little'))}`,
    'not JSON': `#data=${b64url(deflateRawSync('{"v":1,"text":'))}`,
    'not UTF-8': `#data=${b64url(deflateRawSync(Buffer.from([0xff, 0xfe, 0x22])))}`,
    'no text': `#data=${b64url(deflateRawSync(JSON.stringify({ v: 1, options: {} })))}`,
    'other version': `#data=${b64url(deflateRawSync(JSON.stringify({ v: 7, text: '' })))}`,
    'bad weights': `#data=${b64url(deflateRawSync(JSON.stringify({ v: 1, text: '', options: { weights: 'magic' } })))}`,
    empty: '#data=',
  };
  for (const [name, hash] of Object.entries(cases)) {
    await assert.rejects(decodeShare(hash, { vocabulary }), (err) => err instanceof ShareLinkError && /damaged/.test(err.message), name);
  }
});

test('a decompression bomb stops at the cap, quickly', async () => {
  const bomb = deflateRawSync(Buffer.alloc(200 * 1024 * 1024, 0x20), { level: 9 });
  assert.ok(bomb.length < 300_000, `bomb is ${bomb.length} bytes`);
  const started = performance.now();
  await assert.rejects(decodeShare(`#data=${b64url(bomb)}`, { vocabulary }), /inflates to more than 32 MB/);
  const ms = performance.now() - started;
  console.log(`bomb of ${bomb.length} bytes (200 MB inflated) refused after ${ms.toFixed(0)} ms`);
  assert.ok(ms < 5000);
});

test('a link too long for browsers is refused', async () => {
  await assert.rejects(decodeShare(`#data=${'A'.repeat(MAX_LINK_LENGTH)}`, { vocabulary }), /more than browsers keep/);
});

test('a units label from a link is held to the field limit; weights must be a known mode', async () => {
  const hash = `#${await encodeShare({ v: 1, text: 'x', options: { units: '=HYPERLINK("http://evil","click me please")', weights: 'column', robust: true, radius: '23,6' } })}`;
  const { options, notes } = await decodeShare(hash, { vocabulary });
  assert.equal(options.units, '=HYPERLINK("');
  assert.equal([...options.units].length, 12);
  assert.match(notes[0], /longer than 12 characters/);
  assert.deepEqual({ ...options, units: undefined }, { weights: 'column', robust: true, radius: '23,6', units: undefined });
});

test('CSV text cells cannot start a formula; numbers stay numbers', () => {
  assert.equal(csvField('=HYPERLINK("http://x","y")'), '"\'=HYPERLINK(""http://x"",""y"")"');
  for (const s of ['+1', '-x', '@SUM(A1)', '\tcmd', '\r=1']) assert.ok(csvField(s).replace(/^"/, '').startsWith("'"), s);
  assert.equal(csvField(-1.5), '-1.5');
  assert.equal(csvField(1e-20), '1e-20');
  assert.equal(csvField('mm'), 'mm');
});

test('typed columns keep the typed digits; one notation per column', () => {
  const xs = Float64Array.of(123456.7884, 1.5, 2);
  assert.deepEqual(typedFormat({ decimals: -1, exponent: false }, xs), { decimals: 4, exponent: false });
  assert.equal(formatIn(123456.7884, typedFormat(null, xs)), '123456.7884');
  assert.equal(formatIn(1.5, typedFormat(null, xs)), '1.5000');
  assert.deepEqual(typedFormat({ decimals: 2, exponent: false }, Float64Array.of(0.6)), { decimals: 2, exponent: false });
  assert.equal(formatIn(0.6, { decimals: 2, exponent: false }), '0.60');
  const mixed = Float64Array.of(1.5e-7, 0.25);
  const f = typedFormat(null, mixed);
  assert.equal(f.exponent, true);
  assert.deepEqual([...mixed].map((v) => formatIn(v, f)), ['1.5e-7', '2.5e-1']);
  assert.deepEqual(derivedFormat([{ decimals: 2, exponent: false }, { decimals: 1, exponent: false }]), { decimals: 3, exponent: false });
  assert.equal(formatIn(-0.0001, { decimals: 3, exponent: false }), '0.000');
});

test('uncertainties: two significant digits, the value rounded to them', () => {
  assert.equal(formatWithUncertainty(12345.678, 234, 'mm'), '12350 ± 230 mm');
  assert.equal(formatWithUncertainty(-0.00004, 0.0123), '0.000 ± 0.012');
  assert.equal(formatUncertainty(0.32061), '0.32');
  assert.equal(count(1, 'iteration'), '1 iteration');
  assert.equal(count(5, 'iteration'), '5 iterations');
  assert.equal(typedDecimals('23,6'), 1);
  assert.equal(typedDecimals('2e3'), null);
});

test('the ellipsoid is magnified to be seen but never covers the sphere', () => {
  for (const [largest, R] of [[0.32, 23.67], [1e-9, 1], [0.5, 1], [30, 1], [0.15, 1], [2e-4, 1e6]]) {
    const m = ellipsoidMagnification(largest, R);
    assert.ok(largest * m <= 0.15 * R * (1 + 1e-12), `${largest} × ${m} vs R ${R}`);
    assert.ok(largest * m > 0.15 * R / 2.5 || m === 1, `${largest} × ${m} is needlessly small`);
    const mantissa = m / 10 ** Math.floor(Math.log10(m) + 1e-12);
    assert.ok([1, 2, 5].some((f) => Math.abs(mantissa - f) < 1e-9), `${m} is in the 1-2-5 series`);
  }
  assert.equal(ellipsoidMagnification(0.32, 23.67), 10);
  assert.equal(ellipsoidMagnification(0.01, 23.67), 200);
  assert.equal(ellipsoidMagnification(0, 1), 1);
});

test('PNG text chunks carry the legend with valid CRCs', () => {
  // A 1×1 PNG (signature + IHDR + IDAT + IEND).
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
  const out = withTextChunks(new Uint8Array(png), { Title: 'Sphere fit', Description: 'grid 5 mm\nellipsoid ×10' });
  assert.deepEqual(readTextChunks(out), { Title: 'Sphere fit', Description: 'grid 5 mm\nellipsoid ×10' });
  // Every chunk's CRC, checked by an independent bitwise CRC-32.
  const crc = (bytes) => {
    let c = ~0;
    for (const b of bytes) { c ^= b; for (let k = 0; k < 8; ++k) c = (c >>> 1) ^ (0xedb88320 & -(c & 1)); }
    return ~c >>> 0;
  };
  const view = new DataView(out.buffer);
  for (let at = 8; at < out.length;) {
    const length = view.getUint32(at);
    assert.equal(view.getUint32(at + 8 + length), crc(out.subarray(at + 4, at + 8 + length)));
    at += 12 + length;
  }
});

test('the table order: the packed native sort agrees with a comparator sort, ties by index', async () => {
  const { orderOf } = await import('../../web/src/app/order.js');
  const seed = 20240611;
  console.log(`seed ${seed}`);
  let s = seed;
  const random = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  const values = Float64Array.from({ length: 5000 }, (_, i) => (i % 11 === 0 ? 0 : i % 13 === 0 ? -0 : i % 7 === 0 ? 1e-300 * (random() - 0.5)
    : Math.round((random() - 0.5) * 200) / 10 * 10 ** Math.floor(random() * 40 - 20)));
  for (const dir of [1, -1]) {
    const expected = Array.from(values.keys()).sort((a, b) => dir * (values[a] - values[b]) || a - b);
    assert.deepEqual([...orderOf(values, dir)], expected, `dir ${dir}`);
  }
  assert.deepEqual([...orderOf(Int32Array.of(3, -1, 3, 2))], [1, 3, 0, 2]);
  // Values that differ only in their lowest bits (where the index is packed), and more values
  // than 2^18 (the index takes 19 bits).
  const near = Float64Array.from({ length: 2 ** 18 + 5 }, (_, i) => 1 + ((i * 7919) % 23) * 2 ** -52 * (i % 3 ? 1 : -1) + (i % 101 === 0 ? 1e-3 : 0));
  for (const dir of [1, -1]) {
    const expected = Array.from(near.keys()).sort((a, b) => dir * (near[a] - near[b]) || a - b);
    assert.deepEqual(Array.from(orderOf(near, dir)), expected, `near ties, dir ${dir}`);
  }
  assert.deepEqual([...orderOf(new Float64Array(0))], []);
});

test('the view legend: magnification, grid and semi-axes in the units given', async () => {
  const { legendLines, scaleText } = await import('../../web/src/app/legend.js');
  const info = { drawnCircles: 40, totalCircles: 40, gridStep: 0.02, colourScale: 0.0123, ellipsoid: { level: 0.95, semiAxes: [0.0051, 0.0072, 0.032], magnification: 1000 } };
  assert.equal(scaleText(info, 'µm'), 'ellipsoid ×1,000 · grid 0.02 µm');
  const lines = legendLines(info, 'µm', { decimals: 4, exponent: false });
  assert.equal(lines[0], "Yellow: the centre's 95 % confidence ellipsoid, magnified ×1,000; semi-axes 0.0051, 0.0072, 0.032 µm.");
  assert.equal(lines[1], 'Grid squares 0.02 µm.');
  assert.match(lines[2], /full colour at ±0\.0123 µm/);
  const shrunk = legendLines({ ...info, ellipsoid: { ...info.ellipsoid, magnification: 0.5 } }, '', { decimals: 4, exponent: false });
  assert.match(shrunk[0], /shrunk ×0\.5 \(at true size it would cover the sphere\); semi-axes 0\.0051, 0\.0072, 0\.032\.$/);
  assert.match(legendLines({ ...info, ellipsoid: null, noEllipsoid: 'none' }, 'mm', { decimals: 2, exponent: false })[0], /no uncertainty/);
});

test('the page\'s names and limits are the core\'s vocabulary', async () => {
  const { readFileSync } = await import('node:fs');
  const html = readFileSync(new URL('../../web/index.html', import.meta.url), 'utf8');
  const select = /<select id="option-weights"[^>]*>([\s\S]*?)<\/select>/.exec(html)[1];
  assert.deepEqual([...select.matchAll(/value="([^"]+)"/g)].map((m) => m[1]), [...vocabulary.weightModes]);
  assert.equal(Number(/id="option-units"[^>]*maxlength="(\d+)"/.exec(html)[1]), vocabulary.maxUnitsLength);
  // The one warning code the page reads by name.
  assert.ok(vocabulary.warningCodes.includes('ExactlyDetermined'));
  const src = readFileSync(new URL('../../web/src/app/export.js', import.meta.url), 'utf8');
  for (const [, code] of src.matchAll(/code === '(\w+)'/g)) assert.ok(vocabulary.warningCodes.includes(code) || vocabulary.errorCodes.includes(code), code);
});

test('a link\'s options are checked by the core\'s specs: only the names the page carries, each by its kind and limits', async () => {
  const link = async (options) => `#${await encodeShare({ v: 1, text: 'x', options })}`;
  // A count outside the core's range, a flag that is not a flag, a choice the core does not have.
  await assert.rejects(decodeShare(await link({ maxIterations: 0 }), { vocabulary }), /iteration limit is not a whole number from 1 to 10000/);
  await assert.rejects(decodeShare(await link({ maxIterations: 2.5 }), { vocabulary }), /iteration limit is not a whole number/);
  await assert.rejects(decodeShare(await link({ robust: 'yes' }), { vocabulary }), /robust option is not true or false/);
  await assert.rejects(decodeShare(await link({ fitType: 'best' }), { vocabulary }), /fit type option "best" is not one of least-squares, minimum-zone, minimum-circumscribed, maximum-inscribed/);
  await assert.rejects(decodeShare(await link({ radius: '1'.repeat(41) }), { vocabulary }), /known radius is not a short number/);
  assert.deepEqual((await decodeShare(await link({ maxIterations: 50, minRadius: 2 }), { vocabulary })).options, { minRadius: '2', maxIterations: 50 });
  // Names the page does not carry are not taken from a link, whatever their value.
  const page = ['weights', 'mode', 'fitType', 'robust', 'radius', 'units'];
  assert.deepEqual((await decodeShare(await link({ maxIterations: 0, fitType: 'minimum-zone', unknown: 1 }), { vocabulary, names: page })).options, { fitType: 'minimum-zone' });
  // Without the vocabulary a link's options cannot be checked: a programming error, not a damaged link.
  await assert.rejects(decodeShare(await link({}), {}), TypeError);
});

test('the page\'s options are the core\'s that have a control, with the core\'s defaults', async () => {
  const { pageOptionSpecs, defaultOptions, pickOptions, fitChanged, controlId } = await import('../../web/src/app/page-options.js');
  // A stand-in for the page: controls for four of the core's options; the units field says "mm".
  const controls = { 'option-fit-type': {}, 'option-robust': {}, 'option-radius': { defaultValue: '' }, 'option-units': { defaultValue: 'mm' } };
  const root = { querySelector: (sel) => controls[/data-testid="([^"]+)"/.exec(sel)[1]] ?? null };
  assert.equal(controlId('maxIterations'), 'option-max-iterations');
  const specs = pageOptionSpecs(vocabulary, root);
  assert.deepEqual(specs.map((s) => s.name), ['fitType', 'robust', 'radius', 'units']);
  const defaults = defaultOptions(specs, root);
  assert.deepEqual(defaults, { fitType: 'least-squares', robust: false, radius: '', units: 'mm' });
  assert.deepEqual(pickOptions(specs, { ...defaults, maxIterations: 3, other: 1 }), defaults);
  assert.equal(fitChanged(specs, defaults, { ...defaults }), false);
  assert.equal(fitChanged(specs, defaults, { ...defaults, units: 'cm' }), true, 'the units label is in the core\'s messages');
  assert.equal(fitChanged(specs, defaults, { ...defaults, maxIterations: 3 }), false, 'an option the page does not have');
});
