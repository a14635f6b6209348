// Scans a list of files for DICOM series. Each file's header is read (a lazy source: its first
// 256 KiB, more only when the header runs past them), parsed up to the pixel data, and reduced to
// what stacking needs; the bytes are let go. Image files are grouped by SeriesInstanceUID and,
// within one, split by FrameOfReferenceUID, ImageOrientationPatient and Rows × Columns (a
// localizer or a reconstruction that shares the UID becomes a stack of its own); an enhanced
// multi-frame file is a series by itself. RT structure sets and segmentations are read whole.
// Files that are not DICOM, a DICOMDIR and non-image objects are skipped with a note naming each.

import { failure, thrownText } from './problems.js';
import { LIMITS, checkInside, fileSource, parseFile, readWhole, sniff } from './parse.js';
import { checkGrey, frameGeometry, identify, pixelFormat } from './image.js';
import { orientation, orientationKey, stackSlices } from './geometry.js';
import { decodeFrame } from './pixels.js';
import { parseForPixels, seriesSource, setSeriesSource } from './series-source.js';
import { readRtStructParsed } from './rtstruct.js';
import { readSegParsed } from './seg.js';

/**
 * A slice of a series: one frame of one file.
 * @typedef {object} DicomSlice
 * @property {string} file            the file's name
 * @property {number} frame           0-based frame in the file (0 for a single-frame image)
 * @property {number[]} origin        ImagePositionPatient of this slice: LPS mm, the centre of its first pixel
 * @property {number} position        origin · normal (mm): the stacking key
 * @property {number} slope           RescaleSlope of this slice (values = slope · stored + intercept)
 * @property {number} intercept       RescaleIntercept of this slice
 * @property {number | null} instanceNumber
 * @property {string} sopInstanceUID
 * @property {number} [segment]       segment number (a SEG series)
 */
/**
 * A stack of slices ready for the solver: every slice's own origin, the shared directions and spacings.
 * @typedef {object} DicomSeries
 * @property {boolean} ok             false: the series cannot be used (error says why)
 * @property {import('./problems.js').DicomError} [error]
 * @property {string} id              SeriesInstanceUID, with "#2", "#3"… for further stacks of one UID
 * @property {'image' | 'segment' | 'labelmap'} kind
 * @property {string} seriesInstanceUID
 * @property {string} studyInstanceUID
 * @property {string} frameOfReferenceUID
 * @property {string} sopClassUID
 * @property {string} modality
 * @property {string} description
 * @property {number | null} seriesNumber
 * @property {boolean} multiFrame     one enhanced multi-frame file
 * @property {number} rows
 * @property {number} columns
 * @property {[number, number]} pixelSpacing  [row spacing, column spacing] mm, in the standard's order:
 *                                    the first is between rows (along columnDirection)
 * @property {number[]} rowDirection  IOP[0..2]: LPS direction of increasing column index
 * @property {number[]} columnDirection IOP[3..5]: LPS direction of increasing row index
 * @property {number[]} normal        rowDirection × columnDirection: the stacking direction
 * @property {DicomSlice[]} slices    in stacking order (ascending position)
 * @property {{ median: number, min: number, max: number, uniform: boolean } | null} spacing  between slice planes, mm
 * @property {number} tiltDegrees     gantry tilt: how far the step between origins leaves the normal
 * @property {import('./image.js').PixelFormat} pixelFormat
 * @property {{ uid: string, name: string }[]} transferSyntaxes
 * @property {import('./problems.js').DicomNote[]} notes
 */

/**
 * A file's header: parsed up to the pixel data (the whole file when that part is not in the head
 * read), or why the file is skipped.
 * @param {import('./parse.js').FileSource} source
 * @returns {Promise<{ skip: string } | { parsed: Awaited<ReturnType<typeof parseFile>>, bytes: Uint8Array, complete: boolean }>}
 */
async function readHeader(source) {
  const whole = source.bytes !== null || source.size <= LIMITS.headBytes;
  if (source.size > LIMITS.maxFileBytes) return { skip: `${source.name} is larger than 2 GiB: skipped.` };
  let bytes = whole ? await readWhole(source) : await source.read(0, LIMITS.headBytes);
  if (bytes.length === 0) return { skip: `${source.name} is empty: skipped.` };
  if (!sniff(bytes)) return { skip: `${source.name} is not a DICOM file: skipped.` };
  let parsed = await parseFile(bytes, source.name, { untilPixelData: true });
  const incomplete = (p) => !p.ok || !p.value.dataSet.elements.x7fe00010 || Object.values(p.value.dataSet.elements).some(
    (el) => el.tag !== 'x7fe00010' && el.length !== 0xffffffff && el.dataOffset + el.length > p.value.buffer.length);
  if (!whole && bytes.length < source.size && incomplete(parsed)) {
    bytes = await readWhole(source);
    parsed = await parseFile(bytes, source.name, { untilPixelData: true });
  }
  return { parsed, bytes, complete: whole || bytes.length >= source.size };
}

/**
 * Scans files for DICOM series, structure sets and segmentations.
 *
 * Memory: a file given as { name, bytes } is referenced (never copied) by the series that holds
 * it; a lazy one (a File/Blob, or { name, size, read(start, end) }) is read for its header now and
 * again, one at a time, by readSlice. Pixel data are not decoded here.
 *
 * @param {import('./parse.js').DicomFileInput[]} files
 * @returns {Promise<{ ok: true, series: DicomSeries[], structures: import('./rtstruct.js').RtStruct[],
 *   segmentations: import('./seg.js').Segmentation[], notes: import('./problems.js').DicomNote[],
 *   errors: import('./problems.js').DicomError[] } | import('./problems.js').DicomFailure>}
 */
export async function scanDicom(files) {
  try {
    return await scan(files);
  } catch (e) {
    return failure('InvalidFile', '', `The DICOM scan stopped unexpectedly: ${thrownText(e)}.`);
  }
}

/**
 * scanDicom's work (it turns what this throws into a failure).
 * @param {import('./parse.js').DicomFileInput[]} files
 * @returns {ReturnType<typeof scanDicom>}
 */
async function scan(files) {
  if (!files || typeof files[Symbol.iterator] !== 'function') return failure('InvalidOption', '', 'scanDicom takes a list of files ({ name, bytes } or File objects).');
  /** @type {import('./problems.js').DicomNote[]} */
  const notes = [];
  /** @type {import('./problems.js').DicomError[]} */
  const errors = [];
  const structures = [];
  const segmentations = [];
  const images = [];
  let count = 0;
  for (const input of files) {
    count++;
    const source = fileSource(input);
    if (!source) { notes.push({ code: 'SkippedFile', message: `Entry ${count} is not a file: skipped.` }); continue; }
    const name = source.name;
    let header;
    try {
      header = await readHeader(source);
    } catch (e) {
      const err = failure('InvalidFile', name, `${name} could not be read (${thrownText(e)}).`).error;
      errors.push(err);
      notes.push({ code: 'SkippedFile', message: err.message, file: name });
      continue;
    }
    if ('skip' in header) { notes.push({ code: 'SkippedFile', message: header.skip, file: name }); continue; }
    if (!header.parsed.ok) {
      errors.push(header.parsed.error);
      notes.push({ code: 'SkippedFile', message: `${header.parsed.error.message} Skipped.`, file: name });
      continue;
    }
    const parsed = header.parsed.value;
    const ds = parsed.dataSet;
    const id = identify(ds);
    if (id.kind === 'dicomdir') {
      notes.push({ code: 'SkippedFile', message: `${name} is a DICOMDIR (the index of a DICOM medium), not an image: skipped; the images are read from their own files.`, file: name });
      continue;
    }
    if (id.kind === 'rtstruct' || id.kind === 'seg') {
      // Read whole (the header read stopped at the pixel data, or the head).
      const bytes = header.complete ? header.bytes : await readWhole(source);
      const full = await parseFile(bytes, name, {});
      if (!full.ok) { errors.push(full.error); notes.push({ code: 'SkippedFile', message: `${full.error.message} Skipped.`, file: name }); continue; }
      const r = id.kind === 'rtstruct' ? readRtStructParsed(full.value, name) : readSegParsed(full.value, name, source);
      if (!r.ok) { errors.push(r.error); notes.push({ code: 'SkippedFile', message: `${r.error.message} Skipped.`, file: name }); continue; }
      (id.kind === 'rtstruct' ? structures : segmentations).push(r.value);
      continue;
    }
    if (id.kind !== 'image') {
      notes.push({ code: 'SkippedFile', message: `${name} is a DICOM object without pixel data (SOP class ${id.sopClass || 'not given'}, modality ${id.modality || 'not given'}): skipped.`, file: name });
      continue;
    }
    const inside = checkInside(parsed, ds.elements.x00280030, name) ?? checkInside(parsed, ds.elements.x00200032, name);
    if (inside) { errors.push(inside.error); notes.push({ code: 'SkippedFile', message: `${inside.error.message} Skipped.`, file: name }); continue; }
    const format = pixelFormat(ds, name);
    const grey = format.ok ? checkGrey(format.value, name) : null;
    const geometry = format.ok && !grey ? frameGeometry(ds, name, format.value) : null;
    const problem = !format.ok ? format : grey ?? (geometry && !geometry.ok ? geometry : null);
    images.push({
      source, name, id, ts: parsed.ts, problem,
      format: format.ok ? format.value : null,
      frames: geometry?.ok ? geometry.value : [],
      multiFrame: !!(format.ok && (format.value.frames > 1 || ds.elements.x52009230)),
    });
  }
  if (count === 0) return failure('EmptyInput', '', 'No files were given.');
  const series = groupSeries(images);
  series.sort((a, b) => (a.seriesNumber ?? 1e9) - (b.seriesNumber ?? 1e9) || a.description.localeCompare(b.description) || a.id.localeCompare(b.id));
  if (!series.length && !structures.length && !segmentations.length) {
    const why = notes.length ? ` (${notes.length} file${notes.length > 1 ? 's' : ''} skipped: ${notes.slice(0, 3).map((n) => n.file ?? '').join(', ')}${notes.length > 3 ? ', …' : ''})` : '';
    return failure('EmptyInput', '', `No DICOM image, structure set or segmentation among the ${count} files${why}.`);
  }
  return { ok: true, series, structures, segmentations, notes, errors };
}

function groupSeries(images) {
  const groups = new Map();
  for (const im of images) {
    const f0 = im.frames[0];
    const key = [im.id.seriesInstanceUID || `(no series UID) ${im.name}`, im.id.frameOfReferenceUID, f0 ? orientationKey(f0.iop) : 'none',
      im.format ? `${im.format.rows}x${im.format.columns}` : 'none', im.multiFrame ? im.id.sopInstanceUID || im.name : ''].join('|');
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(im);
  }
  const perUid = new Map();
  const out = [];
  for (const members of groups.values()) {
    const first = members[0];
    const uid = first.id.seriesInstanceUID;
    const k = (perUid.get(uid) ?? 0) + 1;
    perUid.set(uid, k);
    out.push(buildSeries(members, k === 1 ? uid : `${uid}#${k}`));
  }
  return out;
}

function buildSeries(members, id) {
  const first = members[0];
  const tsSeen = new Map(members.map((m) => [m.ts.uid, { uid: m.ts.uid, name: m.ts.name }]));
  /** @type {any} */
  const series = {
    ok: true, id, kind: 'image',
    seriesInstanceUID: first.id.seriesInstanceUID, studyInstanceUID: first.id.studyInstanceUID,
    frameOfReferenceUID: first.id.frameOfReferenceUID, sopClassUID: first.id.sopClass,
    modality: first.id.modality, description: first.id.description, seriesNumber: first.id.seriesNumber,
    multiFrame: first.multiFrame, rows: first.format?.rows ?? 0, columns: first.format?.columns ?? 0,
    pixelSpacing: null, rowDirection: null, columnDirection: null, normal: null,
    slices: [], spacing: null, tiltDegrees: 0, pixelFormat: first.format,
    transferSyntaxes: [...tsSeen.values()], notes: [],
  };
  const bad = members.find((m) => m.problem);
  if (bad) return { ...series, ok: false, error: bad.problem.error, files: members.map((m) => m.name) };
  const noCodec = members.find((m) => m.ts.encapsulated && m.ts.codec === null);
  if (noCodec) {
    const e = failure('UnsupportedFile', noCodec.name,
      `${noCodec.name} is compressed with ${noCodec.ts.name} (transfer syntax ${noCodec.ts.uid}), which this reader does not decode: convert the series first (for example with dcmdjpeg or gdcmconv --raw).`,
      { tag: 'x00020010', transferSyntax: { uid: noCodec.ts.uid, name: noCodec.ts.name } });
    return { ...series, ok: false, error: e.error };
  }
  const f0 = first.frames[0];
  const o = orientation(f0.iop);
  if (!o.ok) return { ...series, ok: false, error: failure('InvalidFile', first.name, `${first.name}: ImageOrientationPatient ${o.why}.`, { tag: 'x00200037' }).error };
  // Pixel spacing must agree across the stack (the orientation and size already do: the key).
  const slices = [];
  const record = [];
  for (const m of members) {
    for (const f of m.frames) {
      if (Math.abs(f.pixelSpacing[0] - f0.pixelSpacing[0]) > 1e-4 || Math.abs(f.pixelSpacing[1] - f0.pixelSpacing[1]) > 1e-4) {
        return { ...series, ok: false, error: failure('InvalidFile', m.name,
          `${m.name} has PixelSpacing ${f.pixelSpacing.join(' \\ ')}, ${first.name} ${f0.pixelSpacing.join(' \\ ')}: one series, two pixel sizes. Load one of them at a time.`, { tag: 'x00280030' }).error };
      }
      const s = { file: m.name, frame: f.frame, origin: f.origin, slope: f.slope, intercept: f.intercept,
        instanceNumber: m.id.instanceNumber, sopInstanceUID: m.id.sopInstanceUID, ...(f.segment !== undefined ? { segment: f.segment } : {}) };
      slices.push(s);
      record.push(m);
    }
  }
  const stack = stackSlices(slices, o.normal);
  Object.assign(series, { pixelSpacing: f0.pixelSpacing.slice(0, 2), rowDirection: o.row, columnDirection: o.col, normal: o.normal });
  if (!stack.ok) return { ...series, ok: false, error: stack.error, slices };
  series.slices = stack.slices;
  series.spacing = stack.spacing;
  series.tiltDegrees = stack.tiltDegrees;
  series.notes = stack.notes;
  if (members.some((m) => m.frames.some((f) => !f.rescaleGiven)) && series.modality === 'CT') {
    series.notes.push({ code: 'DefaultRescale', message: `Some slices of this CT series give no RescaleSlope/RescaleIntercept: slope 1 and intercept 0 are taken for them.` });
  }
  const files = stack.order.map((i) => record[i]);
  setSeriesSource(series, { files: files.map((m) => ({ source: m.source, ts: m.ts, format: m.format })) });
  return series;
}

/**
 * Slice `index` (in stacking order) of a series: its stored values and where it lies.
 *
 * @param {DicomSeries} series   a series object as scanDicom returned it (not a copy: the files
 *                               are found through it)
 * @param {number} index         0 … series.slices.length − 1
 * @returns {Promise<{ ok: true, values: import('./pixels.js').StoredArray, rows: number, columns: number,
 *   slope: number, intercept: number, origin: number[], file: string, frame: number, photometric: string }
 *   | import('./problems.js').DicomFailure>}
 *   values: rows × columns stored values, row by row (index r · columns + c), a new array the caller owns
 *   (transferable). Apply slope · value + intercept per slice. MONOCHROME1 means low values are bright.
 */
export async function readSlice(series, index) {
  try {
    const rec = seriesSource(series);
    if (!rec) return failure('InvalidOption', '', 'readSlice needs a series object returned by scanDicom (a copy sent through postMessage or JSON has lost its files).');
    // A series that cannot be used carries its error (DicomSeries: ok false, error set).
    if (!series.ok) return { ok: false, error: /** @type {import('./problems.js').DicomError} */ (series.error) };
    if (!Number.isInteger(index) || index < 0 || index >= series.slices.length) {
      return failure('InvalidOption', '', `Slice ${index} was asked for; the series has ${series.slices.length} (0 … ${series.slices.length - 1}).`);
    }
    if ('read' in rec) return await rec.read(index);
    const slice = series.slices[index];
    const { source, ts, format } = rec.files[index];
    const parsed = await parseForPixels(source, ts, series.multiFrame);
    if (!parsed.ok) return parsed;
    const r = await decodeFrame(parsed.value, format, slice.frame, slice.file);
    if (!r.ok) return r;
    return { ok: true, values: r.values, rows: format.rows, columns: format.columns, slope: slice.slope, intercept: slice.intercept,
      origin: slice.origin, file: slice.file, frame: slice.frame, photometric: format.photometric };
  } catch (e) {
    return failure('InvalidFile', series?.slices?.[index]?.file ?? '', `Slice ${index} could not be read: ${thrownText(e)}.`);
  }
}
