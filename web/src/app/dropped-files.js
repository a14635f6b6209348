// The files of a drop, folders included: DataTransferItem.webkitGetAsEntry gives each dropped
// item as a file or directory entry, and a directory is walked (readEntries answers in batches of
// about a hundred, so it is called until it returns none). Each file keeps its path in the drop
// ("series/IMG0001.dcm"), wrapped without copying its bytes. The entries must be taken while the
// drop event runs: the DataTransfer is emptied after it.

const fileOf = (entry) => new Promise((resolve, reject) => { entry.file(resolve, reject); });
const batchOf = (reader) => new Promise((resolve, reject) => { reader.readEntries(resolve, reject); });

async function walk(entry, out) {
  if (entry.isFile) {
    const f = await fileOf(entry);
    const path = entry.fullPath.replace(/^\//, '');
    out.push(path === f.name ? f : new File([f], path, { type: f.type, lastModified: f.lastModified }));
  } else if (entry.isDirectory) {
    const reader = entry.createReader();
    for (let batch = await batchOf(reader); batch.length; batch = await batchOf(reader)) {
      for (const child of batch) await walk(child, out);
    }
  }
  return out;
}

/**
 * Starts reading a drop (synchronously takes its entries) and resolves to its files, folders walked.
 * @param {DataTransfer} transfer
 * @returns {Promise<File[]>}
 */
export function droppedFiles(transfer) {
  const entries = [...(transfer.items ?? [])].map((item) => (item.kind === 'file' ? item.webkitGetAsEntry?.() : null));
  const plain = [...(transfer.files ?? [])];
  if (!entries.some((e) => e?.isDirectory)) return Promise.resolve(plain);
  return (async () => {
    const out = [];
    for (const e of entries) if (e) await walk(e, out);
    return out;
  })();
}
