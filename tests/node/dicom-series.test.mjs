// Series and geometry against what the generator wrote (tests/data/dicom/make_dicom.py): the
// stacking order (the generator sorts by IPP · (row × column), independently), each slice's own
// origin, the directions, PixelSpacing in the standard's order, the spacing from the positions,
// the gantry tilt, gaps and duplicates named by file, series split by orientation, frame of
// reference and size; and end to end, the ball's centre in LPS from the decoded, rescaled
// voxels placed by the reader's geometry. Also lazy sources (a File-like reader) and skipped files.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dist, folderFiles, makeData, missingTools } from './dicom-data.mjs';
import { scanDicom, readSlice, lpsToRas } from '../../web/src/lib/dicom/index.js';

const skip = missingTools() ?? false;
let data;
before(() => { if (!skip) data = makeData(); });
after(() => data?.cleanup());

const near = (a, b, tol, what) => assert.ok(a.length === b.length && a.every((v, i) => Math.abs(v - b[i]) <= tol), `${what}: ${a} vs ${b}`);

async function oneSeries(folder) {
  const scan = await scanDicom(folderFiles(data.dir, folder));
  assert.equal(scan.ok, true, scan.error?.message);
  assert.equal(scan.series.length, 1, `${folder}: ${scan.series.length} series`);
  return { scan, series: scan.series[0] };
}

/** Centroid (LPS) of the voxels whose rescaled value is above `level`, placed by the series geometry. */
async function centroid(series, level) {
  const [dr, dc] = series.pixelSpacing;
  const sum = [0, 0, 0];
  let count = 0;
  for (let k = 0; k < series.slices.length; k++) {
    const s = await readSlice(series, k);
    assert.equal(s.ok, true, s.error?.message);
    for (let r = 0; r < s.rows; r++) {
      for (let c = 0; c < s.columns; c++) {
        if (s.slope * s.values[r * s.columns + c] + s.intercept <= level) continue;
        for (let a = 0; a < 3; a++) sum[a] += s.origin[a] + c * dc * series.rowDirection[a] + r * dr * series.columnDirection[a];
        count++;
      }
    }
  }
  return sum.map((v) => v / count);
}

for (const name of ['ct_axial', 'ct_oblique', 'ct_tilt', 'ct_uneven', 'mr_sag', 'ct_missing', 'mixed']) {
  test(`${name}: slices stacked along the normal with their own origins, spacing from the positions`, { skip }, async () => {
    const t = data.truth.series[name];
    const { series } = await oneSeries(name);
    assert.equal(series.ok, true, series.error?.message);
    assert.equal(series.seriesInstanceUID, t.seriesInstanceUID);
    assert.equal(series.frameOfReferenceUID, t.frameOfReferenceUID);
    assert.equal(series.modality, t.modality);
    assert.equal(series.description, t.description);
    assert.equal(series.rows, t.rows);
    assert.equal(series.columns, t.columns);
    assert.deepEqual(series.pixelSpacing, t.pixelSpacing);
    near(series.rowDirection, t.rowDirection, 1e-9, 'row direction');
    near(series.columnDirection, t.columnDirection, 1e-9, 'column direction');
    near(series.normal, t.normal, 1e-9, 'normal');
    assert.deepEqual(series.slices.map((s) => s.file), t.slices.map((s) => s.file), 'stacking order');
    for (let k = 0; k < t.slices.length; k++) assert.deepEqual(series.slices[k].origin, t.slices[k].ipp, `origin of ${t.slices[k].file}`);
    const gaps = t.slices.slice(1).map((s, k) => s.ipp.reduce((acc, v, a) => acc + (v - t.slices[k].ipp[a]) * t.normal[a], 0));
    assert.ok(Math.abs(series.spacing.min - Math.min(...gaps)) < 1e-9 && Math.abs(series.spacing.max - Math.max(...gaps)) < 1e-9, 'spacing');
    if (name === 'ct_uneven') assert.equal(series.spacing.uniform, false);
    if (name === 'ct_tilt') {
      assert.ok(Math.abs(series.tiltDegrees - t.tiltDegrees) < 1e-6, `tilt ${series.tiltDegrees} vs ${t.tiltDegrees}`);
      assert.ok(Math.abs(series.spacing.median - t.planeSpacing) < 1e-9);
    } else assert.equal(series.tiltDegrees, 0);
    const missing = series.notes.filter((n) => n.code === 'MissingSlices');
    if (name === 'ct_missing') {
      assert.equal(missing.length, 1);
      // The gap lies between the 7th and 8th slice of the stack (the generator left out k = 7).
      assert.deepEqual(missing[0].files, [t.slices[6].file, t.slices[7].file]);
      assert.ok(missing[0].message.includes(t.slices[6].file) && missing[0].message.includes(t.slices[7].file), missing[0].message);
    } else assert.equal(missing.length, 0, JSON.stringify(missing));
  });
}

for (const name of ['ct_axial', 'ct_oblique', 'ct_tilt', 'ct_uneven', 'mr_sag']) {
  test(`${name}: the ball's centre from the decoded voxels, in LPS (and RAS by lpsToRas)`, { skip }, async () => {
    const t = data.truth.series[name];
    const { series } = await oneSeries(name);
    // CT: HU > 0 inside (1000) and outside (−1000); MR: 1800 vs 200 after the per-slice slope.
    const c = await centroid(series, name === 'mr_sag' ? 1000 : 0);
    assert.ok(dist(c, t.ball.centre) < 0.2, `${name}: centroid ${c.map((v) => v.toFixed(3))} vs the ball's ${t.ball.centre}`);
    const ras = lpsToRas(c);
    assert.deepEqual(ras, [-c[0], -c[1], c[2]]);
  });
}

test('the enhanced multi-frame CT is one series, its frames stacked by their own positions', { skip }, async () => {
  const t = data.truth.series.enhanced;
  const { series } = await oneSeries('enhanced');
  assert.equal(series.multiFrame, true);
  assert.equal(series.slices.length, t.frames);
  assert.deepEqual(series.pixelSpacing, t.pixelSpacing);
  near(series.rowDirection, t.rowDirection, 1e-9, 'row');
  // Stacked slice k is position k; it sits in the file at the frame whose order entry is k.
  for (let k = 0; k < t.frames; k++) {
    assert.deepEqual(series.slices[k].origin, t.positions[k]);
    assert.equal(t.frameOrder[series.slices[k].frame], k);
    assert.equal(series.slices[k].intercept, -1024);
  }
  const c = await centroid(series, 0);
  assert.ok(dist(c, t.ball.centre) < 0.2, `centroid ${c}`);
});

test('a slice given twice is an error naming both files; the scan itself succeeds', { skip }, async () => {
  const t = data.truth.series.ct_duplicate;
  const scan = await scanDicom(folderFiles(data.dir, 'ct_duplicate'));
  assert.equal(scan.ok, true);
  const s = scan.series[0];
  assert.equal(s.ok, false);
  assert.equal(s.error.code, 'DuplicateSlices');
  const twins = t.slices.filter((x, i, all) => all.some((y, j) => j !== i && y.ipp[2] === x.ipp[2])).map((x) => x.file).sort();
  assert.equal(twins.length, 2);
  assert.deepEqual([...s.error.files].sort(), twins);
  for (const f of twins) assert.ok(s.error.message.includes(f), s.error.message);
});

test('one SeriesInstanceUID with a localizer, another frame of reference and another size: four stacks', { skip }, async () => {
  const t = data.truth.series.split;
  const scan = await scanDicom(folderFiles(data.dir, 'split'));
  assert.equal(scan.series.length, 4);
  const got = scan.series.map((s) => [...s.slices.map((x) => x.file)].sort().join(',')).sort();
  assert.deepEqual(got, t.stacks.map((x) => x.files.join(',')).sort());
  assert.deepEqual(scan.series.map((s) => s.id).sort(), [t.seriesInstanceUID, `${t.seriesInstanceUID}#2`, `${t.seriesInstanceUID}#3`, `${t.seriesInstanceUID}#4`].sort());
});

test('DICOM without preamble is read; non-DICOM files and the DICOMDIR are skipped with a note naming each', { skip }, async () => {
  const { scan, series } = await oneSeries('mixed');
  assert.equal(series.slices.length, 6);
  const skipped = scan.notes.filter((n) => n.code === 'SkippedFile').map((n) => n.file).sort();
  assert.deepEqual(skipped, data.truth.series.mixed.skipped.map((f) => `mixed/${f}`).sort());
  assert.match(scan.notes.find((n) => n.file === 'mixed/DICOMDIR').message, /DICOMDIR/);
  for (let k = 0; k < 6; k++) assert.equal((await readSlice(series, k)).ok, true);
});

test('nothing DICOM among the files: EmptyInput naming them', { skip }, async () => {
  const files = folderFiles(data.dir, 'mixed').filter((f) => !/slice/.test(f.name));
  const scan = await scanDicom(files);
  assert.equal(scan.ok, false);
  assert.equal(scan.error.code, 'EmptyInput');
  assert.match(scan.error.message, /README\.txt/);
});

test('a lazy source is read for its header only (256 KiB of a 512 KiB file), then whole per slice', { skip }, async () => {
  const bytes = new Uint8Array(readFileSync(join(data.dir, 'big/big.dcm')));
  const reads = [];
  const file = { name: 'big.dcm', size: bytes.length, read: (s, e) => { reads.push([s, e]); return bytes.slice(s, e); } };
  const scan = await scanDicom([file]);
  assert.equal(scan.ok, true, scan.error?.message);
  assert.deepEqual(reads, [[0, 256 * 1024]]);
  const s = await readSlice(scan.series[0], 0);
  assert.equal(s.ok, true);
  assert.deepEqual(reads[1], [0, bytes.length]);
  // The same through a Blob (a dropped File).
  const blob = new Blob([bytes]);
  Object.defineProperty(blob, 'name', { value: 'big-blob.dcm' });
  const viaBlob = await scanDicom([blob]);
  assert.equal(viaBlob.ok, true);
  const b = await readSlice(viaBlob.series[0], 0);
  assert.deepEqual(b.values, s.values);
});

test('series objects are plain data: JSON and structured clone keep them; readSlice asks for the original', { skip }, async () => {
  const { series } = await oneSeries('ct_axial');
  const copy = structuredClone(series);
  assert.deepEqual(JSON.parse(JSON.stringify(series)), JSON.parse(JSON.stringify(copy)));
  const r = await readSlice(copy, 0);
  assert.equal(r.ok, false);
  assert.equal(r.error.code, 'InvalidOption');
  assert.equal((await readSlice(series, 99)).error.code, 'InvalidOption');
});
