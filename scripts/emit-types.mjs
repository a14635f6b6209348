// Writes web/src/lib/report.d.ts, the types of the package's `spherefit/report`, from the JSDoc of
// report.js (tsc's declaration emit: the JavaScript is the one source of its types). With --check
// it writes nothing and fails when the file differs from a fresh emit (scripts/test.sh: the types
// cannot drift from the code).
//
//   node scripts/emit-types.mjs [--check]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const target = join(root, 'web/src/lib/report.d.ts');
const HEADER = '// Types of spherefit/report (report.js), emitted by tsc from its JSDoc: node scripts/emit-types.mjs.\n// Do not edit; edit report.js and emit again (scripts/test.sh checks that they agree).\n';

const out = mkdtempSync(join(tmpdir(), 'spherefit-types-'));
try {
  execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '--allowJs', '--declaration', '--emitDeclarationOnly',
    '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--skipLibCheck',
    '--rootDir', join(root, 'web/src/lib'), '--outDir', out, join(root, 'web/src/lib/report.js')], { stdio: 'inherit' });
  const emitted = HEADER + readFileSync(join(out, 'report.d.ts'), 'utf8');
  if (process.argv.includes('--check')) {
    if (!existsSync(target) || readFileSync(target, 'utf8') !== emitted) {
      console.error('web/src/lib/report.d.ts differs from the types of report.js: run node scripts/emit-types.mjs');
      process.exitCode = 1;
    } else console.log('web/src/lib/report.d.ts agrees with report.js');
  } else {
    writeFileSync(target, emitted);
    console.log(`written: ${target}`);
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}
