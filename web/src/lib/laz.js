// LAZ point clouds (LASzip-compressed LAS; plain LAS too) decoded with laz-perf — LASzip compiled
// to WebAssembly by Hobu (Apache-2.0; the decoder PDAL, Potree and loaders.gl use) — and handed to
// the fit as chunks of x, y, z (Float64Array), so that a cloud of 10⁸ points is never held as
// points twice: the file's bytes are copied once, piece by piece, into laz-perf's memory (from a
// Blob's stream, an async iterable of Uint8Array, or bytes already in memory), and each point is
// decoded into one record buffer, its X, Y, Z (signed 32-bit integers at the start of every point
// format, 0–10) scaled as the ASPRS LAS 1.4 specification says: x = X · x_scale + x_offset.
//
//   const opened = await openLaz(file);            // { ok, header, chunks(), close() } or { ok: false, error }
//   for await (const { x, y, z, start, count } of opened.chunks()) …;  // then opened.close()
//   const read = await readLaz(file, (chunk) => …); // the same with a callback: { ok, header, points }
//
// Errors are values with the core's codes and a byte offset where there is one: UnknownFormat (not
// LAS), TruncatedFile, InvalidFile (a damaged header or compressed data), UnsupportedFile. No DOM,
// no page: Node and workers alike.

const HEADER_MIN = 227;                 // LAS 1.0–1.2; 1.3 adds 8 bytes, 1.4 reaches 375
const RECORD_MIN = [20, 28, 26, 34, 57, 63, 30, 36, 38, 59, 67];
const DEFAULT_CHUNK = 1 << 16;

const fail = (code, message, offset) => ({ ok: false, error: offset === undefined ? { code, message } : { code, message, offset } });
const grouped = (n) => Math.round(n).toLocaleString('en-US');

function u64(view, at) {
  const value = view.getBigUint64(at, true);
  return value > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(value);
}

// Whether LASzip's VLR ("laszip encoded", record 22204) is among the header's VLRs.
function hasLaszipVlr(bytes, view, headerSize, vlrs, pointOffset) {
  let at = headerSize;
  for (let k = 0; k < vlrs && k < 1000; k++) {
    if (at + 54 > bytes.length || at + 54 > pointOffset) return false;
    const user = String.fromCharCode(...bytes.subarray(at + 2, at + 16));
    if (user === 'laszip encoded' && view.getUint16(at + 18, true) === 22204) return true;
    at += 54 + view.getUint16(at + 20, true);
  }
  return false;
}

// The public header block of a LAS or LAZ file from its first bytes (at least the header and its
// VLRs for `compressed` to see LASzip's VLR): { ok: true, header } or { ok: false, error }.
// header: { versionMajor, versionMinor, pointFormat (0–10), compressed, recordLength, pointCount,
// pointOffset, headerSize, scale: [x, y, z], offset: [x, y, z], min: [x, y, z], max: [x, y, z] }.
export function readLasHeader(head) {
  const bytes = head instanceof Uint8Array ? head : new Uint8Array(head);
  if (bytes.length < 4 || String.fromCharCode(...bytes.subarray(0, 4)) !== 'LASF') {
    return fail('UnknownFormat', 'The file is not LAS or LAZ: it does not begin with the signature "LASF".', 0);
  }
  if (bytes.length < HEADER_MIN) {
    return fail('TruncatedFile', `Byte ${grouped(bytes.length)}: the file ends inside its LAS header (${HEADER_MIN} bytes at least). It is cut short: download or export it again.`, bytes.length);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const versionMajor = bytes[24];
  const versionMinor = bytes[25];
  if (versionMajor !== 1 || versionMinor > 4) {
    return fail('UnsupportedFile', `Byte 24: the LAS version is ${versionMajor}.${versionMinor}; versions 1.0 to 1.4 are read.`, 24);
  }
  const headerSize = view.getUint16(94, true);
  const pointOffset = view.getUint32(96, true);
  const vlrs = view.getUint32(100, true);
  const formatByte = bytes[104];
  const pointFormat = formatByte & 0x3f;
  const recordLength = view.getUint16(105, true);
  if (headerSize < HEADER_MIN || pointOffset < headerSize) {
    return fail('InvalidFile', `Byte 94: the header size (${headerSize}) or the offset to the points (${grouped(pointOffset)}) is impossible. The header is damaged.`, 94);
  }
  if (pointFormat > 10) {
    return fail('UnsupportedFile', `Byte 104: the point data record format is ${pointFormat}; LAS defines 0 to 10.`, 104);
  }
  const compressed = (formatByte & 0x80) !== 0 || hasLaszipVlr(bytes, view, headerSize, vlrs, pointOffset);
  if (recordLength < RECORD_MIN[pointFormat]) {
    return fail('InvalidFile', `Byte 105: a point record of format ${pointFormat} takes ${RECORD_MIN[pointFormat]} bytes or more; the header says ${recordLength}. The header is damaged.`, 105);
  }
  let pointCount = view.getUint32(107, true);
  if (versionMinor >= 4 && headerSize >= 375 && bytes.length >= 255) {
    const extended = u64(view, 247);
    if (extended !== 0 || pointCount === 0) pointCount = extended;
  }
  const scale = [0, 1, 2].map((a) => view.getFloat64(131 + 8 * a, true));
  const offset = [0, 1, 2].map((a) => view.getFloat64(155 + 8 * a, true));
  const max = [0, 1, 2].map((a) => view.getFloat64(179 + 16 * a, true));
  const min = [0, 1, 2].map((a) => view.getFloat64(187 + 16 * a, true));
  for (let a = 0; a < 3; a++) {
    if (!Number.isFinite(scale[a]) || scale[a] === 0 || Math.abs(scale[a]) > 1e200) {
      return fail('InvalidFile', `Byte ${131 + 8 * a}: the ${'xyz'[a]} scale factor is ${scale[a]}; it must be a finite, non-zero number. The header is damaged.`, 131 + 8 * a);
    }
    if (!Number.isFinite(offset[a]) || Math.abs(offset[a]) > 1e200) {
      return fail('InvalidFile', `Byte ${155 + 8 * a}: the ${'xyz'[a]} offset is ${offset[a]}; it must be a finite number. The header is damaged.`, 155 + 8 * a);
    }
  }
  return {
    ok: true,
    header: { versionMajor, versionMinor, pointFormat, compressed, recordLength, pointCount, pointOffset, headerSize, scale, offset, min, max },
  };
}

// The size and a way to read the bytes of any source: Uint8Array, ArrayBuffer, Blob/File, or
// { size, stream } with stream an async iterable of Uint8Array (a Node file stream).
function sourceOf(source, size) {
  if (source instanceof ArrayBuffer) source = new Uint8Array(source);
  if (source instanceof Uint8Array) {
    return { size: source.length, async head(n) { return source.subarray(0, n); }, async *pieces() { yield source; } };
  }
  if (source && typeof source.stream === 'function' && typeof source.slice === 'function' && typeof source.size === 'number') {
    return {
      size: source.size,
      async head(n) { return new Uint8Array(await source.slice(0, n).arrayBuffer()); },
      async *pieces() {
        const reader = source.stream().getReader();
        try {
          for (;;) {
            const { value, done } = await reader.read();
            if (done) return;
            yield value;
          }
        } finally {
          reader.releaseLock();
        }
      },
    };
  }
  if (source && source.stream && Symbol.asyncIterator in source.stream && Number.isFinite(source.size ?? size)) {
    let taken = false;
    let buffered = [];
    const iterator = source.stream[Symbol.asyncIterator]();
    return {
      size: source.size ?? size,
      async head(n) {
        // The head is read from the stream and kept for pieces().
        let have = buffered.reduce((s, b) => s + b.length, 0);
        while (have < n) {
          const { value, done } = await iterator.next();
          if (done) break;
          const piece = value instanceof Uint8Array ? value : new Uint8Array(value);
          buffered.push(piece);
          have += piece.length;
        }
        const out = new Uint8Array(Math.min(n, have));
        let at = 0;
        for (const b of buffered) {
          if (at >= out.length) break;
          out.set(b.subarray(0, out.length - at), at);
          at += Math.min(b.length, out.length - at);
        }
        return out;
      },
      async *pieces() {
        if (taken) throw new Error('the stream was read already');
        taken = true;
        yield* buffered;
        buffered = [];
        for (;;) {
          const { value, done } = await iterator.next();
          if (done) return;
          yield value instanceof Uint8Array ? value : new Uint8Array(value);
        }
      },
    };
  }
  return null;
}

let defaultLazPerf = null;
async function loadLazPerf(options) {
  if (options.lazPerf) return options.lazPerf;
  if (options.createLazPerf) return options.createLazPerf(options.moduleOptions ?? {});
  if (!defaultLazPerf) {
    defaultLazPerf = import('laz-perf').then((m) => {
      const create = m.createLazPerf ?? m.default?.createLazPerf;
      if (typeof create !== 'function') throw new Error('laz-perf has no createLazPerf');
      return create(options.moduleOptions ?? {});
    });
  }
  return defaultLazPerf;
}

const reason = (err) => (typeof err === 'number' ? `laz-perf stopped (exception ${err})` : String(err?.message ?? err));

// Opens a LAS or LAZ file for chunked decoding. options: chunkSize (points per chunk, default
// 65,536), size (the source's size when it is a bare async iterable), lazPerf (a laz-perf module
// already created), createLazPerf and moduleOptions (its factory and e.g. { locateFile } for the
// browser, where the .wasm must be found). Resolves { ok: true, header, chunks, close } — chunks()
// an async generator of { x, y, z, start, count }, each chunk's arrays new (the receiver may keep
// them) — or { ok: false, error }. close() frees laz-perf's copy of the file; chunks() does when
// it ends.
export async function openLaz(source, options = {}) {
  const input = sourceOf(source, options.size);
  if (!input) return fail('InvalidOption', 'The LAZ source must be bytes, a Blob or File, or { size, stream }.');
  const chunkSize = Math.max(1, Math.floor(options.chunkSize ?? DEFAULT_CHUNK));
  let head;
  try {
    head = await input.head(Math.min(input.size, 64 * 1024));
  } catch (err) {
    return fail('InvalidFile', `The file could not be read: ${reason(err)}.`);
  }
  const read = readLasHeader(head);
  if (!read.ok) return read;
  const { header } = read;
  const size = input.size;
  if (header.pointOffset > size) {
    return fail('TruncatedFile', `Byte ${grouped(size)}: the file ends before its points, which the header puts at byte ${grouped(header.pointOffset)}. It is cut short.`, size);
  }
  if (!header.compressed) {
    const room = Math.floor((size - header.pointOffset) / header.recordLength);
    if (room < header.pointCount) {
      const at = header.pointOffset + room * header.recordLength;
      return fail('TruncatedFile', `Byte ${grouped(at)}, point ${grouped(room)}: the file ends here; it holds ${grouped(room)} of the ${grouped(header.pointCount)} points the header announces. It is cut short, or its header is wrong.`, at);
    }
  } else if (header.pointOffset + 8 <= head.length) {
    // LASzip keeps its chunk table at the end; the 64-bit offset to it starts the point data.
    const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
    const table = view.getBigInt64(header.pointOffset, true);
    if (table !== -1n && (table < BigInt(header.pointOffset) || table > BigInt(size))) {
      return fail('TruncatedFile', `Byte ${grouped(header.pointOffset)}: the LAZ chunk table should be at byte ${table}, beyond the file's ${grouped(size)} bytes. The file is cut short.`, header.pointOffset);
    }
  }

  let L;
  try {
    L = await loadLazPerf(options);
  } catch (err) {
    return fail('UnsupportedFile', `The LAZ decoder (laz-perf) could not be loaded: ${reason(err)}.`);
  }
  const filePtr = L._malloc(size);
  if (!filePtr) return fail('UnsupportedFile', `The file's ${grouped(size)} bytes do not fit in the LAZ decoder's memory.`);
  let copied = 0;
  try {
    for await (const piece of input.pieces()) {
      const n = Math.min(piece.length, size - copied);
      L.HEAPU8.set(piece.subarray(0, n), filePtr + copied);  // HEAPU8 afresh: memory may have grown
      copied += n;
      if (copied >= size) break;
    }
  } catch (err) {
    L._free(filePtr);
    return fail('InvalidFile', `The file could not be read after ${grouped(copied)} bytes: ${reason(err)}.`, copied);
  }
  if (copied < size) {
    L._free(filePtr);
    return fail('TruncatedFile', `Byte ${grouped(copied)}: the file ended before its ${grouped(size)} bytes arrived.`, copied);
  }
  const reader = new L.LASZip();
  let recordPtr = 0;
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    try { reader.delete(); } catch { /* already gone */ }
    if (recordPtr) L._free(recordPtr);
    L._free(filePtr);
  };
  try {
    reader.open(filePtr, size);
  } catch (err) {
    close();
    return fail('InvalidFile', `Byte ${grouped(header.pointOffset)}: the ${header.compressed ? 'compressed ' : ''}point data cannot be opened (${reason(err)}). The file is damaged, or its LASzip variant is not supported; decompress it to .las (laszip, PDAL or CloudCompare) and open that.`, header.pointOffset);
  }
  const count = Math.min(header.pointCount, reader.getCount());
  const recordLength = reader.getPointLength();
  recordPtr = L._malloc(Math.max(recordLength, 12));
  const [sx, sy, sz] = header.scale;
  const [ox, oy, oz] = header.offset;

  async function* chunks() {
    try {
      for (let start = 0; start < count; start += chunkSize) {
        const n = Math.min(chunkSize, count - start);
        const x = new Float64Array(n), y = new Float64Array(n), z = new Float64Array(n);
        const at = recordPtr >> 2;  // malloc'd: 8-aligned
        let ints = new Int32Array(L.HEAPU8.buffer);
        for (let i = 0; i < n; i++) {
          try {
            reader.getPoint(recordPtr);
          } catch (err) {
            throw Object.assign(new Error(`point ${grouped(start + i)}: ${reason(err)}`), { point: start + i });
          }
          if (ints.buffer !== L.HEAPU8.buffer) ints = new Int32Array(L.HEAPU8.buffer);  // memory grew
          x[i] = ints[at] * sx + ox;
          y[i] = ints[at + 1] * sy + oy;
          z[i] = ints[at + 2] * sz + oz;
        }
        yield { x, y, z, start, count: n };
      }
    } finally {
      close();
    }
  }
  return { ok: true, header: { ...header, pointCount: count }, chunks, close };
}

// Decodes the whole file, calling onChunk({ x, y, z, start, count }) for each chunk (awaited when
// it returns a promise). Resolves { ok: true, header, points } or { ok: false, error } (a decoding
// failure after some chunks names the point it stopped at).
export async function readLaz(source, onChunk, options = {}) {
  const opened = await openLaz(source, options);
  if (!opened.ok) return opened;
  let points = 0;
  try {
    for await (const chunk of opened.chunks()) {
      await onChunk?.(chunk);
      points += chunk.count;
    }
  } catch (caught) {
    opened.close();
    const err = /** @type {{ message?: string, point?: number }} */ (caught);
    return {
      ok: false,
      error: { code: 'InvalidFile', message: `The compressed points are damaged at ${err.message ?? err}; ${grouped(points)} points were decoded before it. Save the cloud again.`, point: err.point ?? points },
    };
  }
  return { ok: true, header: opened.header, points };
}
