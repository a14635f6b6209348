// Test data for the DICOM reader's tests, written by independent writers: the generator
// (tests/data/dicom/make_dicom.py: pydicom, dcmtk, GDCM, openjph) runs into a temporary folder
// once per test file. Without Debian's tools the tests skip, saying which tool is missing.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PYTHON = '/usr/bin/python3';  // Debian's (a pyenv shim on PATH would lack pydicom)
const generator = fileURLToPath(new URL('../data/dicom/make_dicom.py', import.meta.url));

/** Why the data cannot be made here (a missing Debian package), or null. */
export function missingTools() {
  const need = [['dcmconv', 'dcmtk'], ['dcmcjpeg', 'dcmtk'], ['dcmcjpls', 'dcmtk'], ['dcmcrle', 'dcmtk'],
    ['gdcmconv', 'libgdcm-tools'], ['ojph_compress', 'openjph-tools'], ['ojph_expand', 'openjph-tools']];
  const missing = new Set();
  for (const [tool, pkg] of need) if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0) missing.add(pkg);
  const py = spawnSync(PYTHON, ['-c', 'import pydicom, numpy, gdcm']);
  if (py.status !== 0) { missing.add('python3-pydicom'); missing.add('python3-gdcm'); }
  return missing.size ? `DICOM test data need Debian packages: ${[...missing].join(', ')} (add them to scripts/setup.sh)` : null;
}

/** Runs the generator into a new folder; returns { dir, truth, cleanup }. */
export function makeData() {
  const dir = mkdtempSync(join(tmpdir(), 'spherefit-dicom-'));
  execFileSync(PYTHON, [generator, dir], { stdio: ['ignore', 'ignore', 'pipe'] });
  const truth = JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8'));
  return { dir, truth, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The files of a folder (relative to dir) as { name, bytes }. */
export function folderFiles(dir, folder) {
  return readdirSync(join(dir, folder)).filter((n) => statSync(join(dir, folder, n)).isFile())
    .map((n) => ({ name: `${folder}/${n}`, bytes: new Uint8Array(readFileSync(join(dir, folder, n))) }));
}

/** One file as { name, bytes }. */
export const oneFile = (dir, rel) => ({ name: rel, bytes: new Uint8Array(readFileSync(join(dir, rel))) });

/** The generator's pixel truth (int32 LE, frames × rows × columns). */
export function pixelTruth(dir, entry) {
  const b = readFileSync(join(dir, entry.pixels));
  return new Int32Array(b.buffer, b.byteOffset, b.length / 4);
}

export const close = (a, b, tol) => a.length === b.length && a.every((v, i) => Math.abs(v - b[i]) <= tol);
export const dist = (a, b) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);

// 40 × 40 × 30 voxels of 0.5 × 0.6 × 0.8 mm at Offset (−10, −12, 5), LPS (ITK's default): a
// ball of radius 6 mm about (0.4, −1.1, 17.2) LPS, 1000 inside; the header and its .raw.
export function metaImageBall() {
  const n = [40, 40, 30], sp = [0.5, 0.6, 0.8], off = [-10, -12, 5], c = [0.4, -1.1, 17.2];
  const vox = new Int16Array(n[0] * n[1] * n[2]);
  for (let k = 0; k < n[2]; k++) for (let j = 0; j < n[1]; j++) for (let i = 0; i < n[0]; i++) {
    const p = [off[0] + i * sp[0], off[1] + j * sp[1], off[2] + k * sp[2]];
    vox[i + n[0] * (j + n[1] * k)] = dist(p, c) <= 6 ? 1000 : 0;
  }
  const header = `ObjectType = Image\nNDims = 3\nDimSize = ${n.join(' ')}\nElementSpacing = ${sp.join(' ')}\nOffset = ${off.join(' ')}\n` +
    'AnatomicalOrientation = RAI\nElementType = MET_SHORT\nElementByteOrderMSB = False\nElementDataFile = ball.raw\n';
  return { centre: c, files: [{ name: 'ball.mhd', bytes: new TextEncoder().encode(header) }, { name: 'ball.raw', bytes: new Uint8Array(vox.buffer) }] };
}
