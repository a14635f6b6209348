// DICOM end to end through the library (sf.fitFiles) and the CLI (spherefit fit DIR), against the
// balls the generator wrote (tests/data/dicom/make_dicom.py: pydicom, compressed by dcmtk): a
// series with gantry tilt and uneven spacing (also JPEG-LS), an oblique one, an MR series whose
// slices have their own slopes, a CT beside others (the largest picked, or the one asked for),
// missing and duplicate slices, an RT structure set's femoral heads (one sphere per ROI) and a SEG.
// Centres are in RAS (Slicer's frame) and also in DICOM's LPS (centerLps). Also a MetaImage .mhd
// with its .raw, written here around a known ball.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dist, folderFiles, makeData, metaImageBall, missingTools, oneFile } from './dicom-data.mjs';
import { loadSphereFit } from '../../web/src/lib/spherefit.js';

const skip = missingTools() ?? false;
const cliPath = fileURLToPath(new URL('../../web/bin/spherefit.js', import.meta.url));
const sf = await loadSphereFit();
let data;
before(() => { if (!skip) data = makeData(); });
after(() => data?.cleanup());

const ras = (p) => [-p[0], -p[1], p[2]];
const series = (name) => data.truth.series[name];

// A binary ball (pixel centres inside) traced at ISO-50 is found to about a tenth of the largest
// voxel edge (tests/cpp/read/volumes/volume_contours_test.cpp says the same of NIfTI masks).
function tenthOfVoxel(s) {
  const z = s.slices.map((x) => x.ipp).map((p) => p[0] * s.normal[0] + p[1] * s.normal[1] + p[2] * s.normal[2]);
  const gap = Math.max(...z.slice(1).map((v, k) => v - z[k]));
  return 0.1 * Math.max(gap, ...s.pixelSpacing);
}

async function checkBall(name, folder = name, asFiles = false) {
  const s = series(name);
  const files = folderFiles(data.dir, folder);
  // File objects, as the page hands them over (a Blob has a bytes() method: not { name, bytes }).
  const r = await sf.fitFiles(asFiles ? files.map((f) => new File([f.bytes], f.name)) : files);
  assert.equal(r.ok, true, r.error?.message);
  const tol = tenthOfVoxel(s);
  assert.ok(dist(r.center, ras(s.ball.centre)) < tol, `${folder}: centre ${r.center} (RAS) vs ${ras(s.ball.centre)}, tolerance ${tol}`);
  assert.ok(Math.abs(r.radius - s.ball.radius) < tol, `${folder}: radius ${r.radius} vs ${s.ball.radius}`);
  assert.equal(r.frame, 'RAS');
  assert.ok(dist(r.centerLps, s.ball.centre) < tol, `${folder}: LPS centre ${r.centerLps} vs ${s.ball.centre}`);
  assert.equal(r.volume.format, 'DICOM');
  assert.equal(r.volume.affineSource, 'slice positions');
  sf.releaseVolume(r.volume);
  return r;
}

test('a gantry-tilted series with uneven spacing gives its ball, each slice placed by its own position', { skip }, async () => {
  const r = await checkBall('ct_tilt_uneven');
  assert.ok(r.volume.dicom.tiltDegrees > 10, `tilt ${r.volume.dicom.tiltDegrees}°`);
  assert.equal(r.volume.dicom.spacing.uniform, false);
});

test('the same series compressed JPEG-LS lossless by dcmcjpls', { skip }, async () => {
  await checkBall('ct_tilt_uneven', 'ct_tilt_uneven_jpegls');
});

test('oblique, gantry-tilted and unevenly spaced series, and MR with a slope per slice', { skip }, async () => {
  for (const name of ['ct_oblique', 'ct_tilt', 'ct_uneven', 'mr_sag']) await checkBall(name);
  await checkBall('ct_oblique', 'ct_oblique', true);
});

test('several series: the largest image series by default, another by number or UID; all listed', { skip }, async () => {
  const files = [...folderFiles(data.dir, 'ct_tilt_uneven'), ...folderFiles(data.dir, 'ct_axial'), oneFile(data.dir, 'rtstruct/rtstruct.dcm')];
  const first = await sf.fitFiles(files);
  assert.equal(first.ok, true, first.error?.message);
  const axial = first.series.find((s) => s.seriesInstanceUID === series('ct_axial').seriesInstanceUID);
  assert.equal(first.seriesChosen, axial.number, 'ct_axial (30 × 60 × 64) is the largest');
  assert.deepEqual(axial.size, [64, 60, 30]);
  assert.equal(first.series.length, 3);
  sf.releaseVolume(first.volume);
  const tilt = first.series.find((s) => s.seriesInstanceUID === series('ct_tilt_uneven').seriesInstanceUID);
  for (const wanted of [tilt.number, series('ct_tilt_uneven').seriesInstanceUID]) {
    const r = await sf.fitFiles(files, {}, { series: wanted });
    assert.equal(r.ok, true, r.error?.message);
    assert.equal(r.seriesChosen, tilt.number);
    assert.ok(dist(r.center, ras(series('ct_tilt_uneven').ball.centre)) < tenthOfVoxel(series('ct_tilt_uneven')));
    sf.releaseVolume(r.volume);
  }
  const none = await sf.fitFiles(files, {}, { series: 'no such UID' });
  assert.equal(none.ok, false);
  assert.equal(none.error.code, 'InvalidOption');
  const listed = await sf.listSeries(files);
  assert.equal(listed.series.length, 3);
});

test('missing slices are a warning, duplicate positions an error naming both files', { skip }, async () => {
  const missing = await sf.fitFiles(folderFiles(data.dir, 'ct_missing'));
  assert.equal(missing.ok, true, missing.error?.message);
  assert.ok(missing.warnings.some((w) => w.code === 'MissingSlices'), missing.warnings.map((w) => w.code).join());
  sf.releaseVolume(missing.volume);
  const dup = await sf.fitFiles(folderFiles(data.dir, 'ct_duplicate'));
  assert.equal(dup.ok, false);
  assert.equal(dup.error.code, 'DuplicateSlices');
  assert.equal(dup.error.files.length, 2);
  for (const f of dup.error.files) assert.ok(dup.error.message.includes(f.split('/').pop()), dup.error.message);
  assert.ok(sf.vocabulary.errorCodes.includes('DuplicateSlices') && sf.vocabulary.warningCodes.includes('MissingSlices'));
});

test('an RT structure set: one sphere per ROI, named; the femoral heads exact, the bladder not a sphere', { skip }, async () => {
  const rois = data.truth.rtstruct['rtstruct/rtstruct.dcm'].rois;
  const heads = rois.filter((r) => r.sphere);
  for (const name of ['rtstruct/rtstruct.dcm', 'rtstruct/rtstruct_binary.dcm']) {
    const all = await sf.fitFiles([oneFile(data.dir, name)], { spheres: 'all' });
    assert.equal(all.ok, true, all.error?.message);
    for (const h of heads) {
      const s = all.spheres.find((x) => x.label === h.name);
      assert.ok(s, `${name}: ${h.name} among ${all.spheres.map((x) => x.label)}`);
      assert.ok(dist(s.center, ras(h.sphere.centre)) < 1e-4, `${h.name}: ${s.center} vs ${ras(h.sphere.centre)}`);
      assert.ok(Math.abs(s.radius - h.sphere.radius) < 1e-4);
      assert.ok(dist(s.centerLps, h.sphere.centre) < 1e-4);
      assert.equal(s.spherical, true);
    }
    assert.equal(all.spheres.find((x) => x.label === 'Bladder')?.spherical, false);
  }
  const one = oneFile(data.dir, 'rtstruct/rtstruct.dcm');
  const right = await sf.fitFile(one.bytes, one.name, {}, { selection: { label: 'Femur_Head_R' } });  // fitFile reads DICOM too
  assert.equal(right.ok, true, right.error?.message);
  const truthR = heads.find((h) => h.name === 'Femur_Head_R').sphere;
  assert.ok(dist(right.center, ras(truthR.centre)) < 1e-4 && Math.abs(right.radius - truthR.radius) < 1e-4);
  assert.equal(right.roi, 'Femur_Head_R');
  const left = await sf.fitFiles([oneFile(data.dir, 'rtstruct/rtstruct.dcm')], {}, { selection: { label: 'Femur_Head_L' } });
  assert.equal(left.roi, 'Femur_Head_L');
  const truthL = heads.find((h) => h.name === 'Femur_Head_L').sphere;
  assert.ok(dist(left.center, ras(truthL.centre)) < 1e-4, `${left.center}`);
});

test('a DICOM SEG is a labelmap of its named segments; each segment alone is listed too', { skip }, async () => {
  // Two balls that overlap: in the labelmap the higher segment (the bladder) wins where they do,
  // so the labelmap gives the bladder whole; the femoral head is whole in its own segment.
  const t = data.truth.seg['seg/seg_binary.dcm'];
  const file = [oneFile(data.dir, 'seg/seg_binary.dcm')];
  const tol = 0.1 * Math.max(...t.pixelSpacing, 1.25);
  const r = await sf.fitFiles(file, { spheres: 'all' });
  assert.equal(r.ok, true, r.error?.message);
  assert.deepEqual(r.volume.labels.filter((l) => l.value).map((l) => l.name), t.segments.map((g) => g.label));
  const bladder = t.segments.find((g) => g.label === 'Bladder');
  const b = r.spheres.find((x) => x.label === 'Bladder');
  assert.ok(dist(b.center, ras(bladder.centre)) < tol && Math.abs(b.radius - bladder.radius) < tol, `${b.center} ${b.radius}`);
  assert.ok(r.warnings.some((w) => w.code === 'OverlappingSegments'), r.warnings.map((w) => w.code).join());
  sf.releaseVolume(r.volume);
  const head = t.segments.find((g) => g.label === 'Femoral head');
  const alone = r.series.find((s) => s.kind === 'segment' && s.description.endsWith(head.label));
  const h = await sf.fitFiles(file, {}, { series: alone.number });
  assert.equal(h.ok, true, h.error?.message);
  assert.ok(dist(h.center, ras(head.centre)) < tol && Math.abs(h.radius - head.radius) < tol, `${h.center} ${h.radius}`);
  sf.releaseVolume(h.volume);
});

test('a MetaImage .mhd with its .raw, given together (API and CLI)', async () => {
  const { centre: c, files } = metaImageBall();
  const r = await sf.fitFiles(files);
  assert.equal(r.ok, true, r.error?.message);
  assert.ok(dist(r.center, ras(c)) < 0.08, `centre ${r.center} vs ${ras(c)}`);
  sf.releaseVolume(r.volume);
  const alone = await sf.fitFiles(files.slice(0, 1));
  assert.equal(alone.ok, false);
  assert.match(alone.error.message, /ball\.raw/);
  const dir = mkdtempSync(join(tmpdir(), 'spherefit-mhd-'));
  try {
    for (const f of files) writeFileSync(join(dir, f.name), f.bytes);
    const cli = spawnSync('node', [cliPath, 'fit', join(dir, 'ball.mhd'), join(dir, 'ball.raw'), '--json'], { encoding: 'utf8' });
    assert.equal(cli.status, 0, cli.stderr);
    assert.ok(dist(JSON.parse(cli.stdout).sphere.center, ras(c)) < 0.08);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the CLI: a DICOM folder is one series, --series picks one, several files given are one series', { skip }, () => {
  const run = (...args) => spawnSync('node', [cliPath, 'fit', ...args], { encoding: 'utf8' });
  const s = series('ct_tilt_uneven');
  const r = run(join(data.dir, 'ct_tilt_uneven'), '--json');
  assert.equal(r.status, 0, r.stderr);
  const record = JSON.parse(r.stdout);
  assert.ok(dist(record.sphere.center, ras(s.ball.centre)) < tenthOfVoxel(s), `${record.sphere.center}`);
  assert.ok(dist(record.sphere.centerLps, s.ball.centre) < tenthOfVoxel(s));
  assert.equal(record.sphere.frame, 'RAS');
  const files = folderFiles(data.dir, 'ct_tilt_uneven').map((f) => join(data.dir, f.name));
  const csv = run(...files, '--csv');
  assert.equal(csv.status, 0, csv.stderr);
  const [head, row] = csv.stdout.trim().split('\n').map((l) => l.split(','));
  assert.equal(csv.stdout.trim().split('\n').length, 2, 'one series, one row');
  const at = (col) => Number(row[head.indexOf(col)]);
  assert.ok(dist(['center_lps_x', 'center_lps_y', 'center_lps_z'].map(at), s.ball.centre) < tenthOfVoxel(s));
  const dir = mkdtempSync(join(tmpdir(), 'spherefit-two-'));
  try {
    for (const folder of ['ct_tilt_uneven', 'ct_axial']) {
      for (const f of folderFiles(data.dir, folder)) writeFileSync(join(dir, `${folder}-${f.name.split('/').pop()}`), f.bytes);
    }
    const picked = run(dir, '--series', series('ct_tilt_uneven').seriesInstanceUID, '--json');
    assert.equal(picked.status, 0, picked.stderr);
    assert.ok(dist(JSON.parse(picked.stdout).sphere.center, ras(s.ball.centre)) < tenthOfVoxel(s));
    const text = run(dir);
    assert.equal(text.status, 0, text.stderr);
    assert.match(text.stdout, /DICOM patient LPS/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
