// The solver's JavaScript API: the same module in a page, a Web Worker, a bundler and Node ≥ 20.
//
//   const sf = await loadSphereFit();
//   sf.parse(text, options)             → { ok: true, mode: 'circles', slices, warnings }
//                                         | { ok: true, mode: 'points', points, warnings } | { ok: false, error }
//   sf.fit(slices, options)             → result | { ok: false, error }
//   sf.fitPoints(points, options)       → result for points { x, y, z, slice? } (slice ids: integers or
//                                         text; with them the points are slice contours)
//   sf.fitText(text, options, fileName?) → read + fit (the result also carries the `slices` or
//                                         `points` read, with the line of each); an error names its line
//   sf.fitPointFile(bytes, fileName, options) → a PLY, STL or OBJ file's vertices fitted as points
//   await sf.readVolume(source, fileName, { onProgress? }) → { ok: true, volume } | { ok: false, error }
//   sf.fitVolume(volume, { label } | { threshold } | {}, options) → result with the derived slices
//   sf.previewSlice(volume, axis, index) → one slice as 8-bit grey with its contour and the circle
//   sf.releaseVolume(volume)             → frees its voxels (else they go when the volume is collected)
//   await sf.fitFile(source, fileName, options, { selection?, onProgress? }) → whatever the file is
//   sf.vocabulary                        → the names the core accepts and returns
//   sf.version
// source: a File or Blob, a Uint8Array or an ArrayBuffer. options: { weights, mode, fitType, robust,
// radius, minRadius, maxRadius, units, maxIterations }.
//
// Thin on purpose: the core (wasm/bindings.cpp) checks every column and option and owns every
// message and code; this file only moves bytes. Bad data never throws: it comes back as
// { ok: false, error: { code, message, line?, column?, offset?, slice?, point?, notes? } }.
import createSphereFitCore from '../wasm/spherefit-core.js';
import { ChunkReader, streamOf, sizeOf, gunzip } from './byte-stream.js';

const isNode = () => typeof process !== 'undefined' && Boolean(process.versions?.node);
const HEAD_BYTES = 1 << 20;  // the core's kVolumeHeadBytes: enough for any header
const SNIFF_BYTES = 64 * 1024;

async function wasmArguments(overrides) {
  if (overrides.wasmBinary) return { wasmBinary: overrides.wasmBinary };
  const url = new URL('../wasm/spherefit-core.wasm', import.meta.url);
  if (isNode()) {
    // Emscripten's ES module mistakes Node for a browser; hand it the bytes instead.
    const { readFile } = await import('node:fs/promises');
    return { wasmBinary: await readFile(url) };
  }
  return { locateFile: () => url.href };
}

function deepFreeze(value) {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

const errorMessage = (err) => String(err?.message ?? err);

function concat(a, b) {
  if (!b.length) return a;
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

export async function loadSphereFit(overrides = {}) {
  const core = await createSphereFitCore(await wasmArguments(overrides));
  // Volumes hold voxels in wasm memory; a volume object the program drops frees them too.
  const volumes = typeof FinalizationRegistry === 'undefined' ? null : new FinalizationRegistry((id) => core.volumeRelease(id));

  // The voxels from a reader positioned at the stream the header came from (see the core's
  // VolumeInfo): the head's bytes past dataOffset first, then the rest of the stream.
  async function loadVoxels(open, reader, head, onProgress) {
    let source = reader;
    if (open.dataGzip) {
      // NRRD with gzip encoding: the compressed part starts at dataOffset of the raw file.
      reader.unread(head.subarray(Math.min(open.dataOffset, head.length)));
      source = new ChunkReader(gunzip(reader.rest()));
      if (open.dataSkip) await source.skip(open.dataSkip);
    } else {
      const start = Math.min(open.dataOffset, head.length);
      reader.unread(head.subarray(start));
      if (open.dataOffset > head.length) await reader.skip(open.dataOffset - head.length);
    }
    const total = open.dataBytes;
    try {
      const received = await source.fill(open.voxels, (n) => onProgress?.(n, total));
      await source.cancel();
      return core.volumeFinish(open.id, received, undefined);
    } catch (err) {
      await source.cancel();
      return core.volumeFinish(open.id, source.consumed, errorMessage(err));
    }
  }

  // A volume from a reader at the start of its stream (decompressed when the whole file is gzip):
  // `head` is what was read of it already, `size` the stream's size or −1.
  async function readVolumeFrom(reader, head, size, fileName, onProgress) {
    if (head.length < HEAD_BYTES) {
      try {
        const more = await reader.head(HEAD_BYTES - head.length);
        if (more.length) head = concat(head, more);
      } catch (err) {
        return core.volumeOpen(new Uint8Array(0), fileName, 0, errorMessage(err));
      }
    }
    const open = core.volumeOpen(head, fileName, head.length < HEAD_BYTES ? head.length : size, undefined);
    if (!open.ok) {
      await reader.cancel();
      return open;
    }
    const finished = await loadVoxels(open, reader, head, onProgress);
    if (!finished.ok) return finished;
    const volume = finished.volume;
    volumes?.register(volume, volume.id, volume);
    return { ok: true, volume: deepFreeze(volume) };
  }

  // What a source is, read once: { kind, reader, head, size, name } with the reader past `head`
  // in the stream that kind is read from (decompressed when the file is gzip).
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
  async function fitFile(source, fileName, options = {}, { selection, onProgress } = {}) {
    let opened;
    try {
      opened = await open(source, fileName);
    } catch {
      return core.fitPointFile(source, options, fileName);  // the core says what it can't take
    }
    if (opened.kind === 'damaged') return core.volumeOpen(new Uint8Array(0), fileName, 0, opened.reason);
    const { kind, reader, head, size } = opened;
    if (kind === 'volume') {
      const read = await readVolumeFrom(reader, head, size, fileName, onProgress);
      if (!read.ok) return read;
      const result = core.volumeFit(read.volume.id, selection ?? {}, options);
      if (result.ok) result.volume = read.volume;
      else releaseVolume(read.volume);
      return result;
    }
    // A table or a point file: read whole (decompressed, when it came as .gz).
    let bytes;
    try {
      bytes = concat(head, new Uint8Array(await new Response(reader.rest()).arrayBuffer()));
    } catch (err) {
      return core.volumeOpen(new Uint8Array(0), fileName, 0, errorMessage(err));
    }
    if (kind === 'point-file') return core.fitPointFile(bytes, options, opened.name);
    return core.fitText(new TextDecoder().decode(bytes), options, opened.name);
  }

  return Object.freeze({
    parse: (text, options = {}) => core.parse(text, options),
    fit: (slices, options = {}) => core.fitColumns(slices, options),
    fitPoints: (points, options = {}) => core.fitPoints(points, options),
    fitText: (text, options = {}, fileName = undefined) => core.fitText(text, options, fileName),
    fitPointFile: (bytes, fileName, options = {}) => core.fitPointFile(bytes, options, fileName),
    readVolume,
    fitVolume: (volume, selection = {}, options = {}) => core.volumeFit(volume?.id ?? -1, selection, options),
    previewSlice: (volume, axis, index) => core.volumePreview(volume?.id ?? -1, axis, index),
    releaseVolume,
    fitFile,
    sniff: (head, fileName) => core.sniff(head, fileName),
    vocabulary: deepFreeze(core.vocabulary()),
    version: core.version(),
  });
}
