// What one file's header says: which kind of object it is (an image, an RT structure set, a
// segmentation, a DICOMDIR, something else), and for an image its pixel format and, per frame,
// the geometry (IPP, IOP, PixelSpacing) and the rescale (slope, intercept). A classic image has
// one frame and takes them from the top-level data set; an enhanced multi-frame image
// (PS3.3 C.7.6.16) takes each frame's from its item of the Per-Frame Functional Groups Sequence,
// and what is not there from the Shared Functional Groups Sequence.

import { failure } from './problems.js';
import { int, item, numbers, str, us } from './parse.js';
import { orientation } from './geometry.js';

export const SOP = {
  rtStruct: '1.2.840.10008.5.1.4.1.1.481.3',
  seg: '1.2.840.10008.5.1.4.1.1.66.4',
  labelMapSeg: '1.2.840.10008.5.1.4.1.1.66.7',
  dicomdir: '1.2.840.10008.1.3.10',
};

/**
 * Pixel format of an image.
 * @typedef {object} PixelFormat
 * @property {number} rows
 * @property {number} columns
 * @property {number} samplesPerPixel
 * @property {string} photometric    PhotometricInterpretation (MONOCHROME1, MONOCHROME2, RGB, …)
 * @property {number} bitsAllocated
 * @property {number} bitsStored
 * @property {number} highBit
 * @property {boolean} signed        PixelRepresentation 1
 * @property {number} frames         NumberOfFrames (1 when absent)
 */

/**
 * One frame's geometry and rescale.
 * @typedef {object} FrameInfo
 * @property {number} frame            0-based frame index in its file
 * @property {number[]} origin         IPP, LPS mm
 * @property {number[]} iop            IOP, six direction cosines
 * @property {number[]} pixelSpacing   [row spacing, column spacing] mm
 * @property {number} slope
 * @property {number} intercept
 * @property {boolean} rescaleGiven    false: no RescaleSlope/Intercept in the file (1 and 0 taken)
 * @property {number} [segment]        SEG: ReferencedSegmentNumber
 */

const fail = (code, file, message, tag) => failure(code, file, message, { tag });

/** The kind of object and its identifiers. */
export function identify(ds) {
  const sopClass = str(ds, 'x00080016') ?? str(ds, 'x00020002') ?? '';
  const hasPixels = !!ds.elements.x7fe00010;
  let kind = 'other';
  if (sopClass === SOP.dicomdir || ds.elements.x00041220) kind = 'dicomdir';
  else if (sopClass === SOP.rtStruct) kind = 'rtstruct';
  else if (sopClass === SOP.seg || sopClass === SOP.labelMapSeg) kind = 'seg';
  else if (hasPixels) kind = 'image';
  return {
    kind, sopClass,
    sopInstanceUID: str(ds, 'x00080018') ?? '',
    studyInstanceUID: str(ds, 'x0020000d') ?? '',
    seriesInstanceUID: str(ds, 'x0020000e') ?? '',
    frameOfReferenceUID: str(ds, 'x00200052') ?? '',
    modality: str(ds, 'x00080060') ?? '',
    description: str(ds, 'x0008103e') ?? '',
    seriesNumber: int(ds, 'x00200011') ?? null,
    instanceNumber: int(ds, 'x00200013') ?? null,
  };
}

/**
 * The pixel format, checked.
 * @returns {{ ok: true, value: PixelFormat } | import('./problems.js').DicomFailure}
 */
export function pixelFormat(ds, file) {
  const need = { x00280010: 'Rows', x00280011: 'Columns', x00280100: 'BitsAllocated' };
  for (const [tag] of Object.entries(need)) {
    if (us(ds, tag) === undefined) return fail('MissingTag', file, `${file} has no ${need[tag]}: the image size is unknown.`, tag);
  }
  const rows = us(ds, 'x00280010');
  const columns = us(ds, 'x00280011');
  const bitsAllocated = us(ds, 'x00280100');
  const bitsStored = us(ds, 'x00280101') ?? bitsAllocated;
  const highBit = us(ds, 'x00280102') ?? bitsStored - 1;
  const samplesPerPixel = us(ds, 'x00280002') ?? 1;
  const photometric = (str(ds, 'x00280004') ?? 'MONOCHROME2').toUpperCase();
  const signed = (us(ds, 'x00280103') ?? 0) === 1;
  const frames = int(ds, 'x00280008') ?? 1;
  if (rows < 1 || columns < 1) return fail('InvalidFile', file, `${file} has ${rows} rows and ${columns} columns: no image.`, rows < 1 ? 'x00280010' : 'x00280011');
  if (![1, 8, 16, 32].includes(bitsAllocated)) return fail('UnsupportedFile', file, `${file} has ${bitsAllocated} bits allocated per pixel; the reader takes 1, 8, 16 or 32.`, 'x00280100');
  if (bitsStored < 1 || bitsStored > bitsAllocated || highBit < bitsStored - 1 || highBit >= bitsAllocated) {
    return fail('InvalidFile', file, `${file}: BitsStored ${bitsStored} and HighBit ${highBit} do not fit in BitsAllocated ${bitsAllocated}.`, 'x00280101');
  }
  if (frames < 1 || frames > 100000) return fail('InvalidFile', file, `${file} says it has ${frames} frames.`, 'x00280008');
  return { ok: true, value: { rows, columns, samplesPerPixel, photometric, bitsAllocated, bitsStored, highBit, signed, frames } };
}

/** A grey image's check: one sample per pixel, MONOCHROME1 or MONOCHROME2. */
export function checkGrey(format, file) {
  if (format.samplesPerPixel !== 1 || !/^MONOCHROME[12]$/.test(format.photometric)) {
    return fail('UnsupportedFile', file,
      `${file} is a colour image (${format.photometric}, ${format.samplesPerPixel} samples per pixel), not a grey one: the reader takes MONOCHROME1 and MONOCHROME2 CT, MR and segmentations.`,
      'x00280004');
  }
  return null;
}

/** In a functional groups item (per-frame, then shared): the first item of `seq`. */
const group = (perFrame, shared, seq) => item(perFrame, seq) ?? item(shared, seq);

/**
 * Every frame's geometry and rescale.
 * @returns {{ ok: true, value: FrameInfo[] } | import('./problems.js').DicomFailure}
 */
export function frameGeometry(ds, file, format) {
  const shared = item(ds, 'x52009229');
  const perFrameSeq = ds.elements.x52009230;
  const frames = [];
  if (perFrameSeq || shared) {
    const items = perFrameSeq?.items ?? [];
    if (items.length !== format.frames) {
      return fail('InvalidFile', file, `${file} has ${format.frames} frames but ${items.length} items in its Per-Frame Functional Groups Sequence.`, 'x52009230');
    }
    for (let f = 0; f < format.frames; f++) {
      const pf = items[f]?.dataSet;
      const position = numbers(group(pf, shared, 'x00209113'), 'x00200032');
      const iop = numbers(group(pf, shared, 'x00209116'), 'x00200037');
      const spacing = numbers(group(pf, shared, 'x00289110'), 'x00280030');
      const pvt = group(pf, shared, 'x00289145');
      const slope = pvt ? numbers(pvt, 'x00281053') : undefined;
      const intercept = pvt ? numbers(pvt, 'x00281052') : undefined;
      const seg = item(pf, 'x0062000a');
      const segment = seg ? us(seg, 'x0062000b') ?? int(seg, 'x0062000b') : undefined;
      const checked = checkFrame(file, f, position, iop, spacing, 'x00209113', 'x00209116', 'x00289110');
      if (!checked.ok) return checked;
      frames.push({
        frame: f, origin: position, iop, pixelSpacing: spacing,
        slope: slope?.[0] ?? 1, intercept: intercept?.[0] ?? 0, rescaleGiven: !!slope,
        ...(segment !== undefined ? { segment } : {}),
      });
      if (!Number.isFinite(frames[f].slope) || !Number.isFinite(frames[f].intercept) || frames[f].slope === 0) {
        return fail('InvalidFile', file, `${file} frame ${f + 1}: RescaleSlope ${frames[f].slope} and RescaleIntercept ${frames[f].intercept} are not usable numbers.`, 'x00281053');
      }
    }
    return { ok: true, value: frames };
  }
  if (format.frames > 1) {
    return fail('UnsupportedFile', file, `${file} has ${format.frames} frames but no per-frame positions (no Per-Frame Functional Groups Sequence): the frames cannot be placed in space.`, 'x52009230');
  }
  const position = numbers(ds, 'x00200032');
  const iop = numbers(ds, 'x00200037');
  const spacing = numbers(ds, 'x00280030');
  const checked = checkFrame(file, -1, position, iop, spacing, 'x00200032', 'x00200037', 'x00280030');
  if (!checked.ok) return checked;
  const slope = numbers(ds, 'x00281053');
  const intercept = numbers(ds, 'x00281052');
  const f = { frame: 0, origin: position, iop, pixelSpacing: spacing, slope: slope?.[0] ?? 1, intercept: intercept?.[0] ?? 0, rescaleGiven: !!slope };
  if (!Number.isFinite(f.slope) || !Number.isFinite(f.intercept) || f.slope === 0) {
    return fail('InvalidFile', file, `${file}: RescaleSlope ${f.slope} and RescaleIntercept ${f.intercept} are not usable numbers.`, 'x00281053');
  }
  return { ok: true, value: [f] };
}

/**
 * A frame's position, orientation and spacing are there and usable.
 * @returns {{ ok: true } | import('./problems.js').DicomFailure}
 */
function checkFrame(file, f, position, iop, spacing, tagPos, tagIop, tagSpacing) {
  const where = f >= 0 ? `${file} frame ${f + 1}` : file;
  if (!position) return fail('MissingTag', file, `${where} has no ImagePositionPatient: the slice cannot be placed in space.`, f >= 0 ? 'x00200032' : tagPos);
  if (position.length !== 3 || !position.every(Number.isFinite)) return fail('InvalidFile', file, `${where}: ImagePositionPatient is not three numbers.`, 'x00200032');
  if (!iop) return fail('MissingTag', file, `${where} has no ImageOrientationPatient: the slice cannot be placed in space.`, f >= 0 ? 'x00200037' : tagIop);
  const o = orientation(iop);
  if (!o.ok) return fail('InvalidFile', file, `${where}: ImageOrientationPatient is not usable: ${o.why}.`, 'x00200037');
  if (!spacing) return fail('MissingTag', file, `${where} has no PixelSpacing: the pixel size is unknown.`, f >= 0 ? 'x00280030' : tagSpacing);
  if (spacing.length !== 2 || !spacing.every((v) => Number.isFinite(v) && v > 0)) return fail('InvalidFile', file, `${where}: PixelSpacing is not two positive numbers.`, 'x00280030');
  return { ok: true };
}
