// One frame's stored pixel values from a parsed file (PS3.5 §8): native pixel data (little or big
// endian, 1-bit packed across frames as SEG writes it), RLE Lossless (PS3.5 Annex G, decoded here:
// no maintained stand-alone decoder exists), or an encapsulated frame (PS3.5 §A.4: fragments, an
// optional Basic Offset Table) handed to its codec. The values come back as a typed array of
// stored values (the bits above BitsStored cleared, or sign-extended when PixelRepresentation
// is 1); RescaleSlope/Intercept are applied by the caller, per slice.

import { forgetCodec, loadCodec } from './codecs.js';
import { failure, grouped, thrownText } from './problems.js';

/**
 * @typedef {Int8Array | Uint8Array | Int16Array | Uint16Array | Int32Array | Uint32Array} StoredArray
 */

/** The typed array type for a pixel format. */
function arrayFor(format, n) {
  const { bitsAllocated: ba, signed } = format;
  if (ba <= 8) return signed && ba === 8 ? new Int8Array(n) : new Uint8Array(n);
  if (ba === 16) return signed ? new Int16Array(n) : new Uint16Array(n);
  return signed ? new Int32Array(n) : new Uint32Array(n);
}

/** Keeps the BitsStored bits below HighBit + 1 (shifted down) and sign-extends them. */
export function maskStored(values, format) {
  const { bitsAllocated: ba, bitsStored: bs, highBit: hb, signed } = format;
  if (ba === 1 || (bs === ba && hb === ba - 1)) return values;
  const shift = hb + 1 - bs;
  const mask = bs >= 32 ? 0xffffffff : (1 << bs) - 1;
  const top = 32 - bs;
  for (let i = 0; i < values.length; i++) {
    let v = (values[i] >>> shift) & mask;
    if (signed) v = (v << top) >> top;
    values[i] = v;
  }
  return values;
}

/**
 * Native pixel data of frame `f`.
 * @returns {{ ok: true, values: StoredArray } | import('./problems.js').DicomFailure}
 */
function nativeFrame(data, format, f, littleEndian, file, offset, vr) {
  const n = format.rows * format.columns;
  if (format.bitsAllocated === 1) {
    const first = f * n;
    const need = Math.ceil((first + n) / 8);
    if (data.length < need) return truncated(file, offset, need, data.length);
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const bit = first + i;
      out[i] = (data[bit >> 3] >> (bit & 7)) & 1;
    }
    return { ok: true, values: out };
  }
  const size = format.bitsAllocated / 8;
  const frameBytes = n * size;
  const start = f * frameBytes;
  if (data.length < start + frameBytes) return truncated(file, offset, start + frameBytes, data.length);
  const src = data.subarray(start, start + frameBytes);
  const out = arrayFor(format, n);
  const view = new DataView(src.buffer, src.byteOffset, src.byteLength);
  if (size === 1) {
    // Big endian OW holds 8-bit pixels in swapped pairs (PS3.5 §8.1.1).
    if (!littleEndian && vr === 'OW') for (let i = 0; i < n; i++) out[i] = src[i ^ 1];
    else new Uint8Array(out.buffer).set(src);
  } else if (size === 2) {
    for (let i = 0; i < n; i++) out[i] = format.signed ? view.getInt16(2 * i, littleEndian) : view.getUint16(2 * i, littleEndian);
  } else {
    for (let i = 0; i < n; i++) out[i] = format.signed ? view.getInt32(4 * i, littleEndian) : view.getUint32(4 * i, littleEndian);
  }
  return { ok: true, values: maskStored(out, format) };
}

const truncated = (file, offset, need, have) => failure('TruncatedFile', file,
  `${file} is cut short: its pixel data hold ${grouped(have)} bytes, the image needs ${grouped(need)}.`,
  { offset, tag: 'x7fe00010' });

/**
 * RLE Lossless (PS3.5 Annex G): a 64-byte header of segment offsets, each segment one byte plane
 * (most significant first) in PackBits runs.
 */
/**
 * @returns {{ ok: true, values: StoredArray } | import('./problems.js').DicomFailure}
 */
function rleFrame(frame, format, file, offset) {
  const n = format.rows * format.columns;
  const bytesPer = Math.ceil(format.bitsAllocated / 8);
  if (format.bitsAllocated === 1) return failure('UnsupportedFile', file, `${file}: RLE with 1 bit per pixel is not read.`, { offset });
  if (frame.length < 64) return failure('InvalidFile', file, `${file}: the RLE frame is ${frame.length} bytes, shorter than its 64-byte header.`, { offset });
  const dv = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  const segments = dv.getUint32(0, true);
  if (segments !== bytesPer * format.samplesPerPixel) {
    return failure('InvalidFile', file, `${file}: the RLE header names ${segments} segments; ${format.bitsAllocated}-bit pixels need ${bytesPer * format.samplesPerPixel}.`, { offset });
  }
  const offsets = [];
  for (let s = 0; s < segments; s++) offsets.push(dv.getUint32(4 + 4 * s, true));
  offsets.push(frame.length);
  const planes = new Uint8Array(n * segments);
  for (let s = 0; s < segments; s++) {
    let i = offsets[s];
    const end = offsets[s + 1];
    if (i < 64 || end > frame.length || end < i) return failure('InvalidFile', file, `${file}: RLE segment ${s + 1} has offsets ${offsets[s]}–${end} outside its ${frame.length}-byte frame.`, { offset: offset + 4 + 4 * s });
    let o = s * n;
    const stop = o + n;
    while (i < end && o < stop) {
      const h = frame[i++];
      if (h < 128) {        // literal run of h + 1 bytes
        const len = Math.min(h + 1, stop - o, end - i);
        planes.set(frame.subarray(i, i + len), o);
        i += h + 1;
        o += len;
      } else if (h > 128) { // a byte repeated 257 − h times
        if (i >= end) break;
        const len = Math.min(257 - h, stop - o);
        planes.fill(frame[i++], o, o + len);
        o += len;
      }                     // 128: no operation
    }
    if (o < stop) return failure('InvalidFile', file, `${file}: RLE segment ${s + 1} decodes to ${grouped(o - s * n)} bytes, the image needs ${grouped(n)}.`, { offset });
  }
  const out = arrayFor(format, n);
  for (let p = 0; p < n; p++) {
    let v = 0;
    for (let b = 0; b < bytesPer; b++) v = v * 256 + planes[b * n + p];
    out[p] = v;
  }
  return { ok: true, values: maskStored(out, format) };
}

/** Width and height the code stream says it holds (JPEG SOFn, JPEG-LS SOF55, J2K SIZ), or null. */
export function codestreamSize(b) {
  if (b.length < 4) return null;
  if (b[0] === 0xff && b[1] === 0x4f && b[2] === 0xff && b[3] === 0x51) { // SOC, SIZ (ISO 15444-1 A.5.1)
    if (b.length < 24) return null;
    const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
    return { width: dv.getUint32(8) - dv.getUint32(16), height: dv.getUint32(12) - dv.getUint32(20) };
  }
  if (b[0] !== 0xff || b[1] !== 0xd8) return null;
  let i = 2;
  while (i + 4 <= b.length) {
    if (b[i] !== 0xff) { i++; continue; }
    const m = b[i + 1];
    if (m === 0xff) { i++; continue; }
    if (m === 0xd8 || m === 0x01 || (m >= 0xd0 && m <= 0xd7)) { i += 2; continue; }
    const len = (b[i + 2] << 8) | b[i + 3];
    if ((m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc) || m === 0xf7) {
      if (i + 9 > b.length) return null;
      return { height: (b[i + 5] << 8) | b[i + 6], width: (b[i + 7] << 8) | b[i + 8], precision: b[i + 4], components: b[i + 9] };
    }
    if (m === 0xda) return null;
    i += 2 + len;
  }
  return null;
}

/**
 * Decodes one compressed frame with its codec.
 * @returns {Promise<{ ok: true, values: StoredArray } | import('./problems.js').DicomFailure>}
 */
async function codecFrame(codec, frame, format, file, offset, tsName) {
  const n = format.rows * format.columns;
  const fail = (message) => failure('CodecFailed', file, `${file}: ${tsName} pixel data could not be decoded (${message}).`, { offset, tag: 'x7fe00010' });
  const size = codestreamSize(frame);
  // A code stream of another size than the header says is refused before a codec allocates for it.
  if (size && (size.width !== format.columns || size.height !== format.rows)) {
    return failure('InvalidFile', file, `${file}: the ${tsName} code stream is ${size.width} × ${size.height}, the header says ${format.columns} × ${format.rows}.`, { offset, tag: 'x7fe00010' });
  }
  if (!size) return fail('the data do not start with a code stream header of that syntax');
  let lib;
  try {
    lib = await loadCodec(codec);
  } catch (e) {
    return failure('CodecFailed', file, `${file}: the ${tsName} codec could not be loaded (${thrownText(e)}).`, { offset });
  }
  let decoder;
  try {
    let decoded;
    let info;
    if (codec === 'jpegLossless') {
      const d = new lib.Decoder();
      const copy = frame.slice();
      const out = d.decode(copy.buffer, 0, copy.length, format.bitsAllocated <= 8 ? 1 : 2);
      decoded = new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
      info = { width: d.xDim, height: d.yDim, bitsPerSample: d.precision, componentCount: d.numComp };
    } else {
      const Class = { jpeg: lib.JPEGDecoder, jpegLs: lib.JpegLSDecoder, jpeg2000: lib.J2KDecoder, htj2k: lib.HTJ2KDecoder }[codec];
      decoder = new Class();
      decoder.getEncodedBuffer(frame.length).set(frame);
      if (codec === 'htj2k') decoder.decodeSubResolution(0, 0);
      else decoder.decode();
      info = decoder.getFrameInfo();
      decoded = decoder.getDecodedBuffer();
    }
    if (info.width !== format.columns || info.height !== format.rows) return fail(`it decoded to ${info.width} × ${info.height}, the header says ${format.columns} × ${format.rows}`);
    if (info.componentCount !== 1) return fail(`it holds ${info.componentCount} colour components, not a grey image`);
    const bytesPer = codec === 'jpegLossless' ? (format.bitsAllocated <= 8 ? 1 : 2) : (info.bitsPerSample <= 8 ? 1 : 2);
    if (decoded.length < n * bytesPer) return fail(`it decoded to ${grouped(decoded.length)} bytes, ${grouped(n * bytesPer)} expected`);
    const src = bytesPer === 1 ? decoded.subarray(0, n) : new Uint16Array(decoded.slice(0, 2 * n).buffer);
    const values = arrayFor(format, n);
    values.set(src);  // the same bit pattern (typed-array conversion wraps modulo 2^bits)
    // Codecs hand back the code stream's bit pattern: keep BitsStored bits, sign-extend if signed.
    return { ok: true, values: maskStored(values, { ...format, highBit: format.bitsStored - 1 }) };
  } catch (e) {
    let text;
    try {
      text = typeof e === 'number' && lib?.getExceptionMessage ? String(lib.getExceptionMessage(e)) : thrownText(e);
    } catch {
      text = thrownText(e);
    }
    // A trap or abort leaves the instance unusable: the next frame gets a fresh one.
    if (typeof WebAssembly !== 'undefined' && (e instanceof WebAssembly.RuntimeError || /abort/i.test(text))) forgetCodec(codec);
    return fail(text);
  } finally {
    try { decoder?.delete?.(); } catch { /* already gone */ }
  }
}

/**
 * The fragments of encapsulated pixel data as dicom-parser found them, split into frames:
 * by the Basic Offset Table when there is one, one fragment a frame when the counts agree,
 * all fragments for a single frame, or (JPEG family) a new frame at each fragment that starts
 * with a Start Of Image marker.
 * @returns {{ ok: true, value: { position: number, length: number, offset: number }[][] } | import('./problems.js').DicomFailure}
 */
function frameFragments(element, frames, data, file) {
  const fragments = element.fragments ?? [];
  const bot = element.basicOffsetTable ?? [];
  if (fragments.length === 0) return failure('InvalidFile', file, `${file}: the encapsulated pixel data hold no fragment.`, { tag: 'x7fe00010', offset: element.dataOffset });
  for (const fr of fragments) {
    if (fr.position + fr.length > data.length) {
      return failure('TruncatedFile', file, `${file} is cut short: a pixel data fragment at byte ${grouped(fr.position)} needs ${grouped(fr.length)} bytes.`, { tag: 'x7fe00010', offset: fr.position });
    }
  }
  if (frames === 1) return { ok: true, value: [fragments] };
  if (bot.length === frames) {
    const out = [];
    for (let f = 0; f < frames; f++) {
      const start = bot[f];
      const end = f + 1 < frames ? bot[f + 1] : Infinity;
      if (f > 0 && start <= bot[f - 1]) return failure('InvalidFile', file, `${file}: the Basic Offset Table is not increasing at frame ${f + 1}.`, { tag: 'x7fe00010', offset: element.dataOffset });
      const list = fragments.filter((fr) => fr.offset >= start && fr.offset < end);
      if (!list.length) return failure('InvalidFile', file, `${file}: the Basic Offset Table points frame ${f + 1} at offset ${start}, where no fragment starts.`, { tag: 'x7fe00010', offset: element.dataOffset });
      out.push(list);
    }
    return { ok: true, value: out };
  }
  if (fragments.length === frames) return { ok: true, value: fragments.map((fr) => [fr]) };
  const out = [];
  for (const fr of fragments) {
    const b0 = data[fr.position];
    const b1 = data[fr.position + 1];
    const starts = (b0 === 0xff && (b1 === 0xd8 || b1 === 0x4f)) || out.length === 0;
    if (starts) out.push([fr]);
    else out[out.length - 1].push(fr);
  }
  if (out.length !== frames) return failure('InvalidFile', file, `${file}: ${fragments.length} pixel data fragments and no Basic Offset Table: they cannot be split into ${frames} frames.`, { tag: 'x7fe00010', offset: element.dataOffset });
  return { ok: true, value: out };
}

function joinFragments(list, data) {
  if (list.length === 1) return data.subarray(list[0].position, list[0].position + list[0].length);
  const total = list.reduce((s, fr) => s + fr.length, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const fr of list) { out.set(data.subarray(fr.position, fr.position + fr.length), at); at += fr.length; }
  return out;
}

/**
 * Frame `f` (0-based) of a parsed file: its stored values.
 * @param {import('./parse.js').Parsed} parsed     parsed in full (encapsulated) or up to the pixel data
 * @param {import('./image.js').PixelFormat} format
 * @param {number} f
 * @param {string} file
 * @returns {Promise<{ ok: true, values: StoredArray } | import('./problems.js').DicomFailure>}
 */
export async function decodeFrame(parsed, format, f, file) {
  const { dataSet, buffer, ts, shift } = parsed;
  const element = dataSet.elements.x7fe00010;
  if (!element) return failure('MissingTag', file, `${file} has no pixel data.`, { tag: 'x7fe00010' });
  if (f < 0 || f >= format.frames) return failure('InvalidOption', file, `${file} has ${format.frames} frames; frame ${f + 1} was asked for.`);
  const offset = element.dataOffset - shift;
  const n = format.rows * format.columns;
  if (n * format.frames * format.samplesPerPixel > 1 << 28) return failure('UnsupportedFile', file, `${file}: ${format.rows} × ${format.columns} × ${format.frames} pixels are more than the reader takes.`, { tag: 'x00280010' });
  try {
    if (!element.hadUndefinedLength) {
      if (ts.encapsulated && ts.codec !== null && ts.codec !== 'encapsulatedNative') {
        return failure('InvalidFile', file, `${file}: the transfer syntax ${ts.uid} (${ts.name}) needs encapsulated pixel data, but its length is defined.`, { tag: 'x7fe00010', offset });
      }
      if (ts.encapsulated && ts.codec === null) return unsupported(ts, file, offset);
      const end = Math.min(buffer.length, element.dataOffset + element.length);
      const data = buffer.subarray(element.dataOffset, end);
      return nativeFrame(data, format, f, ts.littleEndian, file, offset, element.vr);
    }
    if (!ts.encapsulated) return failure('InvalidFile', file, `${file}: pixel data of undefined length in ${ts.name}, which is not encapsulated.`, { tag: 'x7fe00010', offset });
    if (ts.codec === null) return unsupported(ts, file, offset);
    const split = frameFragments(element, format.frames, buffer, file);
    if (!split.ok) return split;
    const frame = joinFragments(split.value[f], buffer);
    const at = split.value[f][0].position - shift;
    if (ts.codec === 'rle') return rleFrame(frame, format, file, at);
    if (ts.codec === 'encapsulatedNative') return nativeFrame(frame, format, 0, true, file, at, 'OB');
    if (format.bitsAllocated === 1) return failure('UnsupportedFile', file, `${file}: 1-bit pixel data in ${ts.name} is not read.`, { offset: at });
    return codecFrame(ts.codec, frame, format, file, at, ts.name);
  } catch (e) {
    return failure('InvalidFile', file, `${file}: the pixel data cannot be read (${thrownText(e)}).`, { tag: 'x7fe00010', offset });
  }
}

const unsupported = (ts, file, offset) => failure('UnsupportedFile', file,
  `${file} is compressed with ${ts.name} (transfer syntax ${ts.uid}), which this reader does not decode: convert it first (for example dcmdjpeg, gdcmconv --raw).`,
  { tag: 'x00020010', offset, transferSyntax: { uid: ts.uid, name: ts.name } });
