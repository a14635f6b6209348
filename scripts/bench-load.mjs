// The first load, measured (issue #20; numbers printed beside their targets, nothing asserted).
// dist/ is served gzipped on loopback (scripts/serve.mjs with its precompressed .gz twins, as a
// static host sends it), and Debian's Chromium opens it through playwright-core:
//   - throttled like Lighthouse's mobile profile (1.6 Mbit/s down, 150 ms round trip, through
//     CDP Network.emulateNetworkConditions, which holds for the page's worker too, CPU 4× slower through
//     Emulation.setCPUThrottlingRate): time from navigation to the first fitted sample (the page's
//     data-fit-count turning 1) and the bytes the browser had received by then (headers and
//     gzipped bodies), median of 3, each in a fresh browser context (empty cache);
//   - on the unthrottled loopback: the same time, median of 3;
//   - then Lighthouse 12.2.3 (npm, run by npx; its mobile preset with its own simulated
//     throttling) on the same server: the performance, accessibility and best-practices scores.
// Run after a build: node scripts/bench-load.mjs [--no-lighthouse]   (scripts/bench.sh runs it)
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from './serve.mjs';
import { listFiles } from './precompress.mjs';

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'];
const PROFILE = { latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8, cpu: 4 };
const RUNS = 3;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const kB = (b) => `${(b / 1000).toFixed(b < 10000 ? 1 : 0)} kB`;
const s = (ms) => `${(ms / 1000).toFixed(2)} s`;

const dist = process.env.DIST ?? fileURLToPath(new URL('../dist/', import.meta.url));
const server = await serve(dist, 0, '127.0.0.1', { encodings: ['gzip'] });
const url = `http://127.0.0.1:${server.address().port}/`;
// The page's conditions also hold for its dedicated worker's requests (the wasm: measured, its
// 450 kB took 3 s beside main.js's 175 kB at 200 kB/s), so the page's session is enough.
async function throttle(page, profile) {
  const session = await page.context().newCDPSession(page);
  await session.send('Network.enable');
  await session.send('Network.emulateNetworkConditions', { offline: false, latency: profile.latency, downloadThroughput: profile.downloadThroughput, uploadThroughput: profile.uploadThroughput });
  await session.send('Emulation.setCPUThrottlingRate', { rate: profile.cpu });
}

async function firstFit(browser, profile) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.setViewportSize({ width: 412, height: 823 });
  await page.addInitScript(() => {
    new MutationObserver((_, observer) => {
      if (Number(document.body?.dataset.fitCount ?? 0) >= 1) {
        window.firstFitMs = performance.now();
        observer.disconnect();
      }
    }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-fit-count'] });
  });
  if (profile) await throttle(page, profile);
  // Bytes as the browser received them (headers and encoded bodies; its worker's requests are the
  // page's events too), each counted when it finished; what came from the cache counts nothing.
  const finished = [];
  page.on('requestfinished', (request) => {
    const at = Date.now();
    finished.push(request.sizes().then((size) => ({ at, bytes: Math.max(0, size.responseBodySize) + Math.max(0, size.responseHeadersSize) }), () => ({ at, bytes: 0 })));
  });
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction(() => window.firstFitMs !== undefined, null, { timeout: 120000, polling: 50 });
  const [ms, origin] = await page.evaluate(() => [window.firstFitMs, performance.timeOrigin]);
  await page.waitForTimeout(profile ? 4000 : 1000);  // what the page asks for after its first fit
  const sizes = await Promise.all(finished);
  const sum = (xs) => xs.reduce((total, x) => total + x.bytes, 0);
  await context.close();
  return { ms, bytes: sum(sizes.filter((x) => x.at <= origin + ms)), after: sum(sizes) };
}

async function measure(label, profile, target) {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  const runs = [];
  for (let i = 0; i < RUNS; i += 1) runs.push(await firstFit(browser, profile));
  await browser.close();
  const ms = median(runs.map((r) => r.ms));
  const bytes = median(runs.map((r) => r.bytes));
  const after = median(runs.map((r) => r.after));
  console.log(`${label}: first fitted sample ${s(ms)} (runs ${runs.map((r) => s(r.ms)).join(', ')}), ${kB(bytes)} received by then, ${kB(after)} a few seconds later   ${target}`);
}

// The size of each part as dist/ holds it (its .gz and .br twins written by make-dist.mjs).
console.log('part                                          raw      gzip    brotli');
for (const file of listFiles(dist).filter((f) => /\.(js|css|html|wasm|webmanifest)$/.test(f)).sort()) {
  const name = file.slice(dist.length);
  if (name.startsWith('vendor/')) continue;
  const size = (suffix) => { try { return statSync(file + suffix).size; } catch { return NaN; } };
  console.log(`${name.padEnd(42)} ${kB(size('')).padStart(8)} ${kB(size('.gz')).padStart(8)} ${kB(size('.br')).padStart(8)}`);
}

await measure('throttled (1.6 Mbit/s, 150 ms, CPU 4x)', PROFILE, 'target: ≤ 2.50 s, ≤ 400 kB');
await measure('loopback', null, 'target: ≤ 0.60 s');

if (!process.argv.includes('--no-lighthouse')) {
  const out = mkdtempSync(join(tmpdir(), 'spherefit-lighthouse-'));
  const report = join(out, 'report.json');
  try {
    // Not execFileSync: the server runs in this process and must go on answering meanwhile.
    await promisify(execFile)('npx', ['--yes', 'lighthouse@12.2.3', url, '--quiet', '--output=json', `--output-path=${report}`,
      '--only-categories=performance,accessibility,best-practices',
      '--chrome-flags=--headless=new --no-sandbox --disable-gpu'], { env: { ...process.env, CHROME_PATH: CHROMIUM }, timeout: 300000, maxBuffer: 64 << 20 });
    const { categories, audits } = JSON.parse(readFileSync(report, 'utf8'));
    const score = (id) => Math.round((categories[id]?.score ?? 0) * 100);
    console.log(`Lighthouse 12.2.3 (mobile): performance ${score('performance')} (target ≥ 90), accessibility ${score('accessibility')} (100), best practices ${score('best-practices')} (≥ 95)`);
    for (const id of ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'speed-index', 'interactive', 'total-byte-weight']) {
      if (audits[id]) console.log(`  ${audits[id].title}: ${audits[id].displayValue}`);
    }
    for (const [id, category] of Object.entries(categories)) {
      const failing = category.auditRefs.filter((ref) => ref.weight > 0 && audits[ref.id]?.score !== null && audits[ref.id]?.score < 1).map((ref) => ref.id);
      if (failing.length && id !== 'performance') console.log(`  ${id} below 1: ${failing.join(', ')}`);
    }
  } catch (err) {
    console.log(`Lighthouse did not run: ${err.message.split('\n')[0]}`);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
server.close();
