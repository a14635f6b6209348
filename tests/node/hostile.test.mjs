// What a new user and a fuzzer hit (issue 22), for the library and the page's DOM-free modules:
// numbers rounded to their uncertainty keep their own digits (item 1), binary float32 columns at
// their type's precision (item 9), the uncertainty note per mode (item 7).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatWithUncertainty, typedFormat, formatIn, valueFormat, derivedFormat } from '../../web/src/lib/format.js';
import { loadSphereFit } from '../../web/src/lib/spherefit.js';

const sf = await loadSphereFit();

test('an uncertainty larger than the value does not round the value to 0 (item 1)', () => {
  // The labelmap of the issue: R 163 894 mm with u 1.8e8 mm was shown as "0 ± 180000000 mm".
  assert.equal(formatWithUncertainty(163894, 1.8e8, 'mm'), '1.6 × 10⁵ ± 1.8 × 10⁸ mm');
  assert.equal(formatWithUncertainty(3.2, 450, 'mm'), '3.2 × 10⁰ ± 4.5 × 10² mm');
  // Unchanged where u is below the value (GUM 7.2.6) or rounds to decimals.
  assert.equal(formatWithUncertainty(15012, 1834, 'mm'), '15000 ± 1800 mm');
  assert.equal(formatWithUncertainty(0.3, 1.8, ''), '0.3 ± 1.8');
  assert.equal(formatWithUncertainty(112.39951, 0.01936, 'mm'), '112.400 ± 0.019 mm');
});

test('float32 columns are shown with 7 significant digits in fixed notation (item 9)', () => {
  // A binary STL's vertices: float32 values whose double forms have 9 to 17 digits.
  const f32 = new Float32Array(500);
  for (let i = 0; i < f32.length; ++i) f32[i] = 11.5691814 * Math.cos(i) + 0.0001234567 * (i === 7);
  f32[3] = 0.0001234567;
  const values = Float64Array.from(f32);
  const format = typedFormat(undefined, values);
  assert.deepEqual(format, { decimals: 5, exponent: false }, 'largest |v| 11.57: 7 significant digits are 5 decimals');
  assert.equal(formatIn(values[0], format), '11.56918');
  assert.equal(formatIn(values[3], format), '0.00012');
  // Zone radii and form errors follow: fixed, one guard digit, not "1.999999787e+1".
  assert.deepEqual(valueFormat([format, format, format]), { decimals: 6, exponent: false });
  assert.deepEqual(derivedFormat([format, format, format]), { decimals: 6, exponent: false });
  // Short float32-exact numbers (typed 0.5, 0.25) are read back as typed.
  assert.deepEqual(typedFormat(undefined, Float64Array.from([0.5, 0.25, 1.75])), { decimals: 2, exponent: false });
});

test('the uncertainty method is named per mode (item 7)', () => {
  const m = sf.vocabulary.uncertaintyMethod;
  assert.match(m.points, /classical s²\(JᵀJ\)⁻¹/);
  assert.doesNotMatch(m.points, /cluster/);
  assert.match(m.circles, /cluster-robust/);
  assert.match(m.contours, /cluster-robust/);
  // And the fit of points is indeed the classical one: s²(JᵀJ)⁻¹ computed here independently for
  // a 6-point octahedron of radius 1 with its two z-vertices pushed out by ±0.1.
  const x = [1, -1, 0, 0, 0, 0], y = [0, 0, 1, -1, 0, 0], z = [0, 0, 0, 0, 1.1, -1.1];
  const fit = sf.fitPoints({ x, y, z });
  assert.ok(fit.ok, JSON.stringify(fit.error));
  const { center, radius } = fit;
  // J rows: [−(p − c)/|p − c|, −1]; e = |p − c| − R.
  const J = [], e = [];
  for (let i = 0; i < 6; ++i) {
    const d = [x[i] - center[0], y[i] - center[1], z[i] - center[2]];
    const n = Math.hypot(...d);
    J.push([-d[0] / n, -d[1] / n, -d[2] / n, -1]);
    e.push(n - radius);
  }
  const JtJ = [0, 1, 2, 3].map((a) => [0, 1, 2, 3].map((b) => J.reduce((s, r) => s + r[a] * r[b], 0)));
  const s2 = e.reduce((s, v) => s + v * v, 0) / (6 - 4);
  // JᵀJ is diagonal for this symmetric set except the R/z-less couplings; invert by Gauss–Jordan.
  const inv = invert(JtJ);
  assert.ok(Math.abs(fit.stdErr.radius - Math.sqrt(s2 * inv[3][3])) < 1e-9 * Math.max(1, fit.stdErr.radius));
  assert.ok(Math.abs(fit.stdErr.center[2] - Math.sqrt(s2 * inv[2][2])) < 1e-9 * Math.max(1, fit.stdErr.center[2]));
});

function invert(a) {
  const n = a.length, m = a.map((row, i) => [...row, ...row.map((_, j) => (i === j ? 1 : 0))]);
  for (let c = 0; c < n; ++c) {
    let p = c;
    for (let r = c + 1; r < n; ++r) if (Math.abs(m[r][c]) > Math.abs(m[p][c])) p = r;
    [m[c], m[p]] = [m[p], m[c]];
    const d = m[c][c];
    for (let k = 0; k < 2 * n; ++k) m[c][k] /= d;
    for (let r = 0; r < n; ++r) if (r !== c) { const f = m[r][c]; for (let k = 0; k < 2 * n; ++k) m[r][k] -= f * m[c][k]; }
  }
  return m.map((row) => row.slice(n));
}

// ---- Hostile input (items 12, 13, 14, 16, 18) ----
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, truncateSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { printable } from '../../web/bin/terminal-text.js';
import { decodeShare, encodeShare } from '../../web/src/app/share-link.js';
import { MAX_WHOLE_FILE_BYTES } from '../../web/src/lib/file-reader.js';

const cli = fileURLToPath(new URL('../../web/bin/spherefit.js', import.meta.url));
const runCli = (args) => spawnSync('node', [cli, ...args], { encoding: 'utf8' });
// Six points of the unit sphere's octahedron and two more on it: the sphere is (0, 0, 0), R 1.
const OCTAHEDRON = [[1, 0, 0], [-1, 0, 0], [0, 1, 0], [0, -1, 0], [0, 0, 1], [0, 0, -1], [0.6, 0.8, 0], [0, 0.6, 0.8]];

test('a lone surrogate in a comment does not swallow the next line (item 12)', () => {
  // The comment's last character is a lone high surrogate; the line after it is data.
  const text = `x,y,z\n# probe \ud800\n${OCTAHEDRON.map((p) => p.join(',')).join('\n')}\n1.2,3.4\n`;
  const bad = sf.fitText(text);
  assert.equal(bad.ok, false);
  assert.equal(bad.error.line, 11, 'the short row is line 11, counted with the comment and the header');
  const fit = sf.fitText(text.replace('1.2,3.4\n', ''));
  assert.ok(fit.ok);
  assert.equal(fit.inlier.length, 8, 'all 8 points, the first after the comment too');
  assert.ok(Math.abs(fit.radius - 1) < 1e-12 && Math.hypot(...fit.center) < 1e-12);
  // A lone low surrogate and the units label too.
  const units = sf.fitText(`x,y,z\n${OCTAHEDRON.map((p) => p.join(',')).join('\n')}\n`, { units: 'm\udc00' });
  assert.ok(units.ok && !/[\ud800-\udfff]/.test(JSON.stringify(units.warnings)));
});

test('printed text escapes control characters and bidi overrides (item 18)', () => {
  assert.equal(printable('seg\u001b[2J\u202eevil\u0007'), 'seg\\x1b[2J\\u202eevil\\x07');
  assert.equal(printable('a\nb\tc', { lines: true }), 'a\nb\tc');
  assert.equal(printable('a\nb'), 'a\\x0ab');
  // Through the CLI: a file whose name holds ESC and U+202E, and a units label with U+202E.
  const dir = mkdtempSync(join(tmpdir(), 'spherefit-hostile-'));
  try {
    const file = join(dir, 'ball\u001b[31m\u202e.csv');
    writeFileSync(file, `x,y,z\n${OCTAHEDRON.map((p) => p.join(',')).join('\n')}\n`);
    const r = runCli(['fit', file, '--units', 'm\u202em']);
    for (const out of [r.stdout, r.stderr]) assert.ok(!out.includes('\u001b') && !out.includes('\u202e'), out);
    const missing = runCli(['fit', join(dir, 'gone\u001b]0;title\u0007.csv')]);
    assert.equal(missing.status, 1);
    assert.ok(!missing.stderr.includes('\u001b') && !missing.stderr.includes('\u0007'));
    assert.match(missing.stderr, /\\x1b\]0;title\\x07\.csv: cannot be read \(no such file\)/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a gzip bomb and a file over 2 GiB are one file\'s typed error, and the batch goes on (items 13, 14)', async () => {
  // 600 MB of zeros compress to about 600 kB; the inflated size is capped while streaming.
  const zeros = gzipSync(Buffer.alloc(MAX_WHOLE_FILE_BYTES + (64 << 20)), { level: 9 });
  assert.ok(zeros.length < 2e6);
  const bomb = await sf.fitFile(new Uint8Array(zeros), 'bomb.csv.gz');
  assert.equal(bomb.ok, false);
  assert.match(bomb.error.message, /decompresses to more than 512 MB/);
  const dir = mkdtempSync(join(tmpdir(), 'spherefit-hostile-'));
  try {
    const big = join(dir, 'big.csv');
    writeFileSync(big, '');
    truncateSync(big, 2 ** 31 + 4096);  // sparse: 2 GiB + 4 kB of zeros, no disk used
    const good = join(dir, 'ball.csv');
    writeFileSync(good, `x,y,z\n${OCTAHEDRON.map((p) => p.join(',')).join('\n')}\n`);
    const bombFile = join(dir, 'bomb.csv.gz');
    writeFileSync(bombFile, zeros);
    const r = runCli(['fit', big, bombFile, good, '--json']);
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, /big\.csv: .*UnsupportedFile: The file is 2048 MB, more than the 512 MB/);
    assert.match(r.stderr, /bomb\.csv\.gz: .*decompresses to more than 512 MB/);
    assert.doesNotMatch(r.stderr, /ERR_FS_FILE_TOO_LARGE|ERR_STRING_TOO_LONG|at .*\.js:\d+/);
    const records = r.stdout.trim().split('\n').filter(Boolean).map((line) => JSON.parse(line));
    const fitted = records.find((x) => /ball\.csv$/.test(x.source) && x.sphere);
    assert.ok(fitted, `the file after the two failures is fitted: ${r.stdout}`);
    assert.ok(Math.abs(fitted.sphere.radius - 1) < 1e-12);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a share link whose option is an object is "damaged", not a TypeError (item 16)', async () => {
  const fragment = await encodeShare({ v: 1, text: 'x,y,z\n', options: { fitType: { toString: 'x' } } });
  await assert.rejects(decodeShare(`#${fragment}`, { vocabulary: sf.vocabulary }), (err) => {
    assert.ok(!(err instanceof TypeError), String(err));
    assert.match(err.message, /This link is damaged: its fit type option an object is not one of/);
    return true;
  });
});

test('errors say what is wrong, not something else (item 17)', async () => {
  const enc = (s) => new TextEncoder().encode(s);
  // NUL bytes are binary, not "No data found".
  const nul = await sf.fitFile(new Uint8Array(100000), 'zeros.csv');
  assert.equal(nul.error.code, 'BinaryInput');
  // r, a normal or a weight of 1e308 are values beyond what the fit can square, not "AllSlicesCoplanar".
  const rows = [[0, 0, -1, 0.8], [0, 0, 0, 1], [0, 0, 1, 0.8], [0, 0, 0.5, 0.9]];
  const table = (at) => `x,y,z,r,nx,ny,nz,w\n${rows.map(([x, y, z, r], i) => {
    const v = [x, y, z, r, 0, 0, 1, 1];
    if (i === 1) v[at] = 1e308;
    return v.join(',');
  }).join('\n')}\n`;
  for (const at of [3, 5, 7]) {
    const r = sf.fitText(table(at), { weights: 'column' });
    assert.equal(r.ok, false);
    assert.equal(r.error.code, 'NonFiniteValue', r.error.message);
    assert.equal(r.error.line, 3);
  }
  // A NRRD header error names its line and a real column (the field's value), not column 0.
  const nrrd = await sf.fitFile(enc(`NRRD0004\ntype: uchar\ndimension: 3\nsizes: 4 4 x\nencoding: raw\n\n${'\0'.repeat(64)}`), 'a.nrrd');
  assert.equal(nrrd.error.line, 4);
  assert.equal(nrrd.error.column, 'sizes: '.length + 1, 'the column of the field\'s value');
  // A byte skip past the end is told at the file's end, with the bytes missing.
  const skip = await sf.fitFile(enc(`NRRD0004\ntype: uchar\ndimension: 3\nsizes: 4 4 4\nencoding: raw\nbyte skip: 100000\n\n${'\0'.repeat(64)}`), 'b.nrrd');
  assert.equal(skip.error.code, 'TruncatedFile');
  assert.ok(skip.error.offset <= 144, `offset ${skip.error.offset} within the 144-byte file`);
  assert.match(skip.error.message, /100000 bytes short/);
  // A file of zeros larger than any table, and a gzip bomb: each says so, not "could not be decompressed".
  const big = await sf.fitFile(new Blob([new Uint8Array(1 << 20)]).slice(0, 1 << 20), 'fine.csv');
  assert.equal(big.error.code, 'BinaryInput');
  const bomb = await sf.fitFile(new Uint8Array(gzipSync(Buffer.alloc(MAX_WHOLE_FILE_BYTES + 1))), 'bomb.csv.gz');
  assert.doesNotMatch(bomb.error.message, /could not be decompressed|Failed to fetch/);
  assert.match(bomb.error.message, /decompresses to more than 512 MB/);
});

test('a share-link deflate bomb stops at the cap without inflating gigabytes (item 16)', async () => {
  const { deflateRawSync } = await import('node:zlib');
  // 1.2 GB of the same byte deflates to about 1.2 MB: a link under the 2 MB limit.
  const packed = deflateRawSync(Buffer.alloc(1200 << 20, 0x20), { level: 9 });
  const link = `#data=${packed.toString('base64url')}`;
  assert.ok(link.length < 2_000_000, `${link.length}`);
  const before = process.memoryUsage().rss, start = performance.now();
  let peak = before;
  const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 5);
  await assert.rejects(decodeShare(link, { vocabulary: sf.vocabulary }), /inflates to more than 32 MB/);
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  const ms = performance.now() - start;
  assert.ok(peak - before < 300e6, `memory grew by ${((peak - before) / 1e6).toFixed(0)} MB`);
  assert.ok(ms < 3000, `${ms.toFixed(0)} ms`);
});

test('the page\'s solver client replaces a worker whose module crashed (item 14)', async () => {
  // A stand-in Worker: the first one's module aborts on its first fit (as Emscripten's does after
  // running out of memory on a 250 MB line); later ones answer.
  const made = [];
  class FakeWorker {
    constructor() {
      this.n = made.length;
      this.terminated = false;
      made.push(this);
      queueMicrotask(() => this.onmessage?.({ data: { type: 'vocabulary', vocabulary: {}, version: 'x' } }));
    }
    postMessage({ id }) {
      const data = this.n === 0 ? { id, type: 'crash', message: 'Aborted()' } : { id, type: 'result', result: { ok: true, n: this.n } };
      queueMicrotask(() => this.onmessage?.({ data }));
    }
    terminate() { this.terminated = true; }
  }
  const saved = globalThis.Worker;
  globalThis.Worker = FakeWorker;
  try {
    const { createSolverClient } = await import('../../web/src/app/solver-client.js');
    const client = createSolverClient();
    await assert.rejects(client.fit('x,y,z\n', {}), /stopped on this input \(Aborted\(\)\).*restarted/);
    assert.equal(made[0].terminated, true, 'the crashed worker is ended');
    const next = await client.fit('x,y,z\n', {});
    assert.deepEqual(next, { ok: true, n: 1 }, 'the next fit runs on a fresh worker');
    assert.equal(made.length, 2);
  } finally {
    globalThis.Worker = saved;
  }
});

test('the page shows a .gz table\'s text only up to a cap of inflated bytes (item 13)', async () => {
  const { inflatedText } = await import('../../web/src/app/fit-lane.js');
  const small = gzipSync(Buffer.from('x,y,z\n1,2,3\n'));
  assert.equal(await inflatedText(new Blob([small]).stream(), 1 << 20), 'x,y,z\n1,2,3\n');
  // 200 MB of zeros (200 kB compressed) against a 64 MB cap: given up, not inflated whole.
  const bomb = gzipSync(Buffer.alloc(200 << 20), { level: 9 });
  const before = process.memoryUsage().rss;
  assert.equal(await inflatedText(new Blob([bomb]).stream(), 64 << 20), '');
  assert.ok(process.memoryUsage().rss - before < 150e6);
});

test('the copied summary names the count once for typed points, grouped (item 10)', async () => {
  const { resultSummary } = await import('../../web/src/app/export.js');
  const text = `x,y,z\n${OCTAHEDRON.map((p) => p.join(',')).join('\n')}\n`;
  const result = sf.fitText(text);
  assert.equal(resultSummary(result, {}, sf.vocabulary).split('\n')[0], 'Sphere fit of 8 points');
  const circles = sf.fitText('x,y,z,r\n0,0,-1,0.8\n0,0,0,1\n0,0,1,0.8\n0,0,0.5,0.9\n');
  assert.equal(resultSummary(circles, {}, sf.vocabulary).split('\n')[0], 'Sphere fit of 4 slice circles');
});
