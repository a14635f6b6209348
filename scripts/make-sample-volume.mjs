// Writes the sample segmentation web/samples/femoral-head-seg.nii.gz: a labelmap as a CT
// segmentation tool (3D Slicer, ITK-SNAP) saves it, small enough to ship with the page. A femoral
// head (a ball of radius 23.6 mm centred at RAS (112.4, 98.7, 241.3)) with its neck, label 1, and
// the acetabulum's cartilage as a shell segment above it, label 2; voxels 0.7 × 0.7 × 2 mm in a
// volume tilted 12° (an oblique acquisition), so the slices are oblique in world space.
// Run: node scripts/make-sample-volume.mjs
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const size = [96, 96, 34];
const spacing = [0.7, 0.7, 2.0];
const center = [112.4, 98.7, 241.3];
const radius = 23.6;

// Rotation of 12° about the axis (1, 1, 0)/√2: the volume's axes in world space.
const angle = (12 * Math.PI) / 180, c = Math.cos(angle), s = Math.sin(angle), a = [Math.SQRT1_2, Math.SQRT1_2, 0];
const rotation = [0, 1, 2].map((i) => [0, 1, 2].map((j) => {
  const cross = [[0, -a[2], a[1]], [a[2], 0, -a[0]], [-a[1], a[0], 0]][i][j];
  return c * (i === j ? 1 : 0) + s * cross + (1 - c) * a[i] * a[j];
}));
const axes = [0, 1, 2].map((j) => [0, 1, 2].map((i) => rotation[i][j] * spacing[j]));  // column j: voxel step j in mm
// The origin puts the ball's centre a fraction of a voxel off the middle one (a real scan is never
// aligned with its grid; a perfectly centred ball would give perfectly symmetric contours).
const middle = size.map((n, k) => (n - 1) / 2 + [0.23, -0.31, 0.17][k]);
const origin = [0, 1, 2].map((i) => center[i] - axes[0][i] * middle[0] - axes[1][i] * middle[1] - axes[2][i] * middle[2]);
const world = (i, j, k) => [0, 1, 2].map((r) => origin[r] + axes[0][r] * i + axes[1][r] * j + axes[2][r] * k);

const neck = [0.45, 0.05, -0.89];  // unit direction from the head's centre down the neck
const labels = new Uint8Array(size[0] * size[1] * size[2]);
for (let k = 0; k < size[2]; ++k) {
  for (let j = 0; j < size[1]; ++j) {
    for (let i = 0; i < size[0]; ++i) {
      const p = world(i, j, k);
      const d = p.map((v, r) => v - center[r]);
      const dist = Math.hypot(...d);
      const along = d[0] * neck[0] + d[1] * neck[1] + d[2] * neck[2];
      const off = Math.sqrt(Math.max(0, dist * dist - along * along));
      let label = 0;
      if (dist <= radius || (along > 12 && along < 40 && off < 15)) label = 1;
      else if (dist > radius + 0.5 && dist < radius + 3 && d[2] > 6) label = 2;
      labels[i + size[0] * (j + size[1] * k)] = label;
    }
  }
}

// NIfTI-1 header (348 bytes) and 4 bytes of extension flags, then the voxels at vox_offset 352.
const header = new DataView(new ArrayBuffer(352));
header.setInt32(0, 348, true);
[3, ...size, 1, 1, 1, 1].forEach((d, n) => header.setInt16(40 + 2 * n, d, true));
header.setInt16(70, 2, true);   // datatype: uint8
header.setInt16(72, 8, true);   // bitpix
[1, ...spacing, 1, 0, 0, 0].forEach((v, n) => header.setFloat32(76 + 4 * n, v, true));  // pixdim (qfac 1)
header.setFloat32(108, 352, true);  // vox_offset
header.setFloat32(112, 0, true);    // scl_slope 0: no scaling
header.setInt8(123, 10 | 8);        // xyzt_units: mm, s
header.setInt16(252, 0, true);      // qform_code: unknown
header.setInt16(254, 1, true);      // sform_code: scanner
[0, 1, 2].forEach((r) => {
  [axes[0][r], axes[1][r], axes[2][r], origin[r]].forEach((v, n) => header.setFloat32(280 + 16 * r + 4 * n, v, true));
});
const description = 'spherefit sample: femoral head (1), acetabular cartilage (2)';
for (let n = 0; n < description.length; ++n) header.setUint8(148 + n, description.charCodeAt(n));
for (const [n, ch] of [...'n+1\0'].entries()) header.setUint8(344 + n, ch.charCodeAt(0));

const file = new Uint8Array(352 + labels.length);
file.set(new Uint8Array(header.buffer), 0);
file.set(labels, 352);
writeFileSync(new URL('../web/samples/femoral-head-seg.nii.gz', import.meta.url), gzipSync(file, { level: 9, mtime: 0 }));
console.log(`web/samples/femoral-head-seg.nii.gz: ${size.join(' × ')} voxels of ${spacing.join(' × ')} mm`);
