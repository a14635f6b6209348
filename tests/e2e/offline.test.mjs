// Offline and installable (issue #20), in headless Chromium with the page's service worker on:
// a second visit with the network off loads the page, fits a sample and a dropped file; a new
// version of the service worker makes the page say so, and its Reload button brings the new
// version whole; the manifest names icons that are PNG files of their stated sizes and the file
// types the page opens; a file the operating system opens with the installed app (launchQueue,
// stood in for here: headless Chromium launches no app) lands in the page and is fitted.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadSphereFit } from '../../web/src/lib/spherefit.js';
import { startApp, fitted, fitCount, shownSphere, problemHooks } from './harness.mjs';
import { dropFiles, sampleText, assertSphere, pickSample } from './helpers.mjs';
import { spherePoints, plyBinary } from './files.mjs';

const sf = await loadSphereFit();
// A copy of dist/: the update test writes a new service worker into it.
const root = mkdtempSync(join(tmpdir(), 'spherefit-offline-'));
cpSync(process.env.DIST ?? fileURLToPath(new URL('../../dist/', import.meta.url)), root, { recursive: true });
let app;
before(async () => { app = await startApp({ serviceWorkers: 'allow', root }); });
after(async () => {
  await app?.close();
  rmSync(root, { recursive: true, force: true });
});
problemHooks(() => app);

// Waits until the page's service worker controls it (it registers after the first fit and
// precaches every file before it activates).
const controlled = (page) => page.waitForFunction(() => navigator.serviceWorker.controller?.state === 'activated', null, { timeout: 30000 });
const cacheNames = (page) => page.evaluate(() => caches.keys());

test('a second visit with the network off: the page loads, fits a sample and a dropped file', async () => {
  const first = await app.open();
  await controlled(first);
  await first.close();
  await app.context.setOffline(true);
  try {
    const page = await app.open();  // the harness waits for the first fit (the default sample)
    assert.equal(await page.evaluate(() => navigator.onLine), false);
    assert.equal(await page.getByTestId('sample-select').inputValue(), 'femoral-head-ct');
    await pickSample(page, 'calibration-ball-cmm');
    assertSphere(await shownSphere(page), sf.fitText(sampleText('calibration-ball-cmm')));
    // A file dropped: points exactly on a sphere, so its centre and radius are the truth.
    const center = [12.5, -3.25, 40], radius = 7.75;
    const xyz = spherePoints(500, center, radius);
    await dropFiles(page, [{ name: 'ball.ply', bytes: plyBinary(xyz) }]);
    assertSphere(await shownSphere(page), { ok: true, center, radius }, 1e-5);  // float32 coordinates
    // The volume sample, a binary file, comes from the cache too.
    const n = await fitCount(page);
    await page.getByTestId('sample-select').selectOption('femoral-head-seg');
    await fitted(page, n + 1);
    assert.match(await page.getByTestId('result-mode').innerText(), /volume|label/i);
    await page.close();
  } finally {
    await app.context.setOffline(false);
  }
});

test('a new version: the page says it is ready, and Reload brings it whole', async () => {
  const page = await app.open();
  await controlled(page);
  const [oldCache] = await cacheNames(page);
  assert.match(oldCache, /^spherefit-[0-9a-f]{12}$/);
  assert.equal(await page.getByTestId('update-notice').count(), 0, 'no notice while nothing is new');
  // The host gets a new build: here the same files under a new version (a new service worker).
  const swFile = join(root, 'sw.js');
  const sw = readFileSync(swFile, 'utf8');
  const version = oldCache.slice('spherefit-'.length);
  writeFileSync(swFile, sw.replace(`"version":"${version}"`, '"version":"0123456789ab"'));
  rmSync(`${swFile}.gz`, { force: true });
  rmSync(`${swFile}.br`, { force: true });
  await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
  const notice = page.getByTestId('update-notice');
  await notice.waitFor({ state: 'visible' });
  assert.match(await notice.innerText(), /new version/i);
  // Until the user reloads, the open page keeps its version, and it still fits.
  assert.deepEqual((await cacheNames(page)).sort(), ['spherefit-0123456789ab', oldCache].sort());
  const n = await fitCount(page);
  await page.getByTestId('sample-select').selectOption('bead-cap-ct');
  await fitted(page, n + 1);
  assertSphere(await shownSphere(page), sf.fitText(sampleText('bead-cap-ct')));
  await Promise.all([page.waitForEvent('load'), page.getByTestId('update-reload').click()]);
  await fitted(page, 1);
  await page.waitForFunction(() => caches.keys().then((k) => k.length === 1));
  assert.deepEqual(await cacheNames(page), ['spherefit-0123456789ab'], 'the old version is gone whole');
  assert.equal(await page.getByTestId('update-notice').count(), 0);
  writeFileSync(swFile, sw);
  await page.close();
});

test('installable: a manifest with PNG icons of their sizes and the page\'s file types', async () => {
  const page = await app.open();
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  const manifest = await page.evaluate((h) => fetch(h).then((r) => r.json()), href);
  assert.equal(manifest.display, 'standalone');
  assert.equal(manifest.start_url, './');
  const sizes = [];
  for (const icon of manifest.icons) {
    const bytes = Buffer.from(await page.evaluate((src) => fetch(src).then((r) => r.arrayBuffer()).then((b) => [...new Uint8Array(b)]), icon.src));
    assert.equal(bytes.subarray(1, 4).toString('latin1'), 'PNG', icon.src);
    sizes.push(`${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}`);  // the IHDR chunk's width and height
    assert.equal(sizes.at(-1), icon.sizes, icon.src);
  }
  assert.ok(sizes.includes('192x192') && sizes.includes('512x512'));
  assert.ok(manifest.icons.some((icon) => icon.purpose === 'maskable'));
  const accepted = manifest.file_handlers.flatMap((h) => Object.values(h.accept).flat());
  const input = await page.getByTestId('file-input').getAttribute('accept');
  for (const ext of ['.csv', '.ply', '.stl', '.nii', '.nrrd', '.gz']) {
    assert.ok(accepted.includes(ext), `file_handlers accept ${ext}`);
    assert.ok(input.includes(ext), `the file input accepts ${ext} too`);
  }
  assert.equal(manifest.file_handlers[0].action, './');
  await page.close();
});

test('a file opened with the installed app (launchQueue) is fitted', async () => {
  // The File Handling API's queue, as Chromium hands it to an installed app: a consumer is set by
  // the page and called with file handles.
  await app.context.addInitScript(() => {
    // (Chromium has a window.launchQueue of its own, read-only: shadowed by an own property.)
    Object.defineProperty(window, 'launchQueue', { configurable: true, value: { setConsumer(consumer) { window.launchConsumer = consumer; } } });
  });
  const page = await app.open();
  const center = [-4, 8.5, 1.25], radius = 3.5;
  const xyz = spherePoints(400, center, radius);
  const n = await fitCount(page);
  await page.evaluate((bytes) => window.launchConsumer({
    files: [{ kind: 'file', name: 'opened.ply', getFile: async () => new File([new Uint8Array(bytes)], 'opened.ply') }],
  }), [...plyBinary(xyz)]);
  await fitted(page, n + 1);
  assertSphere(await shownSphere(page), { ok: true, center, radius }, 1e-5);
  assert.match(await page.getByTestId('input-source').innerText(), /opened\.ply/);
  await page.close();
});
