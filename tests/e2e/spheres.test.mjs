// Several spheres in the page (issue 17): the ball plate sample with Spheres: all lists its nine
// balls, each within the noise of the sphere it was built from (scripts/make-samples.mjs: a 60 mm
// grid with known offsets, R 10), never the plate or a stem; the distances against the built
// centres; picking a row shows that sphere in the results and the 3D view; radius limits; the
// exports of every sphere; a labelmap whose labels are not spheres is listed as such; axe-core.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startApp, problemHooks, shownSphere } from './harness.mjs';
import { pickSample, change, save, settled, seriousViolations, canvasPixels } from './helpers.mjs';

let app;
before(async () => { app = await startApp(); });
after(async () => { await app?.close(); });
problemHooks(() => app);

// The ball plate as the sample script builds it.
const OFFSETS = [[0.012, -0.007, 0.004], [-0.009, 0.011, -0.006], [0.005, 0.003, 0.009], [-0.004, -0.012, 0.002],
  [0.008, 0.006, -0.011], [-0.013, 0.002, 0.007], [0.003, -0.005, -0.003], [0.010, 0.009, 0.005], [-0.006, -0.002, -0.008]];
const BALLS = OFFSETS.map((o, b) => [60 * (b % 3) + o[0], 60 * Math.floor(b / 3) + o[1], 25 + o[2]]);
const nearestBall = (c) => BALLS.reduce((best, ball) => (Math.hypot(...ball.map((v, k) => v - c[k])) < Math.hypot(...best.map((v, k) => v - c[k])) ? ball : best));

async function rows(page) {
  return page.locator('[data-testid=sphere-row]').evaluateAll((trs) => trs.map((tr) => ({
    center: tr.dataset.center?.split(' ').map(Number), radius: Number(tr.dataset.radius), spherical: tr.dataset.spherical,
    label: tr.dataset.label ?? null, text: tr.textContent,
  })));
}

test('the ball plate: nine balls, each the built one within its noise; no plate, no stem', async () => {
  const page = await app.open();
  await pickSample(page, 'ball-plate-cmm');
  assert.equal(await page.getByTestId('option-spheres').inputValue(), 'all', 'the sample asks for every sphere');
  await page.getByTestId('sphere-list').waitFor();
  const list = await rows(page);
  assert.equal(list.length, 9);
  const matched = new Set();
  for (const row of list) {
    assert.equal(row.spherical, 'true');
    const ball = nearestBall(row.center);
    matched.add(ball);
    // 220 points of 2 µm noise over a cap: the centre is known to a few tenths of a µm.
    for (let k = 0; k < 3; ++k) assert.ok(Math.abs(row.center[k] - ball[k]) < 0.0015, `centre ${k}: ${row.center[k]} vs ${ball[k]}`);
    assert.ok(Math.abs(row.radius - 10) < 0.001, `radius ${row.radius}`);
  }
  assert.equal(matched.size, 9, 'each ball once');
  assert.match(await page.getByTestId('spheres-summary').textContent(), /^9 spheres; .*observations on no sphere/);
  // Every pair's distance against the built centres, within 5 of its own standard uncertainties + noise.
  const distances = await page.locator('[data-testid=distance-row]').evaluateAll((trs) => trs.map((tr) => ({
    a: Number(tr.dataset.a), b: Number(tr.dataset.b), distance: Number(tr.dataset.distance), u: Number(tr.dataset.u) })));
  assert.equal(distances.length, 36);
  for (const d of distances) {
    const built = Math.hypot(...nearestBall(list[d.a - 1].center).map((v, k) => v - nearestBall(list[d.b - 1].center)[k]));
    assert.ok(d.u > 0 && d.u < 0.001, `u ${d.u}`);
    assert.ok(Math.abs(d.distance - built) < 5 * d.u + 0.0005, `${d.a}–${d.b}: ${d.distance} vs ${built} (u ${d.u})`);
  }
  assert.deepEqual(await seriousViolations(page), [], 'the sphere list');
  await page.close();
});

test('picking a row shows that sphere in the results, table and 3D view; the keyboard too', async () => {
  const page = await app.open();
  await pickSample(page, 'ball-plate-cmm');
  const list = await rows(page);
  const drawnBefore = await canvasPixels(page);
  await page.locator('[data-testid=sphere-row]').nth(4).click();
  await settled(page);
  let shown = await shownSphere(page);
  assert.deepEqual(shown.center, list[4].center, 'the results show row 5');
  assert.equal(shown.radius, list[4].radius);
  assert.equal(await page.locator('[data-testid=sphere-row]').nth(4).getAttribute('aria-selected'), 'true');
  assert.ok((await canvasPixels(page)).drawn > 0 && drawnBefore.drawn > 0, 'the view draws');
  await page.locator('[data-testid=sphere-row]').nth(4).focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await settled(page);
  shown = await shownSphere(page);
  assert.deepEqual(shown.center, list[5].center, 'Enter on row 6 shows it');
  await page.close();
});

test('radius limits: a known-size search finds no sphere outside them; back to one sphere', async () => {
  const page = await app.open();
  await pickSample(page, 'ball-plate-cmm');
  await change(page, 'option-min-radius', '11');
  await page.getByTestId('result-error').waitFor({ state: 'visible' });
  assert.match(await page.getByTestId('result-error').textContent(), /sphere/i);
  assert.equal(await page.getByTestId('spheres-panel').isHidden() || await page.getByTestId('spheres-panel').evaluate((el) => el.classList.contains('stale')), true,
    'no current list while the options give an error');
  await change(page, 'option-min-radius', '9');
  await change(page, 'option-max-radius', '10.5');
  assert.equal((await rows(page)).length, 9);
  await change(page, 'option-spheres', 'one');
  assert.equal(await page.getByTestId('spheres-panel').isHidden(), true);
  await page.close();
});

test('exports: JSON and CSV of every sphere, as the command line writes them', async () => {
  const page = await app.open();
  await pickSample(page, 'ball-plate-cmm');
  const list = await rows(page);
  const json = JSON.parse((await save(page, 'export-json')).text);
  assert.equal(json.spheres.length, 9);
  assert.equal(json.distances.length, 36);
  json.spheres.forEach((s, k) => assert.deepEqual(s.center, list[k].center));
  const csv = (await save(page, 'export-csv')).text.trim().split('\n');
  assert.equal(csv.length, 10);
  const head = csv[0].split(',');
  const at = (name) => head.indexOf(name);
  assert.ok(at('sphere') > 0 && at('label') > 0 && at('center_x') > 0);
  csv.slice(1).forEach((line, k) => {
    const cells = line.split(',');
    assert.equal(Number(cells[at('sphere')]), k + 1);
    assert.equal(Number(cells[at('center_x')]), list[k].center[0]);
  });
  await page.close();
});

test('a labelmap with Spheres: all lists each label; one that is not a sphere says so', async () => {
  const page = await app.open();
  await pickSample(page, 'femoral-head-seg');
  await change(page, 'option-spheres', 'all');
  const list = await rows(page);
  assert.deepEqual(list.map((r) => r.label), ['1', '2']);
  for (const r of list) if (r.spherical === 'false') assert.match(r.text, /not a sphere/);
  assert.deepEqual(await seriousViolations(page), [], 'labels');
  await page.close();
});
