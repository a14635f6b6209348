// Files the browser tests and the page benchmark open: binary STL and PLY, NIfTI-1 volumes (a
// grey CT of a ball with partial-volume edges, or a labelmap), written here from their published
// layouts (STL: 80-byte header, count, 50 bytes a triangle; PLY: the text header and packed
// little-endian floats; NIfTI-1: the 348-byte header of nifti1.h, then the voxels at 352), so the
// truth of every file is known: the sphere it was made from.
import { gzipSync } from 'node:zlib';

// A deterministic pseudo-random sequence in [0, 1) (a linear congruential generator; seed printed by callers).
export function random(seed) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

// The triangles of an icosahedron subdivided `levels` times, its vertices pushed onto the sphere
// (centre, radius): [[a, b, c], …] of [x, y, z].
export function icosphere(center, radius, levels) {
  const t = (1 + Math.sqrt(5)) / 2;
  let vertices = [[-1, t, 0], [1, t, 0], [-1, -t, 0], [1, -t, 0], [0, -1, t], [0, 1, t], [0, -1, -t], [0, 1, -t], [t, 0, -1], [t, 0, 1], [-t, 0, -1], [-t, 0, 1]];
  let faces = [[0, 11, 5], [0, 5, 1], [0, 1, 7], [0, 7, 10], [0, 10, 11], [1, 5, 9], [5, 11, 4], [11, 10, 2], [10, 7, 6], [7, 1, 8],
    [3, 9, 4], [3, 4, 2], [3, 2, 6], [3, 6, 8], [3, 8, 9], [4, 9, 5], [2, 4, 11], [6, 2, 10], [8, 6, 7], [9, 8, 1]];
  const unit = (v) => { const n = Math.hypot(...v); return v.map((x) => x / n); };
  vertices = vertices.map(unit);
  for (let l = 0; l < levels; ++l) {
    const cache = new Map();
    const middle = (a, b) => {
      const key = a < b ? `${a},${b}` : `${b},${a}`;
      if (!cache.has(key)) {
        vertices.push(unit(vertices[a].map((x, k) => (x + vertices[b][k]) / 2)));
        cache.set(key, vertices.length - 1);
      }
      return cache.get(key);
    };
    faces = faces.flatMap(([a, b, c]) => {
      const ab = middle(a, b), bc = middle(b, c), ca = middle(c, a);
      return [[a, ab, ca], [b, bc, ab], [c, ca, bc], [ab, bc, ca]];
    });
  }
  const place = (v) => v.map((x, k) => center[k] + radius * x);
  return { vertices: vertices.map(place), triangles: faces.map((f) => f.map((i) => place(vertices[i]))) };
}

export function stlBinary(triangles) {
  const bytes = new DataView(new ArrayBuffer(84 + 50 * triangles.length));
  const title = 'spherefit test sphere';
  for (let n = 0; n < title.length; ++n) bytes.setUint8(n, title.charCodeAt(n));
  bytes.setUint32(80, triangles.length, true);
  triangles.forEach((tri, f) => {
    const at = 84 + 50 * f;
    tri.forEach((v, k) => v.forEach((x, m) => bytes.setFloat32(at + 12 + 12 * k + 4 * m, x, true)));
  });
  return Buffer.from(bytes.buffer);
}

// A binary little-endian PLY of points (a Float32Array of x, y, z triples).
export function plyBinary(xyz) {
  const header = `ply\nformat binary_little_endian 1.0\ncomment spherefit test\nelement vertex ${xyz.length / 3}\nproperty float x\nproperty float y\nproperty float z\nend_header\n`;
  return Buffer.concat([Buffer.from(header, 'latin1'), Buffer.from(xyz.buffer, xyz.byteOffset, xyz.byteLength)]);
}

// `n` points on the sphere, evenly spread (a Fibonacci lattice) with radial noise of ±noise,
// as float32 x, y, z triples.
export function spherePoints(n, center, radius, noise = 0, seed = 1) {
  const next = random(seed);
  const out = new Float32Array(3 * n);
  const golden = Math.PI * (3 - Math.sqrt(5));
  for (let i = 0; i < n; ++i) {
    const z = 1 - (2 * (i + 0.5)) / n, r = Math.sqrt(1 - z * z), t = golden * i;
    const rr = radius + noise * (2 * next() - 1);
    out[3 * i] = center[0] + rr * r * Math.cos(t);
    out[3 * i + 1] = center[1] + rr * r * Math.sin(t);
    out[3 * i + 2] = center[2] + rr * z;
  }
  return out;
}

const DATATYPES = { Uint8Array: [2, 8], Int16Array: [4, 16], Float32Array: [16, 32] };

// A NIfTI-1 file (.nii bytes): voxels (a typed array, i fastest), size [ni, nj, nk], spacing in
// mm, the world position of voxel (0, 0, 0); axis-aligned sform (scanner).
export function nifti({ voxels, size, spacing, origin }) {
  const [datatype, bitpix] = DATATYPES[voxels.constructor.name];
  const header = new DataView(new ArrayBuffer(352));
  header.setInt32(0, 348, true);
  [3, ...size, 1, 1, 1, 1].forEach((d, n) => header.setInt16(40 + 2 * n, d, true));
  header.setInt16(70, datatype, true);
  header.setInt16(72, bitpix, true);
  [1, ...spacing, 1, 0, 0, 0].forEach((v, n) => header.setFloat32(76 + 4 * n, v, true));
  header.setFloat32(108, 352, true);
  header.setFloat32(112, 0, true);
  header.setInt8(123, 10 | 8);
  header.setInt16(254, 1, true);  // sform_code: scanner
  [0, 1, 2].forEach((r) => [0, 1, 2].forEach((c) => header.setFloat32(280 + 16 * r + 4 * c, r === c ? spacing[r] : 0, true)));
  [0, 1, 2].forEach((r) => header.setFloat32(280 + 16 * r + 12, origin[r], true));
  for (const [n, ch] of [...'n+1\0'].entries()) header.setUint8(344 + n, ch.charCodeAt(0));
  return Buffer.concat([Buffer.from(header.buffer), Buffer.from(voxels.buffer, voxels.byteOffset, voxels.byteLength)]);
}

// A grey CT of a ball: air (−1000) outside, 800 inside, the edge voxels at the fraction of their
// extent inside (sampled 3 × 3 × 3 within the voxel: the partial-volume effect), and noise.
export function ctBall({ size, spacing, origin, center, radius, noise = 0, seed = 1 }) {
  const next = random(seed);
  const voxels = new Int16Array(size[0] * size[1] * size[2]);
  const edge = Math.max(...spacing);
  for (let k = 0; k < size[2]; ++k) {
    const z = origin[2] + k * spacing[2] - center[2];
    for (let j = 0; j < size[1]; ++j) {
      const y = origin[1] + j * spacing[1] - center[1];
      for (let i = 0; i < size[0]; ++i) {
        const x = origin[0] + i * spacing[0] - center[0];
        const d = Math.hypot(x, y, z) - radius;
        let inside;
        if (d < -edge) inside = 1;
        else if (d > edge) inside = 0;
        else {
          inside = 0;
          for (let a = -1; a <= 1; ++a) for (let b = -1; b <= 1; ++b) for (let c = -1; c <= 1; ++c) {
            if (Math.hypot(x + (a * spacing[0]) / 3, y + (b * spacing[1]) / 3, z + (c * spacing[2]) / 3) <= radius) inside += 1 / 27;
          }
        }
        voxels[i + size[0] * (j + size[1] * k)] = Math.round(-1000 + 1800 * inside + noise * (2 * next() - 1));
      }
    }
  }
  return voxels;
}

export const gzip = (bytes) => gzipSync(bytes, { level: 6 });
