// How results read: one number format everywhere, the units label on every length, the
// confidence ellipsoid's stated magnification (also in the PNG), the 3D view framed on a phone,
// the table by keyboard with a selection that shows and survives sorting, and a profile plot of a
// cap of a huge sphere that shows the data.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { loadSphereFit } from '../../web/src/lib/spherefit.js';
import { readTextChunks } from '../../web/src/app/png-export.js';
import { startApp, problemHooks } from './harness.mjs';
import { typeData, sampleText, canvasPixels } from './helpers.mjs';

let app;
const sf = await loadSphereFit();
const sample = sampleText;

before(async () => { app = await startApp(); });
after(async () => { await app?.close(); });
problemHooks(() => app);

// The text of every cell of the slice table, by column key.
async function tableColumns(page) {
  return page.getByTestId('slice-table').evaluate((table) => {
    const keys = [...table.tHead.querySelectorAll('th')].map((th) => th.dataset.key);
    const out = Object.fromEntries(keys.map((k) => [k, []]));
    for (const row of table.tBodies[0].rows) [...row.cells].forEach((td, k) => out[keys[k]].push(td.textContent));
    return out;
  });
}

const decimals = (s) => (s.includes('e') ? `e${s.split('e')[0].split('.')[1]?.length ?? 0}` : (s.split('.')[1]?.length ?? 0));

test('one formatting rule: typed digits kept, one notation and one precision per column', async () => {
  const page = await app.open();
  // An exact sphere: centre (123456.7884, 2.5, 0), R = 5; the tiny residuals are rounding noise.
  const text = 'x,y,z,r\n123456.7884,2.5,0,5\n123456.7884,2.5,3,4\n123456.7884,2.5,-3,4\n123456.7884,2.5,4,3\n123456.7884,2.5,-4.8,1.4\n';
  await typeData(page, text);
  const cols = await tableColumns(page);
  assert.deepEqual(cols.x, Array(5).fill('123456.7884'), 'the user\'s digits, not 123456.79');
  assert.deepEqual(cols.z, ['0.0', '3.0', '-3.0', '4.0', '-4.8']);
  for (const key of ['x', 'y', 'z', 'r', 'residual', 'offset']) {
    const kinds = new Set(cols[key].map(decimals));
    assert.equal(kinds.size, 1, `${key}: ${cols[key].join(' ')}`);
  }
  // Derived lengths (residual, RMS, max) read on the input's scale: one decimal past the finest column.
  assert.equal(decimals(cols.residual[0]), 5);
  assert.equal(decimals(await page.getByTestId('result-rms').innerText().then((t) => t.replace(/ mm$/, ''))), 5);
  assert.equal(decimals(await page.getByTestId('result-max').innerText().then((t) => t.replace(/ mm$/, ''))), 5);
  const note = await page.getByTestId('result-uncertainty-note').innerText();
  assert.doesNotMatch(note, /\b1 iterations\b/);
  assert.match(note, /\b(1 iteration|[02-9]\d* iterations|1\d+ iterations)\b/);
  // Values with an uncertainty: rounded to two significant digits of it.
  await page.getByTestId('sample-select').selectOption('femoral-head-ct');
  await page.waitForFunction(() => document.querySelector('[data-testid=fit-status]').dataset.state === 'done');
  const r = sf.fitText(sample('femoral-head-ct'));
  const [value, u] = (await page.getByTestId('result-radius').innerText()).replace(/ mm$/, '').split(' ± ');
  assert.equal(u, Number(r.stdErr.radius.toPrecision(2)).toFixed(decimals(u)));
  assert.equal(decimals(value), decimals(u));
  assert.equal(Number(value), Number(r.radius.toFixed(decimals(u))));
  // Tooltips use the same rule.
  const point = page.locator('[data-testid=profile-plot] circle[data-slice="0"]');
  await point.hover();
  const tip = await point.locator('title').textContent();
  const row = await tableColumns(page);
  assert.ok(tip.includes(`r = ${row.r[0]} mm`) && tip.includes(`residual ${row.residual[0]} mm`), tip);
  await page.close();
});

test('the units label is on every length: table headings, legend, plots; RMS and max too', async () => {
  const page = await app.open();
  assert.match(await page.getByTestId('units-help').innerText(), /label only/);
  await page.getByTestId('option-units').fill('µm');
  const headings = await page.locator('[data-testid=slice-table] th').allInnerTexts();
  for (const h of ['x (µm)', 'y (µm)', 'z (µm)', 'r (µm)', 'Residual (µm)', 'Offset (µm)']) assert.ok(headings.some((t) => t.startsWith(h)), `${h} in ${headings}`);
  const legend = await page.getByTestId('viewer-legend').innerText();
  assert.match(legend, /Grid squares 5 µm\./);
  assert.match(legend, /semi-axes [0-9., ]+ µm\./);
  assert.match(await page.getByTestId('viewer-scale').innerText(), /grid 5 µm/);
  const axes = await page.locator('[data-testid=profile-plot] text, [data-testid=residual-plot] text').allTextContents();
  assert.ok(axes.some((t) => t.endsWith('(µm)') && t.startsWith('t')), axes.join('|'));
  assert.ok(axes.includes('r (µm)') && axes.includes('residual (µm)'));
  for (const id of ['result-rms', 'result-max', 'result-radius', 'result-center-x']) assert.match(await page.getByTestId(id).innerText(), /µm$/, id);
  await page.close();
});

test('the confidence ellipsoid states its magnification in the view and in the PNG, which has a legend', async () => {
  const page = await app.open();
  const r = sf.fitText(sample('femoral-head-ct'));
  const largest = Math.max(...r.confidenceEllipsoid.semiAxes);
  const corner = await page.getByTestId('viewer-scale').innerText();
  const m = Number(/ellipsoid ×([\d,.]+)/.exec(corner)[1].replaceAll(',', ''));
  assert.ok(m >= 1 && largest * m <= 0.15 * r.radius, `×${m} keeps the ellipsoid under 15 % of R`);
  assert.ok(largest * m * 5 > 0.15 * r.radius, `×${m} is big enough to see`);
  assert.match(await page.getByTestId('viewer-legend').innerText(), new RegExp(`95 % confidence ellipsoid, magnified ×${m}`));

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-png').click()]);
  const png = new Uint8Array(readFileSync(await download.path()));
  const chunks = readTextChunks(png);
  assert.match(chunks.Description, new RegExp(`ellipsoid ×${m}`));
  assert.match(chunks.Description, /grid 5 mm/);
  assert.match(chunks.Description, /Grid squares 5 mm\./);
  assert.match(chunks.Description, /semi-axes [0-9., ]+ mm/);
  assert.match(chunks.Title, /^Sphere fit: radius 23\.670 ± 0\.094 mm/);
  const height = new DataView(png.buffer).getUint32(20);
  const canvasHeight = await page.getByTestId('viewer').evaluate((v) => v.querySelector('canvas').height);
  assert.ok(height > canvasHeight + 40, `the PNG has a legend band (${height} vs ${canvasHeight})`);
  await page.close();
});

// Fraction of canvas pixels that differ from the background, in the outermost columns and overall.
async function canvasCoverage(page) {
  const { edge, drawn, magenta } = await canvasPixels(page);
  return { edge, all: drawn, magenta };
}

test('at 375 px the 3D view frames the sphere and the outlier circle on both sides', async () => {
  const page = await app.open('', { width: 375, height: 800 });
  await page.getByTestId('layer-axes').uncheck();  // the grid is meant to run off the edges
  const shown = await canvasCoverage(page);
  assert.ok(shown.all > 0.05, `drawn: ${shown.all}`);
  assert.equal(shown.edge, 0, 'nothing touches the left or right edge');
  // Turning the phone (a wider view) frames it again.
  await page.setViewportSize({ width: 800, height: 375 });
  const wide = await canvasCoverage(page);
  assert.equal(wide.edge, 0);
  await page.close();
});

test('keyboard: a sort heading keeps focus, rows select with arrows and Enter, the selection shows and survives sorting', async () => {
  const page = await app.open();
  await page.getByTestId('sort-residual').focus();
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), 'sort-residual');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), 'sort-residual');
  assert.equal(await page.locator('[data-testid=slice-table] th[aria-sort=descending]').getAttribute('data-key'), 'residual');

  // Tab past the remaining headings to the one row in the tab order.
  for (let k = 0; k < 4 && !(await page.evaluate(() => document.activeElement.matches('tbody tr'))); ++k) await page.keyboard.press('Tab');
  const first = await page.evaluate(() => document.activeElement.closest('tr')?.dataset.slice);
  assert.equal(first, '27', 'Tab reaches the first row (the outlier, largest residual)');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  const picked = await page.evaluate(() => document.activeElement.dataset.slice);
  await page.keyboard.press('Enter');
  const row = page.locator(`[data-testid=slice-table] tbody tr[data-slice="${picked}"]`);
  assert.match(await row.getAttribute('class'), /selected/);
  assert.equal(await row.getAttribute('aria-selected'), 'true');
  assert.equal(await page.locator('[data-testid=profile-plot] circle.selected').getAttribute('data-slice'), picked);
  const earlier = await canvasCoverage(page);
  assert.ok(earlier.magenta > 40, `the selected circle stands out in the 3D view (${earlier.magenta} px)`);

  await page.getByTestId('sort-z').click();
  assert.match(await row.getAttribute('class'), /selected/, 'still selected after sorting');
  assert.equal(await page.locator('[data-testid=slice-table] tbody tr.selected').count(), 1);
  await page.keyboard.press('Space');  // the focused heading: sorts again, selection stays
  assert.equal(await page.locator('[data-testid=slice-table] tbody tr.selected').getAttribute('data-slice'), picked);

  // The hidden file input shows keyboard focus on its label.
  await page.getByTestId('file-input').focus();
  const outline = await page.locator('label[for=file-input]').evaluate((l) => getComputedStyle(l).outlineStyle);
  assert.equal(outline, 'solid');
  await page.close();
});

test('a cap of a sphere of radius 10⁶: the profile plot shows the data, labels inside', async () => {
  const page = await app.open();
  const R = 1e6;
  const lines = ['x,y,z,r'];
  for (let k = 0; k < 12; ++k) {
    const z = R - 1 - k;
    lines.push(`0,0,${z},${Math.sqrt(R * R - z * z).toFixed(6)}`);
  }
  await typeData(page, `${lines.join('\n')}\n`);
  assert.equal(await page.getByTestId('fit-status').getAttribute('data-state'), 'done');
  const layout = await page.getByTestId('profile-plot').evaluate((root) => {
    const svg = root.querySelector('svg');
    const [, , w, h] = svg.getAttribute('viewBox').split(' ').map(Number);
    const xs = [...svg.querySelectorAll('circle')].map((c) => Number(c.getAttribute('cx')));
    const ys = [...svg.querySelectorAll('circle')].map((c) => Number(c.getAttribute('cy')));
    const labels = [...svg.querySelectorAll('text')].map((t) => {
      const b = t.getBBox();
      return { text: t.textContent, left: b.x, right: b.x + b.width, top: b.y, bottom: b.y + b.height };
    });
    return { w, h, xSpan: Math.max(...xs) - Math.min(...xs), ySpan: Math.max(...ys) - Math.min(...ys), labels };
  });
  assert.ok(layout.xSpan > 0.6 * layout.w, `the slices spread over the plot (${layout.xSpan.toFixed(0)} of ${layout.w})`);
  assert.ok(layout.ySpan > 0.3 * layout.h, `and up it (${layout.ySpan.toFixed(0)} of ${layout.h})`);
  for (const l of layout.labels) assert.ok(l.left >= 0 && l.right <= layout.w && l.top >= 0 && l.bottom <= layout.h, `label '${l.text}' inside: ${JSON.stringify(l)}`);
  await page.close();
});
