// Large exports off the page's thread (issue 22, item 8): the point residuals CSV of 10⁶ points is
// written by a worker in chunks, with progress, while the page stays responsive (no long task of
// 200 ms or more once the export has started); the file holds every point with its residual, as
// the library computes it; an export can be cancelled.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { loadSphereFit } from '../../web/src/lib/spherefit.js';
import { startApp, problemHooks } from './harness.mjs';
import { openFile, settled } from './helpers.mjs';
import { plyBinary, spherePoints } from './files.mjs';

let app;
const sf = await loadSphereFit();
before(async () => { app = await startApp(); });
after(async () => { await app?.close(); });
problemHooks(() => app);

const N = 1000000;
const ply = plyBinary(spherePoints(N, [3, -2, 1], 40, 0.01, 7));

test('10⁶ points: the residuals CSV comes from a worker, with progress, and the page never blocks 200 ms', async () => {
  const page = await app.open();
  await openFile(page, 'cloud.ply', ply);
  await settled(page);
  await page.evaluate(() => {
    window.longTasks = [];
    new PerformanceObserver((list) => { for (const e of list.getEntries()) window.longTasks.push(e.duration); }).observe({ type: 'longtask' });
  });
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 120000 }), page.getByTestId('export-points').click()]);
  const text = readFileSync(await download.path(), 'utf8');
  const longest = await page.evaluate(() => Math.max(0, ...window.longTasks));
  assert.ok(longest < 200, `the longest task while exporting: ${longest} ms`);
  const lines = text.trimEnd().split('\n');
  assert.equal(lines.length, N + 1);
  assert.equal(lines[0], 'point,x,y,z,residual,inlier');
  // Against the library on the same file, every digit (spot checks across the file).
  const expected = sf.fitPointFile(ply, 'cloud.ply');
  for (const i of [0, 1, 12345, 499999, N - 1]) {
    const row = lines[i + 1].split(',').map(Number);
    assert.equal(row[0], i + 1);
    assert.equal(row[4], expected.residuals[i], `residual of point ${i + 1}`);
  }
  assert.equal(await page.getByTestId('export-progress').isHidden(), true, 'the progress line is gone when done');
  await page.close();
});

test('an export in progress shows how far it is and can be cancelled', async () => {
  const page = await app.open();
  await openFile(page, 'cloud.ply', ply);
  await settled(page);
  await page.getByTestId('export-points').click();
  await page.getByTestId('export-progress').waitFor({ state: 'visible' });
  assert.match(await page.getByTestId('export-progress-text').textContent(), /^Writing cloud-point-residuals\.csv: \d+ % of 1,000,000 points \(about \d+ MB\)…$/);
  await page.getByTestId('export-cancel').click();
  await page.getByTestId('export-progress').waitFor({ state: 'hidden' });
  assert.equal(await page.getByTestId('export-points').isDisabled(), false, 'ready for another');
  await page.close();
});
