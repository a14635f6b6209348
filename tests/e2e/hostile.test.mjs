// What a new user and a fuzzer hit (issue 22) in the page: the uncertainty note says what was
// computed per mode (item 7); a radius whose uncertainty exceeds it is shown with its own digits
// and the status says it is undetermined (item 1). Expected values come from the library called
// here (the same core), the text of the note from the core's vocabulary's meaning.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { loadSphereFit } from '../../web/src/lib/spherefit.js';
import { startApp, problemHooks } from './harness.mjs';
import { typeData, sampleText } from './helpers.mjs';

let app;
const sf = await loadSphereFit();

before(async () => { app = await startApp(); });
after(async () => { await app?.close(); });
problemHooks(() => app);

// A seeded generator (mulberry32) for a flat patch with noise: no sphere at all.
function random(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
function flatPatch(seed) {
  const r = random(seed);
  const rows = ['x,y,z'];
  for (let k = 0; k < 300; ++k) {
    const g = Math.sqrt(-2 * Math.log(r() + 1e-300)) * Math.cos(2 * Math.PI * r());
    rows.push(`${(20 * r() - 10).toFixed(4)},${(20 * r() - 10).toFixed(4)},${(0.05 * g).toFixed(4)}`);
  }
  return `${rows.join('\n')}\n`;
}

test('the uncertainty note names the method of each mode (item 7)', async () => {
  const page = await app.open();
  const points = ['x,y,z', '1,0,0', '-1,0,0', '0,1,0', '0,-1,0', '0,0,1.1', '0,0,-1.1', '0.6,0.8,0', '0,0.6,0.8'].join('\n');
  assert.equal(sf.fitText(points).mode, 'points');
  await typeData(page, points);
  const note = await page.getByTestId('result-uncertainty-note').innerText();
  assert.match(note, /classical s²\(JᵀJ\)⁻¹/);
  assert.doesNotMatch(note, /cluster/);
  const circles = sampleText('calibration-ball-cmm');
  assert.equal(sf.fitText(circles).mode, 'circles');
  await typeData(page, circles);
  assert.match(await page.getByTestId('result-uncertainty-note').innerText(), /cluster-robust CR2 sandwich, slices as clusters/);
  const footer = await page.locator('footer').innerText();
  assert.match(footer, /classical s²\(JᵀJ\)⁻¹ for points/);
});

test('a radius with an uncertainty larger than itself keeps its digits and is called undetermined (item 1)', async () => {
  let text = null, expected = null;
  for (let seed = 1; seed < 60 && !text; ++seed) {
    const t = flatPatch(seed);
    const fit = sf.fitText(t);
    if (fit.ok && fit.stdErr && fit.stdErr.radius >= fit.radius && fit.radius > 100) [text, expected] = [t, fit];
  }
  assert.ok(text, 'a flat patch whose u(R) exceeds R');
  const page = await app.open();
  await typeData(page, text);
  const shown = await page.getByTestId('result-radius').innerText();
  const leading = expected.radius.toExponential(1).split('e')[0];
  assert.ok(shown.startsWith(`${leading} × 10`), `${shown} keeps R = ${expected.radius}'s leading digits`);
  assert.doesNotMatch(shown, /^0 ±/);
  assert.equal(await page.getByTestId('fit-status').innerText(), 'radius undetermined');
});

test('on a touch screen the 3D view\'s hint says pinch and two fingers, not right-drag (item 10)', async () => {
  const phone = await app.context.browser().newContext({ viewport: { width: 375, height: 740 }, hasTouch: true, isMobile: true });
  try {
    const page = await phone.newPage();
    await page.goto(app.url);
    const hint = await page.getByTestId('view-hint').innerText();
    assert.match(hint, /pinch to zoom, drag with two fingers to pan/);
    assert.doesNotMatch(hint, /right-drag/);
  } finally {
    await phone.close();
  }
  const page = await app.open();
  assert.match(await page.getByTestId('view-hint').innerText(), /right-drag or arrow keys to pan/);
});
