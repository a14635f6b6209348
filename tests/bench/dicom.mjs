// A clinical-size CT series through the DICOM reader, against dcm2niix (Debian) converting the
// same files in the same run: 512 × 512 × 400 slices, one file each (tests/data/dicom/make_dicom.py
// --bench writes them with pydicom, and dcmcjpeg their JPEG lossless SV1 copies). The reader scans
// the folder as lazy sources (a read(start, end) per file, as a File would be) and decodes every
// slice one after another; each run is a child process, so its peak memory (max RSS) is its own.
//   node tests/bench/dicom.mjs            (the data go to build/bench/dicom/, made once)
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const dir = join(root, 'build/bench/dicom');

async function child(variant) {
  const { scanDicom, readSlice } = await import('../../web/src/lib/dicom/index.js');
  const folder = join(dir, variant);
  const t0 = performance.now();
  const files = readdirSync(folder).map((name) => {
    const path = join(folder, name);
    return { name, size: statSync(path).size, read: async (s, e) => {
      const fh = await open(path, 'r');
      try {
        const b = new Uint8Array(e - s);
        const { bytesRead } = await fh.read(b, 0, e - s, s);
        return b.subarray(0, bytesRead);
      } finally { await fh.close(); }
    } };
  });
  const scan = await scanDicom(files);
  if (!scan.ok || scan.series.length !== 1 || !scan.series[0].ok) throw new Error(JSON.stringify(scan.error ?? scan.series[0]?.error));
  const tScan = performance.now() - t0;
  const series = scan.series[0];
  let sum = 0;
  for (let k = 0; k < series.slices.length; k++) {
    const r = await readSlice(series, k);
    if (!r.ok) throw new Error(r.error.message);
    for (let i = 0; i < r.values.length; i += 4096) sum += r.values[i];
  }
  const total = performance.now() - t0;
  console.log(JSON.stringify({ scanMs: tScan, totalMs: total, slices: series.slices.length, maxRssMB: process.resourceUsage().maxRSS / 1024, sum }));
}

function dcm2niix(variant) {
  const out = mkdtempSync(join(tmpdir(), 'dcm2niix-'));
  try {
    const r = spawnSync('/usr/bin/time', ['-f', '%e %M', 'dcm2niix', '-z', 'n', '-b', 'n', '-o', out, '-f', 'ct', join(dir, variant)], { encoding: 'utf8' });
    const last = r.stderr.trim().split('\n').pop().split(' ');
    return { totalMs: Number(last[0]) * 1000, maxRssMB: Number(last[1]) / 1024, ok: r.status === 0 && readdirSync(out).some((f) => f.endsWith('.nii')) };
  } finally { rmSync(out, { recursive: true, force: true }); }
}

if (process.argv[2] === '--child') {
  await child(process.argv[3]);
} else {
  if (!existsSync(join(dir, 'truth.json'))) {
    console.log('writing 2 × 400 files of 512 × 512 (pydicom, dcmcjpeg) into build/bench/dicom …');
    execFileSync('/usr/bin/python3', [join(root, 'tests/data/dicom/make_dicom.py'), '--bench', dir], { stdio: 'inherit' });
  }
  for (const variant of ['plain', 'jpegll']) {
    const bytes = readdirSync(join(dir, variant)).reduce((s, f) => s + statSync(join(dir, variant, f)).size, 0);
    const ours = JSON.parse(execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--child', variant], { encoding: 'utf8' }).trim().split('\n').pop());
    const peer = dcm2niix(variant);
    const label = variant === 'plain' ? 'explicit VR LE' : 'JPEG lossless SV1';
    console.log(`${label}, 400 files, ${(bytes / 2 ** 20).toFixed(0)} MiB:`);
    console.log(`  spherefit DICOM reader: scan ${ours.scanMs.toFixed(0)} ms, scan + decode every slice ${ours.totalMs.toFixed(0)} ms, peak RSS ${ours.maxRssMB.toFixed(0)} MB`);
    console.log(`  dcm2niix (to .nii):     ${peer.totalMs.toFixed(0)} ms, peak RSS ${peer.maxRssMB.toFixed(0)} MB${peer.ok ? '' : ' (FAILED)'}`);
    console.log(`  ratio (reader / dcm2niix): time ${(ours.totalMs / peer.totalMs).toFixed(2)}, memory ${(ours.maxRssMB / peer.maxRssMB).toFixed(2)}`);
  }
}
