// Points, slice contours and meshes in the page (issue 9): the mode the core detected and its
// override, the numbers against the library called here on the same data (and against the sphere
// a file was made from), the point and contour tables, both answers for contours, the 3D view's
// points (decimated for display only, and said so), the point residuals export, and share links
// that carry the new options but never pretend to carry a file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { loadSphereFit } from '../../web/src/lib/spherefit.js';
import { startApp, fitted, shownSphere, problemHooks } from './harness.mjs';
import { openFile, dropFiles, pickSample, change, save, value, canvasPixels, changedPixels, tableColumns, settled, assertSphere, sampleText } from './helpers.mjs';
import { icosphere, stlBinary, plyBinary, spherePoints } from './files.mjs';

let app;
const sf = await loadSphereFit();
const sample = sampleText;

before(async () => { app = await startApp(); });
after(async () => { await app?.close(); });
problemHooks(() => app);

// A number as the page printed it agrees with the value to the digits printed.
function assertPrinted(text, v) {
  const shown = text.replace(/ [a-zµ]+$/, '');
  const decimals = shown.split('.')[1]?.length ?? 0;
  assert.ok(Math.abs(Number(shown) - v) <= 0.5 * 10 ** -decimals * (1 + 1e-9), `${text} vs ${v}`);
}

test('NIST certified spheres: each .ds file dropped on the page gives the certified sphere to 1e-12·R', async () => {
  const page = await app.open();
  for (const name of ['sph9', 'sph10', 'sph11', 'sph14', 'sph5', 'sph29']) {
    const data = (ext) => readFileSync(new URL(`../data/nist-sphere/${name}.${ext}`, import.meta.url));
    // NIST's .fit file: the certified centre and diameter.
    const [cx, cy, cz, diameter] = data('fit').toString().trim().split(/\s+/).map(Number);
    const radius = diameter / 2;
    await dropFiles(page, [{ name: `${name}.ds`, bytes: data('ds') }]);
    assert.equal(await page.getByTestId('result-mode').getAttribute('data-value'), 'points', name);
    const shown = await shownSphere(page);
    [cx, cy, cz].forEach((c, k) => assert.ok(Math.abs(shown.center[k] - c) <= 1e-12 * radius, `${name} centre ${k}: ${shown.center[k]} vs ${c}`));
    assert.ok(Math.abs(shown.radius - radius) <= 1e-12 * radius, `${name} radius: ${shown.radius} vs ${radius}`);
  }
  await page.close();
});

test('a CMM point scan: read as points, fitted as the library fits it; robust greys the stem', async () => {
  const page = await app.open();
  await pickSample(page, 'calibration-ball-cmm-points');
  const text = sample('calibration-ball-cmm-points');
  assert.equal(await page.getByTestId('result-mode').innerText(), '252 points');
  assert.equal(await page.getByTestId('result-mode').getAttribute('data-value'), 'points');
  assertSphere(await shownSphere(page), sf.fitText(text));
  assert.equal(await page.getByTestId('table-heading').innerText(), 'Point table');
  assert.equal(await page.getByTestId('slice-table').getAttribute('aria-rowcount'), '253');
  const cols = await tableColumns(page);
  assert.deepEqual(Object.keys(cols), ['point', 'line', 'x', 'y', 'z', 'residual', 'inlier']);
  assert.equal(cols.x[0], '150.33974', 'typed digits kept');
  assert.equal(await page.getByTestId('result-max-label').innerText(), 'Max |point residual|');
  assert.equal(await page.getByTestId('layer-circles').isVisible(), false, 'no circles to draw');

  await change(page, 'option-robust', true);
  const expected = sf.fitText(text, { robust: true });
  assertSphere(await shownSphere(page), expected);
  assert.equal(await page.getByTestId('result-used').innerText(), '240 of 252');
  assertPrinted((await tableColumns(page)).residual[0], expected.residuals[0]);
  await page.getByTestId('sort-inlier').click();
  const rejected = await page.locator('[data-testid=slice-table] tbody tr.rejected').evaluateAll((rows) => rows.map((r) => Number(r.dataset.slice)));
  assert.deepEqual(rejected.sort((a, b) => a - b), Array.from({ length: 12 }, (_, k) => 240 + k), 'the 12 stem points are set aside and greyed');
  assert.equal(await page.locator('[data-testid=profile-plot] circle.rejected').count(), 12);
  assert.match(await page.getByTestId('residual-plot').locator('svg').getAttribute('aria-label'), /Histogram of the distances of the 240 points used .*12 set aside/);

  // The 3D view draws the points: hiding them changes the picture where they were.
  assert.ok((await canvasPixels(page)).drawn > 0.05);
  const changed = await changedPixels(page, () => page.getByTestId('layer-points').uncheck());
  assert.ok(changed > 2000, `${changed} pixels were points`);
  await page.getByTestId('layer-points').check();
  // A row picked in the table is marked in the 3D view.
  await page.locator('[data-testid=slice-table] tbody tr[data-slice]').first().click();
  assert.ok((await canvasPixels(page)).magenta > 20, 'the selected point stands out');
  await page.close();
});

test('exports: point residuals with every digit; JSON and CSV carry mode, counts, form and contacts', async () => {
  const page = await app.open();
  await pickSample(page, 'calibration-ball-cmm-points');
  await change(page, 'option-robust', true);
  const expected = sf.fitText(sample('calibration-ball-cmm-points'), { robust: true });
  assert.equal(await page.getByTestId('export-table').isVisible(), false, 'for points the residuals are the table');
  const csv = (await save(page, 'export-points')).text.trim().split('\n');
  assert.equal(csv[0], 'point,line,x,y,z,residual,inlier');
  assert.equal(csv.length, 253);
  csv.slice(1).forEach((line, i) => {
    const [point, , x, , , residual, inlier] = line.split(',');
    assert.equal(Number(point), i + 1);
    assert.equal(Number(x), expected.points.x[i]);
    assert.equal(Number(residual), expected.residuals[i], `point ${i + 1}`);
    assert.equal(Number(inlier), expected.inlier[i]);
  });
  const json = JSON.parse((await save(page, 'export-json')).text);
  assert.equal(json.mode, 'points');
  assert.deepEqual(json.counts, { points: 252, pointsUsed: 240 });
  assert.equal(json.fitType, 'least-squares');
  assert.equal(json.form.error, expected.form.error);
  assert.deepEqual(json.form.contacts, expected.form.contacts);
  assert.equal(json.slices, undefined, 'no per-point rows in JSON: they are in the CSV');
  assert.equal(json.source, null, 'a sample is no file');
  const summary = (await save(page, 'export-csv')).text;
  assert.match(summary, /^mode,points,,$/m);
  assert.match(summary, /^points_total,252,,$/m);
  assert.match(summary, /^points_used,240,,$/m);
  assert.match(summary, new RegExp(`^form_error,${expected.form.error},,mm$`, 'm'));
  await page.close();
});

test('slice contours: both answers and how far apart, and the contour table', async () => {
  const page = await app.open();
  await pickSample(page, 'femoral-head-contours');
  await change(page, 'option-robust', true);
  const expected = sf.fitText(sample('femoral-head-contours'), { robust: true });
  assert.equal(await page.getByTestId('result-mode').innerText(), '28 contours, 1,120 points');
  assertSphere(await shownSphere(page), expected);
  const pf = expected.pointFit;
  assert.equal(await page.getByTestId('result-point-fit').isVisible(), true);
  for (const [k, axis] of ['x', 'y', 'z'].entries()) assert.equal(await value(page, `result-point-fit-center-${axis}`), pf.center[k]);
  assert.equal(await value(page, 'result-point-fit-radius'), pf.radius);
  assert.match(await page.getByTestId('result-point-fit-radius').innerText(), /± .* mm$/);
  assert.equal(await value(page, 'result-agreement-center'), expected.agreement.centerDistance);
  assert.equal(await value(page, 'result-agreement-radius'), expected.agreement.radiusDifference);
  assert.match(await page.getByTestId('result-agreement-center').innerText(), /^0\.\d+ mm$/);
  // The point fit's own notes (its robust fit sets points aside, not contours).
  assert.deepEqual(await page.getByTestId('result-point-fit-warnings').locator('li').allInnerTexts(), pf.warnings.map((w) => w.message));
  assert.ok(pf.warnings.length > 0);

  assert.equal(await page.getByTestId('table-heading').innerText(), 'Contour table');
  const cols = await tableColumns(page);
  for (const key of ['name', 'points', 'circle_rms', 'residual', 'inlier']) assert.ok(key in cols, key);
  assert.equal(cols.name[0], '1');
  assert.equal(cols.points[0], String(expected.slices.count[0]));
  assertPrinted(cols.circle_rms[0], expected.slices.rms[0]);
  const setAside = await page.locator('[data-testid=slice-table] tbody tr.rejected td:nth-child(2)').allInnerTexts();
  assert.deepEqual(setAside, ['21'], 'the leaked contour');
  assert.equal(await page.getByTestId('layer-circles').isVisible(), true);
  assert.equal(await page.getByTestId('layer-points').isVisible(), true);
  assert.match(await page.getByTestId('viewer-legend').innerText(), /Contour points: blue inside the sphere/);

  // Every contour point's distance from the sphere, and whether its circle was used.
  const csv = (await save(page, 'export-points')).text.trim().split('\n');
  assert.equal(csv[0], 'point,slice,line,x,y,z,residual,circle_inlier');
  assert.equal(csv.length, 1121);
  const out = csv.slice(1).map((l) => l.split(','));
  out.forEach((row, i) => assert.equal(Number(row[6]), expected.pointResiduals[i]));
  assert.ok(out.filter((row) => row[1] === '21').every((row) => row[7] === '0'));
  assert.ok(out.filter((row) => row[1] === '20').every((row) => row[7] === '1'));
  const table = (await save(page, 'export-table')).text.trim().split('\n');
  assert.equal(table[0], 'slice,name,line,x,y,z,r,nx,ny,nz,points,circle_rms,residual,offset,inlier');
  assert.equal(table.length, 29);
  await page.close();
});

test('a binary STL dropped: points from its triangles, duplicates merged, at the sphere it was made from', async () => {
  const page = await app.open();
  const center = [12.5, -3.25, 40], radius = 8;
  const ico = icosphere(center, radius, 3);
  const bytes = stlBinary(ico.triangles);
  await dropFiles(page, [{ name: 'ball.stl', bytes }]);
  const expected = await sf.fitFile(new Uint8Array(bytes), 'ball.stl', {});
  // 20·4³ triangles, 10·4³ + 2 distinct vertices, each read three times a triangle.
  assert.equal(await page.getByTestId('result-mode').innerText(), '642 points from 1,280 triangles (3,198 duplicates merged; STL, binary)');
  assert.deepEqual(expected.file, { format: 'stl-binary', verticesRead: 3840, duplicatesMerged: 3198, faces: 1280 });
  const shown = await shownSphere(page);
  assertSphere(shown, expected);
  for (let k = 0; k < 3; ++k) assert.ok(Math.abs(shown.center[k] - center[k]) < 1e-5, 'float32 vertices: the true centre to 1e-5');
  assert.ok(Math.abs(shown.radius - radius) < 1e-5);
  assert.equal(await page.getByTestId('data-input').inputValue(), '', 'a mesh is not text');
  assert.match(await page.getByTestId('data-input').getAttribute('placeholder'), /ball\.stl is open/);
  assert.equal(await page.getByTestId('input-source').innerText(), 'File: ball.stl (64.1 KB).');
  // Float32 vertices read back with the digits they were stored with, not 15 decimals.
  const cols = await tableColumns(page);
  assert.ok(cols.x.every((t) => (t.split('.')[1]?.length ?? 0) <= 8), cols.x.slice(0, 3).join(' '));
  // Exports of a file are named after it and say where they came from.
  const exported = await save(page, 'export-json');
  assert.equal(exported.name, 'ball-sphere-fit.json');
  assert.equal(JSON.parse(exported.text).source, 'ball.stl');
  assert.match((await save(page, 'export-csv')).text, /^max_abs_point_residual,/m);

  // Several files: the first is used, and the line says so.
  const ply = plyBinary(spherePoints(500, center, radius, 0.01, 11));
  await dropFiles(page, [{ name: 'scan.ply', bytes: ply }, { name: 'notes.csv', bytes: Buffer.from('x,y,z\n1,2,3\n') }]);
  assert.equal(await page.getByTestId('input-source').innerText(), 'Dropped 2 files: using scan.ply; not opened: notes.csv (one file is fitted at a time).');
  assertSphere(await shownSphere(page), await sf.fitFile(new Uint8Array(ply), 'scan.ply', {}));
  assert.match(await page.getByTestId('result-mode').innerText(), /^500 points \(PLY, binary\)$/);

  // A link cannot carry a file: said plainly, and no link is made.
  await page.getByTestId('share').click();
  await page.getByTestId('share-note').filter({ hasText: 'cannot carry a file' }).waitFor();
  assert.match(await page.getByTestId('share-note').innerText(), /scan\.ply is not text/);
  assert.equal(await page.getByTestId('share-link').isVisible(), false);
  await page.close();
});

test('300 000 points: all fitted and in the table, a sample drawn, and the legend says so', async () => {
  const page = await app.open();
  const center = [-4, 7.5, 120], radius = 25;
  const seed = 20250101;
  console.log(`seed ${seed}`);
  const bytes = plyBinary(spherePoints(300000, center, radius, 0.02, seed));
  await openFile(page, 'scan.ply', bytes);
  const expected = await sf.fitFile(new Uint8Array(bytes), 'scan.ply', {});
  assertSphere(await shownSphere(page), expected);
  assert.equal(await page.getByTestId('result-used').innerText(), '300,000 of 300,000');
  // At most 250 000 drawn (30 000 by a software renderer, as here), evenly spaced.
  const [, drawn, stride] = /^Drawing ([\d,]+) of 300,000 points \(one in (\d+), and those set aside\), for display only: every point is fitted\./.exec(await page.getByTestId('viewer-legend').innerText());
  assert.equal(Number(drawn.replaceAll(',', '')), Math.ceil(300000 / Number(stride)));
  assert.ok(Number(drawn.replaceAll(',', '')) <= 250000);
  assert.equal(await page.getByTestId('slice-table').getAttribute('aria-rowcount'), '300001');
  assert.ok(await page.locator('[data-testid=slice-table] tbody tr[data-slice]').count() < 200);
  assert.match(await page.getByTestId('profile-plot').locator('svg').getAttribute('aria-label'), /300,000 points \(2,000 points shown, evenly spaced/);
  // The view answers the pointer and the keyboard.
  const box = await page.getByTestId('viewer').boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.move(box.x + box.width / 2 + 5, box.y + box.height / 2 + 5);
  await page.getByTestId('viewer').focus();
  await page.keyboard.press('ArrowLeft');
  assert.ok((await canvasPixels(page)).drawn > 0.05);
  await page.close();
});

test('the mode is shown and can be overridden: circles read as points, and back', async () => {
  const page = await app.open();
  const modes = await page.getByTestId('option-mode').locator('option').evaluateAll((os) => os.map((o) => o.value));
  assert.deepEqual(modes, [...sf.vocabulary.inputModes]);
  await pickSample(page, 'calibration-ball-cmm');
  const text = sample('calibration-ball-cmm');
  assert.equal(await page.getByTestId('result-mode').innerText(), '5 slice circles');
  assert.equal(await page.getByTestId('mode-help').innerText(), 'read as 5 slice circles');
  await change(page, 'option-mode', 'points');
  assert.equal(await page.getByTestId('result-mode').innerText(), '5 points');
  assertSphere(await shownSphere(page), sf.fitText(text, { mode: 'points' }));
  assert.ok(await page.locator('[data-testid=result-warnings] li[data-code=RadiusColumnIgnored]').count() === 1);
  await change(page, 'option-mode', 'auto');
  assert.equal(await page.getByTestId('result-mode').innerText(), '5 slice circles');
  // Points forced to be circles: the core says what is missing.
  await pickSample(page, 'calibration-ball-cmm-points');
  await change(page, 'option-mode', 'circles');
  assert.match(await page.getByTestId('result-error').innerText(), /no radius column/);
  await page.close();
});

test('the file input takes every kind of file the worker reads', async () => {
  const page = await app.open();
  const accept = (await page.getByTestId('file-input').getAttribute('accept')).split(',');
  for (const ext of ['.csv', '.tsv', '.txt', '.xyz', '.pts', '.asc', '.ds', '.ply', '.stl', '.obj', '.nii', '.nii.gz', '.nrrd', '.seg.nrrd', '.gz']) {
    assert.ok(accept.includes(ext), ext);
  }
  await page.close();
});

test('a share link carries the text with the mode and the fit type', async () => {
  const page = await app.open();
  await pickSample(page, 'calibration-ball-cmm-points');
  await change(page, 'option-fit-type', 'minimum-zone');
  await change(page, 'option-mode', 'points');
  const shown = await shownSphere(page);
  await page.getByTestId('share').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=share-link]').value.length > 0);
  const link = await page.getByTestId('share-link').inputValue();
  const other = await app.open(link.slice(app.url.length));
  await settled(other);
  assert.equal(await other.getByTestId('option-fit-type').inputValue(), 'minimum-zone');
  assert.equal(await other.getByTestId('option-mode').inputValue(), 'points');
  assert.deepEqual(await shownSphere(other), shown);
  await page.close();
  await other.close();
  // A link with a fit type the page does not have is damaged, not quietly ignored.
  const { deflateRawSync } = await import('node:zlib');
  const bad = `#data=${deflateRawSync(JSON.stringify({ v: 1, text: '1 2 3', options: { fitType: 'best' } })).toString('base64url')}`;
  const damaged = await app.open(bad, { waitForFit: false });
  await damaged.getByTestId('result-error').waitFor({ state: 'visible' });
  assert.match(await damaged.getByTestId('result-error').innerText(), /fit type option "best" is not one of least-squares, minimum-zone/);
  await damaged.close();
});

test('an opened table is shown as its text and refitted from the file; editing it fits the text', async () => {
  const page = await app.open();
  const text = sample('calibration-ball-cmm-points');
  await openFile(page, 'scan.csv', Buffer.from(text));
  assert.equal(await page.getByTestId('data-input').inputValue(), text);
  assertSphere(await shownSphere(page), sf.fitText(text));
  await change(page, 'option-robust', true);
  assertSphere(await shownSphere(page), sf.fitText(text, { robust: true }));
  const n = Number(await page.evaluate(() => document.body.dataset.fitCount));
  await page.getByTestId('data-input').fill(text.split('\n').slice(0, 200).join('\n'));
  await fitted(page, n + 1);
  await settled(page);
  assertSphere(await shownSphere(page), sf.fitText(text.split('\n').slice(0, 200).join('\n'), { robust: true }));
  await page.close();
});
