// DICOM in the page (issue 18): several files opened at once are read together in the worker; with
// several series the series select lists them (the largest image series fitted first) and picking
// another fits it. The centre and radius shown are the ball the generator wrote
// (tests/data/dicom/make_dicom.py: pydicom, JPEG-LS by dcmtk), in RAS, each slice of the gantry-
// tilted, unevenly spaced series placed by its own position.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startApp, shownSphere, fitted, fitCount, problemHooks } from './harness.mjs';
import { settled } from './helpers.mjs';
import { dist, folderFiles, makeData, metaImageBall, missingTools, oneFile } from '../node/dicom-data.mjs';

const skip = missingTools() ?? false;
let app, data;
before(async () => {
  if (skip) return;
  data = makeData();
  app = await startApp();
});
after(async () => {
  await app?.close();
  data?.cleanup();
});
problemHooks(() => app);

const ras = (p) => [-p[0], -p[1], p[2]];
const asInput = (files) => files.map((f) => ({ name: f.name.replace('/', '-'), mimeType: 'application/dicom', buffer: Buffer.from(f.bytes) }));

function assertBall(shown, truth, tol) {
  assert.ok(dist(shown.center, ras(truth.ball.centre)) < tol, `centre ${shown.center} vs ${ras(truth.ball.centre)}`);
  assert.ok(Math.abs(shown.radius - truth.ball.radius) < tol, `radius ${shown.radius} vs ${truth.ball.radius}`);
}

test('a compressed, tilted series and an axial one opened together: listed, the largest fitted, the other picked', { skip }, async () => {
  const page = await app.open();
  const tilt = data.truth.series.ct_tilt_uneven, axial = data.truth.series.ct_axial;
  const files = [...folderFiles(data.dir, 'ct_tilt_uneven_jpegls'), ...folderFiles(data.dir, 'ct_axial')];
  let n = await fitCount(page);
  await page.getByTestId('file-input').setInputFiles(asInput(files));
  await fitted(page, n + 1);
  await settled(page);
  assert.equal(await page.getByTestId('result-error').isVisible(), false, await page.getByTestId('result-error').innerText());
  assertBall(await shownSphere(page), axial, 0.125);

  const select = page.getByTestId('option-series');
  assert.equal(await select.isVisible(), true);
  const options = await select.locator('option').evaluateAll((os) => os.map((o) => [o.value, o.textContent]));
  assert.equal(options.length, 2);
  const tiltOption = options.find(([, text]) => /25 slices, 60 × 56/.test(text));
  assert.ok(tiltOption, options.map((o) => o[1]).join(' | '));
  assert.ok(options.some(([, text]) => /CT “ct_axial” — 30 slices, 64 × 60/.test(text)), options.map((o) => o[1]).join(' | '));

  n = await fitCount(page);
  await select.selectOption(tiltOption[0]);
  await fitted(page, n + 1);
  await settled(page);
  assertBall(await shownSphere(page), tilt, 0.19);
  assert.equal(await select.inputValue(), tiltOption[0]);
  const lps = (await page.getByTestId('result-center-lps').getAttribute('data-value')).split(',').map(Number);
  assert.ok(dist(lps, tilt.ball.centre) < 0.19, `LPS ${lps} vs ${tilt.ball.centre}`);
  await page.close();
});

test('one series opened as several files: no series select, the ball', { skip }, async () => {
  const page = await app.open();
  const n = await fitCount(page);
  await page.getByTestId('file-input').setInputFiles(asInput(folderFiles(data.dir, 'ct_oblique')));
  await fitted(page, n + 1);
  await settled(page);
  assertBall(await shownSphere(page), data.truth.series.ct_oblique, 0.12);
  assert.equal(await page.getByTestId('option-series').isVisible(), false);
  await page.close();
});

test('an RT structure set beside its CT: picked in the series list, its ROIs by name, a femoral head fitted', { skip }, async () => {
  const page = await app.open();
  const heads = data.truth.rtstruct['rtstruct/rtstruct.dcm'].rois.filter((r) => r.sphere);
  let n = await fitCount(page);
  await page.getByTestId('file-input').setInputFiles(asInput([...folderFiles(data.dir, 'ct_axial'), oneFile(data.dir, 'rtstruct/rtstruct.dcm')]));
  await fitted(page, n + 1);
  await settled(page);
  const options = await page.getByTestId('option-series').locator('option').evaluateAll((os) => os.map((o) => [o.value, o.textContent]));
  const rt = options.find(([, text]) => /RTSTRUCT/.test(text));
  assert.ok(rt && /Femur_Head_L/.test(rt[1]), options.map((o) => o[1]).join(' | '));
  n = await fitCount(page);
  await page.getByTestId('option-series').selectOption(rt[0]);
  await fitted(page, n + 1);
  await settled(page);
  const rois = await page.getByTestId('option-label').locator('option').evaluateAll((os) => os.map((o) => o.value));
  assert.deepEqual(rois.filter((r) => r.startsWith('Femur')), ['Femur_Head_L', 'Femur_Head_R']);
  // The most sphere-like ROI first, named in the select; then the other head by name.
  const first = await page.getByTestId('option-label').inputValue();
  const firstTruth = heads.find((h) => h.name === first).sphere;
  assertBall(await shownSphere(page), { ball: firstTruth }, 1e-4);
  const other = heads.find((h) => h.name !== first);
  n = await fitCount(page);
  await page.getByTestId('option-label').selectOption(other.name);
  await fitted(page, n + 1);
  await settled(page);
  assertBall(await shownSphere(page), { ball: other.sphere }, 1e-4);
  assert.equal(await page.getByTestId('option-label').inputValue(), other.name);
  await page.close();
});

test('a MetaImage header and its data file opened together', async () => {
  // Built here around a known ball (tests/node/dicom-data.mjs metaImageBall): no Debian tool needed.
  const { centre, files } = metaImageBall();
  const own = app ?? (app = await startApp());
  const page = await own.open();
  const n = await fitCount(page);
  await page.getByTestId('file-input').setInputFiles(files.map((f) => ({ name: f.name, mimeType: 'application/octet-stream', buffer: Buffer.from(f.bytes) })));
  await fitted(page, n + 1);
  await settled(page);
  const shown = await shownSphere(page);
  assert.ok(dist(shown.center, ras(centre)) < 0.08, `centre ${shown.center} vs ${ras(centre)}`);
  assert.equal(await page.getByTestId('result-lps-row').isVisible(), false, 'not DICOM: no LPS line');
  await page.close();
});
