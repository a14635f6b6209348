// Hostile input: valid files of every kind (each transfer syntax, enhanced multi-frame, raw data
// set, RT-STRUCT, SEG) mutated many times from a fixed, printed seed — bytes flipped, lengths set
// to huge values, cut short, bytes inserted and removed — then scanned and every slice read. Every
// result must be a value ({ ok: true } or { ok: false, error } with a known code, a message and the
// file), nothing may throw, and no single file may take long (a hang guard, not a speed test).
// Also the errors named by the brief on purpose-built damage: a missing required tag, a broken
// fragment table, a truncated header.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { makeData, missingTools, oneFile } from './dicom-data.mjs';
import { scanDicom, readSlice, readRtStruct, readSegmentation } from '../../web/src/lib/dicom/index.js';

const skip = missingTools() ?? false;
const SEED = Number(process.env.DICOM_FUZZ_SEED ?? 20250611);
const ROUNDS = Number(process.env.DICOM_FUZZ_ROUNDS ?? 60);
const CODES = new Set(['InvalidFile', 'TruncatedFile', 'UnsupportedFile', 'MissingTag', 'InconsistentContour', 'DuplicateSlices', 'CodecFailed', 'EmptyInput', 'InvalidOption']);
let data;
before(() => { if (!skip) data = makeData(); });
after(() => data?.cleanup());

function rng(seed) {  // mulberry32
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function mutate(bytes, random) {
  const b = Uint8Array.from(bytes);
  const at = () => Math.floor(random() * b.length);
  switch (Math.floor(random() * 6)) {
    case 0: for (let k = 0, n = 1 + Math.floor(random() * 8); k < n; k++) b[at()] ^= 1 << Math.floor(random() * 8); return b;
    case 1: { const i = at(); b.set([0xff, 0xff, 0xff, 0x7f].slice(0, Math.min(4, b.length - i)), i); return b; }  // a huge length
    case 2: { const i = at(); b.set([0xff, 0xff, 0xff, 0xff].slice(0, Math.min(4, b.length - i)), i); return b; }  // undefined length
    case 3: return b.subarray(0, at());  // cut short
    case 4: { const i = at(); const n = 1 + Math.floor(random() * 16); const out = new Uint8Array(b.length + n); out.set(b.subarray(0, i)); out.set(b.subarray(i), i + n); return out; }
    default: { const i = at(); const n = Math.min(b.length - i, 1 + Math.floor(random() * 64)); const out = new Uint8Array(b.length - n); out.set(b.subarray(0, i)); out.set(b.subarray(i + n), i); return out; }
  }
}

function checkValue(r, where) {
  assert.equal(typeof r, 'object', where);
  assert.equal(typeof r.ok, 'boolean', where);
  if (!r.ok) {
    assert.ok(CODES.has(r.error.code), `${where}: code ${r.error.code}`);
    assert.ok(typeof r.error.message === 'string' && r.error.message.length > 10, `${where}: message ${r.error.message}`);
    assert.equal(typeof r.error.file, 'string', where);
    if ('offset' in r.error) assert.ok(Number.isInteger(r.error.offset) && r.error.offset >= 0, `${where}: offset ${r.error.offset}`);
  }
}

async function readEverything(file, where) {
  const scan = await scanDicom([file]);
  checkValue(scan, where);
  if (!scan.ok) return;
  for (const s of [...scan.series, ...scan.segmentations.flatMap((g) => [...g.series, g.labelmap])]) {
    if (!s.ok) { checkValue({ ok: false, error: s.error }, where); continue; }
    for (let k = 0; k < Math.min(3, s.slices.length); k++) checkValue(await readSlice(s, k), `${where} slice ${k}`);
  }
}

test(`mutated files always give values (seed ${SEED}, ${ROUNDS} rounds a file)`, { skip, timeout: 900000 }, async () => {
  const ts = readdirSync(join(data.dir, 'ts'));
  const pick = (prefix) => `ts/${ts.find((n) => n.startsWith(prefix))}`;
  const bases = [data.truth.series.ct_axial.slices[3].file, data.truth.series.mr_sag.slices[2].file, 'mixed/slice1', 'mixed/slice2',
    pick('bigendian_'), pick('deflated_'), pick('rle_'), pick('jpegsv1_'), pick('jpeg14sv6_'), pick('jpegbaseline_'), pick('jpegls_'),
    pick('jpeglsnear_'), pick('j2k_'), pick('htj2k_'), 'enhanced/enhanced_ct.dcm', 'enhanced_j2k/enhanced_ct_j2k.dcm',
    'enhanced_rle/enhanced_ct_rle.dcm', 'rtstruct/rtstruct.dcm', 'rtstruct/rtstruct_binary.dcm', 'seg/seg_binary.dcm', 'seg/seg_fractional.dcm'];
  console.log(`fuzz seed ${SEED}, ${ROUNDS} rounds of ${bases.length} files`);
  const random = rng(SEED);
  let slowest = 0;
  let failures = 0;
  for (const rel of bases) {
    const original = oneFile(data.dir, rel).bytes;
    for (let round = 0; round < ROUNDS; round++) {
      const bytes = mutate(original, random);
      const where = `${rel} round ${round}`;
      const t0 = performance.now();
      await readEverything({ name: rel, bytes }, where);
      if (rel.startsWith('rtstruct')) checkValue(await readRtStruct({ name: rel, bytes }), where);
      if (rel.startsWith('seg')) checkValue(await readSegmentation({ name: rel, bytes }), where);
      // The same bytes as a lazy source (the header read, then the whole file).
      await readEverything({ name: rel, size: bytes.length, read: (s, e) => bytes.slice(s, e) }, `${where} (lazy)`);
      const ms = performance.now() - t0;
      slowest = Math.max(slowest, ms);
      assert.ok(ms < 10000, `${where} took ${ms.toFixed(0)} ms`);
      failures++;
    }
  }
  console.log(`${failures} mutated files read; the slowest took ${slowest.toFixed(0)} ms`);
});

test('a missing required tag is MissingTag naming the tag', { skip }, async () => {
  // The generator's slice, with (0020,0032) ImagePositionPatient renamed to a private tag (0021,0032).
  const file = oneFile(data.dir, data.truth.series.ct_axial.slices[0].file);
  const b = Uint8Array.from(file.bytes);
  const i = b.findIndex((v, k) => v === 0x20 && b[k + 1] === 0 && b[k + 2] === 0x32 && b[k + 3] === 0 && b[k + 4] === 0x44 && b[k + 5] === 0x53);
  assert.ok(i > 0);
  b[i] = 0x21;
  const scan = await scanDicom([{ name: 'noipp.dcm', bytes: b }]);
  assert.equal(scan.ok, true);
  assert.equal(scan.series[0].ok, false);
  assert.deepEqual([scan.series[0].error.code, scan.series[0].error.tag, scan.series[0].error.file], ['MissingTag', '(0020,0032) ImagePositionPatient', 'noipp.dcm']);
});

test('a broken fragment table is InvalidFile or TruncatedFile with the pixel data tag and an offset', { skip }, async () => {
  const ts = readdirSync(join(data.dir, 'ts'));
  const file = oneFile(data.dir, `ts/${ts.find((n) => n.startsWith('jpegls_'))}`);
  const b = Uint8Array.from(file.bytes);
  // The first fragment item after the (empty) basic offset table: (FFFE,E000) with its length.
  let i = b.length - 8;
  let items = 0;
  for (let k = 0; k < b.length - 8; k++) if (b[k] === 0xfe && b[k + 1] === 0xff && b[k + 2] === 0x00 && b[k + 3] === 0xe0 && ++items === 2) { i = k; break; }
  new DataView(b.buffer).setUint32(i + 4, 0x00fffff0, true);  // a fragment longer than the file
  const scan = await scanDicom([{ name: 'broken.dcm', bytes: b }]);
  const r = scan.ok ? (scan.series[0].ok ? await readSlice(scan.series[0], 0) : { ok: false, error: scan.series[0].error }) : scan;
  assert.equal(r.ok, false);
  assert.ok(['InvalidFile', 'TruncatedFile'].includes(r.error.code), r.error.code);
  assert.ok(r.error.offset > 0, JSON.stringify(r.error));
  assert.equal(r.error.file, 'broken.dcm');
});

test('a header cut short is skipped with TruncatedFile naming the file', { skip }, async () => {
  const file = oneFile(data.dir, data.truth.series.ct_axial.slices[0].file);
  const scan = await scanDicom([{ name: 'short.dcm', bytes: file.bytes.subarray(0, 400) }]);
  assert.equal(scan.ok, false);
  assert.equal(scan.error.code, 'EmptyInput');
  const again = await scanDicom([{ name: 'short.dcm', bytes: file.bytes.subarray(0, 400) }, file]);
  assert.equal(again.ok, true);
  assert.equal(again.errors[0].file, 'short.dcm');
  assert.equal(again.errors[0].code, 'TruncatedFile');
  assert.ok(again.errors[0].offset >= 0 && again.errors[0].offset <= 400);
});
