// web/src/lib/laz.js on LAS files written by tests/data/points/make_las.py from the ASPRS
// specification, through laz-perf's LASZip reader (the one that decodes LAZ): every point equals
// the writer's X · scale + offset, whichever source (bytes, Blob, Node stream) and chunk size; then
// damaged and cut files give errors with their byte. (Debian 12 and npm hold no LAZ writer, so
// the compressed path is reached here only as far as laz-perf's open of a damaged LAZ.)
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createReadStream, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openLaz, readLaz, readLasHeader } from '../../web/src/lib/laz.js';

const script = fileURLToPath(new URL('../data/points/make_las.py', import.meta.url));
let folder;
let truth;

before(() => {
  folder = mkdtempSync(join(tmpdir(), 'spherefit-laz-'));
  execFileSync('/usr/bin/python3', [script, folder]);
  truth = JSON.parse(readFileSync(join(folder, 'truth.json'), 'utf8'));
});

async function collect(source, options) {
  const x = [], y = [], z = [];
  const starts = [];
  const read = await readLaz(source, (chunk) => {
    starts.push(chunk.start);
    assert.ok(chunk.x instanceof Float64Array);
    x.push(...chunk.x);
    y.push(...chunk.y);
    z.push(...chunk.z);
  }, options);
  return { read, x, y, z, starts };
}

test('every LAS version and point format gives the writer\'s scaled coordinates exactly', async () => {
  for (const [name, t] of Object.entries(truth.files)) {
    const bytes = new Uint8Array(readFileSync(join(folder, name)));
    const { read, x, y, z } = await collect(bytes);
    assert.ok(read.ok, `${name}: ${read.error?.message}`);
    assert.equal(read.points, t.count, name);
    assert.equal(read.header.pointFormat, t.format, name);
    assert.equal(read.header.recordLength, t.record_length, name);
    assert.equal(read.header.compressed, false);
    for (let i = 0; i < t.count; i++) {
      assert.equal(x[i], t.points[i][0], `${name} point ${i}`);
      assert.equal(y[i], t.points[i][1], `${name} point ${i}`);
      assert.equal(z[i], t.points[i][2], `${name} point ${i}`);
    }
  }
});

test('chunks of any size, from bytes, a Blob or a Node stream, give the same points', async () => {
  const name = 'las14_format6.las';
  const path = join(folder, name);
  const bytes = new Uint8Array(readFileSync(path));
  const whole = await collect(bytes);
  const chunked = await collect(new Blob([bytes]), { chunkSize: 37 });
  assert.ok(chunked.read.ok, chunked.read.error?.message);
  assert.deepEqual(chunked.starts.slice(0, 3), [0, 37, 74]);
  assert.equal(chunked.starts.length, Math.ceil(truth.files[name].count / 37));
  assert.deepEqual(chunked.x, whole.x);
  const streamed = await collect({ size: statSync(path).size, stream: createReadStream(path, { highWaterMark: 1000 }) }, { chunkSize: 100 });
  assert.ok(streamed.read.ok, streamed.read.error?.message);
  assert.deepEqual(streamed.z, whole.z);
  // The async iterator, stopped early, frees laz-perf's copy (close is idempotent).
  const opened = await openLaz(bytes, { chunkSize: 10 });
  assert.ok(opened.ok);
  const first = await opened.chunks()[Symbol.asyncIterator]().next();
  assert.equal(first.value.count, 10);
  opened.close();
});

test('the header says the counts, scales, offsets and bounds', () => {
  const bytes = new Uint8Array(readFileSync(join(folder, 'las14_format6.las')));
  const { ok, header } = readLasHeader(bytes);
  assert.ok(ok);
  assert.equal(header.versionMinor, 4);
  assert.equal(header.pointCount, truth.files['las14_format6.las'].count);  // from the 64-bit count (legacy 0)
  assert.deepEqual(header.scale, [0.001, 0.001, 0.0005]);
  assert.deepEqual(header.offset, [500000, 4000000, 100]);
  assert.ok(header.min[0] >= truth.centre[0] - truth.radius - 1e-9 && header.max[2] <= truth.centre[2] + truth.radius + 1e-9);
});

test('damaged and cut files are errors with their byte', async () => {
  const good = new Uint8Array(readFileSync(join(folder, 'las12_format1.las')));
  let r = await readLaz(new TextEncoder().encode('x,y,z\n1,2,3\n'));
  assert.equal(r.error.code, 'UnknownFormat');
  r = await readLaz(good.subarray(0, 100));
  assert.deepEqual([r.error.code, r.error.offset], ['TruncatedFile', 100]);
  r = await readLaz(good.subarray(0, good.length - 40));
  assert.equal(r.error.code, 'TruncatedFile');
  assert.equal(r.error.offset, 227 + 54 + 16 + 398 * 28);
  assert.match(r.error.message, /398 of the 400 points/);
  const scale0 = good.slice();
  new DataView(scale0.buffer).setFloat64(139, 0, true);
  r = await readLaz(scale0);
  assert.deepEqual([r.error.code, r.error.offset], ['InvalidFile', 139]);
  // Marked LAZ (format bit 7) with no LASzip data: laz-perf refuses it, and it is said so.
  const fake = good.slice();
  fake[104] |= 0x80;
  assert.equal(readLasHeader(fake).header.compressed, true);
  r = await readLaz(fake);
  assert.equal(r.ok, false);
  assert.ok(['InvalidFile', 'TruncatedFile'].includes(r.error.code), r.error.message);
  assert.ok(Number.isInteger(r.error.offset ?? r.error.point));
  r = await readLaz({ nonsense: true });
  assert.equal(r.error.code, 'InvalidOption');
});
