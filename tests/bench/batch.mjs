// A batch of small CT volumes through `spherefit fit --jobs N` (issue 21): the same files with one
// job and with one per core, same run; the ratio is the scaling (goal ≥ 1.8× on 2 cores). Files:
// 1 000 (BATCH_FILES to change) 48³ 16-bit NIfTI balls with noise, written to a temporary folder.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nifti, ctBall } from '../e2e/files.mjs';

const cli = fileURLToPath(new URL('../../web/bin/spherefit.js', import.meta.url));
const count = Number(process.env.BATCH_FILES ?? 1000);
const folder = mkdtempSync(join(tmpdir(), 'spherefit-batch-'));
try {
  const size = [48, 48, 48], spacing = [0.5, 0.5, 0.5], origin = [-12, -12, -12];
  const files = [];
  for (let k = 0; k < count; ++k) {
    const voxels = ctBall({ size, spacing, origin, center: [0.3 * Math.sin(k), 0.2 * Math.cos(k), 0.1], radius: 8, noise: 30, seed: k + 1 });
    const file = join(folder, `ball-${String(k).padStart(4, '0')}.nii`);
    writeFileSync(file, nifti({ voxels, size, spacing, origin }));
    files.push(file);
  }
  const time = (jobs) => {
    const t0 = performance.now();
    execFileSync(process.execPath, [cli, 'fit', ...files, '--json', '--jobs', String(jobs)], { maxBuffer: 1 << 30 });
    return performance.now() - t0;
  };
  const cores = availableParallelism();
  const one = time(1), all = time(cores);
  console.log(`${count} CT volumes of 48³ voxels: --jobs 1 ${(one / 1000).toFixed(2)} s, --jobs ${cores} ${(all / 1000).toFixed(2)} s → ${(one / all).toFixed(2)}× (goal ≥ 1.8× on 2 cores)`);
} finally {
  rmSync(folder, { recursive: true, force: true });
}
