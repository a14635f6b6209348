// A DICOM series (web/src/lib/dicom/) into the core's volume session, slice by slice: the core
// keeps each slice's own ImagePositionPatient (wasm/core/read/volumes/slice_stack.hpp), so
// uneven spacing and gantry tilt are fitted exactly, without resampling. The decoded slices are
// written straight into the wasm memory the voxels stay in; no slice is held twice. A series
// whose slices share RescaleSlope/Intercept keeps its stored values (scaled by the core); one
// whose slices differ (MR) is written as float32 values slope · stored + intercept.
// Also an RT structure set's ROIs as a table of contour points for the core's text reader: one
// object per ROI (its name), one slice id per contour, in RAS mm.
import { readSlice, lpsToRas } from './dicom/index.js';

/** @type {Map<any, string>} */
const TYPES = new Map(/** @type {[any, string][]} */ ([
  [Int8Array, 'int8'], [Uint8Array, 'uint8'], [Int16Array, 'int16'], [Uint16Array, 'uint16'],
  [Int32Array, 'int32'], [Uint32Array, 'uint32'], [Float32Array, 'float32'], [Float64Array, 'float64'],
]));

/** The notes of the DICOM reader as the core's warnings ({ code, message }). */
export const dicomWarnings = (notes) => (notes ?? []).map((n) => ({ code: n.code, message: n.message }));

/**
 * A DICOM reader's failure as the library's ({ ok: false, error }), naming the file.
 * @param {any} error
 * @returns {{ ok: false, error: any }}
 */
function dicomFailure(error) {
  /** @type {any} */
  const out = { code: error.code, message: error.message };
  if (error.file) out.file = error.file;
  if (error.tag) out.tag = error.tag;
  if (error.offset !== undefined) out.offset = error.offset;
  if (error.files) out.files = error.files;
  return { ok: false, error: out };
}

/**
 * What the page and the CLI list of a series: description, modality, slices, size.
 * @param {any} s  a DicomSeries
 */
export function seriesSummary(s) {
  return {
    id: s.id, seriesInstanceUID: s.seriesInstanceUID, kind: s.kind, ok: s.ok, modality: s.modality,
    description: s.description, seriesNumber: s.seriesNumber, slices: s.slices.length,
    size: [s.columns, s.rows, s.slices.length], pixelSpacing: s.pixelSpacing, spacing: s.spacing,
    tiltDegrees: s.tiltDegrees, error: s.ok ? null : dicomFailure(s.error).error,
  };
}

/**
 * Reads every slice of a series into a new volume session of the core.
 * @param {any} core  the wasm module's bindings
 * @param {any} series  a series object from scanDicom (not a copy)
 * @param {(done: number, total: number) => void} [onProgress]
 * @param {{ number: number, label: string }[] | null} [segments]  a SEG's segments: the labelmap's values and names
 * @returns {Promise<{ ok: true, volume: any } | { ok: false, error: any }>}
 */
export async function readDicomVolume(core, series, onProgress, segments = null) {
  if (!series.ok) return dicomFailure(series.error);
  const n = series.slices.length;
  const first = await readSlice(series, 0);
  if (!first.ok) return dicomFailure(first.error);
  const uniform = series.slices.every((s) => s.slope === series.slices[0].slope && s.intercept === series.slices[0].intercept);
  const stored = TYPES.get(first.values.constructor) ?? 'float32';
  const spec = {
    columns: first.columns, rows: first.rows, voxelType: uniform ? stored : 'float32',
    rowDirection: series.rowDirection, columnDirection: series.columnDirection, pixelSpacing: series.pixelSpacing,
    origins: Float64Array.from(series.slices.flatMap((s) => s.origin)),
    names: series.slices.map((s) => (series.multiFrame ? `${s.file} frame ${s.frame + 1}` : s.file)),
    ...(uniform ? { slope: series.slices[0].slope, intercept: series.slices[0].intercept } : {}),
    ...(segments ? { segments: segments.map((g) => ({ labelValue: g.number, name: g.label })) } : {}),
  };
  const info = core.volumeOpenSlices(spec);
  if (!info.ok) return info;
  let received = 0, overlaps = 0;
  for (let k = 0; k < n; ++k) {
    const slice = k === 0 ? first : await readSlice(series, k);
    overlaps += slice.ok ? /** @type {any} */ (slice).overlaps ?? 0 : 0;
    if (!slice.ok || slice.values.length * (uniform ? slice.values.BYTES_PER_ELEMENT : 4) !== info.sliceBytes ||
        (uniform && TYPES.get(slice.values.constructor) !== stored)) {
      core.volumeRelease(info.id);
      if (!slice.ok) return dicomFailure(slice.error);
      return { ok: false, error: { code: 'InvalidFile', file: slice.file, message: `${slice.file} holds ${slice.values.length} values of another type or size than the series' first slice: one series, two pixel formats. Load one of them at a time.` } };
    }
    const at = info.voxels.byteOffset + k * info.sliceBytes;
    if (uniform) {
      new Uint8Array(info.voxels.buffer, at, info.sliceBytes).set(new Uint8Array(slice.values.buffer, slice.values.byteOffset, info.sliceBytes));
    } else {
      const out = new Float32Array(info.voxels.buffer, at, slice.values.length);
      for (let i = 0; i < slice.values.length; ++i) out[i] = slice.slope * slice.values[i] + slice.intercept;
    }
    received += info.sliceBytes;
    onProgress?.(received, info.dataBytes);
  }
  const finished = core.volumeFinish(info.id, received, undefined);
  if (!finished.ok) return finished;
  const volume = finished.volume;
  const warnings = dicomWarnings(series.notes);
  if (overlaps) {
    warnings.push({ code: 'OverlappingSegments', message: `${overlaps.toLocaleString('en')} voxels belong to more than one segment: the labelmap gives them to the higher segment number, so a segment under another is cut there. Pick that segment alone in the series list to fit it whole.` });
  }
  volume.dicom = { ...seriesSummary(series), rowDirection: series.rowDirection, columnDirection: series.columnDirection, frame: 'LPS', warnings };
  return { ok: true, volume };
}

/**
 * An RT structure set's ROIs as CSV text the core reads as contours grouped by object (each ROI
 * one sphere, labelled by its name), in RAS mm with every digit.
 * @param {any} structure  an RtStruct
 * @param {string | null} roiName  only this ROI (by name or number), or every ROI with contours
 * @returns {{ ok: true, text: string, rois: string[], ranges: { name: string, first: number, last: number }[] } | { ok: false, error: any }}
 *   ranges: each ROI's lines of the text (1-based, the header is line 1)
 */
export function rtStructTable(structure, roiName) {
  const rois = structure.rois.filter((r) => r.contours.length > 0);
  const chosen = roiName == null ? rois : rois.filter((r) => r.name === roiName || String(r.number) === String(roiName));
  if (!chosen.length) {
    const names = rois.map((r) => r.name).join(', ') || 'none';
    return { ok: false, error: { code: 'LabelNotFound', file: structure.file,
      message: roiName == null ? `${structure.file} holds no ROI with closed planar contours.` : `${structure.file} has no ROI “${roiName}” with contours; its ROIs are ${names}.` } };
  }
  const lines = ['object,slice,x,y,z'];
  const quote = (s) => `"${String(s).replaceAll('"', '""')}"`;
  /** @type {{ name: string, first: number, last: number }[]} */
  const ranges = [];
  for (const roi of chosen) {
    const name = quote(roi.name || `ROI ${roi.number}`);
    ranges.push({ name: roi.name || `ROI ${roi.number}`, first: lines.length + 1, last: 0 });
    roi.contours.forEach((c, k) => {
      for (let i = 0; i + 2 < c.length; i += 3) {
        const [x, y, z] = lpsToRas([c[i], c[i + 1], c[i + 2]]);
        lines.push(`${name},${k + 1},${x},${y},${z}`);
      }
    });
    ranges[ranges.length - 1].last = lines.length;
  }
  return { ok: true, text: `${lines.join('\n')}\n`, rois: chosen.map((r) => r.name), ranges };
}

/**
 * The result's centres also in DICOM's LPS patient frame (centerLps), the frame named: results
 * are in RAS mm (x and y of LPS negated), as 3D Slicer shows them.
 * @param {any} result
 */
export function addPatientFrame(result) {
  if (!result?.ok) return result;
  const lps = (c) => (c ? [-c[0], -c[1], c[2]] : null);
  result.frame = 'RAS';
  if (result.center) result.centerLps = lps(result.center);
  for (const s of result.spheres ?? []) s.centerLps = lps(s.center);
  return result;
}
