// Files through the library, as the page and the command line read them, against independent
// truth: NIST's certified spheres (.ds), the meshes' construction (tests/data/meshes), and the
// balls the volume generator placed (tests/data/volumes/make_volumes.py writes truth.json; the
// native suite's fixture runs it into build/native/volumes). Volumes come as bytes and as Blobs
// (streamed, as a dropped File is), raw and gzip-compressed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadSphereFit } from '../../web/src/lib/spherefit.js';

const sf = await loadSphereFit();
const path = (p) => fileURLToPath(new URL(`../../${p}`, import.meta.url));
const volumes = path('build/native/volumes/');
const haveVolumes = existsSync(`${volumes}truth.json`);
const dist = (a, b) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);

test('NIST certified spheres: fitFile reads the .ds files and reproduces them to 1e-12·R', async () => {
  for (const name of ['sph9', 'sph10', 'sph11', 'sph14', 'sph5', 'sph29']) {
    const [cx, cy, cz, diameter] = readFileSync(path(`tests/data/nist-sphere/${name}.fit`), 'utf8').trim().split(/\s+/).map(Number);
    const radius = diameter / 2;
    const r = await sf.fitFile(readFileSync(path(`tests/data/nist-sphere/${name}.ds`)), `${name}.ds`);
    assert.equal(r.ok, true, r.error?.message);
    assert.equal(r.mode, 'points');
    assert.ok(dist(r.center, [cx, cy, cz]) <= 1e-12 * radius && Math.abs(r.radius - radius) <= 1e-12 * radius, name);
  }
});

test('meshes: every test mesh is an octahedron on the sphere it was built from', async () => {
  // make_meshes.py puts the octahedron's vertices on a sphere of radius 4 about (10, −5, 2.5).
  for (const name of readdirSync(path('tests/data/meshes')).filter((f) => /\.(ply|stl|obj)$/.test(f))) {
    const r = await sf.fitFile(new Blob([readFileSync(path(`tests/data/meshes/${name}`))]), name);
    assert.equal(r.ok, true, `${name}: ${r.error?.message}`);
    assert.equal(r.points.x.length, 6, name);
    assert.ok(dist(r.center, [10, -5, 2.5]) < 1e-6 && Math.abs(r.radius - 4) < 1e-6, `${name}: ${r.center} ${r.radius}`);
  }
});

test('a binary PLY cut short names the byte and the vertex', () => {
  const ply = readFileSync(path('tests/data/meshes/scanner-big-endian-octahedron.ply'));
  const r = sf.fitPointFile(ply.subarray(0, ply.length - 10), 'scan.ply');
  assert.equal(r.ok, false);
  assert.equal(r.error.code, 'TruncatedFile');
  assert.ok(r.error.offset > 0 && r.error.point >= 0);
  assert.match(r.error.message, /^Byte [\d,]+, vertex \d+/);
});

const truth = haveVolumes ? JSON.parse(readFileSync(`${volumes}truth.json`, 'utf8')).files : {};

for (const [name, t] of Object.entries(truth)) {
  if (t.error) continue;
  const balls = t.balls ?? (t.grey ? [{ centre: t.grey.centre, radius: t.grey.iso50_radius, grey: true }] : []);
  for (const ball of balls) {
    test(`${name}${ball.name ? ` (${ball.name})` : ''}: the sphere in RAS mm within ${ball.grey ? '0.05' : '0.1'} of a voxel edge`, { skip: !haveVolumes && 'no test volumes' }, async () => {
      const bytes = readFileSync(`${volumes}${name}`);
      const edge = Math.max(...t.spacing);
      const tolerance = (ball.grey ? 0.05 : 0.1) * edge;
      for (const source of [bytes, new Blob([bytes])]) {
        const selection = ball.label !== undefined ? { label: ball.label } : {};
        const r = await sf.fitFile(source, name, {}, { selection });
        assert.equal(r.ok, true, r.error?.message);
        assert.ok(dist(r.center, ball.centre) <= tolerance, `centre ${r.center} vs ${ball.centre}`);
        assert.ok(Math.abs(r.radius - ball.radius) <= tolerance, `radius ${r.radius} vs ${ball.radius}`);
        assert.equal(r.volume.format, t.format);
        sf.releaseVolume(r.volume);
      }
    });
  }
}

test('readVolume describes a labelmap: labels with counts and Slicer names, and the affine nibabel reads', { skip: !haveVolumes && 'no test volumes' }, async () => {
  const read = await sf.readVolume(readFileSync(`${volumes}segmentation_gzip.seg.nrrd`), 'segmentation_gzip.seg.nrrd');
  assert.equal(read.ok, true, read.error?.message);
  const v = read.volume;
  assert.equal(v.labelmap, true);
  assert.deepEqual(v.labels.map((l) => l.value), [0, 1, 3]);
  assert.equal(v.labels.find((l) => l.value === 3).name, 'bead');
  // numpy's counts, written by the generator as [value, count] pairs.
  assert.deepEqual(v.labels.map((l) => [l.value, l.count]), truth['segmentation_gzip.seg.nrrd'].label_counts);
  const sform = await sf.readVolume(new Blob([readFileSync(`${volumes}mask_sform.nii`)]), 'mask_sform.nii');
  sform.volume.affine.forEach((row, i) => row.forEach((v2, j) => assert.ok(Math.abs(v2 - truth['mask_sform.nii'].nibabel_affine[i][j]) < 1e-6)));
  const fit = sf.fitVolume(read.volume, { label: 3 });
  assert.equal(fit.ok, true);
  assert.ok(dist(fit.center, truth['segmentation.seg.nrrd'].balls[1].centre) < 0.1 * Math.max(...truth['segmentation.seg.nrrd'].spacing));
  const preview = sf.previewSlice(read.volume, 2, Math.round(fit.centerVoxel[2]));
  assert.equal(preview.ok, true);
  assert.equal(preview.pixels.length, preview.width * preview.height);
  assert.ok(preview.contour.length > 0 && preview.circle.length > 0);
  sf.releaseVolume(read.volume);
  sf.releaseVolume(sform.volume);
  assert.equal(sf.fitVolume(read.volume).error.code, 'InvalidOption', 'a released volume is gone');
});

test('damaged volumes: gzip cut or corrupted, a label that is not there, a multi-layer segmentation', { skip: !haveVolumes && 'no test volumes' }, async () => {
  const gz = readFileSync(`${volumes}ct_ball.nii.gz`);
  const cut = await sf.fitFile(gz.subarray(0, Math.floor(gz.length * 0.6)), 'ct_ball.nii.gz');
  assert.equal(cut.ok, false);
  assert.match(cut.error.code, /InvalidFile|TruncatedFile/);
  const corrupt = new Uint8Array(gz);
  for (let k = 30; k < 60; ++k) corrupt[k] ^= 0xa5;
  const bad = await sf.fitFile(corrupt, 'ct_ball.nii.gz');
  assert.equal(bad.ok, false);
  assert.equal(bad.error.code, 'InvalidFile');
  const label = await sf.fitFile(readFileSync(`${volumes}multilabel.nii.gz`), 'multilabel.nii.gz', {}, { selection: { label: 4 } });
  assert.equal(label.error.code, 'LabelNotFound');
  assert.equal(label.volume, undefined, 'a failed fit releases the volume unless asked to keep it');
  // keepVolume: the failed fit hands the volume back, and another label is a refit, not a re-read.
  const kept = await sf.fitFile(readFileSync(`${volumes}multilabel.nii.gz`), 'multilabel.nii.gz', {}, { selection: { label: 4 }, keepVolume: true });
  assert.equal(kept.error.code, 'LabelNotFound');
  const ball = truth['multilabel.nii.gz'].balls[0];
  assert.ok(kept.volume.labels.some((l) => l.value === ball.label));
  const refit = sf.fitVolume(kept.volume, { label: ball.label });
  assert.equal(refit.ok, true, refit.error?.message);
  assert.ok(dist(refit.center, ball.centre) <= 0.1 * Math.max(...truth['multilabel.nii.gz'].spacing));
  sf.releaseVolume(kept.volume);
  const layers = await sf.fitFile(readFileSync(`${volumes}layers.seg.nrrd`), 'layers.seg.nrrd');
  assert.equal(layers.error.code, 'UnsupportedFile');
  assert.match(layers.error.message, /layer/);
});
