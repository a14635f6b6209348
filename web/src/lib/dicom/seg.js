// DICOM Segmentation (PS3.3 A.51, C.8.20): the segments of the Segment Sequence (number, label,
// description, algorithm type) and per frame its ReferencedSegmentNumber (Segment Identification
// Sequence) and plane position/orientation (functional groups). Binary SEG packs 1 bit a pixel,
// continuously across frames; fractional SEG stores 8 bits (0 … MaximumFractionalValue); the
// label map SEG (…66.7) stores segment numbers. Built from them, like image series:
//  - one series per segment (kind 'segment'): its frames in stacked order, values = the segment
//    number where the pixel belongs to it (fractional: value ≥ half the maximum), 0 elsewhere;
//  - one combined labelmap (kind 'labelmap'): every plane any segment has, values = segment
//    numbers (where two overlap, the higher number wins and the read says how many pixels).

import { failure, thrownText } from './problems.js';
import { fileSource, parseFile, readWhole, str, us, int } from './parse.js';
import { frameGeometry, pixelFormat } from './image.js';
import { orientation, orientationKey, stackSlices } from './geometry.js';
import { decodeFrame } from './pixels.js';
import { parseForPixels, setSeriesSource } from './series-source.js';

/**
 * @typedef {object} Segment
 * @property {number} number
 * @property {string} label
 * @property {string} description
 * @property {string} algorithmType   AUTOMATIC | SEMIAUTOMATIC | MANUAL
 * @property {string} algorithmName
 * @property {number} frameCount
 */
/**
 * @typedef {object} Segmentation
 * @property {string} file
 * @property {string} sopInstanceUID
 * @property {string} seriesInstanceUID
 * @property {string} frameOfReferenceUID
 * @property {'BINARY' | 'FRACTIONAL' | 'LABELMAP'} segmentationType
 * @property {string} fractionalType          PROBABILITY | OCCUPANCY ('' unless fractional)
 * @property {number} maxFractionalValue
 * @property {Segment[]} segments
 * @property {{ frame: number, segment: number, origin: number[] }[]} frames   in file order
 * @property {import('./scan.js').DicomSeries[]} series   one per segment (kind 'segment'), in segment order
 * @property {import('./scan.js').DicomSeries} labelmap   all segments (kind 'labelmap')
 * @property {string[]} referencedSeries      SeriesInstanceUIDs the SEG was made on
 * @property {import('./problems.js').DicomNote[]} notes
 */

/**
 * Reads a parsed segmentation.
 * @param {import('./parse.js').Parsed} parsed
 * @param {string} name
 * @param {import('./parse.js').FileSource} source
 * @returns {{ ok: true, value: Segmentation } | import('./problems.js').DicomFailure}
 */
export function readSegParsed(parsed, name, source) {
  const ds = parsed.dataSet;
  const sop = str(ds, 'x00080016') ?? '';
  const labelMap = sop === '1.2.840.10008.5.1.4.1.1.66.7';
  const type = labelMap ? 'LABELMAP' : (str(ds, 'x00620001') ?? '').toUpperCase();
  if (!['BINARY', 'FRACTIONAL', 'LABELMAP'].includes(type)) {
    return failure('UnsupportedFile', name, `${name}: SegmentationType ${type || '(not given)'}; the reader takes BINARY and FRACTIONAL.`, { tag: 'x00620001' });
  }
  const fmt = pixelFormat(ds, name);
  if (!fmt.ok) return fmt;
  const format = fmt.value;
  if (type === 'BINARY' && format.bitsAllocated !== 1) return failure('InvalidFile', name, `${name}: a BINARY segmentation with ${format.bitsAllocated} bits allocated (1 expected).`, { tag: 'x00280100' });
  if (type === 'FRACTIONAL' && format.bitsAllocated !== 8) return failure('InvalidFile', name, `${name}: a FRACTIONAL segmentation with ${format.bitsAllocated} bits allocated (8 expected).`, { tag: 'x00280100' });
  const maxFraction = type === 'FRACTIONAL' ? (us(ds, 'x0062000e') ?? int(ds, 'x0062000e') ?? 255) : 1;
  const segItems = ds.elements.x00620002?.items;
  if (!segItems?.length) return failure('MissingTag', name, `${name} has no Segment Sequence: no segments.`, { tag: 'x00620002' });
  /** @type {Segment[]} */
  const segments = [];
  for (const it of segItems) {
    const d = it.dataSet;
    const number = us(d, 'x00620004') ?? int(d, 'x00620004');
    if (number === undefined) return failure('MissingTag', name, `${name}: a segment has no SegmentNumber.`, { tag: 'x00620004' });
    segments.push({ number, label: str(d, 'x00620005') ?? `Segment ${number}`, description: str(d, 'x00620006') ?? '',
      algorithmType: str(d, 'x00620008') ?? '', algorithmName: str(d, 'x00620009') ?? '', frameCount: 0 });
  }
  const geo = frameGeometry(ds, name, format);
  if (!geo.ok) return geo;
  const frames = geo.value;
  const known = new Set(segments.map((s) => s.number));
  const notes = [];
  if (type !== 'LABELMAP') {
    for (const f of frames) {
      if (f.segment === undefined) return failure('MissingTag', name, `${name} frame ${f.frame + 1} names no segment (ReferencedSegmentNumber).`, { tag: 'x0062000b' });
      if (!known.has(f.segment)) return failure('InvalidFile', name, `${name} frame ${f.frame + 1} refers to segment ${f.segment}, which the Segment Sequence does not list.`, { tag: 'x0062000b' });
    }
  }
  const key = orientationKey(frames[0].iop);
  const bad = frames.find((f) => orientationKey(f.iop) !== key);
  if (bad) return failure('UnsupportedFile', name, `${name}: frame ${bad.frame + 1} lies in another orientation than frame 1; the reader takes segmentations of parallel planes.`, { tag: 'x00209116' });
  const o = orientation(frames[0].iop);
  if (!o.ok) return failure('InvalidFile', name, `${name}: ImageOrientationPatient ${o.why}.`, { tag: 'x00200037' });
  const ts = parsed.ts;
  const base = {
    ok: true, studyInstanceUID: str(ds, 'x0020000d') ?? '', seriesInstanceUID: str(ds, 'x0020000e') ?? '',
    frameOfReferenceUID: str(ds, 'x00200052') ?? '', sopClassUID: sop, modality: 'SEG', seriesNumber: int(ds, 'x00200011') ?? null,
    multiFrame: true, rows: format.rows, columns: format.columns, pixelSpacing: frames[0].pixelSpacing.slice(0, 2),
    rowDirection: o.row, columnDirection: o.col, normal: o.normal, tiltDegrees: 0,
    pixelFormat: format, transferSyntaxes: [{ uid: ts.uid, name: ts.name }],
  };
  const maxNumber = Math.max(...segments.map((s) => s.number));
  const labelFormat = { ...format, bitsAllocated: maxNumber > 255 ? 16 : 8, bitsStored: maxNumber > 255 ? 16 : 8, highBit: maxNumber > 255 ? 15 : 7, signed: false, frames: 1 };
  const inside = (v) => (type === 'FRACTIONAL' ? v * 2 >= maxFraction && v > 0 : v !== 0);
  const readFrame = async (f) => {
    const p = await parseForPixels(source, ts, true);
    if (!p.ok) return p;
    return decodeFrame(p.value, format, f, name);
  };
  const n = format.rows * format.columns;
  const makeLabels = () => (maxNumber > 255 ? new Uint16Array(n) : new Uint8Array(n));

  const perSegment = [];
  for (const seg of segments) {
    const mine = frames.filter((f) => (type === 'LABELMAP' ? true : f.segment === seg.number));
    seg.frameCount = mine.length;
    if (type === 'LABELMAP') continue;
    const slices = mine.map((f) => ({ file: name, frame: f.frame, origin: f.origin, slope: 1, intercept: 0, instanceNumber: null, sopInstanceUID: '', segment: seg.number }));
    const stack = stackSlices(slices, o.normal);
    /** @type {any} */
    const series = { ...base, id: `${base.seriesInstanceUID}/segment ${seg.number}`, kind: 'segment', description: seg.label,
      segment: seg.number, slices: [], spacing: null, notes: [], pixelFormat: labelFormat };
    if (!stack.ok) { perSegment.push({ ...series, ok: false, error: stack.error }); continue; }
    Object.assign(series, { slices: stack.slices, spacing: stack.spacing, notes: stack.notes });
    setSeriesSource(series, {
      read: async (index) => {
        const slice = series.slices[index];
        const r = await readFrame(slice.frame);
        if (!r.ok) return r;
        const values = makeLabels();
        for (let i = 0; i < n; i++) if (inside(r.values[i])) values[i] = seg.number;
        return { ok: true, values, rows: format.rows, columns: format.columns, slope: 1, intercept: 0, origin: slice.origin,
          file: name, frame: slice.frame, photometric: format.photometric, ...(type === 'FRACTIONAL' ? { fractions: r.values, maxFractionalValue: maxFraction } : {}) };
      },
    });
    perSegment.push(series);
  }

  // The labelmap: planes = distinct frame origins (to 1e-3 mm); each plane's frames combined.
  /** @type {{ origin: number[], frames: import('./image.js').FrameInfo[] }[]} */
  const planes = [];
  const byKey = new Map();
  for (const f of frames) {
    const k = f.origin.map((v) => Math.round(v * 1000)).join(',');
    if (!byKey.has(k)) { byKey.set(k, planes.length); planes.push({ origin: f.origin, frames: [] }); }
    planes[byKey.get(k)].frames.push(f);
  }
  const planeSlices = planes.map((p) => ({ file: name, frame: p.frames[0].frame, origin: p.origin, slope: 1, intercept: 0, instanceNumber: null, sopInstanceUID: '' }));
  const stack = stackSlices(planeSlices, o.normal);
  /** @type {any} */
  const labelmap = { ...base, id: `${base.seriesInstanceUID}/labelmap`, kind: 'labelmap', description: str(ds, 'x0008103e') ?? 'segmentation',
    slices: [], spacing: null, notes: [], pixelFormat: labelFormat };
  if (!stack.ok) Object.assign(labelmap, { ok: false, error: stack.error });
  else {
    Object.assign(labelmap, { slices: stack.slices, spacing: stack.spacing, notes: stack.notes });
    setSeriesSource(labelmap, {
      read: async (index) => {
        const slice = labelmap.slices[index];
        const plane = planes[stack.order[index]];
        const values = makeLabels();
        let overlaps = 0;
        for (const f of [...plane.frames].sort((a, b) => (a.segment ?? 0) - (b.segment ?? 0))) {
          const r = await readFrame(f.frame);
          if (!r.ok) return r;
          for (let i = 0; i < n; i++) {
            const v = r.values[i];
            if (type === 'LABELMAP') { if (v) values[i] = v; continue; }
            // Every frame of a BINARY or FRACTIONAL SEG names its segment (checked when it was read).
            if (inside(v)) { if (values[i]) overlaps++; values[i] = /** @type {number} */ (f.segment); }
          }
        }
        return { ok: true, values, rows: format.rows, columns: format.columns, slope: 1, intercept: 0, origin: slice.origin,
          file: name, frame: slice.frame, photometric: format.photometric, overlaps };
      },
    });
  }
  const referencedSeries = (ds.elements.x00081115?.items ?? []).map((it) => str(it.dataSet, 'x0020000e') ?? '').filter(Boolean);
  return {
    ok: true,
    value: {
      file: name, sopInstanceUID: str(ds, 'x00080018') ?? '', seriesInstanceUID: base.seriesInstanceUID,
      frameOfReferenceUID: base.frameOfReferenceUID, segmentationType: /** @type {any} */ (type),
      fractionalType: type === 'FRACTIONAL' ? (str(ds, 'x00620010') ?? '') : '', maxFractionalValue: maxFraction,
      segments, frames: frames.map((f) => ({ frame: f.frame, segment: f.segment ?? 0, origin: f.origin })),
      series: perSegment, labelmap, referencedSeries, notes,
    },
  };
}

/**
 * Reads a segmentation file.
 * @param {import('./parse.js').DicomFileInput} file
 * @returns {Promise<{ ok: true, value: Segmentation } | import('./problems.js').DicomFailure>}
 */
export async function readSegmentation(file) {
  const source = fileSource(file);
  if (!source) return failure('InvalidOption', '', 'readSegmentation takes a file ({ name, bytes } or a File).');
  try {
    const parsed = await parseFile(await readWhole(source), source.name);
    if (!parsed.ok) return parsed;
    const sop = str(parsed.value.dataSet, 'x00080016') ?? '';
    if (!sop.startsWith('1.2.840.10008.5.1.4.1.1.66.')) {
      return failure('InvalidFile', source.name, `${source.name} is not a DICOM segmentation (SOP class ${sop || 'not given'}).`, { tag: 'x00080016' });
    }
    return readSegParsed(parsed.value, source.name, source);
  } catch (e) {
    return failure('InvalidFile', source.name, `${source.name} could not be read as a segmentation (${thrownText(e)}).`);
  }
}
