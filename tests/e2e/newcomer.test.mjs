// What a new user met (issue 22, item 10): the copied summary names the data once; the 3D view's
// hint names the touch gestures too; a value with its uncertainty never breaks at the ± at 1 440 px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startApp, problemHooks } from './harness.mjs';
import { pickSample, typeData } from './helpers.mjs';

let app;
before(async () => { app = await startApp(); });
after(async () => { await app?.close(); });
problemHooks(() => app);

test('the copied summary says what was fitted once, and how many were used only when some were set aside', async () => {
  const page = await app.open();
  await pickSample(page, 'calibration-ball-cmm-points');
  await page.getByTestId('copy-result').click();
  const first = (await page.evaluate(() => navigator.clipboard.readText())).split('\n')[0];
  assert.equal(first, 'Sphere fit of 252 points');
  await page.getByTestId('option-robust').check();
  await page.waitForFunction(() => document.querySelector('[data-testid=fit-status]').dataset.state !== 'busy');
  await page.waitForFunction(() => Number(document.body.dataset.fitCount) >= 3);
  await page.getByTestId('copy-result').click();
  assert.equal((await page.evaluate(() => navigator.clipboard.readText())).split('\n')[0], 'Sphere fit of 252 points: 240 of 252 points used');
  await page.close();
});

test('the 3D view\'s hint names touch gestures; values stay on one line at 1 440 px', async () => {
  const page = await app.open('', { width: 1440, height: 900 });
  assert.match(await page.getByTestId('viewer').getAttribute('aria-label'), /pinch to zoom.*two-finger drag/);
  // Far from the origin and precise: "-12345.678900 ± 0.000016 mm" is as long as a centre gets.
  const rows = ['x,y,z'];
  for (let k = 0; k < 60; ++k) {
    const t = Math.acos(1 - (2 * (k + 0.5)) / 60), p = k * 2.39996, r = 3 + 1e-4 * Math.sin(7 * k);
    rows.push([-12345.6789 + r * Math.sin(t) * Math.cos(p), 98765.4321 + r * Math.sin(t) * Math.sin(p), -5555.5555 + r * Math.cos(t)].map((v) => v.toFixed(6)).join(','));
  }
  await typeData(page, rows.join('\n'));
  for (const id of ['result-center-x', 'result-center-y', 'result-center-z', 'result-radius', 'result-diameter']) {
    const lines = await page.getByTestId(id).evaluate((el) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
    });
    assert.equal(lines, 1, `${id} on one line`);
  }
  await page.close();
});
