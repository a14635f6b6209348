// The npm package as users get it: `npm pack`, installed offline into an empty folder, then used
// from the command line (npx spherefit), from an .mjs program and from a TypeScript program
// checked with tsc --strict against the package's own types. Nothing else from the repository.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadSphereFit } from '../../web/src/lib/spherefit.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const consumers = fileURLToPath(new URL('consumers/', import.meta.url));
let folder;
let tarball;

before(() => {
  folder = mkdtempSync(join(tmpdir(), 'spherefit-package-'));
  // The build has run (scripts/test.sh builds first): pack without running it again.
  const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', folder], { cwd: root }).toString());
  tarball = join(folder, packed[0].filename);
  writeFileSync(join(folder, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  // The decoders' tarballs are in npm's cache after npm ci, but not their registry documents: prefer
  // the cache and ask the registry only for what is missing.
  execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', tarball], { cwd: folder, stdio: 'pipe' });
});

after(() => rmSync(folder, { recursive: true, force: true }));

test('the tarball holds the library, the wasm module, the types and the CLI, and nothing of the page', () => {
  const files = JSON.parse(execFileSync('npm', ['pack', '--json', '--dry-run', '--ignore-scripts'], { cwd: root }).toString())[0].files.map((f) => f.path);
  for (const f of ['web/src/lib/spherefit.js', 'web/src/lib/spherefit.d.ts', 'web/wasm/spherefit-core.wasm', 'web/wasm/spherefit-core.js', 'web/bin/spherefit.js', 'package.json', 'README.md',
    'web/src/lib/report.js', 'web/src/lib/report.d.ts', 'web/src/lib/dicom/index.js']) {
    assert.ok(files.includes(f), `${f} is packed`);
  }
  for (const f of files) assert.ok(!/^(tests|web\/samples|web\/index\.html|web\/src\/app\/|wasm\/|dist\/)/.test(f) && !/sphere-view|view-layers|three/.test(f), `${f} should not be packed`);
});

test('npx spherefit fit some.csv --json works in the installed folder', async () => {
  cpSync(join(root, 'web/samples/calibration-ball-cmm.csv'), join(folder, 'ball.tsv'));
  const out = execFileSync('npx', ['--offline', 'spherefit', 'fit', 'ball.tsv', '--json', '--units', 'mm'], { cwd: folder }).toString();
  const record = JSON.parse(out);
  const sf = await loadSphereFit();
  const expected = sf.fitText(readFileSync(join(root, 'web/samples/calibration-ball-cmm.csv'), 'utf8'));
  assert.deepEqual(record.sphere.center, expected.center);
  assert.equal(record.sphere.radius, expected.radius);
  assert.equal(record.units, 'mm');
});

test('an .mjs program imports the package', () => {
  cpSync(join(consumers, 'consumer.mjs'), join(folder, 'consumer.mjs'));
  const out = JSON.parse(execFileSync('node', ['consumer.mjs'], { cwd: folder }).toString());
  assert.equal(out.ok, true);
  assert.ok(Math.abs(out.radius - 5) < 1e-12 && Math.abs(out.center[2] - 3) < 1e-12);
});

test('a TypeScript program type-checks with tsc --strict against the package and runs', () => {
  cpSync(join(consumers, 'consumer.ts'), join(folder, 'consumer.ts'));
  const tsc = join(root, 'node_modules/typescript/bin/tsc');
  const flags = ['--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--skipLibCheck', 'false', 'consumer.ts'];
  execFileSync('node', [tsc, '--noEmit', ...flags], { cwd: folder, stdio: 'pipe' });
  execFileSync('node', [tsc, '--outDir', 'out', ...flags], { cwd: folder, stdio: 'pipe' });
  const lines = execFileSync('node', ['out/consumer.js'], { cwd: folder }).toString().trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(lines[0].ok, true);
  assert.equal(lines[0].fitType, 'minimum-zone');
  assert.ok(Math.abs(lines[0].radius - 5) < 1e-9 && lines[0].zone < 1e-9);
  // spherefit/report, typed: the five circles in the core's words, a record, one CSV cell a column.
  assert.match(lines[0].summary, /^5 slice circles; minimum-zone spheres/);
  assert.equal(lines[0].used, 5);
  assert.equal(lines[0].cells, lines[0].columns);
  assert.equal(lines[1].kind, 'gzip');
});

test('a type error in a consumer is caught by tsc', () => {
  writeFileSync(join(folder, 'wrong.ts'), "import { loadSphereFit } from 'spherefit';\nconst sf = await loadSphereFit();\nsf.fit({ x: [1], y: [1], z: [1], r: [1] }, { fitType: 'minimum-area' });\n");
  const tsc = join(root, 'node_modules/typescript/bin/tsc');
  assert.throws(() => execFileSync('node', [tsc, '--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', 'wrong.ts'], { cwd: folder, stdio: 'pipe' }),
    (err) => /minimum-area/.test(err.stdout.toString()));
});

test('the types name every code and option the core has', async () => {
  const sf = await loadSphereFit();
  const types = readFileSync(join(root, 'web/src/lib/spherefit.d.ts'), 'utf8');
  const union = (name) => {
    const m = new RegExp(`export type ${name} =([^;]+);`).exec(types);
    return [...m[1].matchAll(/'([^']+)'/g)].map((x) => x[1]);
  };
  assert.deepEqual(union('ErrorCode'), [...sf.vocabulary.errorCodes]);
  assert.deepEqual(union('WarningCode'), [...sf.vocabulary.warningCodes]);
  assert.deepEqual(union('WeightMode'), [...sf.vocabulary.weightModes]);
  assert.deepEqual(union('InputMode'), [...sf.vocabulary.inputModes]);
  assert.deepEqual(union('FitType'), [...sf.vocabulary.fitTypes]);
  assert.deepEqual(union('FitMode'), [...sf.vocabulary.fitModes]);
  assert.deepEqual(union('FileKind'), [...sf.vocabulary.fileKinds]);
  assert.deepEqual(union('PointFileFormat'), [...sf.vocabulary.pointFileFormats]);
  assert.deepEqual(union('SliceStatus'), [...sf.vocabulary.sliceStatuses]);
});
