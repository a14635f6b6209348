// Writes the built-in sample data sets (web/samples/*.csv) from a fixed seed, so they can be
// regenerated and reviewed. Run: node scripts/make-samples.mjs
import { writeFileSync } from 'node:fs';

let state = 20261121n;
function random() {  // splitmix64 → [0, 1)
  state = (state + 0x9e3779b97f4a7c15n) & 0xffffffffffffffffn;
  let z = state;
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & 0xffffffffffffffffn;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & 0xffffffffffffffffn;
  return Number((z ^ (z >> 31n)) >> 11n) / 2 ** 53;
}
const gauss = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
const fmt = (v, d = 4) => Number(v.toFixed(d)).toString();

function basis([nx, ny, nz]) {
  const h = Math.abs(nx) < 0.9 ? [1, 0, 0] : [0, 1, 0];
  const u = [ny * h[2] - nz * h[1], nz * h[0] - nx * h[2], nx * h[1] - ny * h[0]];
  const l = Math.hypot(...u);
  const uu = u.map((c) => c / l);
  return [uu, [ny * uu[2] - nz * uu[1], nz * uu[0] - nx * uu[2], nx * uu[1] - ny * uu[0]]];
}

function slice(center, radius, height, normal, sigma) {
  const l = Math.hypot(...normal);
  const n = normal.map((c) => c / l);
  const [u, w] = basis(n);
  const a = sigma * gauss(), b = sigma * gauss();
  const c = center.map((c0, k) => c0 + height * n[k] + a * u[k] + b * w[k]);
  const r = Math.max(0, Math.sqrt(Math.max(0, radius * radius - height * height)) + sigma * gauss());
  return { c, r, n };
}

function write(name, header, rows) {
  writeFileSync(new URL(`../web/samples/${name}.csv`, import.meta.url), `${header.join('\n')}\n${rows.join('\n')}\n`);
}

// Femoral head, axial CT: 1 mm slices over most of the head, 0.15 mm segmentation noise, and one
// slice where the contour leaked into the acetabulum (radius 18 % too large).
{
  const center = [112.4, 98.7, 241.3], R = 23.6, rows = [];
  for (let k = 0; k < 40; ++k) {
    const h = -19.5 + k;
    const s = slice(center, R, h, [0, 0, 1], 0.15);
    if (k === 27) s.r *= 1.18;
    rows.push([s.c[0], s.c[1], s.c[2]].map((v) => fmt(v, 2)).concat(fmt(s.r, 2)).join(','));
  }
  write('femoral-head-ct', ['# Femoral head from axial CT: circle fitted to each slice contour (mm).',
    '# Slice 28 leaked into the acetabulum: try the robust fit.', 'x,y,z,r'], rows);
}

// Calibration ball probed by a CMM at 5 heights (diameter 25.4 mm grade-5 sphere), ±1 µm.
{
  const center = [150.0, 210.0, 42.0], R = 12.7, rows = [];
  for (const h of [-9, -5, 0, 5, 10]) {
    const s = slice(center, R, h, [0, 0, 1], 0.0008);
    rows.push([fmt(s.c[0], 5), fmt(s.c[1], 5), fmt(s.c[2], 5), fmt(2 * s.r, 5)].join('\t'));
  }
  write('calibration-ball-cmm', ['# Reference ball on a CMM: circle probed at 5 heights (mm). Diameter column.',
    'cx\tcy\tcz\tdiameter'], rows);
}

// Eyeball in oblique MRI slices (three stacks at different angles), 0.3 mm noise.
{
  const center = [-3.2, 14.8, 35.5], R = 12.1, rows = [];
  const stacks = [[0.2, 0.1, 1], [1, 0.3, 0.2], [0.1, 1, 0.4]];
  for (const n of stacks) {
    for (let k = 0; k < 7; ++k) {
      const s = slice(center, R, -10.2 + 3.4 * k, n, 0.3);
      rows.push([...s.c.map((v) => fmt(v, 3)), fmt(s.r, 3), ...s.n.map((v) => fmt(v, 5))].join(', '));
    }
  }
  write('eyeball-oblique-mri', ['# Eyeball from oblique MRI slices: three stacks, each with its own plane normal (mm).',
    'x, y, z, r, nx, ny, nz'], rows);
}

// A cap only: industrial CT of a bead half-embedded in a plate, slices above the plate only.
{
  const center = [5.0, -2.0, 0.35], R = 1.5, rows = [];
  for (let k = 0; k < 12; ++k) {
    const s = slice(center, R, 0.25 + 0.1 * k, [0, 0, 1], 0.004);
    rows.push([s.c[0], s.c[1], s.c[2], s.r].map((v) => fmt(v, 4)).join(' '));
  }
  write('bead-cap-ct', ['# Bead in industrial CT, only the part above the plate is visible: a cap (mm).',
    '# x y z r'], rows);
}

// A reference ball scanned point by point on a CMM: 240 points over the part a vertical stylus
// reaches (down to 20° below the equator), 0.5 µm probing noise along the normal, and 12 points
// the probe took on the ball's stem by mistake (clutter for the robust fit).
{
  const center = [150.0, 210.0, 42.0], R = 12.7, rows = [];
  for (let k = 0; k < 240; ++k) {
    const z = -Math.sin((20 * Math.PI) / 180) + (1 + Math.sin((20 * Math.PI) / 180)) * random();
    const a = 2 * Math.PI * random(), s = Math.sqrt(1 - z * z), r = R + 0.0005 * gauss();
    rows.push([center[0] + r * s * Math.cos(a), center[1] + r * s * Math.sin(a), center[2] + r * z].map((v) => fmt(v, 5)).join(','));
  }
  for (let k = 0; k < 12; ++k) {
    const a = 2 * Math.PI * random();
    rows.push([center[0] + 3 * Math.cos(a), center[1] + 3 * Math.sin(a), center[2] - R - 2 - 10 * random()].map((v) => fmt(v, 5)).join(','));
  }
  write('calibration-ball-cmm-points', ['# Reference ball scanned on a CMM (mm): 240 points, and 12 on the stem by mistake.',
    '# Try the robust fit; Fit type: minimum zone for the sphericity.', 'x,y,z'], rows);
}

// Femoral head from axial CT given as slice contours (the segmentation's outline on each image):
// 28 slices 1.25 mm apart, 40 points each, 0.2 mm outline noise plus a per-slice error of 0.1 mm;
// on one slice the outline leaked into the acetabulum.
{
  const center = [112.4, 98.7, 241.3], R = 23.6, rows = [];
  for (let k = 0; k < 28; ++k) {
    const h = -18.75 + 1.25 * k;
    const rs = Math.sqrt(R * R - h * h) + 0.1 * gauss();
    const dx = 0.1 * gauss(), dy = 0.1 * gauss();
    for (let j = 0; j < 40; ++j) {
      const a = (2 * Math.PI * (j + random())) / 40;
      let r = rs + 0.2 * gauss();
      if (k === 20 && a > 0.6 && a < 2.2) r += 4 * Math.sin(((a - 0.6) / 1.6) * Math.PI);
      rows.push([`${k + 1}`, fmt(center[0] + dx + r * Math.cos(a), 2), fmt(center[1] + dy + r * Math.sin(a), 2), fmt(center[2] + h, 2)].join(','));
    }
  }
  write('femoral-head-contours', ['# Femoral head from axial CT as slice contours (mm): each slice\'s outline points.',
    '# Slice 21 leaked into the acetabulum. The sphere comes from one circle per slice; the point fit is shown beside it.',
    'slice,x,y,z'], rows);
}

// A ball plate scanned on a CMM or with an optical probe: 3 × 3 balls (R 10 mm, centres on a
// 60 mm grid with known small offsets) on stems of 3 mm radius above a plate. 220 points on each
// ball down to 50° below its equator (where the stem hides it), ±2 µm; 900 points on the plate and
// 40 on each stem. For Spheres: all (every ball, the distances between them).
{
  const rows = [];
  const offsets = [[0.012, -0.007, 0.004], [-0.009, 0.011, -0.006], [0.005, 0.003, 0.009], [-0.004, -0.012, 0.002],
    [0.008, 0.006, -0.011], [-0.013, 0.002, 0.007], [0.003, -0.005, -0.003], [0.010, 0.009, 0.005], [-0.006, -0.002, -0.008]];
  const R = 10, top = 25, stemR = 3;
  const point = (p) => rows.push(p.map((v) => fmt(v, 4)).join(','));
  for (let b = 0; b < 9; ++b) {
    const c = [60 * (b % 3) + offsets[b][0], 60 * Math.floor(b / 3) + offsets[b][1], top + offsets[b][2]];
    for (let k = 0; k < 220; ++k) {
      const z = -Math.sin((50 * Math.PI) / 180) + (1 + Math.sin((50 * Math.PI) / 180)) * random();
      const a = 2 * Math.PI * random(), s = Math.sqrt(1 - z * z), r = R + 0.002 * gauss();
      point([c[0] + r * s * Math.cos(a), c[1] + r * s * Math.sin(a), c[2] + r * z]);
    }
    for (let k = 0; k < 40; ++k) {
      const a = 2 * Math.PI * random();
      point([c[0] + stemR * Math.cos(a), c[1] + stemR * Math.sin(a), (top - R * Math.sin((50 * Math.PI) / 180) - 1) * random()]);
    }
  }
  for (let k = 0; k < 900; ++k) point([-30 + 180 * random(), -30 + 180 * random(), 0.002 * gauss()]);
  write('ball-plate-cmm', ['# Ball plate (mm): 9 balls of radius 10 on stems above a plate, scanned point by point.',
    '# Choose Spheres: all for every ball and the distances between them.', 'x,y,z'], rows);
}
