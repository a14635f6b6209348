// Slice geometry from each slice's own Image Position (Patient) and Image Orientation (Patient)
// (PS3.3 C.7.6.2.1.1): pixel (r, c) of a slice lies at
//   IPP + c · Δcol · rowDirection + r · Δrow · columnDirection      (LPS mm),
// where IOP = [rowDirection, columnDirection] (the first three: along a row, i.e. increasing
// column index) and PixelSpacing = [Δrow, Δcol] (the first value: the spacing between rows, so
// along columnDirection). Slices are stacked by their position projected on the normal
// n = rowDirection × columnDirection — never by file name or InstanceNumber — and the spacing
// comes from those positions, never from SliceThickness. Nothing is resampled: uneven spacing
// and a gantry tilt (origins that move within the plane from slice to slice) stay exact because
// every slice keeps its own origin.

import { failure } from './problems.js';

/** LPS (DICOM patient coordinates: +x left, +y posterior, +z head) to RAS (3D Slicer, NIfTI). */
export const lpsToRas = (p) => [-p[0], -p[1], p[2]];
/** RAS to LPS (the same flip). */
export const rasToLps = lpsToRas;

export const dot = (a, b) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
export const cross = (a, b) => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
const norm = (a) => Math.hypot(a[0], a[1], a[2]);

/**
 * Checks and normalises an orientation: two unit vectors (to 1e-3), orthogonal (to 1e-3).
 * @param {number[] | undefined} iop
 * @returns {{ ok: true, row: number[], col: number[], normal: number[] } | { ok: false, why: string }}
 */
export function orientation(iop) {
  if (!iop || iop.length !== 6 || !iop.every(Number.isFinite)) return { ok: false, why: 'it does not hold six numbers' };
  const row = iop.slice(0, 3);
  const col = iop.slice(3, 6);
  const lr = norm(row);
  const lc = norm(col);
  if (Math.abs(lr - 1) > 1e-3 || Math.abs(lc - 1) > 1e-3) return { ok: false, why: `its directions are not unit vectors (lengths ${lr.toFixed(4)} and ${lc.toFixed(4)})` };
  if (Math.abs(dot(row, col)) > 1e-3) return { ok: false, why: `its directions are not perpendicular (cosine ${dot(row, col).toFixed(4)})` };
  const r = row.map((v) => v / lr);
  const c = col.map((v) => v / lc);
  const n = cross(r, c);
  const ln = norm(n);
  return { ok: true, row: r, col: c, normal: n.map((v) => v / ln) };
}

/** A key that groups equal orientations (to 1e-4). */
export const orientationKey = (iop) => (iop ?? []).map((v) => (Math.round(v * 1e4) / 1e4 + 0).toFixed(4)).join(',');

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * Stacks slices (order[k]: the input index of stacked slice k): sorted by position along the normal, spacing from the positions, gaps and
 * duplicates found.
 * @template {{ file: string, origin: number[], frame?: number }} S
 * @param {S[]} slices
 * @param {number[]} normal
 * @returns {{ ok: true, slices: (S & { position: number })[], order: number[], spacing: { median: number, min: number, max: number, uniform: boolean } | null,
 *             tiltDegrees: number, notes: import('./problems.js').DicomNote[] } | import('./problems.js').DicomFailure}
 */
export function stackSlices(slices, normal) {
  const all = slices.map((s) => ({ ...s, position: dot(s.origin, normal) }));
  const order = all.map((_, i) => i);
  const cmp = (a, b) => a.position - b.position || (a.file < b.file ? -1 : a.file > b.file ? 1 : (a.frame ?? 0) - (b.frame ?? 0));
  order.sort((i, j) => cmp(all[i], all[j]) || i - j);
  const withPos = order.map((i) => all[i]);
  const label = (s) => (s.frame !== undefined && s.frame > 0 ? `${s.file} frame ${s.frame + 1}` : s.file);
  /** @type {import('./problems.js').DicomNote[]} */
  const notes = [];
  if (withPos.length < 2) return { ok: true, slices: withPos, order, spacing: null, tiltDegrees: 0, notes };
  const gaps = [];
  for (let i = 1; i < withPos.length; i++) gaps.push(withPos[i].position - withPos[i - 1].position);
  // Duplicates: two slices within 1e-3 mm (or 1e-4 of the median gap) of each other.
  const med = median(gaps.filter((g) => g > 1e-3));
  const same = Math.max(1e-3, 1e-4 * (med || 0));
  const dups = [];
  for (let i = 0; i < gaps.length; i++) if (gaps[i] <= same) dups.push([withPos[i], withPos[i + 1]]);
  if (dups.length) {
    const files = [...new Set(dups.flat().map(label))];
    const shown = dups.slice(0, 3).map(([a, b]) => `${label(a)} and ${label(b)} (${a.position.toFixed(3)} mm)`).join('; ');
    return failure('DuplicateSlices', files[0],
      `${dups.length} slice position${dups.length > 1 ? 's are' : ' is'} given twice: ${shown}${dups.length > 3 ? '; …' : ''}. Remove the repeated files (or load one series at a time).`,
      { files });
  }
  const min = Math.min(...gaps);
  const max = Math.max(...gaps);
  const uniform = max - min <= 1e-3 * Math.max(1, med) + 1e-4;
  for (let i = 0; i < gaps.length; i++) {
    if (gaps[i] > 1.5 * med) {
      const missing = Math.max(1, Math.round(gaps[i] / med) - 1);
      notes.push({
        code: 'MissingSlices',
        message: `A gap of ${gaps[i].toFixed(3)} mm between ${label(withPos[i])} and ${label(withPos[i + 1])}, ${(gaps[i] / med).toFixed(2)}× the median spacing of ${med.toFixed(3)} mm: about ${missing} slice${missing > 1 ? 's' : ''} missing. Each slice keeps its own position, so the geometry stays exact.`,
        files: [withPos[i].file, withPos[i + 1].file],
      });
    }
  }
  // Gantry tilt: the step between consecutive origins leaves the normal.
  let tilt = 0;
  for (let i = 1; i < withPos.length; i++) {
    const d = withPos[i].origin.map((v, k) => v - withPos[i - 1].origin[k]);
    const along = dot(d, normal);
    const inPlane = norm(d.map((v, k) => v - along * normal[k]));
    if (along > 0) tilt = Math.max(tilt, (Math.atan2(inPlane, along) * 180) / Math.PI);
  }
  return { ok: true, slices: withPos, order, spacing: { median: med, min, max, uniform }, tiltDegrees: tilt > 1e-3 ? tilt : 0, notes };
}
