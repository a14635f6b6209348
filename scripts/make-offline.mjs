// The offline and installable parts of dist/: the web app manifest (with the icons of
// make-icons.mjs and file_handlers for the file types the page opens, taken from its file
// input's accept list) and the service worker (web/src/sw/service-worker.js with its precache
// list: every file of this build, and a version that is a hash of their contents).
//
//   writeManifest(dist, html, icons) → 'manifest.webmanifest'
//   writeServiceWorker(dist, files) → { file: 'sw.js', version }
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const TEXT_TYPES = new Set(['.csv', '.tsv', '.txt', '.xyz', '.pts', '.asc', '.ds']);

// The extensions of the page's <input type="file" accept="…">, grouped by a MIME type each.
export function fileHandlers(html) {
  const accept = /id="file-input"[^>]*accept="([^"]+)"/.exec(html)?.[1];
  if (!accept) throw new Error('web/index.html: the file input has no accept list');
  const extensions = [...new Set(accept.split(',').map((s) => s.trim()).filter((s) => s.startsWith('.'))
    .map((s) => `.${s.split('.').pop()}`))];  // '.nii.gz' → '.gz': one extension each
  const byType = {};
  for (const ext of extensions) {
    const type = TEXT_TYPES.has(ext) ? 'text/plain' : 'application/octet-stream';
    (byType[type] ??= []).push(ext);
  }
  return [{ action: './', accept: byType }];
}

export function writeManifest(dist, html, icons) {
  const title = /<title>([^<]+)<\/title>/.exec(html)?.[1] ?? 'Sphere fit';
  const manifest = {
    id: './',
    name: title,
    short_name: 'Sphere fit',
    description: 'Fits spheres to slice circles, points, contours, meshes and CT or MRI volumes, in the browser, offline too.',
    start_url: './',
    scope: './',
    display: 'standalone',
    background_color: '#f6f7f9',
    theme_color: '#1f6feb',
    icons: icons.filter((icon) => icon.sizes !== '48x48'),
    file_handlers: fileHandlers(html),
    launch_handler: { client_mode: 'focus-existing' },
  };
  writeFileSync(join(dist, 'manifest.webmanifest'), `${JSON.stringify(manifest, null, 2)}\n`);
  return 'manifest.webmanifest';
}

/** @param {string} dist @param {string[]} files  relative to dist/, 'index.html' among them */
export function writeServiceWorker(dist, files) {
  const digest = createHash('sha256');
  for (const file of [...files].sort()) digest.update(file).update(readFileSync(join(dist, file)));
  const version = digest.digest('hex').slice(0, 12);
  const template = readFileSync(fileURLToPath(new URL('../web/src/sw/service-worker.js', import.meta.url)), 'utf8');
  const marker = /\/\* precache \*\/[^]*?\/\* end \*\//;
  if (!marker.test(template)) throw new Error('web/src/sw/service-worker.js has no /* precache */ … /* end */ list');
  const list = JSON.stringify({ version, files: ['./', ...[...files].sort()] });
  writeFileSync(join(dist, 'sw.js'), template.replace(marker, () => list));
  return { file: 'sw.js', version };
}
