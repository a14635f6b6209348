// One DICOM file's data set, with dicom-parser: a Part 10 file (128-byte preamble, "DICM", the
// meta group in explicit VR little endian; PS3.10 §7.1), a meta group without the preamble, or an
// old raw data set (no meta: implicit or explicit VR little endian, told apart by whether bytes
// 4–5 spell a VR). Deflated explicit VR little endian (PS3.5 §A.5) is inflated with the platform's
// DecompressionStream('deflate-raw'). Also the file sources: bytes in memory, or a reader of byte
// ranges (a File/Blob or a callback), so a scan can read each header and let the bytes go.

import { loadCodec } from './codecs.js';
import { failure, grouped, tagLabel, thrownText } from './problems.js';
import { transferSyntax } from './transfer-syntax.js';

/** Caps against hostile input. */
export const LIMITS = {
  maxFileBytes: 2 ** 31 - 1,      // a File of more is refused (a 2 GiB DICOM file is no CT slice)
  maxInflatedBytes: 1 << 30,      // deflated data set
  maxFrames: 100000,
  maxPixels: 1 << 28,             // rows × columns × frames × samples
  maxSequenceItems: 1000000,
  headBytes: 256 * 1024,          // first read of a lazy source
};

/**
 * A file handed to the reader.
 * @typedef {{ name: string, bytes: Uint8Array }
 *   | { name: string, size?: number, read: (start: number, end: number) => Promise<Uint8Array> | Uint8Array }
 *   | (Blob & { name: string })} DicomFileInput
 */
/**
 * The reader's view of a file: its name, size and a way to read a range of bytes.
 * @typedef {{ name: string, size: number, bytes: Uint8Array | null, read: (start: number, end: number) => Promise<Uint8Array> }} FileSource
 */

/**
 * @param {DicomFileInput} input
 * @returns {FileSource | null}
 */
export function fileSource(input) {
  if (!input || typeof input !== 'object') return null;
  const name = typeof input.name === 'string' ? input.name : String(input.name ?? 'unnamed');
  if ('bytes' in input && input.bytes instanceof Uint8Array) {
    const bytes = input.bytes;
    return { name, size: bytes.length, bytes, read: async (s, e) => bytes.subarray(s, e) };
  }
  if ('read' in input && typeof input.read === 'function') {
    const read = input.read.bind(input);
    const size = Number.isFinite(input.size) ? Number(input.size) : Infinity;
    return { name, size, bytes: null, read: async (s, e) => new Uint8Array(await read(s, Math.min(e, size))) };
  }
  if (typeof Blob !== 'undefined' && input instanceof Blob) {
    const blob = input;
    return { name, size: blob.size, bytes: null, read: async (s, e) => new Uint8Array(await blob.slice(s, e).arrayBuffer()) };
  }
  return null;
}

/** Reads a whole file (its bytes if held). */
export async function readWhole(source) {
  if (source.bytes) return source.bytes;
  if (source.size > LIMITS.maxFileBytes) throw new RangeError(`the file is ${grouped(source.size)} bytes, more than the reader takes`);
  return source.read(0, Number.isFinite(source.size) ? source.size : LIMITS.maxFileBytes);
}

const VRS = new Set('AE AS AT CS DA DS DT FL FD IS LO LT OB OD OF OL OV OW PN SH SL SQ SS ST SV TM UC UI UL UN UR US UT UV'.split(' '));
const isVr = (b, i) => b.length >= i + 2 && VRS.has(String.fromCharCode(b[i], b[i + 1]));
const u16 = (b, i) => b[i] | (b[i + 1] << 8);

/**
 * What kind of file the first bytes show.
 * @param {Uint8Array} b
 * @returns {'part10' | 'metaNoPreamble' | 'raw' | null}
 */
export function sniff(b) {
  if (b.length >= 132 && b[128] === 0x44 && b[129] === 0x49 && b[130] === 0x43 && b[131] === 0x4d) return 'part10';
  if (b.length < 8) return null;
  const group = u16(b, 0);
  if (group === 0x0002 && isVr(b, 4)) return 'metaNoPreamble';
  // A raw data set starts with a low group (0008 in practice); its first element's VR (explicit)
  // or its length (implicit) must be sane.
  if (group === 0x0008) {
    if (isVr(b, 4)) return 'raw';
    const len = b[4] | (b[5] << 8) | (b[6] << 16) | (b[7] << 24);
    if (len >= 0 && len < 1024) return 'raw';
  }
  return null;
}

/**
 * A parsed data set and how its file is encoded.
 * @typedef {object} Parsed
 * @property {any} dataSet        dicom-parser's DataSet (offsets into `buffer`)
 * @property {Uint8Array} buffer  the bytes the offsets refer to (the inflated ones when deflated)
 * @property {import('./transfer-syntax.js').TransferSyntax} ts
 * @property {string} kind        part10 | metaNoPreamble | raw
 * @property {number} shift       bytes added before the file's own (metaNoPreamble: 132), so a file offset is offset − shift
 */

/**
 * Parses a file's data set, up to the Pixel Data element when `untilPixelData`.
 * @param {Uint8Array} bytes
 * @param {string} name
 * @param {{ untilPixelData?: boolean, vrCallback?: (tag: string) => string | undefined }} [options]
 * @returns {Promise<{ ok: true, value: Parsed } | import('./problems.js').DicomFailure>}
 */
export async function parseFile(bytes, name, options = {}) {
  const kind = sniff(bytes);
  if (!kind) return failure('InvalidFile', name, `${name} is not a DICOM file (no "DICM" at byte 128 and no data set at its start).`);
  let dp;
  try {
    dp = await loadCodec('dicomParser');
  } catch (e) {
    return failure('CodecFailed', name, `The DICOM parser could not be loaded (${thrownText(e)}).`);
  }
  let buffer = bytes;
  let shift = 0;
  if (kind === 'metaNoPreamble') {
    buffer = new Uint8Array(bytes.length + 132);
    buffer.set([0x44, 0x49, 0x43, 0x4d], 128);
    buffer.set(bytes, 132);
    shift = 132;
  }
  let uid;
  let start = 0;
  if (kind === 'raw') {
    uid = isVr(bytes, 4) ? '1.2.840.10008.1.2.1' : '1.2.840.10008.1.2';
  } else {
    let meta;
    try {
      meta = dp.readPart10Header(buffer);
    } catch (e) {
      return failure('InvalidFile', name, `${name}: the file meta information cannot be read (${thrownText(e)}).`);
    }
    const el = meta.elements.x00020010;
    const declared = meta.elements.x00020000 ? meta.uint32('x00020000') : undefined;
    if (!el && (meta.position >= buffer.length || (declared !== undefined && 144 + declared > buffer.length))) {
      return failure('TruncatedFile', name, `${name} is cut short inside its meta group (at byte ${grouped(bytes.length)}).`, { offset: bytes.length });
    }
    if (!el) return failure('MissingTag', name, `${name} has no transfer syntax in its meta group: it is not a valid DICOM file.`, { tag: 'x00020010' });
    if (el.dataOffset + el.length > buffer.length) return failure('TruncatedFile', name, `${name} ends inside its meta group.`, { offset: buffer.length - shift });
    uid = meta.string('x00020010') ?? '';
    start = meta.position;
  }
  const ts = transferSyntax(uid);
  let parser = ts.littleEndian ? dp.littleEndianByteArrayParser : dp.bigEndianByteArrayParser;
  if (ts.deflated) {
    const inflated = await inflateRaw(buffer.subarray(start));
    if (!inflated.ok) return failure('InvalidFile', name, `${name}: the deflated data set cannot be inflated (${inflated.message}).`, { offset: start - shift });
    buffer = inflated.bytes;
    start = 0;
    shift = 0;
    parser = dp.littleEndianByteArrayParser;
  }
  if (start >= buffer.length) {
    return failure('TruncatedFile', name, `${name} is cut short: it ends after its meta group, before the data set (byte ${grouped(bytes.length)}).`, { offset: bytes.length });
  }
  const dataSet = new dp.DataSet(parser, buffer, {});
  dataSet.warnings = [];
  const stream = new dp.ByteStream(parser, buffer, start);
  const opts = { untilTag: options.untilPixelData ? 'x7fe00010' : undefined, vrCallback: options.vrCallback };
  try {
    if (ts.explicit) dp.parseDicomDataSetExplicit(dataSet, stream, buffer.length, opts);
    else dp.parseDicomDataSetImplicit(dataSet, stream, buffer.length, opts);
  } catch (e) {
    const text = thrownText(e);
    const at = stream.position - shift;
    if (/overread|overrun|past end|eof|end of|beyond/i.test(text)) {
      return failure('TruncatedFile', name, `${name} is cut short: the data set ends inside an element near byte ${grouped(Math.min(at, bytes.length))} (${text}).`, { offset: Math.min(at, bytes.length) });
    }
    return failure('InvalidFile', name, `${name} is not a readable DICOM data set near byte ${grouped(at)} (${text}).`, { offset: at });
  }
  return { ok: true, value: { dataSet, buffer, ts, kind, shift } };
}

/**
 * Checks that an element lies inside the buffer (dicom-parser seeks past a short file's last
 * element without complaint).
 * @returns {import('./problems.js').DicomFailure | null}
 */
export function checkInside(parsed, element, name) {
  if (!element) return null;
  if (element.hadUndefinedLength && element.tag === 'x7fe00010') return null;
  const end = element.dataOffset + element.length;
  if (element.length !== 0xffffffff && end > parsed.buffer.length) {
    const have = parsed.buffer.length - parsed.shift;
    return failure('TruncatedFile', name,
      `${name} is cut short: ${tagLabel(element.tag)} at byte ${grouped(element.dataOffset - parsed.shift)} needs ${grouped(element.length)} bytes, the file ends at byte ${grouped(have)}.`,
      { offset: element.dataOffset - parsed.shift, tag: element.tag });
  }
  return null;
}

/**
 * Inflates raw deflate data (RFC 1951) with DecompressionStream; at most LIMITS.maxInflatedBytes.
 * @param {Uint8Array} data
 * @returns {Promise<{ ok: true, bytes: Uint8Array } | { ok: false, message: string }>}
 */
export async function inflateRaw(data) {
  if (typeof DecompressionStream === 'undefined') return { ok: false, message: 'this platform has no DecompressionStream' };
  try {
    const ds = new DecompressionStream('deflate-raw');
    const writer = ds.writable.getWriter();
    // Hostile input may be rejected by the writer before the reader sees it: swallow both.
    // A file's bytes are never shared memory (a SharedArrayBuffer), which the stream refuses.
    writer.write(/** @type {Uint8Array<ArrayBuffer>} */ (data)).catch(() => {});
    writer.close().catch(() => {});
    const reader = ds.readable.getReader();
    const chunks = [];
    let total = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      if (total > LIMITS.maxInflatedBytes) {
        reader.cancel().catch(() => {});
        return { ok: false, message: `more than ${grouped(LIMITS.maxInflatedBytes)} bytes inflated` };
      }
      chunks.push(value);
    }
    const out = new Uint8Array(total);
    let at = 0;
    for (const c of chunks) { out.set(c, at); at += c.length; }
    return { ok: true, bytes: out };
  } catch (e) {
    return { ok: false, message: thrownText(e) };
  }
}

// Value access: dicom-parser's getters, with the multi-valued strings split and numbers checked.

/** A string value (trailing spaces and NULs cut), or undefined. */
export function str(ds, tag) {
  const el = ds.elements[tag];
  if (!el || el.length === 0) return undefined;
  if (el.dataOffset + el.length > ds.byteArray.length) return undefined;
  try {
    const s = ds.string(tag);
    return s === undefined ? undefined : s.replace(/[\0 ]+$/, '').trim();
  } catch {
    return undefined;
  }
}

/** Numbers of a DS/IS (backslash-separated) value; NaN where a value is not a number. */
export function numbers(ds, tag) {
  const s = str(ds, tag);
  if (s === undefined || s === '') return undefined;
  return s.split('\\').map((v) => (v.trim() === '' ? NaN : Number(v.trim())));
}

/** A US value (binary, any VR rendering), or undefined. */
export function us(ds, tag) {
  const el = ds.elements[tag];
  if (!el || el.length < 2 || el.dataOffset + 2 > ds.byteArray.length) return undefined;
  try {
    return ds.uint16(tag);
  } catch {
    return undefined;
  }
}

/** An IS value or a binary integer (some writers store NumberOfFrames oddly). */
export function int(ds, tag) {
  const n = numbers(ds, tag);
  return n && Number.isInteger(n[0]) ? n[0] : undefined;
}

/** The first item's data set of a sequence, or undefined. */
export const item = (ds, tag, i = 0) => ds?.elements?.[tag]?.items?.[i]?.dataSet;
