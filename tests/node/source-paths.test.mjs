// Paths named in the sources' comments and the docs (fit/points/point_refine.hpp, report/…) must
// exist: a file that moved leaves no comment pointing at its old place.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
const folders = ['wasm', 'web/src', 'web/bin', 'tests/cpp', 'tests/fuzz', 'docs'];
const extensions = /\.(hpp|cpp|js|mjs|md)$/;

function* files(dir) {
  for (const name of readdirSync(join(root, dir))) {
    const path = join(dir, name);
    if (statSync(join(root, path)).isDirectory()) yield* files(path);
    else if (extensions.test(name)) yield path;
  }
}

// A core path as the sources write it: relative to wasm/core (fit/points/point_set.hpp), or from
// the repository's root (wasm/…, web/…, tests/…).
const mention = /(?<![\w./-])((?:wasm|web|tests)\/[\w/.-]+\.(?:hpp|cpp|js|mjs)|(?:model|read|fit|report|pipeline)\/[\w/]+\.(?:hpp|cpp))\b/g;

test('every source path named in a comment or a doc exists', () => {
  const missing = [];
  for (const folder of folders.filter((f) => existsSync(join(root, f)))) {
    for (const file of files(folder)) {
      const text = readFileSync(join(root, file), 'utf8');
      for (const [, path] of text.matchAll(mention)) {
        const candidates = [join(root, path), join(root, 'wasm/core', path)];
        if (!candidates.some((c) => existsSync(c))) missing.push(`${file}: ${path}`);
      }
    }
  }
  assert.deepEqual(missing, []);
});
