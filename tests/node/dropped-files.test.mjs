// The page's walk of a dropped folder (web/src/app/dropped-files.js) on fake directory entries
// shaped as Chromium's FileSystemEntry API gives them: readEntries answers in batches (here of two)
// until it returns none; each file keeps its path in the drop.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { droppedFiles } from '../../web/src/app/dropped-files.js';

function fileEntry(path, text) {
  const name = path.split('/').pop();
  return { isFile: true, isDirectory: false, fullPath: `/${path}`, file: (ok) => ok(new File([text], name)) };
}
function dirEntry(path, children) {
  return {
    isFile: false, isDirectory: true, fullPath: `/${path}`,
    createReader() {
      let at = 0;
      return { readEntries: (ok) => { const batch = children.slice(at, at + 2); at += batch.length; setTimeout(() => ok(batch), 0); } };
    },
  };
}

test('a dropped folder is walked, batches and subfolders included, paths kept', async () => {
  const folder = dirEntry('series', [fileEntry('series/a.dcm', 'A'), fileEntry('series/b.dcm', 'BB'), fileEntry('series/c.dcm', 'CCC'),
    dirEntry('series/sub', [fileEntry('series/sub/d.dcm', 'DDDD')])]);
  const transfer = { items: [{ kind: 'file', webkitGetAsEntry: () => folder }, { kind: 'file', webkitGetAsEntry: () => fileEntry('notes.txt', 'n') }], files: [] };
  const files = await droppedFiles(transfer);
  assert.deepEqual(files.map((f) => f.name), ['series/a.dcm', 'series/b.dcm', 'series/c.dcm', 'series/sub/d.dcm', 'notes.txt']);
  assert.deepEqual(files.map((f) => f.size), [1, 2, 3, 4, 1]);
});

test('files without a folder are the drop\'s files as they are', async () => {
  const a = new File(['x'], 'a.csv');
  const files = await droppedFiles({ items: [{ kind: 'file', webkitGetAsEntry: () => fileEntry('a.csv', 'x') }], files: [a] });
  assert.deepEqual(files, [a]);
});
