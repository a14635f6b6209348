// The page as a user drives it, in headless Chromium: first load, paste, errors, upload, samples,
// options, share link, exports, the 3D canvas, small screens, and no console errors.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { loadSphereFit } from '../../web/src/lib/spherefit.js';
import { startApp, fitted, fitCount, shownSphere, problemHooks } from './harness.mjs';
import { typeData, sampleText, canvasPixels } from './helpers.mjs';

let app;
const sf = await loadSphereFit();
const sample = sampleText;

before(async () => { app = await startApp(); });
after(async () => {
  await app?.close();
});
problemHooks(() => app);

function assertMatches(shown, expected, tol = 1e-9) {
  assert.equal(expected.ok, true, expected.error?.message);
  for (let k = 0; k < 3; ++k) assert.ok(Math.abs(shown.center[k] - expected.center[k]) <= tol * expected.radius, `centre ${k}: ${shown.center[k]} vs ${expected.center[k]}`);
  assert.ok(Math.abs(shown.radius - expected.radius) <= tol * expected.radius, `radius ${shown.radius} vs ${expected.radius}`);
}

test('first load shows the femoral head sample already fitted', async () => {
  const page = await app.open();
  assert.equal(await page.getByTestId('sample-select').inputValue(), 'femoral-head-ct');
  assertMatches(await shownSphere(page), sf.fitText(sample('femoral-head-ct')));
  assert.match(await page.getByTestId('result-warnings').innerText(), /Slice 28 looks like an outlier/);
  assert.equal(await page.locator('[data-testid="slice-table"] tbody tr').count(), 40);
  await page.close();
});

test('pasted data: the displayed centre and radius match the solver to 1e-9', async () => {
  const page = await app.open();
  const text = 'cx;cy;cz;diameter\n1,5;2;0;8\n1,5;2;2;9,797958971132712\n1,5;2;3;10\n1,5;2;5;9,16515138991168\n1,5;2;7,5;4,358898943540674\n';
  await typeData(page, text);
  const shown = await shownSphere(page);
  assertMatches(shown, sf.fitText(text));
  assert.ok(Math.abs(shown.radius - 5) < 1e-12 && Math.abs(shown.center[0] - 1.5) < 1e-12);
  assert.match(await page.getByTestId('result-radius').innerText(), /^5/);
  await page.close();
});

test('a bad line: the error names line and column, quotes it, and the last result goes stale', async () => {
  const page = await app.open();
  await typeData(page, 'x y z r\n0 0 0 5\n0 0 2 4.58\n0 0 4 3.O\n');
  const error = page.getByTestId('result-error');
  await error.waitFor({ state: 'visible' });
  assert.match(await error.innerText(), /Line 4, column 7: '3\.O' is not a number/);
  assert.equal(await page.getByTestId('result-error-line').innerText(), '4 | 0 0 4 3.O\n  |       ^');
  assert.match(await page.getByTestId('results').getAttribute('class'), /stale/);
  await page.getByRole('button', { name: 'Show line 4 in the input' }).click();
  const selected = await page.getByTestId('data-input').evaluate((t) => t.value.slice(t.selectionStart, t.selectionEnd));
  assert.equal(selected, '3.O');
  await page.close();
});

test('user text is shown as text, never as HTML', async () => {
  const page = await app.open();
  await typeData(page, '<img src=x data-injected=1>,y,z,r\n1,2,3,4\n');
  assert.equal(await page.locator('[data-injected]').count(), 0);
  assert.match(await page.getByTestId('result-error').innerText(), /no x column/);
  await page.close();
});

test('upload a file', async () => {
  const page = await app.open();
  const earlier = await fitCount(page);
  const text = sample('calibration-ball-cmm');
  await page.getByTestId('file-input').setInputFiles({ name: 'ball.tsv', mimeType: 'text/tab-separated-values', buffer: Buffer.from(text) });
  await fitted(page, earlier + 1);
  assertMatches(await shownSphere(page), sf.fitText(text));
  assert.equal(await page.getByTestId('data-input').inputValue(), text);
  await page.close();
});

test('drop a file anywhere on the page', async () => {
  const page = await app.open();
  const earlier = await fitCount(page);
  const text = sample('bead-cap-ct');
  const transfer = await page.evaluateHandle((content) => {
    const dt = new DataTransfer();
    dt.items.add(new File([content], 'bead.txt', { type: 'text/plain' }));
    return dt;
  }, text);
  await page.dispatchEvent('main', 'dragenter', { dataTransfer: transfer });
  assert.equal(await page.getByTestId('drop-overlay').isVisible(), true);
  await page.dispatchEvent('main', 'drop', { dataTransfer: transfer });
  await fitted(page, earlier + 1);
  assertMatches(await shownSphere(page), sf.fitText(text));
  assert.match(await page.getByTestId('result-warnings').innerText(), /one side of the centre/);
  await page.close();
});

test('every sample in the menu fits', async () => {
  const page = await app.open();
  for (const name of ['calibration-ball-cmm', 'eyeball-oblique-mri', 'bead-cap-ct', 'femoral-head-ct']) {
    const earlier = await fitCount(page);
    await page.getByTestId('sample-select').selectOption(name);
    await fitted(page, earlier + 1);
    assertMatches(await shownSphere(page), sf.fitText(sample(name)));
  }
  await page.close();
});

test('options: robust sets the bad slice aside; a known radius fits the centre only; weights', async () => {
  const page = await app.open();
  let earlier = await fitCount(page);
  await page.getByTestId('option-robust').check();
  await fitted(page, earlier + 1);
  const text = sample('femoral-head-ct');
  assertMatches(await shownSphere(page), sf.fitText(text, { robust: true }));
  assert.equal(await page.getByTestId('result-used').innerText(), '39 of 40');
  assert.equal(await page.locator('[data-testid="slice-table"] tbody tr.rejected').count(), 1);
  assert.equal(await page.locator('[data-testid="profile-plot"] circle.rejected').count(), 1);

  earlier = await fitCount(page);
  await page.getByTestId('option-radius').fill('23,6');
  await fitted(page, earlier + 1);
  assertMatches(await shownSphere(page), sf.fitText(text, { robust: true, radius: 23.6 }));
  assert.match(await page.getByTestId('result-radius').innerText(), /23\.6 mm \(known\)/);

  earlier = await fitCount(page);
  await page.getByTestId('option-radius').fill('-1');
  await fitted(page, earlier + 1);
  assert.match(await page.getByTestId('result-error').innerText(), /known radius must be a positive number/);

  earlier = await fitCount(page);
  await page.getByTestId('option-radius').fill('');
  await page.getByTestId('option-robust').uncheck();
  await page.getByTestId('option-weights').selectOption('circumference');
  await fitted(page, earlier + 1);
  await page.waitForFunction(() => document.querySelector('[data-testid=fit-status]').dataset.state === 'done');
  assertMatches(await shownSphere(page), sf.fitText(text, { weights: 'circumference' }));

  earlier = await fitCount(page);
  await page.getByTestId('option-weights').selectOption('column');
  await fitted(page, earlier + 1);
  assert.match(await page.getByTestId('result-error').innerText(), /need a w \(or weight\) column/);
  await page.getByTestId('option-units').fill('µm');
  assert.match(await page.getByTestId('result-rms').innerText(), /µm$/);
  await page.close();
});

test('the share link carries data and options and round-trips', async () => {
  const page = await app.open();
  const earlier = await fitCount(page);
  await page.getByTestId('sample-select').selectOption('eyeball-oblique-mri');
  await page.getByTestId('option-robust').check();
  await fitted(page, earlier + 1);
  await page.waitForFunction(() => document.querySelector('[data-testid=fit-status]').dataset.state === 'done');
  const shown = await shownSphere(page);
  await page.getByTestId('share').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=share-link]').value.length > 0);
  const link = await page.getByTestId('share-link').inputValue();
  assert.match(link, /#data=[A-Za-z0-9_-]+$/);
  assert.ok(!link.includes('eyeball'), 'the data is compressed, not in plain text');
  const requestsBefore = app.requests.length;
  const other = await app.open(link.slice(app.url.length));
  assert.deepEqual(await shownSphere(other), shown);
  assert.equal(await other.getByTestId('option-robust').isChecked(), true);
  assert.equal(await other.getByTestId('data-input').inputValue(), sample('eyeball-oblique-mri'));
  assert.ok(app.requests.slice(requestsBefore).every((u) => !u.includes('#') && !u.includes('data=')), 'the fragment never reaches the server');
  await page.close();
  await other.close();
});

test('exports: JSON, CSV, slice table, PNG and the clipboard', async () => {
  const page = await app.open();
  const shown = await shownSphere(page);
  const save = async (id) => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(id).click()]);
    return { name: download.suggestedFilename(), body: readFileSync(await download.path()) };
  };
  const json = JSON.parse((await save('export-json')).body.toString());
  assert.deepEqual(json.sphere.center, shown.center);
  assert.equal(json.sphere.radius, shown.radius);
  assert.equal(json.slices.length, 40);
  const csv = (await save('export-csv')).body.toString();
  assert.match(csv, new RegExp(`^radius,${shown.radius},`, 'm'));
  const table = (await save('export-table')).body.toString().trim().split('\n');
  assert.equal(table.length, 41);
  assert.equal(table[0], 'slice,line,x,y,z,r,residual,offset,inlier');
  const png = await save('export-png');
  assert.deepEqual([...png.body.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
  await page.getByTestId('copy-result').click();
  await page.getByTestId('toast').filter({ hasText: 'copied' }).waitFor();
  const clip = await page.evaluate(() => navigator.clipboard.readText());
  // The copied summary is for people: the same rounded text as the page, not every digit.
  const radiusText = await page.getByTestId('result-radius').innerText();
  assert.ok(clip.includes(`radius   = ${radiusText}\n`), clip);
  await page.close();
});

test('the 3D view draws, and table, plot and view share the selection', async () => {
  const page = await app.open();
  const { drawn } = await canvasPixels(page);
  assert.ok(drawn > 0.05, `only ${(100 * drawn).toFixed(2)} % of the canvas differs from the background`);
  const row = page.locator('[data-testid="slice-table"] tbody tr').nth(27);
  await row.click();
  assert.match(await row.getAttribute('class'), /selected/);
  assert.equal(await page.locator('[data-testid="profile-plot"] circle.hot').getAttribute('data-slice'), '27');
  await page.getByTestId('sort-residual').click();
  await page.getByTestId('sort-residual').click();
  assert.equal(await page.locator('[data-testid="slice-table"] tbody tr').first().getAttribute('data-slice'), '27');
  await page.getByTestId('layer-sphere').uncheck();
  await page.getByTestId('fit-view').click();
  await page.close();
});

test('works at 375 px wide, with labelled, keyboard-reachable controls', async () => {
  const page = await app.open('', { width: 375, height: 800 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(overflow <= 375, `page is ${overflow} px wide`);
  for (const id of ['data-input', 'sample-select', 'option-weights', 'option-robust', 'option-radius', 'option-units', 'file-input']) {
    const label = await page.getByTestId(id).evaluate((el) => [...el.labels].map((l) => l.textContent.trim()).join(' '));
    assert.ok(label.length > 0, `${id} has a label`);
  }
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), 'sample-select');
  await page.close();
});

test('a 30 000-slice file: fitted in full, previewed read-only, drawn in part', async () => {
  const page = await app.open();
  const lines = ['x,y,z,r'];
  for (let i = 0; i < 30000; ++i) {
    const h = -9.5 + (19 * i) / 29999;
    lines.push(`${(i % 7) * 1e-4},${-(i % 5) * 1e-4},${h},${Math.sqrt(100 - h * h) + ((i % 3) - 1) * 1e-3}`);
  }
  const text = `${lines.join('\n')}\n`;
  assert.ok(text.length > 1_000_000);
  const earlier = await fitCount(page);
  await page.getByTestId('file-input').setInputFiles({ name: 'many.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });
  await fitted(page, earlier + 1);
  assertMatches(await shownSphere(page), sf.fitText(text));
  assert.equal(await page.getByTestId('result-used').innerText(), '30,000 of 30,000');
  assert.equal(await page.getByTestId('large-input-note').isVisible(), true);
  assert.equal(await page.getByTestId('data-input').evaluate((t) => t.readOnly), true);
  // Every slice is in the table; only the rows in view are in the DOM.
  assert.match(await page.getByTestId('table-note').innerText(), /^30,000 slice circles/);
  assert.equal(await page.getByTestId('slice-table').getAttribute('aria-rowcount'), '30001');
  assert.ok(await page.locator('[data-testid="slice-table"] tbody tr[data-slice]').count() < 200);
  assert.match(await page.getByTestId('viewer-legend').innerText(), /^Drawing 15,000 of 30,000 circles/);
  await page.close();
});

test('offline once loaded: the sample menu still works without a connection', async () => {
  const page = await app.open();
  await page.waitForFunction(() => document.body.dataset.samplesReady === 'true');
  await page.context().setOffline(true);
  try {
    const earlier = await fitCount(page);
    await page.getByTestId('sample-select').selectOption('calibration-ball-cmm');
    await fitted(page, earlier + 1);
    assertMatches(await shownSphere(page), sf.fitText(sample('calibration-ball-cmm')));
  } finally {
    await page.context().setOffline(false);
  }
  await page.close();
});

test('offline: only this origin is ever asked for anything', () => {
  assert.ok(app.requests.length > 0);
  for (const u of app.requests) assert.ok(u.startsWith(app.url) || u.startsWith('data:') || u.startsWith('blob:'), u);
});
