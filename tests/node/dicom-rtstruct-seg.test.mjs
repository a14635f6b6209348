// RT-STRUCT and SEG against the generator's truth: the ROIs (number, name, interpreted type), each
// kept contour exactly as pydicom reads the written ContourData (text, and binary OD), the femoral
// heads' contour points on their spheres, POINT and OPEN_PLANAR skipped with a note, the
// referenced frame of reference; the SEG segments, per frame its segment and plane, each segment's
// frames stacked with values = segment number where pydicom's pixel_array is set (binary) or at
// least half the maximum (fractional), and the combined labelmap.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { dist, makeData, missingTools, oneFile, pixelTruth } from './dicom-data.mjs';
import { scanDicom, readSlice, readRtStruct, readSegmentation } from '../../web/src/lib/dicom/index.js';

const skip = missingTools() ?? false;
let data;
before(() => { if (!skip) data = makeData(); });
after(() => data?.cleanup());

for (const rel of ['rtstruct/rtstruct.dcm', 'rtstruct/rtstruct_binary.dcm']) {
  test(`${rel}: ROIs, types and contours as written`, { skip }, async () => {
    const t = data.truth.rtstruct[rel];
    const r = await readRtStruct(oneFile(data.dir, rel));
    assert.equal(r.ok, true, r.error?.message);
    const st = r.value;
    assert.equal(st.referencedFrameOfReference[0].frameOfReferenceUID, t.frameOfReferenceUID);
    assert.equal(st.referencedFrameOfReference[0].series[0].seriesInstanceUID, data.truth.series.ct_axial.seriesInstanceUID);
    assert.deepEqual(st.rois.map((x) => [x.number, x.name, x.type]), t.rois.map((x) => [x.number, x.name, x.type]));
    for (const roi of t.rois) {
      const got = st.rois.find((x) => x.number === roi.number);
      assert.equal(got.frameOfReferenceUID, t.frameOfReferenceUID);
      if (roi.geometric !== 'CLOSED_PLANAR') {
        assert.equal(got.contours.length, 0);
        assert.ok(st.notes.some((n) => n.code === 'ContoursSkipped' && n.message.includes(roi.name) && n.message.includes(roi.geometric)), roi.name);
        continue;
      }
      assert.equal(got.contours.length, roi.contours.length, roi.name);
      for (let k = 0; k < roi.contours.length; k++) {
        assert.ok(got.contours[k] instanceof Float64Array);
        assert.deepEqual([...got.contours[k]], roi.contours[k], `${roi.name} contour ${k}`);
      }
      if (roi.sphere) {
        // Every point lies on the sphere (to the DS rounding of 10 significant digits).
        for (const c of got.contours) {
          for (let i = 0; i < c.length; i += 3) {
            assert.ok(Math.abs(dist([c[i], c[i + 1], c[i + 2]], roi.sphere.centre) - roi.sphere.radius) < 1e-6, roi.name);
          }
        }
      }
    }
  });
}

test('scanDicom finds the structure sets and segmentations beside the images', { skip }, async () => {
  const scan = await scanDicom([oneFile(data.dir, 'rtstruct/rtstruct.dcm'), oneFile(data.dir, 'seg/seg_binary.dcm'),
    ...[0, 1].map((k) => oneFile(data.dir, data.truth.series.ct_axial.slices[k].file))]);
  assert.equal(scan.ok, true, scan.error?.message);
  assert.equal(scan.series.length, 1);
  assert.equal(scan.structures.length, 1);
  assert.equal(scan.segmentations.length, 1);
  assert.deepEqual(scan.structures[0].rois.filter((r) => r.name.startsWith('Femur_Head')).map((r) => r.name), ['Femur_Head_L', 'Femur_Head_R']);
});

for (const rel of ['seg/seg_binary.dcm', 'seg/seg_fractional.dcm']) {
  test(`${rel}: segments, frames and the per-segment and combined labelmaps`, { skip }, async () => {
    const t = data.truth.seg[rel];
    const px = data.truth.pixels[rel];
    const truth = pixelTruth(data.dir, px);
    const [nf, rows, cols] = px.shape;
    const n = rows * cols;
    const r = await readSegmentation(oneFile(data.dir, rel));
    assert.equal(r.ok, true, r.error?.message);
    const seg = r.value;
    assert.equal(seg.segmentationType, t.fractional ? 'FRACTIONAL' : 'BINARY');
    assert.deepEqual(seg.segments.map((s) => [s.number, s.label, s.description, s.algorithmType]),
      t.segments.map((s) => [s.number, s.label, s.description, s.algorithmType]));
    assert.deepEqual(seg.frames.map((f) => [f.segment, f.origin]), t.frames.map((f) => [f.segment, f.ipp]));
    const inside = (v) => (t.fractional ? 2 * v >= 255 && v > 0 : v !== 0);
    for (const series of seg.series) {
      assert.equal(series.ok, true);
      assert.deepEqual(series.pixelSpacing, t.pixelSpacing);
      const mine = t.frames.map((f, i) => ({ ...f, i })).filter((f) => f.segment === series.segment);
      assert.equal(series.slices.length, mine.length);
      const zs = series.slices.map((s) => s.origin[2]);
      assert.deepEqual(zs, [...zs].sort((a, b) => a - b), 'stacked in ascending z');
      for (let k = 0; k < series.slices.length; k++) {
        const s = await readSlice(series, k);
        assert.equal(s.ok, true, s.error?.message);
        const frame = s.frame;
        assert.equal(t.frames[frame].segment, series.segment);
        assert.deepEqual(s.origin, t.frames[frame].ipp);
        const expected = truth.subarray(frame * n, (frame + 1) * n);
        for (let i = 0; i < n; i++) assert.equal(s.values[i], inside(expected[i]) ? series.segment : 0, `${rel} frame ${frame} pixel ${i}`);
        if (t.fractional) assert.deepEqual([...s.fractions], [...expected]);
      }
    }
    // Labelmap: each plane holds the segments of every frame at that plane (the higher number wins).
    const lm = seg.labelmap;
    const planes = [...new Set(t.frames.map((f) => f.ipp[2]))].sort((a, b) => a - b);
    assert.deepEqual(lm.slices.map((s) => s.origin[2]), planes);
    let overlaps = 0;
    for (let k = 0; k < lm.slices.length; k++) {
      const s = await readSlice(lm, k);
      assert.equal(s.ok, true);
      const want = new Uint8Array(n);
      let plane = 0;
      for (const [i, f] of t.frames.entries()) {
        if (f.ipp[2] !== planes[k]) continue;
        for (let p = 0; p < n; p++) if (inside(truth[i * n + p])) { if (want[p]) plane++; want[p] = Math.max(want[p], f.segment); }
      }
      assert.deepEqual([...s.values], [...want], `labelmap plane ${k}`);
      assert.equal(s.overlaps, plane);
      overlaps += plane;
    }
    assert.ok(overlaps > 0, 'the two balls overlap somewhere (the rule is exercised)');
    assert.equal(nf, t.frames.length);
  });
}
