// An independent JavaScript computation of the product's objective for the Node tests: every
// circle sampled at equally spaced points (the periodic trapezoid rule) and the point-cloud sphere
// fit solved by full Newton with a 4×4 Gaussian elimination. Shares no code with the solver.

function planeBasis(n) {
  const e = Math.abs(n[0]) > 0.5 ? [0, 1, 0] : [1, 0, 0];
  const d = n[0] * e[0] + n[1] * e[1] + n[2] * e[2];
  let u = e.map((c, k) => c - d * n[k]);
  const l = Math.hypot(...u);
  u = u.map((c) => c / l);
  const v = [n[1] * u[2] - n[2] * u[1], n[2] * u[0] - n[0] * u[2], n[0] * u[1] - n[1] * u[0]];
  return [u, v];
}

function solve4(a, b) {
  const m = a.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < 4; ++c) {
    let p = c;
    for (let r = c + 1; r < 4; ++r) if (Math.abs(m[r][c]) > Math.abs(m[p][c])) p = r;
    [m[c], m[p]] = [m[p], m[c]];
    for (let r = 0; r < 4; ++r) {
      if (r === c) continue;
      const f = m[r][c] / m[c][c];
      for (let k = c; k < 5; ++k) m[r][k] -= f * m[c][k];
    }
  }
  return m.map((row, i) => row[4] / row[i]);
}

export function referenceFit(slices, start, { samples = 256, weights = null } = {}) {
  let p = [...start.center];
  let R = start.radius;
  const n = slices.x.length;
  for (let iter = 0; iter < 60; ++iter) {
    const g = [0, 0, 0, 0];
    const H = [[0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]];
    for (let i = 0; i < n; ++i) {
      const nn = slices.nx ? [slices.nx[i], slices.ny[i], slices.nz[i]] : [0, 0, 1];
      const ln = Math.hypot(...nn);
      const [u, v] = planeBasis(nn.map((c) => c / ln));
      const w = (weights ? weights[i] : 1) / samples;
      for (let k = 0; k < samples; ++k) {
        const t = (2 * Math.PI * (k + 0.5)) / samples;
        const c = Math.cos(t), s = Math.sin(t);
        const d = [0, 1, 2].map((j) => [slices.x, slices.y, slices.z][j][i] + slices.r[i] * (c * u[j] + s * v[j]) - p[j]);
        const dist = Math.hypot(...d);
        const z = d.map((q) => q / dist);
        const e = dist - R;
        for (let a = 0; a < 3; ++a) {
          g[a] -= 2 * w * e * z[a];
          for (let b = 0; b < 3; ++b) H[a][b] += 2 * w * (z[a] * z[b] + (e / dist) * ((a === b ? 1 : 0) - z[a] * z[b]));
          H[a][3] += 2 * w * z[a];
          H[3][a] += 2 * w * z[a];
        }
        g[3] -= 2 * w * e;
        H[3][3] += 2 * w;
      }
    }
    const step = solve4(H, g.map((q) => -q));
    p = p.map((q, k) => q + step[k]);
    R += step[3];
    if (Math.hypot(...step) < 1e-15 * (R + Math.hypot(...p))) break;
  }
  return { center: p, radius: R };
}

// Exact slices of a sphere: circle centre = centre + h·n̂, radius √(R² − h²).
export function sliceSphere(center, radius, planes) {
  const out = { x: [], y: [], z: [], r: [], nx: [], ny: [], nz: [] };
  for (const { h, n = [0, 0, 1] } of planes) {
    const l = Math.hypot(...n);
    out.x.push(center[0] + (h * n[0]) / l);
    out.y.push(center[1] + (h * n[1]) / l);
    out.z.push(center[2] + (h * n[2]) / l);
    out.r.push(Math.sqrt(Math.max(0, radius * radius - h * h)));
    out.nx.push(n[0]);
    out.ny.push(n[1]);
    out.nz.push(n[2]);
  }
  return out;
}

// A seeded generator (mulberry32) so a failing case can be replayed from its printed seed.
export function randomFrom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// A rotation from three angles, as rows.
export function rotation(a, b, c) {
  const rx = [[1, 0, 0], [0, Math.cos(a), -Math.sin(a)], [0, Math.sin(a), Math.cos(a)]];
  const ry = [[Math.cos(b), 0, Math.sin(b)], [0, 1, 0], [-Math.sin(b), 0, Math.cos(b)]];
  const rz = [[Math.cos(c), -Math.sin(c), 0], [Math.sin(c), Math.cos(c), 0], [0, 0, 1]];
  const mul = (p, q) => p.map((row) => [0, 1, 2].map((j) => row.reduce((s, v, k) => s + v * q[k][j], 0)));
  return mul(mul(rz, ry), rx);
}

// n points x = c + Q (a ⊙ u), u uniform on the unit sphere (polar angle ≤ maxPolar), plus
// Gaussian noise sigma in each coordinate; Q's columns are the axes.
export function ellipsoidPoints({ center, semi, q, n, sigma, seed, maxPolar = Math.PI }) {
  const rnd = randomFrom(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
  const x = new Float64Array(n), y = new Float64Array(n), z = new Float64Array(n);
  const lowest = Math.cos(maxPolar);
  for (let i = 0; i < n; ++i) {
    const w = lowest + (1 - lowest) * rnd(), phi = 2 * Math.PI * rnd(), s = Math.sqrt(1 - w * w);
    const local = [semi[0] * s * Math.cos(phi), semi[1] * s * Math.sin(phi), semi[2] * w];
    const p = [0, 1, 2].map((r) => center[r] + q[r][0] * local[0] + q[r][1] * local[1] + q[r][2] * local[2] + sigma * gauss());
    [x[i], y[i], z[i]] = p;
  }
  return { x, y, z };
}
