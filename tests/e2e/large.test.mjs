// Large input: a 7 MB paste goes to the read-only preview (as an opened file does) instead of
// into the text area; keys typed afterwards reach the field; 200 000 rows sort and the last is a
// key away; "Show line N" works in preview mode. How fast all that is lives in the page benchmark
// (tests/bench/page.mjs: the paste, the keys after it and the sorting are timed there).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startApp, fitted, fitCount, problemHooks } from './harness.mjs';

const SLICES = 200000;
let app;
before(async () => { app = await startApp(); });
after(async () => { await app?.close(); });
problemHooks(() => app);

// About 8 MB for 200 000: `n` slices of the sphere centre (1, -2, 3), R = 50, with six decimals;
// `badLine` (1-based, counting the header) gets 'oops' for its radius.
function makeText(page, n, badLine = 0) {
  return page.evaluate(([rows, bad]) => {
    const lines = ['x,y,z,r'];
    for (let i = 0; i < rows; ++i) {
      const h = -49.9 + (99.8 * i) / (rows - 1);
      const r = Math.sqrt(2500 - h * h) + 1e-4 * Math.sin(i);
      lines.push(`${(1 + 1e-4 * Math.cos(i)).toFixed(6)},${(-2 + 1e-4 * Math.sin(3 * i)).toFixed(6)},${(3 + h).toFixed(6)},${lines.length + 1 === bad ? 'oops' : r.toFixed(6)}`);
    }
    window.bigText = `${lines.join('\n')}\n`;
    return window.bigText.length;
  }, [n, badLine]);
}

async function paste(page) {
  await page.evaluate(() => navigator.clipboard.writeText(window.bigText));
  await page.getByTestId('data-input').focus();
  await page.getByTestId('data-input').press('Control+A');
  await page.keyboard.press('Control+V');
  await page.getByTestId('large-input-note').waitFor({ state: 'visible' });
}

test('an 8 MB paste: read-only preview, keys after it, sorting 200 000 rows', async () => {
  const page = await app.open();
  const n = SLICES;
  const size = await makeText(page, n);
  assert.ok(size > 7e6, `${size} bytes`);

  const earlier = await fitCount(page);
  await paste(page);
  assert.equal(await page.getByTestId('data-input').evaluate((t) => t.readOnly), true);
  assert.ok((await page.getByTestId('data-input').inputValue()).length < 100000, 'the text area holds a preview, not 7 MB');
  assert.match(await page.getByTestId('large-input-note').innerText(), /Showing the first 1,000 of 200,001 lines \(7\.\d MB\)/);  // a header and 200 000 rows; the final newline ends the last
  assert.match(await page.getByTestId('input-source').innerText(), /Pasted 7\.\d MB/);
  await fitted(page, earlier + 1);
  await page.waitForFunction(() => document.querySelector('[data-testid=fit-status]').dataset.state === 'done');
  assert.equal(await page.getByTestId('result-used').innerText(), `${n.toLocaleString('en')} of ${n.toLocaleString('en')}`);

  // Keys typed after the paste (the units label: table heads, plot and legend are redrawn).
  await page.getByTestId('option-units').fill('');
  for (const key of ['c', 'm']) await page.getByTestId('option-units').press(key);
  assert.equal(await page.getByTestId('option-units').inputValue(), 'cm');
  assert.match(await page.locator('[data-testid=slice-table] th[data-key=residual]').innerText(), /\(cm\)/);

  // Sorting 200 000 rows: descending residual puts the largest first.
  await page.getByTestId('sort-residual').click();
  await page.getByTestId('sort-residual').click();
  assert.equal(await page.locator('[data-testid=slice-table] th[aria-sort=descending]').getAttribute('data-key'), 'residual');
  const shown = await page.locator('[data-testid=slice-table] tbody tr[data-slice] td:nth-child(7)').allInnerTexts();
  for (let k = 1; k < shown.length; ++k) assert.ok(Number(shown[k - 1]) >= Number(shown[k]), `rows in order: ${shown[k - 1]} ≥ ${shown[k]}`);
  // The last slice in this order is one key away.
  await page.locator('[data-testid=slice-table] tbody tr[tabindex="0"]').focus();
  await page.keyboard.press('End');
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-rowindex')), String(n + 1));

  await page.close();
});

test('"Show line N" works in preview mode', async () => {
  const page = await app.open();
  await makeText(page, SLICES, 150000);
  const earlier = await fitCount(page);
  await paste(page);
  await fitted(page, earlier + 1);
  const error = page.getByTestId('result-error');
  assert.match(await error.innerText(), /Line 150000/);
  assert.match(await page.getByTestId('result-error-line').innerText(), /^150000 \| .*oops\n/);
  await page.getByRole('button', { name: 'Show line 150000 in the input' }).click();
  const selected = await page.getByTestId('data-input').evaluate((t) => t.value.slice(t.selectionStart, t.selectionEnd));
  assert.equal(selected, 'oops');
  assert.match(await page.getByTestId('large-input-note').innerText(), /Showing lines 149,501–150,500 of 200,001 lines/);
  assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), 'data-input');

  // A paste into the read-only preview replaces the whole input.
  const small = 'x y z r\n0 0 0 5\n0 0 3 4\n0 0 -3 4\n0 0 4 3\n';
  await page.evaluate((t) => navigator.clipboard.writeText(t), small);
  const n = await fitCount(page);
  await page.keyboard.press('Control+V');
  await fitted(page, n + 1);
  assert.equal(await page.getByTestId('large-input-note').isVisible(), false);
  assert.equal(await page.getByTestId('data-input').inputValue(), small);
  assert.equal(await page.getByTestId('data-input').evaluate((t) => t.readOnly), false);
  assert.equal(await page.getByTestId('input-source').innerText(), `Pasted ${small.length} characters in place of the large input.`);
  assert.equal(await page.getByTestId('result-radius').getAttribute('data-value'), '5');
  await page.close();
});
