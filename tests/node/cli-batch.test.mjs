// spherefit fit FILES… --jobs N (issue 21): the files on worker threads give exactly what one job
// gives, file for file (the same records, in input order with --ordered, as a set without); a file
// that fails is its own record and the batch goes on; --jobs is checked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../../web/bin/spherefit.js', import.meta.url));
const samples = fileURLToPath(new URL('../../web/samples/', import.meta.url));
const files = readdirSync(samples).filter((f) => /\.(csv|nii\.gz)$/.test(f)).map((f) => samples + f);
const batch = [...files, '/nonexistent/ball.csv', ...files];
const run = (...args) => spawnSync(process.execPath, [cli, 'fit', ...args], { encoding: 'utf8' });
// The records without the time they were made.
const records = (out) => out.trim().split('\n').map((line) => { const r = JSON.parse(line); delete r.created; return r; });

test('--jobs 2 --ordered gives one job\'s records, in input order; without --ordered the same set', () => {
  const one = run(...batch, '--json', '--jobs', '1');
  const two = run(...batch, '--json', '--jobs', '2', '--ordered');
  assert.equal(one.status, 1, 'a file failed');
  assert.equal(two.status, 1);
  const a = records(one.stdout), b = records(two.stdout);
  assert.equal(a.length, batch.length, 'a record per file');
  assert.deepEqual(b, a);
  const loose = records(run(...batch, '--json', '--jobs', '2').stdout);
  const key = (r) => JSON.stringify(r);
  assert.deepEqual(loose.map(key).sort(), a.map(key).sort());
  assert.match(two.stderr, /\/nonexistent\/ball\.csv: cannot be read \(no such file\)\./);
});

test('CSV rows and summaries through workers are one job\'s', () => {
  assert.equal(run(...files, '--csv', '--jobs', '2', '--ordered').stdout, run(...files, '--csv', '--jobs', '1').stdout);
  assert.equal(run(...files, '--jobs', '3', '--ordered').stdout, run(...files, '--jobs', '1').stdout);
});

test('--jobs takes a whole number from 1 to 256', () => {
  for (const bad of ['0', 'two', '1.5', '1000']) {
    const r = run(files[0], '--jobs', bad);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--jobs is a whole number of worker threads, 1 to 256\./);
  }
});
