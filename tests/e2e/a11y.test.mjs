// Accessibility: axe-core (from npm) run in the page on every view state — fitted, input with an
// error (stale result), large input in preview, a damaged link, a selected row, 375 px wide —
// with no serious or critical violations. axe is evaluated through the test driver, so the
// page's Content-Security-Policy stays as it is.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startApp, fitted, fitCount, problemHooks } from './harness.mjs';
import { typeData, seriousViolations } from './helpers.mjs';

let app;
before(async () => { app = await startApp(); });
after(async () => { await app?.close(); });
problemHooks(() => app);

test('fitted, with a selected row, then an input error', async () => {
  const page = await app.open();
  assert.deepEqual(await seriousViolations(page), [], 'fitted');
  await page.locator('[data-testid=slice-table] tbody tr[data-slice="27"]').click();
  await page.getByTestId('share').click();
  await page.getByTestId('share-row').waitFor({ state: 'visible' });
  assert.deepEqual(await seriousViolations(page), [], 'selected row and share box');
  await typeData(page, 'x,y,z,r\n1,2,3,4\n1,2,4,oops\n');
  await page.getByTestId('result-error').waitFor({ state: 'visible' });
  assert.deepEqual(await seriousViolations(page), [], 'error and stale result');
  await page.close();
});

test('large input in preview', async () => {
  const page = await app.open();
  const lines = ['x,y,z,r'];
  for (let i = 0; i < 30000; ++i) {
    const h = -9.5 + (19 * i) / 29999;
    lines.push(`${(i % 7) * 1e-4},${-(i % 5) * 1e-4},${h},${Math.sqrt(100 - h * h) + ((i % 3) - 1) * 1e-3}`);
  }
  const n = await fitCount(page);
  await page.getByTestId('file-input').setInputFiles({ name: 'many.csv', mimeType: 'text/csv', buffer: Buffer.from(`${lines.join('\n')}\n`) });
  await fitted(page, n + 1);
  await page.getByTestId('large-input-note').waitFor({ state: 'visible' });
  assert.deepEqual(await seriousViolations(page), [], 'large input');
  await page.close();
});

test('375 px wide, and a damaged link', async () => {
  const page = await app.open('', { width: 375, height: 800 });
  assert.deepEqual(await seriousViolations(page), [], '375 px');
  await page.close();
  const damaged = await app.open('#data=AbC!', { waitForFit: false });
  await damaged.getByTestId('result-error').waitFor({ state: 'visible' });
  assert.deepEqual(await seriousViolations(damaged), [], 'damaged link');
  await damaged.close();
});
