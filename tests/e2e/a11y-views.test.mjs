// Accessibility of the new view states: axe-core (from npm, evaluated through the test driver so
// the page's Content-Security-Policy stays as it is) finds no serious or critical violation with
// points, contours, a volume with its preview, a grey volume's threshold, a form fit with its zone,
// at 375 px; every new control has a label and is reached and worked by keyboard.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startApp, fitted, fitCount, problemHooks } from './harness.mjs';
import { pickSample, change, openFile, settled, seriousViolations } from './helpers.mjs';
import { nifti, ctBall, gzip } from './files.mjs';

let app;
before(async () => { app = await startApp(); });
after(async () => { await app?.close(); });
problemHooks(() => app);

test('points (robust, a row selected) and contours', async () => {
  const page = await app.open();
  await pickSample(page, 'calibration-ball-cmm-points');
  await change(page, 'option-robust', true);
  await page.locator('[data-testid=slice-table] tbody tr[data-slice]').nth(3).click();
  assert.deepEqual(await seriousViolations(page), [], 'points');
  await pickSample(page, 'femoral-head-contours');
  assert.deepEqual(await seriousViolations(page), [], 'contours');
  await page.close();
});

test('a volume with its preview; a grey volume with its threshold; an error on a volume', async () => {
  const page = await app.open();
  await pickSample(page, 'femoral-head-seg');
  await page.getByTestId('slice-preview').focus();
  await page.keyboard.press('ArrowDown');
  assert.deepEqual(await seriousViolations(page), [], 'labelmap and preview');
  const size = [40, 40, 30], spacing = [0.5, 0.5, 0.8], origin = [-10, -10, -12];
  await openFile(page, 'ball.nii.gz', gzip(nifti({ voxels: ctBall({ size, spacing, origin, center: [0, 0, 0], radius: 6, noise: 20, seed: 3 }), size, spacing, origin })));
  assert.deepEqual(await seriousViolations(page), [], 'grey volume');
  await change(page, 'option-threshold', 'soft');
  await page.getByTestId('result-error').waitFor({ state: 'visible' });
  assert.deepEqual(await seriousViolations(page), [], 'volume with an error');
  await page.close();
});

test('a form fit with its zone shown', async () => {
  const page = await app.open();
  await pickSample(page, 'calibration-ball-cmm-points');
  await change(page, 'option-fit-type', 'minimum-zone');
  assert.equal(await page.getByTestId('layer-zone').isChecked(), true);
  assert.deepEqual(await seriousViolations(page), [], 'minimum zone');
  await page.close();
});

test('375 px wide: a volume, points and a form fit fit the screen', async () => {
  const page = await app.open('', { width: 375, height: 800 });
  for (const name of ['femoral-head-seg', 'calibration-ball-cmm-points']) {
    await pickSample(page, name);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 375, `${name}: the page is ${width} px wide`);
    assert.deepEqual(await seriousViolations(page), [], `${name} at 375 px`);
  }
  await change(page, 'option-fit-type', 'maximum-inscribed');
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth) <= 375);
  assert.deepEqual(await seriousViolations(page), [], 'form fit at 375 px');
  await page.close();
});

test('every new control has a label and works by keyboard', async () => {
  const page = await app.open();
  await pickSample(page, 'femoral-head-seg');
  for (const id of ['option-mode', 'option-fit-type', 'option-label', 'option-axis', 'preview-slice']) {
    const label = await page.getByTestId(id).evaluate((el) => [...el.labels].map((l) => l.textContent.trim()).join(' '));
    assert.ok(label.length > 0, `${id} has a label`);
  }
  for (const id of ['layer-points', 'layer-zone']) assert.ok((await page.getByTestId(id).evaluate((el) => el.closest('label').textContent.trim())).length > 0, id);
  for (const id of ['preview-previous', 'preview-next']) assert.ok((await page.getByTestId(id).getAttribute('aria-label')).length > 0, id);
  assert.match(await page.getByTestId('slice-preview').getAttribute('aria-label'), /^Slice preview, Slice k = \d+/);

  // Tab from the fit-type choice reaches the weights; arrow keys change a choice and refit.
  await page.getByTestId('option-fit-type').focus();
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), 'option-weights');
  const n = await fitCount(page);
  await page.getByTestId('option-axis').focus();
  await page.keyboard.press('ArrowUp');  // k → j
  await fitted(page, n + 1);
  await settled(page);
  assert.equal(await page.getByTestId('option-axis').inputValue(), '1');
  assert.match(await page.getByTestId('result-slices').innerText(), /across j/);
  // The volume's controls come in order after the options, then the preview's.
  const order = [];
  await page.getByTestId('option-units').focus();
  for (let k = 0; k < 7; ++k) {
    await page.keyboard.press('Tab');
    order.push(await page.evaluate(() => document.activeElement.dataset.testid));
  }
  assert.deepEqual(order.slice(0, 6), ['option-label', 'option-axis', 'preview-previous', 'preview-slice', 'preview-next', 'slice-preview']);
  await page.close();
});
