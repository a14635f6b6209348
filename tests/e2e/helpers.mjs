// Steps the new browser tests share: opening a file as a user does (the file input, or a drop
// anywhere), saving an export, reading the 3D canvas, and a record of what the page asks its worker.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fitted, fitCount } from './harness.mjs';

// Opens bytes as a file through the file input and waits for its fit.
export async function openFile(page, name, bytes) {
  const n = await fitCount(page);
  await page.getByTestId('file-input').setInputFiles({ name, mimeType: 'application/octet-stream', buffer: Buffer.from(bytes) });
  await fitted(page, n + 1);
}

// Drops files ([{ name, bytes }]) on the page and waits for the fit.
export async function dropFiles(page, files) {
  const n = await fitCount(page);
  const transfer = await page.evaluateHandle((list) => {
    const dt = new DataTransfer();
    for (const { name, base64 } of list) dt.items.add(new File([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], name));
    return dt;
  }, files.map(({ name, bytes }) => ({ name, base64: Buffer.from(bytes).toString('base64') })));
  await page.dispatchEvent('main', 'drop', { dataTransfer: transfer });
  await fitted(page, n + 1);
}

// A sample's text, as the page's sample menu loads it.
export const sampleText = (name) => readFileSync(new URL(`../../web/samples/${name}.csv`, import.meta.url), 'utf8');

// Types text into the data field as a user does and waits for its fit.
export async function typeData(page, text) {
  const n = await fitCount(page);
  await page.getByTestId('data-input').fill(text);
  await fitted(page, n + 1);
  await settled(page);
}

// The sphere the page shows (its data-value attributes: every digit) is the one expected, to tol·R.
export function assertSphere(shown, expected, tol = 1e-9) {
  assert.equal(expected.ok, true, expected.error?.message);
  for (let k = 0; k < 3; ++k) assert.ok(Math.abs(shown.center[k] - expected.center[k]) <= tol * expected.radius, `centre ${k}: ${shown.center[k]} vs ${expected.center[k]}`);
  assert.ok(Math.abs(shown.radius - expected.radius) <= tol * expected.radius, `radius ${shown.radius} vs ${expected.radius}`);
}

export async function pickSample(page, name) {
  const n = await fitCount(page);
  await page.getByTestId('sample-select').selectOption(name);
  await fitted(page, n + 1);
  await settled(page);
}

// Waits until no fit is pending (after an option change that refits).
export async function settled(page) {
  await page.waitForFunction(() => document.querySelector('[data-testid=fit-status]').dataset.state !== 'busy');
}

// Changes a control and waits for the fit it starts.
export async function change(page, testid, value) {
  const n = await fitCount(page);
  const control = page.getByTestId(testid);
  if (typeof value === 'boolean') await (value ? control.check() : control.uncheck());
  else if (await control.evaluate((el) => el.tagName === 'SELECT')) await control.selectOption(String(value));
  else await control.fill(String(value));
  await fitted(page, n + 1);
  await settled(page);
}

export async function save(page, testid) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testid).click()]);
  return { name: download.suggestedFilename(), text: readFileSync(await download.path(), 'utf8') };
}

export const value = async (page, testid) => Number(await page.getByTestId(testid).getAttribute('data-value'));

// Counts of canvas pixels: the fraction differing from the background (drawn), and those in the
// two outermost columns on each side (edge); orange (zone contacts, outer), magenta (selection).
export async function canvasPixels(page) {
  await page.waitForTimeout(300);
  return page.getByTestId('viewer').evaluate((viewer) => {
    const gl = viewer.querySelector('canvas');
    const c = document.createElement('canvas');
    c.width = gl.width;
    c.height = gl.height;
    const ctx = c.getContext('2d');
    ctx.drawImage(gl, 0, 0);
    const { data, width } = ctx.getImageData(0, 0, c.width, c.height);
    let drawn = 0, edge = 0, orange = 0, magenta = 0;
    for (let i = 0; i < data.length; i += 4) {
      const [r, g, b] = [data[i], data[i + 1], data[i + 2]];
      if (Math.abs(r - 0x10) + Math.abs(g - 0x15) + Math.abs(b - 0x1f) > 24) {
        drawn += 1;
        const x = (i / 4) % width;
        if (x < 2 || x >= width - 2) edge += 1;
      }
      if (r > 230 && g > 110 && g < 160 && b < 90) orange += 1;
      if (r > 200 && g < 120 && b > 200) magenta += 1;
    }
    return { drawn: drawn / (data.length / 4), edge, orange, magenta };
  });
}

// How many pixels of the 3D canvas change when `action` runs.
export async function changedPixels(page, action) {
  const snapshot = (viewer, compare) => {
    const gl = viewer.querySelector('canvas');
    const c = document.createElement('canvas');
    c.width = gl.width;
    c.height = gl.height;
    c.getContext('2d').drawImage(gl, 0, 0);
    const now = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    if (!compare) {
      window.pixelsBefore = now;
      return 0;
    }
    let changed = 0;
    const was = window.pixelsBefore;
    for (let i = 0; i < now.length; i += 4) {
      if (Math.abs(now[i] - was[i]) + Math.abs(now[i + 1] - was[i + 1]) + Math.abs(now[i + 2] - was[i + 2]) > 30) changed += 1;
    }
    return changed;
  };
  await page.waitForTimeout(300);
  await page.getByTestId('viewer').evaluate(snapshot, false);
  await action();
  await page.waitForTimeout(300);
  return page.getByTestId('viewer').evaluate(snapshot, true);
}

// Records the type of every message the page sends its worker (install before the page loads).
export async function spyOnWorker(context) {
  await context.addInitScript(() => {
    const post = Worker.prototype.postMessage;
    window.workerMessages = [];
    Worker.prototype.postMessage = function spy(message, transfer) {
      window.workerMessages.push(message?.type);
      return post.call(this, message, transfer);
    };
  });
}
export const workerMessages = (page) => page.evaluate(() => window.workerMessages.splice(0));

// The text of every cell of the table, by column key (the rows in the DOM).
export async function tableColumns(page) {
  return page.getByTestId('slice-table').evaluate((table) => {
    const keys = [...table.tHead.querySelectorAll('th')].map((th) => th.dataset.key);
    const out = Object.fromEntries(keys.map((k) => [k, []]));
    for (const row of table.tBodies[0].querySelectorAll('tr[data-slice]')) [...row.cells].forEach((td, k) => out[keys[k]].push(td.textContent));
    return out;
  });
}

// axe-core (from npm) run in the page through the test driver, so the page's Content-Security-
// Policy stays as it is: its serious and critical violations, one line each.
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
export async function seriousViolations(page) {
  await page.evaluate(axeSource);
  return page.evaluate(async () => (await window.axe.run(document, { resultTypes: ['violations'] })).violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`));
}
