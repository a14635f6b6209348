// Several spheres through the library and the command line (issue 17), against independent truth:
// the ball plate sample's true inliers are known by construction (scripts/make-samples.mjs writes,
// for each ball, 220 points on it and then 40 on its stem, and then the plate), and each ball is
// fitted to them by scipy's least_squares (Debian's python3-scipy: another minimiser, no code of
// ours). Every sphere found must be that fit to within a small fraction of its uncertainty, and
// nothing else may be found; the distances carry uᵀ(Σa+Σb)u; the CLI's table, JSON and CSV.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadSphereFit } from '../../web/src/lib/spherefit.js';

const sf = await loadSphereFit();
const samplePath = fileURLToPath(new URL('../../web/samples/ball-plate-cmm.csv', import.meta.url));
const cli = fileURLToPath(new URL('../../web/bin/spherefit.js', import.meta.url));
const text = readFileSync(samplePath, 'utf8');
const points = text.split('\n').filter((l) => /^-?\d/.test(l)).map((l) => l.split(',').map(Number));

// scipy's geometric least-squares sphere of each ball's own 220 points.
const SCIPY = `
import json, sys
import numpy as np
from scipy.optimize import least_squares
balls = json.load(sys.stdin)
out = []
for p in balls:
    p = np.array(p)
    c0 = p.mean(axis=0)
    x0 = np.append(c0, np.linalg.norm(p - c0, axis=1).mean())
    r = least_squares(lambda x: np.linalg.norm(p - x[:3], axis=1) - x[3], x0, xtol=1e-15, ftol=1e-15, gtol=1e-15, method='lm')
    out.append(list(r.x))
print(json.dumps(out))
`;
const scipyFits = (sets) => JSON.parse(execFileSync('/usr/bin/python3', ['-c', SCIPY], { input: JSON.stringify(sets) }).toString());
const balls = Array.from({ length: 9 }, (_, b) => points.slice(260 * b, 260 * b + 220));
const truth = scipyFits(balls);
const trueInliers = (t) => { const b = truth.indexOf(t); return new Set(Array.from({ length: 220 }, (_, k) => 260 * b + k)); };

const nearest = (c) => truth.reduce((best, t) => (Math.hypot(t[0] - c[0], t[1] - c[1], t[2] - c[2]) < Math.hypot(best[0] - c[0], best[1] - c[1], best[2] - c[2]) ? t : best));

test('the ball plate: nine spheres, each scipy\'s fit of its true inliers; the plate and the stems are none', () => {
  const r = sf.fitText(text, { spheres: 'all' });
  assert.equal(r.ok, true, r.error?.message);
  assert.equal(r.spheres.length, 9);
  const seen = new Set();
  // scipy on the points each sphere took: the same minimum to the solvers' precision.
  const own = scipyFits(r.spheres.map((s) => [...s.members].map((i) => points[i])));
  r.spheres.forEach((s, n) => {
    assert.equal(s.spherical, true);
    const t = nearest(s.center);
    seen.add(t);
    // Its points are the ball's: all 220, and at most a stem point or two at the joint, within the noise.
    const inliers = trueInliers(t);
    const members = new Set(s.members);
    assert.equal([...inliers].filter((i) => !members.has(i)).length, 0, 'every point of the ball');
    assert.ok(members.size - inliers.size <= 3, `${members.size - inliers.size} points more than the ball's`);
    for (let k = 0; k < 3; ++k) {
      assert.ok(Math.abs(s.center[k] - own[n][k]) < 1e-9 * s.radius, `centre ${k}: ${s.center[k]} vs scipy on its points ${own[n][k]}`);
      assert.ok(Math.abs(s.center[k] - t[k]) < s.stdErr.center[k], `centre ${k}: ${s.center[k]} vs scipy on the true inliers ${t[k]} (u ${s.stdErr.center[k]})`);
    }
    assert.ok(Math.abs(s.radius - own[n][3]) < 1e-9 * s.radius);
    assert.ok(Math.abs(s.radius - t[3]) < s.stdErr.radius, `radius ${s.radius} vs scipy ${t[3]}`);
    assert.ok(s.result && s.result.points.x.length === s.count, 'each sphere carries its own result');
  });
  assert.equal(seen.size, 9, 'each ball once');
  assert.ok(r.leftover >= 1250 && r.leftover <= 1270, `leftover ${r.leftover}: 900 plate + 360 stem points`);
  // Distances: every pair (9 ≤ 30), each with uᵀ(Σa + Σb)u from the two covariances.
  assert.equal(r.allPairs, true);
  assert.equal(r.distances.length, 36);
  for (const d of r.distances) {
    const a = r.spheres[d.a - 1], b = r.spheres[d.b - 1];
    const u = a.center.map((v, k) => v - b.center[k]);
    const n = Math.hypot(...u);
    assert.ok(Math.abs(d.distance - n) < 1e-12 * n);
    const ca = a.result.covariance, cb = b.result.covariance;
    let variance = 0;
    for (let i = 0; i < 3; ++i) for (let j = 0; j < 3; ++j) variance += (u[i] / n) * (ca[i][j] + cb[i][j]) * (u[j] / n);
    assert.ok(Math.abs(d.stdErr - Math.sqrt(variance)) < 1e-9 * d.stdErr, `${d.stdErr} vs ${Math.sqrt(variance)}`);
  }
  const nearestOnly = sf.fitText(text, { spheres: 'all', distances: 'nearest' });
  assert.equal(nearestOnly.allPairs, false);
  assert.ok(nearestOnly.distances.length < 36 && nearestOnly.distances.every((d) => Math.abs(d.distance - 60) < 0.05));
});

test('radius limits hold in the search: none between 11 and 20; all nine between 9.9 and 10.1', () => {
  const none = sf.fitText(text, { spheres: 'all', minRadius: '11', maxRadius: '20' });
  assert.equal(none.ok, false);
  assert.equal(none.error.code, 'NoSphereFound');
  const all = sf.fitText(text, { spheres: 'all', minRadius: '9.9', maxRadius: '10.1' });
  assert.equal(all.spheres.length, 9);
});

test('a plate alone is no sphere', () => {
  const plate = `x,y,z\n${points.slice(2340).map((p) => p.join(',')).join('\n')}\n`;
  const r = sf.fitText(plate, { spheres: 'all' });
  assert.equal(r.ok, false);
  assert.equal(r.error.code, 'NoSphereFound');
});

const run = (...args) => execFileSync(process.execPath, [cli, 'fit', ...args]).toString();

test('the CLI: --spheres all prints each sphere and the distances; --json one record; --csv a row per sphere', () => {
  const table = run(samplePath, '--spheres', 'all', '--units', 'mm');
  assert.match(table, /: 9 spheres \(1,2\d\d points on no sphere\)/);
  assert.equal((table.match(/^ +\d+: centre /gm) ?? []).length, 9);
  assert.match(table, /distances between centres \(every pair; ± one standard uncertainty, independent fits\):/);
  const record = JSON.parse(run(samplePath, '--spheres', 'all', '--json'));
  assert.equal(record.ok, true);
  assert.equal(record.spheres.length, 9);
  assert.equal(record.distances.length, 36);
  for (const s of record.spheres) assert.ok(Math.abs(s.radius - nearest(s.center)[3]) < s.standardUncertainty.radius);
  const csv = run(samplePath, '--spheres', 'all', '--csv').trim().split('\n');
  assert.equal(csv.length, 10);
  const head = csv[0].split(',');
  assert.deepEqual(head.slice(0, 7), ['file', 'ok', 'mode', 'fit_type', 'sphere', 'label', 'spherical']);
  csv.slice(1).forEach((line, k) => {
    const cells = line.split(',');
    assert.equal(cells[head.indexOf('sphere')], String(k + 1));
    assert.equal(Number(cells[head.indexOf('center_x')]), record.spheres[k].center[0]);
  });
});

test('the CLI: every file gets a JSON record, a failed one too; the label fitted is named', () => {
  let out;
  try {
    execFileSync(process.execPath, [cli, 'fit', samplePath, '/nonexistent/ball.csv', '--json', '--ordered'], { stdio: 'pipe' });
  } catch (err) {
    out = err.stdout.toString();
    assert.equal(err.status, 1);
  }
  const lines = out.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(lines.length, 2);
  assert.equal(lines[0].ok, true);
  assert.equal(lines[1].ok, false);
  assert.equal(lines[1].source, '/nonexistent/ball.csv');
  assert.match(lines[1].error.message, /no such file/);
  const seg = fileURLToPath(new URL('../../web/samples/femoral-head-seg.nii.gz', import.meta.url));
  assert.match(run(seg), /^ {2}label {5}1; the others: 2 \(not a sphere, RMS /m);
  const csv = run(seg, '--csv').trim().split('\n');
  const head = csv[0].split(',');
  assert.equal(csv[1].split(',')[head.indexOf('label')], '1');
});
