// A file named on the command line as the library takes it, without reading it into one buffer:
// a Blob backed by the file (fs.openAsBlob), so a volume streams and a file over 2 GiB — beyond
// what readFile can return (ERR_FS_FILE_TOO_LARGE) — is read, or refused by the library with a
// typed error, like any other file. Standard input is read whole.
import { openAsBlob } from 'node:fs';
import { stat } from 'node:fs/promises';

/**
 * @param {string} file  a path, or '-' for standard input
 * @returns {Promise<Blob | Uint8Array>}
 */
export async function readInput(file) {
  if (file === '-') {
    const chunks = [];
    for await (const chunk of process.stdin) chunks.push(chunk);
    return new Uint8Array(Buffer.concat(chunks));
  }
  const info = await stat(file);  // ENOENT, EACCES as before; a folder is EISDIR
  if (info.isDirectory()) throw Object.assign(new Error(`${file} is a folder`), { code: 'EISDIR' });
  return openAsBlob(file);
}

// Why a file could not be opened, in words; null when the error is not about opening it.
export function openFailure(err) {
  const why = { ENOENT: 'no such file', EISDIR: 'a folder', EACCES: 'permission denied', EPERM: 'permission denied', ELOOP: 'a symbolic link loop', ENAMETOOLONG: 'a name too long', EIO: 'an input/output error' }[err?.code];
  return why ? `cannot be read (${why})` : null;
}
