// Files of every kind for the library (web/src/lib/spherefit.js): what a file is (the core sniffs its
// first bytes, after gunzip when it is .gz), then a table or a point cloud read whole, or a
// volume whose voxels stream straight into the wasm memory they stay in (byte-stream.js), so a
// 200 MB CT is held once. A failure of the stream itself (a damaged gzip) goes to the core, which
// words the error; nothing here invents a code or a message.
import { ChunkReader, streamOf, sizeOf, gunzip } from './byte-stream.js';

const HEAD_BYTES = 1 << 20;  // the core's kVolumeHeadBytes: enough for any header
const SNIFF_BYTES = 64 * 1024;

const errorMessage = (err) => String(err?.message ?? err);

// A table or a point file is read whole, into one string or buffer: at most this many bytes, as
// stored or once decompressed (a 970 kB .csv.gz of zeros inflates to gigabytes). The inflated
// size is counted while streaming, so a bomb stops at the cap.
export const MAX_WHOLE_FILE_BYTES = 512 * 1024 * 1024;
const tooLarge = (gzip, size) => ({
  ok: false,
  error: {
    code: 'UnsupportedFile',
    message: gzip
      ? `The file decompresses to more than ${MAX_WHOLE_FILE_BYTES / 1048576} MB, more than a table or point file may be; nothing was read. Check that it is the file meant.`
      : `The file is ${(size / 1048576).toFixed(0)} MB, more than the ${MAX_WHOLE_FILE_BYTES / 1048576} MB a table or point file may be; nothing was read. Save the points in a binary format (PLY), or fewer of them.`,
    offset: 0,
  },
});

function concat(a, b) {
  if (!b.length) return a;
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** @typedef {import('./spherefit.js').FileSource} FileSource */
/** @typedef {import('./spherefit.js').FileKind} FileKind */

/**
 * @param {any} core  the wasm module's bindings
 * @param {<T>(value: T) => T} freeze  how the library freezes what it hands out
 */
export function createFileReader(core, freeze) {
  // Volumes hold voxels in wasm memory; a volume object the program drops frees them too.
  const volumes = typeof FinalizationRegistry === 'undefined' ? null : new FinalizationRegistry((id) => core.volumeRelease(id));

  // The voxels from a reader positioned at the stream the header came from (see the core's
  // VolumeInfo): the head's bytes past dataOffset first, then the rest of the stream.
  async function loadVoxels(info, reader, head, onProgress) {
    let source = reader;
    if (info.dataGzip || info.dataCompression === 'zlib') {
      // NRRD with gzip encoding, MetaImage CompressedData (zlib): the compressed part starts at
      // dataOffset of the raw file.
      reader.unread(head.subarray(Math.min(info.dataOffset, head.length)));
      if (info.dataOffset > head.length) await reader.skip(info.dataOffset - head.length);
      source = new ChunkReader(info.dataGzip ? gunzip(reader.rest()) : reader.rest().pipeThrough(new DecompressionStream('deflate')));
      if (info.dataSkip) await source.skip(info.dataSkip);
    } else {
      const start = Math.min(info.dataOffset, head.length);
      reader.unread(head.subarray(start));
      if (info.dataOffset > head.length) await reader.skip(info.dataOffset - head.length);
    }
    const total = info.dataBytes;
    try {
      const received = await source.fill(info.voxels, (n) => onProgress?.(n, total));
      await source.cancel();
      return core.volumeFinish(info.id, received, undefined);
    } catch (err) {
      await source.cancel();
      return core.volumeFinish(info.id, source.consumed, errorMessage(err));
    }
  }

  // A detached header's data file (info.dataFile: .mhd + .raw, .nhdr + .raw.gz), found among the
  // files given by its last path component — never a path opened by name.
  async function attachData(info, dataFiles) {
    const wanted = String(info.dataFile).split(/[\\/]/).pop() ?? '';
    const data = dataFiles?.get(wanted) ?? dataFiles?.get(wanted.toLowerCase());
    if (!data) {
      core.volumeRelease(info.id);
      return { ok: false, error: { code: 'InvalidFile', message: `The header's voxels are in “${info.dataFile}”, which was not given with it: drop or open both files together.` } };
    }
    const attached = core.volumeAttach(info.id, sizeOf(data));
    if (!attached.ok) {
      core.volumeRelease(info.id);
      return attached;
    }
    return { ok: true, info: { ...info, dataOffset: attached.dataOffset }, reader: new ChunkReader(streamOf(data)) };
  }

  // A volume from a reader at the start of its stream (decompressed when the whole file is gzip):
  // `head` is what was read of it already, `size` the stream's size or −1; dataFiles: the other
  // files given with it, by name, for a detached header.
  /**
   * @param {ChunkReader} reader @param {Uint8Array} head @param {number} size @param {string} fileName
   * @param {import('./spherefit.js').ProgressCallback | undefined} onProgress @param {Map<string, FileSource> | null} [dataFiles]
   */
  async function readVolumeFrom(reader, head, size, fileName, onProgress, dataFiles = null) {
    if (head.length < HEAD_BYTES) {
      try {
        const more = await reader.head(HEAD_BYTES - head.length);
        if (more.length) head = concat(head, more);
      } catch (err) {
        return core.volumeOpen(new Uint8Array(0), fileName, 0, errorMessage(err));
      }
    }
    const info = core.volumeOpen(head, fileName, head.length < HEAD_BYTES ? head.length : size, undefined);
    if (!info.ok) {
      await reader.cancel();
      return info;
    }
    let finished;
    if (info.dataFile) {
      await reader.cancel();
      const data = await attachData(info, dataFiles);
      if (!data.ok) return data;
      finished = await loadVoxels(data.info, data.reader, new Uint8Array(0), onProgress);
    } else {
      finished = await loadVoxels(info, reader, head, onProgress);
    }
    if (!finished.ok) return finished;
    const volume = finished.volume;
    volumes?.register(volume, volume.id, volume);
    return { ok: true, volume: freeze(volume) };
  }

  /**
   * What a source is, read once: { kind, reader, head, size, name } with the reader past `head`
   * in the stream that kind is read from (decompressed when the file is gzip), or a gzip stream
   * that is damaged.
   * @param {FileSource} source
   * @param {string} fileName
   * @returns {Promise<{ kind: FileKind, reader: ChunkReader, head: Uint8Array, size: number, name: string } | { kind: 'damaged', reason: string }>}
   */
  async function open(source, fileName) {
    let reader = new ChunkReader(streamOf(source));
    let head = await reader.head(SNIFF_BYTES);
    let name = fileName ?? '';
    let size = sizeOf(source);
    let kind = core.sniff(head, name);
    if (kind === 'gzip') {
      reader.unread(head);
      reader = new ChunkReader(gunzip(reader.rest()));
      name = name.replace(/\.gz$/i, '');
      size = -1;
      try {
        head = await reader.head(SNIFF_BYTES);
      } catch (err) {
        return { kind: 'damaged', reason: errorMessage(err) };
      }
      kind = core.sniff(head, name);
    }
    return { kind, reader, head, size, name };
  }

  /**
   * @param {FileSource} source
   * @param {string} fileName
   * @param {{ onProgress?: import('./spherefit.js').ProgressCallback }} [settings]
   */
  async function readVolume(source, fileName, { onProgress } = {}) {
    let opened;
    try {
      opened = await open(source, fileName);
    } catch {
      return core.volumeOpen(source, fileName, -1, undefined);  // the core says what it can't take
    }
    if (opened.kind === 'damaged') return core.volumeOpen(new Uint8Array(0), fileName, 0, opened.reason);
    return readVolumeFrom(opened.reader, opened.head, opened.size, fileName, onProgress);
  }

  function releaseVolume(volume) {
    if (!volume) return;
    volumes?.unregister(volume);
    core.volumeRelease(volume.id);
  }

  // Whatever a file is: a text table, a point cloud or mesh, or a volume (also gzip-compressed).
  // A volume fitted comes back with the result (`volume`); with keepVolume also when its fit
  // failed, so that another label, threshold or axis can be tried without reading it again.
  /**
   * @param {FileSource} source
   * @param {string} fileName
   * @param {import('./spherefit.js').FitOptions} [options]
   * @param {{ selection?: import('./spherefit.js').VolumeSelection, onProgress?: import('./spherefit.js').ProgressCallback, keepVolume?: boolean, dataFiles?: Map<string, FileSource> | null }} [settings]
   */
  async function fitFile(source, fileName, options = {}, { selection, onProgress, keepVolume = false, dataFiles = null } = {}) {
    let opened;
    try {
      opened = await open(source, fileName);
    } catch {
      return core.fitPointFile(source, options, fileName);  // the core says what it can't take
    }
    if (opened.kind === 'damaged') return core.volumeOpen(new Uint8Array(0), fileName, 0, opened.reason);
    const { kind, reader, head, size } = opened;
    if (kind === 'volume') {
      const read = await readVolumeFrom(reader, head, size, fileName, onProgress, dataFiles);
      if (!read.ok) return read;
      const result = core.volumeFit(read.volume.id, selection ?? {}, options);
      if (result.ok || keepVolume) result.volume = read.volume;
      else releaseVolume(read.volume);
      return result;
    }
    // A table or a point file: read whole (decompressed, when it came as .gz), up to the cap.
    const gzip = size < 0;
    if (size > MAX_WHOLE_FILE_BYTES) {
      await reader.cancel();
      return tooLarge(false, size);
    }
    let bytes;
    try {
      bytes = concat(head, await reader.head(MAX_WHOLE_FILE_BYTES - head.length + 1));
    } catch (err) {
      return core.volumeOpen(new Uint8Array(0), fileName, 0, errorMessage(err));
    }
    if (bytes.length > MAX_WHOLE_FILE_BYTES) {
      await reader.cancel();
      return tooLarge(gzip, -1);
    }
    if (kind === 'point-file') return core.fitPointFile(bytes, options, opened.name);
    return core.fitText(new TextDecoder().decode(bytes), options, opened.name);
  }

  return { readVolume, releaseVolume, fitFile, open };
}
