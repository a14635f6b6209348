// The DICOM reader in Debian's Chromium, in a page and in a module Web Worker, under the page's
// strict Content-Security-Policy (script-src 'self' 'wasm-unsafe-eval': no eval, no inline
// script): the codecs come from the ES module copies scripts/vendor-dicom.mjs writes, are fetched
// only when a file needs them, and decode each transfer syntax to pydicom's values (the
// generator's truth, as in tests/node/dicom-pixels.test.mjs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/serve.mjs';
import { vendorDicom } from '../../scripts/vendor-dicom.mjs';
import { makeData, missingTools } from '../node/dicom-data.mjs';

const skip = missingTools() ?? false;
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'";
let data;
let root;
let server;
let browser;

before(async () => {
  if (skip) return;
  data = makeData();
  root = mkdtempSync(join(tmpdir(), 'spherefit-dicom-csp-'));
  cpSync(fileURLToPath(new URL('dicom-csp/', import.meta.url)), root, { recursive: true });
  cpSync(fileURLToPath(new URL('../../web/src/lib/dicom/', import.meta.url)), join(root, 'lib/dicom'), { recursive: true });
  vendorDicom(join(root, 'vendor/dicom'));
  cpSync(data.dir, join(root, 'data'), { recursive: true });
  writeFileSync(join(root, '_headers'), `/*\n  Content-Security-Policy: ${CSP}\n`);
  writeFileSync(join(root, 'favicon.ico'), '');  // the browser asks for one
  server = await serve(root, 0);
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'] });
});

after(async () => {
  await browser?.close();
  server?.close();
  if (root) rmSync(root, { recursive: true, force: true });
  data?.cleanup();
});

async function run(list) {
  writeFileSync(join(root, 'list.json'), JSON.stringify(list));
  const page = await browser.newPage();
  const problems = [];
  const requests = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  await page.goto(`http://127.0.0.1:${server.address().port}/index.html`);
  await page.waitForFunction(() => document.getElementById('status')?.textContent === 'done', null, { timeout: 60000 });
  const result = await page.evaluate(() => window.__dicom);
  await page.close();
  return { result, problems, requests };
}

const entries = (pred) => Object.entries(data.truth.pixels).filter(([rel]) => pred(rel))
  .map(([rel, t]) => ({ rel, pixels: t.pixels, tolerance: t.lossless ? 0 : t.tolerance }));

test('uncompressed files in a page and a worker: only dicom-parser is fetched, no codec', { skip, timeout: 120000 }, async () => {
  const { result, problems, requests } = await run(entries((r) => /^ts\/(implicit|bigendian|deflated|rle)_|^enhanced\//.test(r)));
  assert.equal(result.error, undefined, result.error);
  assert.equal(result.evalBlocked, true, 'the policy forbids eval');
  for (const side of [result.page, result.worker]) {
    assert.equal(side.error, undefined, side.error);
    for (const r of side.results) assert.equal(r.ok, true, `${r.rel}: ${r.message ?? r.worst}`);
    assert.deepEqual(side.loaded, ['dicomParser']);
  }
  assert.deepEqual(result.beforeAny, [], 'nothing vendored was fetched before the first DICOM file');
  const vendored = [...new Set(requests.filter((p) => p.includes('/vendor/')))].sort();
  assert.deepEqual(vendored, ['/vendor/dicom/dicom-parser.js']);
  assert.deepEqual([...result.violations, ...result.worker.violations], []);
  assert.deepEqual(problems, []);
});

test('every compressed transfer syntax decodes under the CSP in a page and a worker, equal to pydicom', { skip, timeout: 180000 }, async () => {
  const { result, problems, requests } = await run(entries((r) => /^ts\/(jpeg|j2k|htj2k)/.test(r)));
  assert.equal(result.error, undefined, result.error);
  for (const side of [result.page, result.worker]) {
    assert.equal(side.error, undefined, side.error);
    assert.ok(side.results.length >= 20);
    for (const r of side.results) assert.equal(r.ok, true, `${r.rel}: ${r.message ?? r.worst}`);
    assert.deepEqual(side.loaded, ['dicomParser', 'htj2k', 'jpeg', 'jpeg2000', 'jpegLossless', 'jpegLs']);
  }
  assert.equal(result.worker.evalBlocked, true, 'the worker runs under the policy too');
  for (const f of ['charlswasm_decode.wasm', 'openjpegwasm_decode.wasm', 'openjphjs.wasm', 'libjpegturbowasm_decode.wasm']) {
    assert.ok(requests.includes(`/vendor/dicom/${f}`), `${f} fetched`);
  }
  assert.deepEqual([...result.violations, ...result.worker.violations], []);
  assert.deepEqual(problems, []);
});
