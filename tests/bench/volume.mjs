// A CT volume at full size, in one run: 512 × 512 × 400 int16 voxels (200 MB) with a ball of
// radius 75 mm in 0.5 mm voxels, partial volume at its surface and noise; read as .nii and as
// .nii.gz and fitted by the library in Node, against scikit-image find_contours per slice plus
// scipy least_squares (Debian's python3-skimage and python3-scipy). Prints times and ratios.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { performance } from 'node:perf_hooks';
import { loadSphereFit } from '../../web/src/lib/spherefit.js';
import { randomFrom } from '../node/reference.mjs';

const sf = await loadSphereFit();
const [ni, nj, nk] = [512, 512, 400], spacing = 0.5, radius = 75, center = [128.3, 127.6, 100.4];
const rnd = randomFrom(21);
const voxels = new Int16Array(ni * nj * nk);
for (let k = 0; k < nk; ++k) {
  for (let j = 0; j < nj; ++j) {
    const dz = k * spacing - center[2], dy = j * spacing - center[1];
    for (let i = 0; i < ni; ++i) {
      const dx = i * spacing - center[0];
      // Partial volume: the fraction of the voxel inside, linear across one voxel of the surface.
      const inside = Math.min(1, Math.max(0, (radius - Math.sqrt(dx * dx + dy * dy + dz * dz)) / spacing + 0.5));
      voxels[i + ni * (j + nj * k)] = Math.round(-1000 + 1800 * inside + 20 * (rnd() - 0.5));
    }
  }
}
// NIfTI-1: 348-byte header, 4 bytes of extension flags, the voxels at 352; a plain scaled grid.
const header = new DataView(new ArrayBuffer(352));
header.setInt32(0, 348, true);
[3, ni, nj, nk, 1, 1, 1, 1].forEach((d, n) => header.setInt16(40 + 2 * n, d, true));
header.setInt16(70, 4, true);  // int16
header.setInt16(72, 16, true);
[1, spacing, spacing, spacing, 1, 0, 0, 0].forEach((v, n) => header.setFloat32(76 + 4 * n, v, true));
header.setFloat32(108, 352, true);
header.setInt16(254, 1, true);  // sform: the grid as is
[[spacing, 0, 0, 0], [0, spacing, 0, 0], [0, 0, spacing, 0]].forEach((row, r) => row.forEach((v, c) => header.setFloat32(280 + 16 * r + 4 * c, v, true)));
[...'n+1\0'].forEach((ch, n) => header.setUint8(344 + n, ch.charCodeAt(0)));
const file = new Uint8Array(352 + voxels.byteLength);
file.set(new Uint8Array(header.buffer));
file.set(new Uint8Array(voxels.buffer), 352);
console.log(`volume: ${ni} × ${nj} × ${nk} int16 (${(voxels.byteLength / 1e6).toFixed(0)} MB)`);

// The bytes as the command line reads them (fs.readFile), then the same file as a Blob, which the
// library streams in chunks as it does a browser's File (Node's Blob streams are slow to read).
const rssBefore = process.memoryUsage().rss;
let t0 = performance.now();
const raw = await sf.fitFile(file, 'ct.nii');
const rawMs = performance.now() - t0;
const rss = process.memoryUsage().rss - rssBefore;
if (!raw.ok) throw new Error(raw.error.message);
const threshold = raw.selection.threshold;
console.log(`library, .nii from its bytes: ${rawMs.toFixed(0)} ms; ISO-50 ${threshold.toFixed(1)}; ${raw.points.x.length} contour points on ${raw.slices.x.length} slices; ` +
  `centre ${raw.center.map((v) => v.toFixed(4)).join(', ')}, R ${raw.radius.toFixed(4)} (true ${center.join(', ')}, 75); process memory grew ${(rss / 1e6).toFixed(0)} MB`);
sf.releaseVolume(raw.volume);
t0 = performance.now();
const blob = await sf.fitFile(new Blob([file]), 'ct.nii');
console.log(`library, .nii as a Blob (streamed): ${(performance.now() - t0).toFixed(0)} ms`);
sf.releaseVolume(blob.volume);
const gz = gzipSync(file, { level: 1 });
t0 = performance.now();
const packed = await sf.fitFile(new Blob([gz]), 'ct.nii.gz');
const gzMs = performance.now() - t0;
if (!packed.ok) throw new Error(packed.error.message);
sf.releaseVolume(packed.volume);
console.log(`library, .nii.gz (${(gz.length / 1e6).toFixed(0)} MB): ${gzMs.toFixed(0)} ms`);

const build = new URL('../../build/', import.meta.url);
mkdirSync(build, { recursive: true });
const rawFile = new URL('bench-ct.i16', build).pathname;
writeFileSync(rawFile, new Uint8Array(voxels.buffer));
try {
  const py = JSON.parse(execFileSync('/usr/bin/python3', [new URL('volume_baseline.py', import.meta.url).pathname, rawFile, ni, nj, nk, spacing, threshold].map(String), { maxBuffer: 1 << 24 }).toString());
  const gap = Math.max(...[0, 1, 2].map((k) => Math.abs(py.center[k] - raw.center[k])), Math.abs(py.radius - raw.radius));
  console.log(`scikit-image find_contours + scipy least_squares: ${py.ms.toFixed(0)} ms (contours ${py.contourMs.toFixed(0)} ms, ${py.points} points) → ` +
    `the library (.nii, from the bytes) is ${(py.ms / rawMs).toFixed(1)}× faster; the spheres agree to ${gap.toExponential(1)} mm`);
} catch (err) {
  console.log(`python baseline skipped: ${err.message.split('\n')[0]}`);
}
