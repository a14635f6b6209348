// The command line as a subprocess: every input kind, the three outputs, failures with their place
// on standard error, usage errors, and the exit status.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadSphereFit } from '../../web/src/lib/spherefit.js';

const cli = fileURLToPath(new URL('../../web/bin/spherefit.js', import.meta.url));
const path = (p) => fileURLToPath(new URL(`../../${p}`, import.meta.url));
const volumes = path('build/native/volumes/');
const sf = await loadSphereFit();

function run(args, input) {
  const r = spawnSync('node', [cli, ...args], { input, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('a table of circles: the sphere in words, rounded to its uncertainty, with units', () => {
  const r = run(['fit', path('web/samples/femoral-head-ct.csv'), '--units', 'mm']);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stderr, '', 'nothing extra on a pipe');
  assert.match(r.stdout, /femoral-head-ct\.csv: 40 slice circles; least-squares sphere/);
  assert.match(r.stdout, /radius {4}23\.\d+ ± 0\.\d+ mm/);
  assert.match(r.stdout, /warning: Slice 28 looks like an outlier/);
});

test('--json: one record per file, the numbers the library gives', () => {
  const files = ['web/samples/calibration-ball-cmm.csv', 'web/samples/calibration-ball-cmm-points.csv'].map(path);
  const r = run(['fit', ...files, '--json', '--robust']);
  assert.equal(r.status, 0, r.stderr);
  const records = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(records.length, 2);
  records.forEach((record, k) => {
    const expected = sf.fitText(readFileSync(files[k], 'utf8'), { robust: true });
    assert.deepEqual(record.sphere.center, expected.center);
    assert.equal(record.sphere.radius, expected.radius);
    assert.equal(record.source, files[k]);
    assert.equal(record.options.robust, true);
  });
  assert.equal(records[1].mode, 'points');
  assert.equal(records[1].used, 240);
});

test('--csv: a header and a row per file; a failing file is named with its line and column, exit 1', () => {
  const r = run(['fit', path('web/samples/bead-cap-ct.csv'), '-', path('tests/data/nist-sphere/sph10.ds'), '--csv', '--fit-type', 'minimum-zone'], 'x y z r\n0 0 0 1\n0 0 1 x\n');
  assert.equal(r.status, 1);
  const rows = r.stdout.trim().split('\n');
  assert.equal(rows[0].split(',')[0], 'file');
  assert.equal(rows.length, 4);
  assert.match(rows[1], /bead-cap-ct\.csv,true,circles,minimum-zone,/);
  assert.match(rows[2], /^stdin,false,.*InvalidNumber: line 3, column 7/);
  assert.match(rows[3], /sph10\.ds,true,points,minimum-zone,/);
  assert.match(r.stderr, /^stdin:3:7: InvalidNumber: /m);
});

test('point clouds and meshes, and volumes with a label, a threshold and an axis', { skip: !existsSync(volumes) && 'no test volumes (run ctest first)' }, () => {
  const mesh = path('tests/data/meshes/solidworks-octahedron.stl');
  const stl = run(['fit', mesh, '--json']);
  assert.equal(stl.status, 0, stl.stderr);
  const record = JSON.parse(stl.stdout);
  assert.equal(record.mode, 'points');
  assert.ok(record.file.duplicatesMerged > 0);
  const mask = run(['fit', `${volumes}multilabel.nii.gz`, '--label', '5', '--axis', 'j', '--json']);
  assert.equal(mask.status, 0, mask.stderr);
  const volume = JSON.parse(mask.stdout);
  assert.deepEqual(volume.volume.selection, { label: 5, axis: 1 });
  assert.equal(volume.mode, 'contours');
  const grey = run(['fit', `${volumes}ct_ball.nii.gz`, '--threshold', '0', '--json']);
  assert.equal(grey.status, 0, grey.stderr);
  assert.deepEqual(JSON.parse(grey.stdout).volume.selection, { threshold: 0, axis: 2 });
  const missing = run(['fit', `${volumes}multilabel.nii.gz`, '--label', '3']);
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /LabelNotFound: No voxel holds the label 3\. The labels present are 0, 1, 2, 5/);
});

test('usage errors exit 2 and say what is wrong', () => {
  for (const [args, pattern] of [
    [[], /No command/],
    [['fit'], /No file given/],
    [['fits', 'a.csv'], /Unknown command 'fits'/],
    [['fit', 'a.csv', '--robustly'], /Unknown option --robustly/],
    [['fit', 'a.csv', '--json', '--csv'], /not both/],
    [['fit', 'a.csv', '--radius'], /--radius needs a value/],
    [['fit', 'a.csv', '--axis', 'q'], /--axis is i, j or k/],
  ]) {
    const r = run(args);
    assert.equal(r.status, 2, args.join(' '));
    assert.match(r.stderr, pattern);
    assert.equal(r.stdout, '');
  }
});

test('a bad option value is a usage error with the core\'s message, exit 2, before any file is read', () => {
  const r = run(['fit', path('web/samples/bead-cap-ct.csv'), '--fit-type', 'minimum-area']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /^spherefit: fitType must be one of 'least-squares'/);
  assert.equal(r.stdout, '');
  for (const args of [['--weights', 'heavy'], ['--radius', 'abc'], ['--label', 'two'], ['--threshold', '']]) {
    const bad = run(['fit', path('web/samples/bead-cap-ct.csv'), ...args]);
    assert.equal(bad.status, 2, args.join(' '));
    assert.match(bad.stderr, /^spherefit: /);
  }
});

test('--help and --version', () => {
  const help = run(['--help']);
  assert.equal(help.status, 0);
  assert.match(help.stdout, /^Usage: spherefit fit FILE/);
  for (const flag of ['--robust', '--radius', '--weights', '--mode', '--fit-type', '--label', '--threshold', '--json', '--csv']) assert.ok(help.stdout.includes(flag), flag);
  const version = run(['--version']);
  assert.equal(version.stdout.trim(), `spherefit ${sf.version}`);
});

test('a missing file is named, the others still fitted', () => {
  const r = run(['fit', path('web/samples/bead-cap-ct.csv'), 'no-such-file.csv']);
  assert.equal(r.status, 1);
  assert.match(r.stdout, /bead-cap-ct\.csv: 12 slice circles/);
  assert.match(r.stderr, /no-such-file\.csv: cannot be read \(no such file\)/);
});

test('a reader that stops early (| head -1) ends the run quietly, without a stack trace', () => {
  const files = Array.from({ length: 200 }, () => path('web/samples/calibration-ball-cmm.csv'));
  const r = spawnSync('bash', ['-c', `node "${cli}" fit "$@" --csv | head -1; exit "\${PIPESTATUS[0]}"`, 'run', ...files], { encoding: 'utf8' });
  assert.match(r.stdout, /^file,ok,mode,/);
  assert.equal(r.stderr, '', 'no EPIPE error');
  assert.equal(r.status, 0);
});

test('lengths without an uncertainty are printed on the input\'s scale: one digit past its finest', () => {
  // calibration-ball-cmm.csv types diameters to 5 decimals: radii to 6, derived lengths to 7.
  const r = run(['fit', path('web/samples/calibration-ball-cmm.csv')]);
  const expected = sf.fitText(readFileSync(path('web/samples/calibration-ball-cmm.csv'), 'utf8'));
  const rms = /RMS distance (\S+);/.exec(r.stdout)[1];
  assert.equal(rms, expected.rms.toFixed(7));
});
