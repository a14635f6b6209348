// The command line's inputs grouped as the page groups what is dropped: a folder is one input (its
// files, walked recursively: a DICOM series, or a header with its data file); several DICOM files
// named on the command line are one input (a series), at the place of the first; a .mhd/.nhdr
// header takes the other files named with it as the place to find its data file. A DICOM file
// alone is a group of one (fitFiles reads DICOM). Every other file stays an input of its own.
import { open, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

async function walk(dir, out) {
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) await walk(p, out);
    else if (e.isFile()) out.push(p);
  }
  return out;
}

async function head(path) {
  const f = await open(path, 'r');
  try {
    const b = new Uint8Array(4096);
    const { bytesRead } = await f.read(b, 0, b.length, 0);
    return b.subarray(0, bytesRead);
  } finally {
    await f.close();
  }
}

/**
 * @param {string[]} files  the command line's file arguments
 * @param {(head: Uint8Array, name: string) => string} sniff  the core's file kind
 * @returns {Promise<(string | { name: string, paths: string[] })[]>}  a path, or a group of paths
 */
export async function groupInputs(files, sniff) {
  const out = [];
  let dicom = null;
  const header = files.some((f) => /\.(mhd|nhdr)$/i.test(f));
  for (const f of files) {
    const s = f === '-' ? null : await stat(f).catch(() => null);
    if (s?.isDirectory()) {
      out.push({ name: f, paths: (await walk(f, [])).sort() });
    } else if (s?.isFile() && !header && sniff(await head(f), f) === 'dicom') {
      if (!dicom) { dicom = { name: f, paths: [] }; out.push(dicom); }
      dicom.paths.push(f);
    } else if (header && s?.isFile()) {
      if (/\.(mhd|nhdr)$/i.test(f)) out.push({ name: f, paths: [f, ...files.filter((g) => g !== f && !/\.(mhd|nhdr)$/i.test(g))] });
    } else {
      out.push(f);
    }
  }
  return out;
}
