// The npm library as a library: it imports nothing of the page, its hand-written types name the
// core's options (so they cannot drift from sf.vocabulary), and a volume's voxels leave wasm
// memory when it is released. The allocator is read through loadSphereFit's test hook (onCore),
// which the API does not document.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadSphereFit } from '../../web/src/lib/spherefit.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
let core = null;
const sf = await loadSphereFit({ onCore: (c) => { core = c; } });

const filesUnder = (dir) => readdirSync(dir).flatMap((name) => {
  const path = join(dir, name);
  return statSync(path).isDirectory() ? filesUnder(path) : [path];
});
// Every module specifier a file imports: static imports and re-exports, and import('…') of a literal.
const specifiers = (text) => [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b\s*(?:[^'";]*?\bfrom\s*)?['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2]);

test('the library (web/src/lib/) and the CLI import nothing of the page, no DOM view and no three.js', () => {
  const app = join(root, 'web/src/app');
  const files = [...filesUnder(join(root, 'web/src/lib')), join(root, 'web/bin/spherefit.js')].filter((f) => f.endsWith('.js'));
  assert.ok(files.length > 15, `${files.length} files`);
  let relativeImports = 0;
  for (const file of files) {
    for (const spec of specifiers(readFileSync(file, 'utf8'))) {
      assert.doesNotMatch(spec, /three|vendor\//, `${relative(root, file)} imports ${spec}`);
      if (!spec.startsWith('.')) continue;
      relativeImports += 1;
      const target = resolve(dirname(file), spec);
      assert.ok(!target.startsWith(app), `${relative(root, file)} imports ${spec}, which is the page's`);
    }
  }
  assert.ok(relativeImports > 30, `the scan found the imports (${relativeImports})`);
  // A planted mistake is found: a line importing a view.
  assert.deepEqual(specifiers("import { createSliceTable } from '../app/slice-table.js';\nimport '../app/state.js';\nexport const a = 'x';\nexport * from \"./b.js\";"),
    ['../app/slice-table.js', '../app/state.js', './b.js']);
});

test('the types name every option and selection the core has, in its order', () => {
  const types = readFileSync(join(root, 'web/src/lib/spherefit.d.ts'), 'utf8');
  const union = (name) => [...new RegExp(`export type ${name} =([^;]+);`).exec(types)[1].matchAll(/'([^']+)'/g)].map((m) => m[1]);
  const members = (name) => [...new RegExp(`export interface ${name} \\{([\\s\\S]*?)\\n\\}`).exec(types)[1].matchAll(/^\s+(\w+)\?:/gm)].map((m) => m[1]);
  const options = sf.vocabulary.options.map((spec) => spec.name);
  const selection = sf.vocabulary.selection.map((spec) => spec.name);
  assert.deepEqual(union('OptionName'), options);
  assert.deepEqual(members('FitOptions'), options, 'FitOptions has one member per option, in the core\'s order');
  assert.deepEqual(union('SelectionName'), selection);
  assert.deepEqual(members('VolumeSelection'), selection);
  assert.deepEqual(union('ChoiceList'), [...new Set(sf.vocabulary.options.filter((s) => s.kind === 'choice').map((s) => s.choices))]);
  for (const spec of sf.vocabulary.options) {
    if (spec.kind === 'choice') assert.ok(Array.isArray(sf.vocabulary[spec.choices]), `${spec.name}: vocabulary.${spec.choices} is a list`);
  }
});

test('releaseVolume frees the voxels: wasm memory in use returns to what it was', async () => {
  const bytes = new Uint8Array(readFileSync(join(root, 'web/samples/femoral-head-seg.nii.gz')));
  const warm = await sf.readVolume(bytes, 'seg.nii.gz');  // the allocator's own first growth
  sf.releaseVolume(warm.volume);
  const before = core.heapInUse();
  const read = await sf.readVolume(bytes, 'seg.nii.gz');
  assert.equal(read.ok, true, read.error?.message);
  const voxels = read.volume.size.reduce((a, b) => a * b, 1);  // uint8: a byte a voxel
  assert.equal(read.volume.voxelType, 'uint8');
  assert.ok(core.heapInUse() - before >= voxels, `held: ${core.heapInUse() - before} bytes for ${voxels} voxels`);
  assert.equal(sf.fitVolume(read.volume, {}, {}).ok, true);
  sf.releaseVolume(read.volume);
  assert.equal(core.heapInUse(), before, 'released after a read and a fit');
  sf.releaseVolume(read.volume);  // twice is harmless
  assert.equal(core.heapInUse(), before);

  // fitFile hands a fitted volume back (held until released) and releases one whose fit failed,
  // unless asked to keep it.
  const fitted = await sf.fitFile(bytes, 'seg.nii.gz', {});
  assert.ok(fitted.ok && fitted.volume && core.heapInUse() - before >= voxels);
  sf.releaseVolume(fitted.volume);
  assert.equal(core.heapInUse(), before);
  const failed = await sf.fitFile(bytes, 'seg.nii.gz', {}, { selection: { label: 99 } });
  assert.equal(failed.error?.code, 'LabelNotFound');
  assert.equal(core.heapInUse(), before, 'a failed fit releases its volume');
  const kept = await sf.fitFile(bytes, 'seg.nii.gz', {}, { selection: { label: 99 }, keepVolume: true });
  assert.ok(kept.volume && core.heapInUse() - before >= voxels, 'keepVolume holds it');
  sf.releaseVolume(kept.volume);
  assert.equal(core.heapInUse(), before);
});
