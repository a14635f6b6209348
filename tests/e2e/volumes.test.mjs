// Volumes in the page (issue 10): the label or threshold and the axis, refitted on the volume the
// worker holds (never read again); the centre in voxel indices, the world frame, the slices used
// and left out; the slice preview with its contour and circle, stepping by keyboard and following
// the selection; progress while a volume is read; failures that the axis choice mends. Numbers
// are checked against the library called here on the same bytes, and against the ball a volume
// was made from.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { loadSphereFit } from '../../web/src/lib/spherefit.js';
import { formatNumber } from '../../web/src/lib/format.js';
import { startApp, shownSphere, fitted, problemHooks } from './harness.mjs';
import { openFile, pickSample, change, save, value, spyOnWorker, workerMessages, tableColumns, settled, assertSphere } from './helpers.mjs';
import { nifti, ctBall, gzip } from './files.mjs';

let app;
const sf = await loadSphereFit();
const sampleBytes = readFileSync(new URL('../../web/samples/femoral-head-seg.nii.gz', import.meta.url));
const volumes = new URL('../../build/native/volumes/', import.meta.url);

before(async () => {
  app = await startApp();
  await spyOnWorker(app.context);
});
after(async () => { await app?.close(); });
problemHooks(() => app);

// Pixels of the slice preview in the contour's cyan and the circle's orange.
async function previewPixels(page) {
  return page.getByTestId('slice-preview').evaluate((canvas) => {
    const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
    let cyan = 0, orange = 0, white = 0;
    for (let i = 0; i < data.length; i += 4) {
      const [r, g, b] = [data[i], data[i + 1], data[i + 2]];
      if (r < 60 && g > 180 && b > 200) cyan += 1;
      if (r > 230 && g > 100 && g < 170 && b < 100) orange += 1;
      if (r > 240 && g > 240 && b > 240) white += 1;
    }
    return { cyan, orange, white, width: canvas.width, height: canvas.height };
  });
}

const previewSlice = async (page) => Number(await page.getByTestId('slice-preview').getAttribute('data-slice'));
async function previewShows(page, index) {
  await page.waitForFunction((i) => document.querySelector('[data-testid=slice-preview]').dataset.slice === String(i), index);
}

test('the sample segmentation: label, axis, centre in voxels, world frame, slices used and left out, preview', async () => {
  const page = await app.open();
  await workerMessages(page);
  await pickSample(page, 'femoral-head-seg');
  assert.ok((await workerMessages(page)).includes('open'), 'a file sample goes to the worker as a file');
  const expected = await sf.fitFile(new Uint8Array(sampleBytes), 'femoral-head-seg.nii.gz', {});
  assertSphere(await shownSphere(page), expected);
  assert.equal(await page.getByTestId('data-input').inputValue(), '');

  // The labels with their voxel counts; the largest non-zero label chosen; slices across k.
  const labels = await page.getByTestId('option-label').locator('option').evaluateAll((os) => os.map((o) => [o.value, o.textContent]));
  assert.deepEqual(labels, expected.volume.labels.filter((l) => l.value !== 0).map((l) => [String(l.value), `${l.value} (${l.count.toLocaleString('en')} voxels)`]));
  assert.equal(await page.getByTestId('option-label').inputValue(), String(expected.volume.defaultLabel));
  assert.equal(await page.getByTestId('option-axis').inputValue(), '2');
  assert.equal(await page.getByTestId('threshold-row').isVisible(), false, 'a labelmap has no threshold');

  assert.equal(await page.getByTestId('result-center-voxel').getAttribute('data-value'), expected.centerVoxel.join(','));
  assert.equal(await page.getByTestId('result-center-voxel').innerText(), `i, j, k = ${expected.centerVoxel.map((x) => x.toFixed(2)).join(', ')}`);
  assert.equal(await page.getByTestId('result-frame').innerText(), 'RAS mm, from the sform (scanner anatomical)');
  const status = [...expected.volumeSlices.status];
  const kept = status.filter((s) => s === 0).length, empty = status.filter((s) => s === 1).length, edge = status.filter((s) => s === 2).length;
  assert.equal(kept + empty + edge, 34);
  assert.equal(await page.getByTestId('result-slices').innerText(),
    `${kept} of 34 slices across k give a contour; left out: ${empty} empty (nothing selected on it), ${edge} touching the volume's edge`);
  assert.match(await page.getByTestId('result-warnings').innerText(), /left out: 3 touch the volume's edge/);
  assert.match(await page.getByTestId('result-mode').innerText(), /^26 slice contours along k, 5,684 points \(label 1\)$/);

  // The preview: the middle slice used, its contour and the circle drawn at the voxels' aspect.
  assert.equal(await page.getByTestId('preview-panel').isVisible(), true);
  const keptSlices = [...expected.volumeSlices.index].filter((_, k) => status[k] === 0);
  const middle = keptSlices[Math.floor(keptSlices.length / 2)];
  await previewShows(page, middle);
  const preview = sf.previewSlice(expected.volume, 2, middle);
  assert.equal(Number(await page.getByTestId('slice-preview').getAttribute('data-contour-points')), preview.contour.length / 2);
  assert.ok(preview.contour.length > 0 && preview.circle.length > 0);
  const pixels = await previewPixels(page);
  assert.ok(pixels.cyan > 100 && pixels.orange > 50 && pixels.white > 1000, JSON.stringify(pixels));
  const aspect = (preview.width * preview.spacingU) / (preview.height * preview.spacingV);
  assert.ok(Math.abs(pixels.width / pixels.height - aspect) < 0.02, `aspect ${pixels.width / pixels.height} vs ${aspect}`);
  assert.match(await page.getByTestId('preview-caption').innerText(), new RegExp(`^Slice k = ${middle} \\(\\d+ of 34\\): used, its contour has [\\d,]+ points\\.$`));
  await page.close();
});

test('label and axis changes refit the volume the worker holds, without reading it again', async () => {
  const page = await app.open();
  await pickSample(page, 'femoral-head-seg');
  const { volume } = await sf.readVolume(new Uint8Array(sampleBytes), 'femoral-head-seg.nii.gz');
  await workerMessages(page);
  await change(page, 'option-label', 2);
  assert.ok((await workerMessages(page)).includes('refit'));
  assertSphere(await shownSphere(page), sf.fitVolume(volume, { label: 2, axis: 2 }, {}));
  await change(page, 'option-label', 1);
  await change(page, 'option-axis', 0);
  const messages = await workerMessages(page);
  assert.ok(!messages.includes('open'), `no file read again: ${messages}`);
  const expected = sf.fitVolume(volume, { label: 1, axis: 0 }, {});
  assertSphere(await shownSphere(page), expected);
  assert.match(await page.getByTestId('result-slices').innerText(), /slices across i give a contour/);
  assert.match(await page.getByTestId('result-mode').innerText(), /along i/);
  // Options refit it too (robust), with the selection kept.
  await change(page, 'option-robust', true);
  assertSphere(await shownSphere(page), sf.fitVolume(volume, { label: 1, axis: 0 }, { robust: true }));
  assert.ok(!(await workerMessages(page)).includes('open'));
  sf.releaseVolume(volume);
  await page.close();
});

test('a grey CT: the threshold is ISO-50, editable; the centre is where the ball was made', async () => {
  const page = await app.open();
  const size = [40, 40, 30], spacing = [0.5, 0.5, 0.8], origin = [-10, -10, -12], center = [0.13, -0.21, 0.07], radius = 6.5;
  const seed = 7;
  console.log(`seed ${seed}`);
  const bytes = gzip(nifti({ voxels: ctBall({ size, spacing, origin, center, radius, noise: 20, seed }), size, spacing, origin }));
  await openFile(page, 'ball.nii.gz', bytes);
  const expected = await sf.fitFile(new Uint8Array(bytes), 'ball.nii.gz', {});
  assertSphere(await shownSphere(page), expected);
  const shown = await shownSphere(page);
  for (let k = 0; k < 3; ++k) assert.ok(Math.abs(shown.center[k] - center[k]) < 0.05, `centre ${k} within 0.05 mm of the truth`);
  assert.ok(Math.abs(shown.radius - radius) < 0.1);
  assert.equal(await page.getByTestId('label-row').isVisible(), false);
  assert.equal(await page.getByTestId('option-threshold').inputValue(), formatNumber(expected.volume.iso50.threshold));
  assert.match(await page.getByTestId('threshold-help').innerText(), /^ISO-50: halfway between the background \(-1002\.\d+\) and the material \(799\.\d+\)$/);
  // Voxel centre: the world centre through the inverse of the affine (diagonal here).
  const voxel = (await page.getByTestId('result-center-voxel').getAttribute('data-value')).split(',').map(Number);
  voxel.forEach((v, k) => assert.ok(Math.abs(origin[k] + v * spacing[k] - shown.center[k]) < 1e-4, `voxel ${k}`));

  const { volume } = await sf.readVolume(new Uint8Array(bytes), 'ball.nii.gz');
  await workerMessages(page);
  await change(page, 'option-threshold', '0');
  assert.ok((await workerMessages(page)).includes('refit'));
  assertSphere(await shownSphere(page), sf.fitVolume(volume, { threshold: 0, axis: 2 }, {}));
  assert.match(await page.getByTestId('result-mode').innerText(), /\(threshold 0\)$/);
  // A threshold that is not a number is the core's error, shown as such.
  await change(page, 'option-threshold', 'soft');
  assert.equal(await page.getByTestId('result-error').isVisible(), true);
  assert.equal(await page.getByTestId('export-json').isDisabled(), true);
  await change(page, 'option-threshold', '-101.5');
  assertSphere(await shownSphere(page), sf.fitVolume(volume, { threshold: -101.5, axis: 2 }, {}));
  sf.releaseVolume(volume);
  await page.close();
});

test('the preview follows the selection, steps by keyboard, and the table follows it', async () => {
  const page = await app.open();
  await pickSample(page, 'femoral-head-seg');
  const names = (await tableColumns(page)).name;
  const row = names.indexOf('k = 10');
  await page.locator(`[data-testid=slice-table] tbody tr[data-slice="${row}"]`).click();
  await previewShows(page, 10);
  await page.getByTestId('slice-preview').focus();
  await page.keyboard.press('ArrowUp');
  await previewShows(page, 11);
  assert.equal(await page.locator('[data-testid=slice-table] tbody tr.selected td:nth-child(2)').innerText(), 'k = 11');
  await page.keyboard.press('PageUp');
  await previewShows(page, 21);
  await page.keyboard.press('End');
  await previewShows(page, 33);
  assert.match(await page.getByTestId('preview-caption').innerText(), /^Slice k = 33 \(34 of 34\): left out: empty/);
  assert.equal(await page.locator('[data-testid=slice-table] tbody tr.selected').count(), 0, 'an empty slice has no circle');
  await page.keyboard.press('Home');
  await previewShows(page, 0);
  await page.getByTestId('preview-next').click();
  await previewShows(page, 1);
  await page.getByTestId('preview-slice').focus();
  await page.keyboard.press('ArrowRight');
  await previewShows(page, 2);
  assert.equal(await previewSlice(page), 2);
  await page.close();
});

test('a volume whose fit fails across k: the error, then the axis choice mends it without reading it again', async () => {
  const page = await app.open();
  // A ball of radius 12 in a volume only 6 voxels wide along i: every slice across k touches an edge.
  const size = [6, 40, 40], spacing = [1, 1, 1], origin = [-2.5, -19.5, -19.5], c = [0.21, 0.33, -0.17];
  const voxels = new Uint8Array(size[0] * size[1] * size[2]);
  for (let k = 0; k < 40; ++k) for (let j = 0; j < 40; ++j) for (let i = 0; i < 6; ++i) {
    if (Math.hypot(origin[0] + i - c[0], origin[1] + j - c[1], origin[2] + k - c[2]) <= 12) voxels[i + 6 * (j + 40 * k)] = 1;
  }
  const bytes = nifti({ voxels, size, spacing, origin });
  // Another volume sliced across j is open; the new one is fitted (and fails) across k, as it says.
  await pickSample(page, 'femoral-head-seg');
  await change(page, 'option-axis', 1);
  await openFile(page, 'cut.nii', bytes);
  assert.equal(await page.getByTestId('result-error').getAttribute('data-code'), 'NoClosedContours');
  assert.equal(await page.getByTestId('option-axis').inputValue(), '2', 'the axis the failed fit used, not the last file\'s');
  assert.match(await page.getByTestId('result-error').innerText(), /Slice along another axis/);
  assert.equal(await page.getByTestId('volume-options').isVisible(), true, 'the axis can be chosen');
  const preview = page.getByTestId('preview-panel');
  assert.ok(!(await preview.isVisible()) || (await preview.getAttribute('data-stale')) === 'error', 'no preview passes for the new file\'s');
  await workerMessages(page);
  await change(page, 'option-axis', 0);
  const messages = await workerMessages(page);
  assert.ok(messages.includes('refit') && !messages.includes('open'), `the volume held after the failed fit is refitted: ${messages}`);
  const expected = await sf.fitFile(new Uint8Array(bytes), 'cut.nii', {}, { selection: { axis: 0 } });
  assertSphere(await shownSphere(page), expected);
  assert.ok(Math.abs(expected.radius - 12) < 0.05);
  assert.equal(await page.getByTestId('option-label').inputValue(), '1');
  await page.close();
});

// A 13 MB labelmap: a ball of radius 30 mm in 0.5 mm voxels.
function bigVolume() {
  const size = [256, 256, 200], spacing = [0.5, 0.5, 0.5], origin = [-64, -64, -50];
  const voxels = new Uint8Array(size[0] * size[1] * size[2]);
  for (let k = 0; k < size[2]; ++k) for (let j = 0; j < size[1]; ++j) for (let i = 0; i < size[0]; ++i) {
    if (Math.hypot(origin[0] + 0.5 * i - 1, origin[1] + 0.5 * j + 2, origin[2] + 0.5 * k - 3) <= 30) voxels[i + 256 * (j + 256 * k)] = 3;
  }
  return nifti({ voxels, size, spacing, origin });
}

async function watchProgress(page) {
  await page.evaluate(() => {
    window.progressTexts = [];
    new MutationObserver(() => window.progressTexts.push(document.querySelector('[data-testid=load-progress-text]').textContent))
      .observe(document.querySelector('[data-testid=load-progress-text]'), { childList: true, characterData: true, subtree: true });
  });
  return () => page.evaluate(() => window.progressTexts);
}

test('progress while a file is read, and the page answers meanwhile', async () => {
  // The worker as it is, but reading slowly: it reports 1 and 3 MB of 4 MB read before it opens the
  // file, so the page's progress can be seen whatever the machine's speed.
  await app.context.route('**/src/app/solver.worker*.js', async (route) => {
    const original = await (await route.fetch()).text();
    route.fulfill({
      contentType: 'text/javascript',
      body: `${original}
const real = self.onmessage;
self.onmessage = async (event) => {
  if (event.data.type === 'open') {
    for (const loaded of [1e6, 3e6]) {
      self.postMessage({ id: event.data.id, type: 'progress', loaded, total: 4e6 });
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  return real(event);
};`,
    });
  });
  try {
    const page = await app.open();
    const texts = await watchProgress(page);
    const n = Number(await page.evaluate(() => document.body.dataset.fitCount));
    await page.getByTestId('file-input').setInputFiles({ name: 'seg.nii.gz', mimeType: 'application/gzip', buffer: sampleBytes });
    await page.getByTestId('load-progress-text').filter({ hasText: 'Reading 3.0 MB of 4.0 MB…' }).waitFor();
    assert.equal(await page.getByTestId('load-progress-bar').evaluate((bar) => [bar.value, bar.max].join()), '3000000,4000000');
    // The page is not frozen: a key typed meanwhile is taken at once.
    await page.getByTestId('option-units').fill('cm');
    assert.equal(await page.getByTestId('option-units').inputValue(), 'cm');
    await fitted(page, n + 1);
    assert.deepEqual((await texts()).slice(0, 3), ['Opening seg.nii.gz…', 'Reading 1.0 MB of 4.0 MB…', 'Reading 3.0 MB of 4.0 MB…']);
    assert.equal(await page.getByTestId('load-progress').isVisible(), false, 'gone once fitted');
    assert.match(await page.getByTestId('result-radius').innerText(), / cm$/);
    await page.close();
  } finally {
    await app.context.unroute('**/src/app/solver.worker*.js');
  }
});

// Needs the library's ChunkReader to keep what it had read ahead when it is handed bytes back
// (web/src/lib/byte-stream.js, unread): in Chromium, whose file chunks are not aligned with the 1 MB
// head, the voxels after the head are lost today. See the report to the lead.
test('a 13 MB volume is read whole, with progress', async () => {
  const page = await app.open();
  const texts = await watchProgress(page);
  await openFile(page, 'big.nii', bigVolume());
  assert.equal(await page.getByTestId('result-error').isVisible(), false, await page.getByTestId('result-error').innerText());
  assert.ok((await texts()).some((t) => /^Reading [\d.]+ (KB|MB) of 13\.1 MB…$/.test(t)), (await texts()).join(' | '));
  assert.equal(await page.getByTestId('option-label').inputValue(), '3');
  await page.close();
});

test('a volume\'s own warnings are shown; a link cannot carry a volume', async () => {
  const page = await app.open();
  const fourD = new URL('four_d.nii', volumes);
  assert.ok(existsSync(fourD), 'the CTest fixture writes build/native/volumes (run ctest first)');
  await openFile(page, 'four_d.nii', readFileSync(fourD));
  assert.equal(await page.locator('[data-testid=result-warnings] li[data-code=FirstVolumeOnly]').count(), 1);
  await page.getByTestId('share').click();
  await page.getByTestId('share-note').filter({ hasText: 'cannot carry a file' }).waitFor();
  assert.equal(await page.getByTestId('share-link').isVisible(), false);
  await page.close();
});

test('exports carry the volume: centre in voxels, selection, slices by status', async () => {
  const page = await app.open();
  await pickSample(page, 'femoral-head-seg');
  const expected = await sf.fitFile(new Uint8Array(sampleBytes), 'femoral-head-seg.nii.gz', {});
  const json = JSON.parse((await save(page, 'export-json')).text);
  assert.equal(json.mode, 'contours');
  assert.deepEqual(json.counts, { contours: 26, contoursUsed: [...expected.inlier].filter(Boolean).length, points: 5684 });
  assert.deepEqual(json.volume.centerVoxel, expected.centerVoxel);
  assert.deepEqual(json.volume.selection, { label: 1, axis: 2 });
  assert.deepEqual(json.volume.slices.map((s) => s.status), [...expected.volumeSlices.status]);
  assert.equal(json.volume.affineSource, 'sform');
  assert.equal(json.contourCircles.length, 26);
  assert.equal(json.contourCircles[0].name, 'k = 0');
  const csv = (await save(page, 'export-csv')).text;
  assert.match(csv, new RegExp(`^center_voxel_i,${expected.centerVoxel[0]},,voxel$`, 'm'));
  assert.match(csv, /^contours_total,26,,$/m);
  await page.close();
});

test('offline once loaded: the volume sample opens from the prefetched bytes', async () => {
  const page = await app.open();
  await page.waitForFunction(() => document.body.dataset.samplesReady === 'true');
  await page.context().setOffline(true);
  try {
    await pickSample(page, 'femoral-head-seg');
    assertSphere(await shownSphere(page), await sf.fitFile(new Uint8Array(sampleBytes), 'femoral-head-seg.nii.gz', {}));
  } finally {
    await page.context().setOffline(false);
  }
  await page.close();
});

test('a new file while a volume is open replaces it; text replaces it too', async () => {
  const page = await app.open();
  await pickSample(page, 'femoral-head-seg');
  const n = Number(await page.evaluate(() => document.body.dataset.fitCount));
  await page.getByTestId('data-input').fill('x y z r\n0 0 0 5\n0 0 3 4\n0 0 -3 4\n0 0 4 3\n');
  await fitted(page, n + 1);
  await settled(page);
  assert.equal(await page.getByTestId('volume-options').isVisible(), false);
  assert.equal(await page.getByTestId('preview-panel').isVisible(), false);
  assert.equal(await value(page, 'result-radius'), 5);
  await page.close();
});
