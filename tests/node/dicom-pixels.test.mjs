// Pixel data of every transfer syntax against pydicom's own decoding of the same file (pydicom
// natively for uncompressed, deflated, big endian and RLE; GDCM through pydicom for JPEG, JPEG-LS
// and JPEG 2000; HTJ2K, which pydicom 2.3 cannot read: the original values when lossless, openjph's
// ojph_expand when lossy). Lossless syntaxes must match exactly — and the generator checked that
// pydicom's decoding equals the values it wrote — lossy ones within the tolerance the generator
// recorded for a second decoder. Also the codecs' laziness, and the errors of unsupported syntaxes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { folderFiles, makeData, missingTools, oneFile, pixelTruth } from './dicom-data.mjs';
import { scanDicom, readSlice, loadedCodecs, transferSyntaxName } from '../../web/src/lib/dicom/index.js';

const skip = missingTools() ?? false;
let data;
before(() => { if (!skip) data = makeData(); });
after(() => data?.cleanup());

async function decodeAll(rel) {
  const scan = await scanDicom([oneFile(data.dir, rel)]);
  assert.equal(scan.ok, true, scan.error?.message);
  const series = scan.series.length ? scan.series[0] : scan.segmentations[0];
  return { scan, series };
}

/** Frames of a file as our reader gives them, in file order (slices carry their frame index). */
async function framesOf(rel) {
  const { scan, series } = await decodeAll(rel);
  assert.equal(series.ok, true, series.error?.message);
  const out = [];
  for (let k = 0; k < series.slices.length; k++) {
    const r = await readSlice(series, k);
    assert.equal(r.ok, true, `${rel} slice ${k}: ${r.error?.message}`);
    out[r.frame] = r;
  }
  return { scan, series, frames: out };
}

test('uncompressed files are read without loading any codec', { skip }, async () => {
  const names = Object.keys(data.truth.pixels).filter((k) => /^(ct_axial|mr_sag|ct_bits12|enhanced\/)/.test(k) || /ts\/(implicit|bigendian|deflated|rle)_/.test(k));
  for (const rel of names) await framesOf(rel);
  assert.deepEqual([...loadedCodecs], ['dicomParser'], 'only dicom-parser was imported');
});

test('every transfer syntax decodes to pydicom\'s values (exactly when lossless)', { skip, timeout: 120000 }, async () => {
  const seen = new Map();
  for (const [rel, t] of Object.entries(data.truth.pixels)) {
    if (rel.startsWith('seg/')) continue;  // the SEG test reads these as segments
    const { frames, series } = await framesOf(rel);
    const truth = pixelTruth(data.dir, t);
    const [nf, rows, cols] = t.shape;
    assert.equal(frames.length, nf, rel);
    let worst = 0;
    for (let f = 0; f < nf; f++) {
      const r = frames[f];
      assert.equal(r.rows, rows, rel);
      assert.equal(r.columns, cols, rel);
      const expected = truth.subarray(f * rows * cols, (f + 1) * rows * cols);
      const ArrayType = t.bitsAllocated === 8 ? (t.signed ? Int8Array : Uint8Array) : (t.signed ? Int16Array : Uint16Array);
      assert.ok(r.values instanceof ArrayType, `${rel}: ${r.values.constructor.name}, expected ${ArrayType.name}`);
      for (let i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs(r.values[i] - expected[i]));
    }
    const allowed = t.lossless ? 0 : t.tolerance;
    assert.ok(worst <= allowed, `${rel} (${t.transferSyntax}): differs from pydicom by ${worst}, allowed ${allowed}`);
    assert.equal(series.transferSyntaxes[0].uid, t.transferSyntax);
    seen.set(t.transferSyntax, Math.max(seen.get(t.transferSyntax) ?? 0, worst));
  }
  // Every syntax the brief names was exercised.
  for (const uid of ['1.2.840.10008.1.2', '1.2.840.10008.1.2.1', '1.2.840.10008.1.2.2', '1.2.840.10008.1.2.1.99', '1.2.840.10008.1.2.5',
    '1.2.840.10008.1.2.4.50', '1.2.840.10008.1.2.4.57', '1.2.840.10008.1.2.4.70', '1.2.840.10008.1.2.4.80', '1.2.840.10008.1.2.4.81',
    '1.2.840.10008.1.2.4.90', '1.2.840.10008.1.2.4.91', '1.2.840.10008.1.2.4.201', '1.2.840.10008.1.2.4.203']) {
    assert.ok(seen.has(uid), `${uid} (${transferSyntaxName(uid)}) tested`);
  }
  console.log('largest difference from pydicom per transfer syntax:', Object.fromEntries([...seen].map(([k, v]) => [transferSyntaxName(k), v])));
});

test('each slice keeps its own RescaleSlope and RescaleIntercept', { skip }, async () => {
  const scan = await scanDicom(folderFiles(data.dir, 'mr_sag'));
  const s = scan.series[0];
  const truth = data.truth.series.mr_sag.slices;
  assert.equal(s.slices.length, truth.length);
  for (let k = 0; k < truth.length; k++) {
    assert.equal(s.slices[k].slope, truth[k].slope);
    assert.equal(s.slices[k].intercept, truth[k].intercept);
    const r = await readSlice(s, k);
    assert.equal(r.slope, truth[k].slope);
  }
  assert.ok(new Set(truth.map((t) => t.slope)).size > 1, 'the slopes differ from slice to slice');
});

test('MONOCHROME1 is read and said; an RGB image is an error saying it is not grey', { skip }, async () => {
  const { frames } = await framesOf('ts/eight_monochrome1.dcm');
  assert.equal(frames[0].photometric, 'MONOCHROME1');
  const scan = await scanDicom([oneFile(data.dir, 'ts/rgb.dcm')]);
  assert.equal(scan.ok, true);
  assert.equal(scan.series[0].ok, false);
  assert.equal(scan.series[0].error.code, 'UnsupportedFile');
  assert.match(scan.series[0].error.message, /colour image \(RGB, 3 samples per pixel\), not a grey one/);
  assert.equal(scan.series[0].error.tag, '(0028,0004) PhotometricInterpretation');
  const r = await readSlice(scan.series[0], 0);
  assert.equal(r.ok, false);
});

test('a transfer syntax without a decoder is a typed error naming its UID and name', { skip }, async () => {
  for (const [rel, uid, name] of [['ts/mpeg2.dcm', '1.2.840.10008.1.2.4.100', 'MPEG2 Main Profile / Main Level'],
    [`ts/${readdirSync(join(data.dir, 'ts')).find((n) => n.startsWith('jpegextended_'))}`, '1.2.840.10008.1.2.4.51', 'JPEG Extended (Process 2 & 4)']]) {
    const scan = await scanDicom([oneFile(data.dir, rel)]);
    assert.equal(scan.ok, true, scan.error?.message);
    const s = scan.series[0];
    assert.equal(s.ok, false, rel);
    assert.equal(s.error.code, 'UnsupportedFile');
    assert.deepEqual(s.error.transferSyntax, { uid, name });
    assert.ok(s.error.message.includes(uid) && s.error.message.includes(name), s.error.message);
    assert.equal(s.error.file, rel);
  }
});

test('a file cut short inside its pixel data is TruncatedFile with the byte offset and tag', { skip }, async () => {
  const scan = await scanDicom([oneFile(data.dir, 'ts/cut.dcm')]);
  assert.equal(scan.ok, true, scan.error?.message);
  const r = await readSlice(scan.series[0], 0);
  assert.equal(r.ok, false);
  assert.equal(r.error.code, 'TruncatedFile');
  assert.equal(r.error.tag, '(7FE0,0010) PixelData');
  assert.ok(r.error.offset > 100 && r.error.offset < 3000, String(r.error.offset));
  assert.match(r.error.message, /^ts\/cut\.dcm is cut short/);
});

test('the codecs were loaded only for the files that needed them, once each', { skip }, () => {
  assert.deepEqual([...loadedCodecs].sort(), ['dicomParser', 'htj2k', 'jpeg', 'jpeg2000', 'jpegLossless', 'jpegLs']);
});
