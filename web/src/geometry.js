// Pure geometry for the views (no DOM, no three.js), so Node can test it.

// An orthonormal basis (u, v) of the plane with normal n (any length > 0).
export function planeBasis(nx, ny, nz) {
  const l = Math.hypot(nx, ny, nz);
  const n = [nx / l, ny / l, nz / l];
  const helper = Math.abs(n[0]) < 0.9 ? [1, 0, 0] : [0, 1, 0];
  let u = [n[1] * helper[2] - n[2] * helper[1], n[2] * helper[0] - n[0] * helper[2], n[0] * helper[1] - n[1] * helper[0]];
  const lu = Math.hypot(...u);
  u = u.map((c) => c / lu);
  const v = [n[1] * u[2] - n[2] * u[1], n[2] * u[0] - n[0] * u[2], n[0] * u[1] - n[1] * u[0]];
  return { n, u, v };
}

export function sliceNormal(slices, i) {
  return slices.nx ? [slices.nx[i], slices.ny[i], slices.nz[i]] : [0, 0, 1];
}

// Eigenvalues (ascending) and unit eigenvectors (columns) of a symmetric 3×3 matrix, by Jacobi.
export function symmetricEigen3(m) {
  const a = m.map((row) => [...row]);
  const v = [[1, 0, 0], [0, 1, 0], [0, 0, 1]];
  for (let sweep = 0; sweep < 50; ++sweep) {
    const off = Math.abs(a[0][1]) + Math.abs(a[0][2]) + Math.abs(a[1][2]);
    if (off <= 1e-300 || off <= 1e-15 * (Math.abs(a[0][0]) + Math.abs(a[1][1]) + Math.abs(a[2][2]))) break;
    for (const [p, q] of [[0, 1], [0, 2], [1, 2]]) {
      if (a[p][q] === 0) continue;
      const theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
      const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
      const c = 1 / Math.sqrt(t * t + 1), s = t * c;
      for (let k = 0; k < 3; ++k) {
        const akp = a[k][p], akq = a[k][q];
        a[k][p] = c * akp - s * akq;
        a[k][q] = s * akp + c * akq;
      }
      for (let k = 0; k < 3; ++k) {
        const apk = a[p][k], aqk = a[q][k];
        a[p][k] = c * apk - s * aqk;
        a[q][k] = s * apk + c * aqk;
      }
      for (let k = 0; k < 3; ++k) {
        const vkp = v[k][p], vkq = v[k][q];
        v[k][p] = c * vkp - s * vkq;
        v[k][q] = s * vkp + c * vkq;
      }
    }
  }
  const order = [0, 1, 2].sort((i, j) => a[i][i] - a[j][j]);
  return { values: order.map((i) => a[i][i]), vectors: order.map((i) => [v[0][i], v[1][i], v[2][i]]) };
}

// 95 % quantile of χ² with 3 degrees of freedom: the confidence ellipsoid of a 3D centre.
export const CHI2_3_95 = 7.814727903251178;

// Semi-axes and axes of the centre's 95 % confidence ellipsoid from the 4×4 covariance.
export function confidenceEllipsoid(covariance) {
  const c3 = covariance.slice(0, 3).map((row) => row.slice(0, 3));
  const { values, vectors } = symmetricEigen3(c3);
  return { semiAxes: values.map((l) => Math.sqrt(Math.max(0, l) * CHI2_3_95)), axes: vectors };
}

// Diverging colour for a residual scaled to [−1, 1]: blue inside, grey on, orange-red outside.
export function residualColor(t) {
  const x = Math.max(-1, Math.min(1, Number.isFinite(t) ? t : 0));
  const mid = [0.8, 0.82, 0.86];
  const end = x < 0 ? [0.15, 0.55, 1.0] : [1.0, 0.38, 0.12];
  const f = Math.abs(x);
  return mid.map((m, k) => m + (end[k] - m) * f);
}

// Residual colours saturate at a robust scale (the 90th percentile of |residual| over used
// slices, ×1.5), so one bad slice does not wash every other circle out to grey.
// Both the 3D view and the plots colour by it: computed once per result.
const colourScales = new WeakMap();

export function colourScale(result) {
  if (!colourScales.has(result)) colourScales.set(result, robustColourScale(result));
  return colourScales.get(result);
}

function robustColourScale(result) {
  const used = new Float64Array(result.residuals.length);
  let n = 0;
  for (let i = 0; i < result.residuals.length; ++i) if (result.inlier[i]) used[n++] = Math.abs(result.residuals[i]);
  const sorted = used.subarray(0, n).sort();
  const p90 = n ? sorted[Math.floor(0.9 * (n - 1))] : 0;
  return p90 > 0 ? 1.5 * p90 : result.maxAbsResidual > 0 ? result.maxAbsResidual : 1;
}

export const cssColor = ([r, g, b]) => `rgb(${Math.round(255 * r)}, ${Math.round(255 * g)}, ${Math.round(255 * b)})`;
