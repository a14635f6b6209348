// The ISO form fits in the page (issue 11): the fit-type choice, the association named in ISO
// terms, the form error with both radii, the least-squares sphere as the reference with its
// uncertainty, notes when the zone is not unique, the zone and its contacts in the 3D view and
// the plots, and exports that carry fit type, form error and contacts. Numbers are checked against
// the library called here, and against a zone whose answer is known exactly.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { loadSphereFit } from '../../web/src/lib/spherefit.js';
import { readTextChunks } from '../../web/src/app/png-export.js';
import { startApp, shownSphere, problemHooks } from './harness.mjs';
import { pickSample, change, save, value, canvasPixels, typeData, assertSphere, sampleText } from './helpers.mjs';

let app;
const sf = await loadSphereFit();
const sample = sampleText;

before(async () => { app = await startApp(); });
after(async () => { await app?.close(); });
problemHooks(() => app);

test('minimum zone on the CMM scan: ISO terms, the form error with both radii, the least-squares reference', async () => {
  const page = await app.open();
  const types = await page.getByTestId('option-fit-type').locator('option').evaluateAll((os) => os.map((o) => o.value));
  assert.deepEqual(types, [...sf.vocabulary.fitTypes]);
  assert.equal(await page.getByTestId('option-fit-type').inputValue(), 'least-squares');
  await pickSample(page, 'calibration-ball-cmm-points');
  await change(page, 'option-robust', true);
  assert.equal(await page.getByTestId('layer-zone').isChecked(), false);
  await change(page, 'option-fit-type', 'minimum-zone');
  const expected = sf.fitText(sample('calibration-ball-cmm-points'), { robust: true, fitType: 'minimum-zone' });
  assertSphere(await shownSphere(page), expected);
  assert.match(await page.getByTestId('result-fit-type').innerText(), /^Minimum-zone spheres \(Chebyshev association, ISO 14405-1 GC; sphericity, ISO 1101\)$/);
  assert.equal(await page.getByTestId('result-fit-type').getAttribute('data-value'), 'minimum-zone');
  assert.equal(await value(page, 'result-form'), expected.form.error);
  assert.equal(Number(await page.getByTestId('result-form').getAttribute('data-inner')), expected.form.innerRadius);
  assert.equal(Number(await page.getByTestId('result-form').getAttribute('data-outer')), expected.form.outerRadius);
  assert.match(await page.getByTestId('result-form').innerText(), /^0\.002767 mm \(zone radii 12\.698379 to 12\.701146 mm\)$/);
  const outer = expected.form.contacts.filter((c) => c.side === 'outer').length;
  assert.match(await page.getByTestId('result-form-note').innerText(),
    new RegExp(`thinnest shell .* It rests on ${outer} contacts with the outer sphere and ${expected.form.contacts.length - outer} contacts with the inner one\\. Certificate: optimality gap`));
  // A form fit has no uncertainty of its own: the least-squares sphere is the reference, with its ±.
  assert.equal(expected.stdErr, null);
  assert.match(await page.getByTestId('result-center-x').innerText(), /^149\.999798 mm \(no ± for a form fit\)$/);
  assert.match(await page.getByTestId('result-uncertainty-note').innerText(), /least-squares sphere below is the reference/);
  assert.equal(await page.getByTestId('result-reference').isVisible(), true);
  for (const [k, axis] of ['x', 'y', 'z'].entries()) assert.equal(await value(page, `result-reference-center-${axis}`), expected.leastSquares.center[k]);
  assert.equal(await value(page, 'result-reference-radius'), expected.leastSquares.radius);
  assert.match(await page.getByTestId('result-reference-radius').innerText(), /^12\.699976 ± 0\.000051 mm$/);

  // The zone is shown on choosing a form fit: its spheres, its contacts, its legend, its band.
  assert.equal(await page.getByTestId('layer-zone').isChecked(), true);
  assert.match(await page.getByTestId('viewer-legend').innerText(), /Zone at true size: inner sphere of radius 12\.698379 mm \(blue\), outer 12\.701146 mm \(orange\); 5 contact points marked \(3 outer in orange, 2 inner in blue\)\./);
  const shown = await canvasPixels(page);
  await page.getByTestId('layer-zone').uncheck();
  const hidden = await canvasPixels(page);
  assert.ok(shown.orange > hidden.orange + 50, `contacts marked: ${shown.orange} vs ${hidden.orange} orange pixels`);
  assert.doesNotMatch(await page.getByTestId('viewer-legend').innerText(), /Zone at true size/);
  assert.equal(await page.locator('[data-testid=profile-plot] rect.zone').count(), 1);
  assert.equal(await page.locator('[data-testid=residual-plot] rect.zone').count(), 1);
  await page.close();
});

test('points on two concentric spheres: the minimum zone is those two spheres, exactly', async () => {
  const page = await app.open();
  // 400 points, alternately on spheres of radius 10 and 10.2 about (3, −2, 7), each set all round.
  const c = [3, -2, 7];
  const lines = ['x,y,z'];
  for (let i = 0; i < 400; ++i) {
    const z = 1 - (2 * (i + 0.5)) / 400, r = Math.sqrt(1 - z * z), t = Math.PI * (3 - Math.sqrt(5)) * i, R = i % 2 ? 10.2 : 10;
    lines.push([c[0] + R * r * Math.cos(t), c[1] + R * r * Math.sin(t), c[2] + R * z].map((v) => v.toFixed(12)).join(','));
  }
  await typeData(page, `${lines.join('\n')}\n`);
  await change(page, 'option-fit-type', 'minimum-zone');
  const shown = await shownSphere(page);
  for (let k = 0; k < 3; ++k) assert.ok(Math.abs(shown.center[k] - c[k]) < 1e-9, `centre ${k}: ${shown.center[k]}`);
  assert.ok(Math.abs(shown.radius - 10.1) < 1e-9, 'the mid radius (ISO 14405-1 GC)');
  assert.ok(Math.abs(await value(page, 'result-form') - 0.2) < 1e-9);
  assert.ok(Math.abs(Number(await page.getByTestId('result-form').getAttribute('data-inner')) - 10) < 1e-9);
  assert.ok(Math.abs(Number(await page.getByTestId('result-form').getAttribute('data-outer')) - 10.2) < 1e-9);
  assert.match(await page.getByTestId('result-form').innerText(), /^0\.20{6}\d* mm \(zone radii (10\.0{6}|9\.9{6})\d* to 10\.(20{5}|19{5})\d* mm\)$/);
  await page.close();
});

test('circumscribed and inscribed spheres of slice circles; the zone in the profile plot; an unbounded inscribed sphere is an error', async () => {
  const page = await app.open();
  await change(page, 'option-robust', true);
  await change(page, 'option-fit-type', 'minimum-circumscribed');
  const text = sample('femoral-head-ct');
  const expected = sf.fitText(text, { robust: true, fitType: 'minimum-circumscribed' });
  assertSphere(await shownSphere(page), expected);
  assert.equal(expected.radius, expected.form.outerRadius);
  assert.match(await page.getByTestId('result-fit-type').innerText(), /^Minimum circumscribed sphere \(ISO 14405-1 GN\)$/);
  assert.equal(await value(page, 'result-form'), expected.form.error);
  assert.equal(await page.locator('[data-testid=profile-plot] polyline.zone-arc').count(), 2, 'the inner and outer arcs');
  assert.equal(await page.locator('[data-testid=residual-plot] rect.zone').count(), 1);
  assert.match(await page.getByTestId('profile-plot').locator('svg').getAttribute('aria-label'), /zone's inner and outer arcs/);

  await change(page, 'option-fit-type', 'maximum-inscribed');
  assertSphere(await shownSphere(page), sf.fitText(text, { robust: true, fitType: 'maximum-inscribed' }));
  assert.match(await page.getByTestId('result-fit-type').innerText(), /GX\)$/);

  await pickSample(page, 'bead-cap-ct');
  assert.equal(await page.getByTestId('result-error').getAttribute('data-code'), 'InscribedUnbounded');
  assert.match(await page.getByTestId('result-error').innerText(), /maximum inscribed sphere is not defined/);
  assert.equal(await page.getByTestId('export-json').isDisabled(), true);
  await change(page, 'option-fit-type', 'least-squares');
  assertSphere(await shownSphere(page), sf.fitText(sample('bead-cap-ct'), { robust: true }));
  assert.equal(await page.getByTestId('result-reference').isVisible(), false, 'no reference for the least-squares fit itself');
  assert.equal(await page.locator('[data-testid=residual-plot] rect.zone').count(), 0);
  await page.close();
});

test('a zone that is not unique says so', async () => {
  const page = await app.open();
  // A tube of radius 10 from z = −20 to 20, closed by points at z = ±30: the largest empty sphere
  // (radius 10) slides along the axis. Every coordinate is exact (6, 8, 10: a Pythagorean triple).
  const ring = [[10, 0], [0, 10], [-10, 0], [0, -10], [6, 8], [8, 6], [-6, 8], [-8, 6], [6, -8], [8, -6], [-6, -8], [-8, -6]];
  const lines = ['x,y,z'];
  for (let z = -20; z <= 20; z += 2) for (const [x, y] of ring) lines.push(`${x},${y},${z}`);
  for (const z of [-30, 30]) for (const [x, y] of [[0, 0], [3, 0], [0, 3], [-3, 0], [0, -3]]) lines.push(`${x},${y},${z}`);
  const text = `${lines.join('\n')}\n`;
  await typeData(page, text);
  await change(page, 'option-fit-type', 'maximum-inscribed');
  const expected = sf.fitText(text, { fitType: 'maximum-inscribed' });
  assert.equal(expected.form.unique, false);
  assert.ok(Math.abs(await value(page, 'result-radius') - 10) < 1e-9);
  assert.equal(await page.getByTestId('result-form-note').getAttribute('data-unique'), 'false');
  assert.match(await page.getByTestId('result-form-note').innerText(), /Not unique: other centres give the same form error/);
  assert.equal(await page.locator('[data-testid=result-warnings] li[data-code=ZoneNotUnique]').count(), 1);
  await page.close();
});

test('exports carry fit type, form error and contacts; so do the copied summary and the PNG', async () => {
  const page = await app.open();
  await pickSample(page, 'calibration-ball-cmm-points');
  await change(page, 'option-robust', true);
  await change(page, 'option-fit-type', 'minimum-zone');
  const expected = sf.fitText(sample('calibration-ball-cmm-points'), { robust: true, fitType: 'minimum-zone' });
  const json = JSON.parse((await save(page, 'export-json')).text);
  assert.equal(json.fitType, 'minimum-zone');
  assert.equal(json.options.fitType, 'minimum-zone');
  assert.match(json.association, /ISO 14405-1 GC/);
  assert.deepEqual(json.form, expected.form);
  assert.deepEqual(json.leastSquares, expected.leastSquares);
  assert.equal(json.standardUncertainty, null);
  const csv = (await save(page, 'export-csv')).text;
  assert.match(csv, /^fit_type,minimum-zone,,$/m);
  assert.match(csv, new RegExp(`^form_error,${expected.form.error},,mm$`, 'm'));
  assert.match(csv, new RegExp(`^zone_inner_radius,${expected.form.innerRadius},,mm$`, 'm'));
  const first = expected.form.contacts[0];
  assert.match(csv, new RegExp(`^contact_1_${first.side}_point,${first.index + 1},,$`, 'm'));
  assert.match(csv, new RegExp(`^contact_1_${first.side}_x,${first.point[0]},,mm$`, 'm'));
  assert.match(csv, new RegExp(`^least_squares_radius,${expected.leastSquares.radius},${expected.leastSquares.stdErr.radius},mm$`, 'm'));
  await page.getByTestId('copy-result').click();
  await page.getByTestId('toast').filter({ hasText: 'copied' }).waitFor();
  const clip = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(clip, /^fit {6}= Minimum-zone spheres/m);
  assert.match(clip, /^form error = 0\.002767 mm \(zone radii 12\.698379 to 12\.701146 mm\)$/m);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-png').click()]);
  const chunks = readTextChunks(new Uint8Array(readFileSync(await download.path())));
  assert.match(chunks.Description, /Zone at true size/);
  await page.close();
});
