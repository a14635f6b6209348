// RT Structure Set (PS3.3 A.19, C.8.8.5–6): the ROIs of the Structure Set ROI Sequence (number,
// name, frame of reference), their RTROIInterpretedType from the RT ROI Observations Sequence, and
// each ROI's contours from the ROI Contour Sequence: ContourData as x, y, z triples in the patient
// frame (LPS mm). CLOSED_PLANAR contours are kept; POINT and OPEN_* ones are skipped with a note.
// ContourData is DS text by the standard; some systems write it binary (OD/FD doubles, FL/OF
// floats, or OB/UN bytes whose width NumberOfContourPoints tells): those are read too.

import { failure, thrownText } from './problems.js';
import { fileSource, parseFile, readWhole, str, us, int, numbers } from './parse.js';

/**
 * @typedef {object} RtRoi
 * @property {number} number             ROINumber
 * @property {string} name               ROIName (e.g. Femur_Head_L)
 * @property {string} type               RTROIInterpretedType ('' when not given)
 * @property {string} frameOfReferenceUID ReferencedFrameOfReferenceUID of the ROI
 * @property {number[] | null} color     ROIDisplayColor
 * @property {Float64Array[]} contours   CLOSED_PLANAR contours, each x,y,z,x,y,z,… in LPS mm
 * @property {number} pointCount         points over all kept contours
 */
/**
 * @typedef {object} RtStruct
 * @property {string} file
 * @property {string} sopInstanceUID
 * @property {string} seriesInstanceUID
 * @property {string} label              StructureSetLabel
 * @property {{ frameOfReferenceUID: string, series: { seriesInstanceUID: string, images: string[] }[] }[]} referencedFrameOfReference
 * @property {RtRoi[]} rois
 * @property {import('./problems.js').DicomNote[]} notes
 */

const MAX_POINTS = 50_000_000;
const TEXT = /^[\s0-9eE+\-.\\]*$/;

/**
 * A contour's numbers, from text (DS) or binary (OF, OD) ContourData.
 * @returns {{ ok: true, values: Float64Array } | { ok: false, why: string }}
 */
function contourValues(ds, el, points) {
  const bytes = ds.byteArray.subarray(el.dataOffset, el.dataOffset + el.length);
  let vr = el.vr;
  if (!vr || vr === 'UN' || vr === 'OB') {
    // Implicit VR or an untyped binary: text when every byte is a DS character.
    let text = true;
    for (let i = 0; i < bytes.length && text; i++) { const c = bytes[i]; if (!(c === 0 || TEXT.test(String.fromCharCode(c)))) text = false; }
    if (text) vr = 'DS';
    else if (points > 0 && bytes.length === points * 24) vr = 'OD';
    else if (points > 0 && bytes.length === points * 12) vr = 'OF';
    else return { ok: false, why: `${bytes.length} bytes of binary ContourData do not hold ${points} points of 4- or 8-byte numbers` };
  }
  if (vr === 'DS' || vr === 'IS' || vr === 'LO' || vr === 'ST' || vr === 'LT' || vr === 'UT') {
    const n = numbers(ds, el.tag) ?? [];
    return { ok: true, values: Float64Array.from(n) };
  }
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const little = ds.byteArrayParser?.readUint16 ? ds.byteArrayParser.readUint16(new Uint8Array([1, 0]), 0) === 1 : true;
  const size = vr === 'OD' || vr === 'FD' ? 8 : vr === 'OF' || vr === 'FL' ? 4 : 0;
  if (!size) return { ok: false, why: `ContourData has VR ${vr}` };
  const count = Math.floor(bytes.length / size);
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) out[i] = size === 8 ? dv.getFloat64(i * size, little) : dv.getFloat32(i * size, little);
  return { ok: true, values: out };
}

/**
 * Reads a parsed RT structure set.
 * @param {import('./parse.js').Parsed} parsed
 * @param {string} name
 * @returns {{ ok: true, value: RtStruct } | import('./problems.js').DicomFailure}
 */
export function readRtStructParsed(parsed, name) {
  const ds = parsed.dataSet;
  /** @type {import('./problems.js').DicomNote[]} */
  const notes = [];
  const ssr = ds.elements.x30060020?.items;
  if (!ssr) return failure('MissingTag', name, `${name} is an RT structure set without a Structure Set ROI Sequence: no ROIs.`, { tag: 'x30060020' });
  /** @type {Map<number, RtRoi>} */
  const rois = new Map();
  for (const it of ssr) {
    const d = it.dataSet;
    const number = int(d, 'x30060022');
    if (number === undefined) { notes.push({ code: 'ContoursSkipped', message: `${name}: an ROI without ROINumber is skipped.`, file: name }); continue; }
    rois.set(number, { number, name: str(d, 'x30060026') ?? `ROI ${number}`, type: '', frameOfReferenceUID: str(d, 'x30060024') ?? '', color: null, contours: [], pointCount: 0 });
  }
  for (const it of ds.elements.x30060080?.items ?? []) {
    const d = it.dataSet;
    const roi = rois.get(int(d, 'x30060084'));
    if (roi) roi.type = str(d, 'x300600a4') ?? '';
  }
  let total = 0;
  for (const it of ds.elements.x30060039?.items ?? []) {
    const d = it.dataSet;
    const number = int(d, 'x30060084');
    const roi = rois.get(number);
    if (!roi) { notes.push({ code: 'ContoursSkipped', message: `${name}: contours for ROI number ${number}, which the Structure Set ROI Sequence does not list, are skipped.`, file: name }); continue; }
    const color = numbers(d, 'x3006002a');
    if (color && color.length === 3 && color.every(Number.isFinite)) roi.color = color;
    const skipped = {};
    for (const c of d.elements.x30060040?.items ?? []) {
      const cd = c.dataSet;
      const type = (str(cd, 'x30060042') ?? '').toUpperCase();
      if (type !== 'CLOSED_PLANAR') { skipped[type || 'no ContourGeometricType'] = (skipped[type || 'no ContourGeometricType'] ?? 0) + 1; continue; }
      const el = cd.elements.x30060050;
      const points = int(cd, 'x30060046') ?? us(cd, 'x30060046') ?? 0;
      if (!el) { skipped['without ContourData'] = (skipped['without ContourData'] ?? 0) + 1; continue; }
      if (el.dataOffset + el.length > cd.byteArray.length) {
        return failure('TruncatedFile', name, `${name} is cut short inside the ContourData of ROI ${roi.name}.`, { tag: 'x30060050', offset: el.dataOffset - parsed.shift });
      }
      const v = contourValues(cd, el, points);
      if (!v.ok) { notes.push({ code: 'InconsistentContour', message: `${name}, ROI ${roi.name}: a contour is skipped: ${v.why}.`, file: name }); continue; }
      const values = v.values;
      if (values.length % 3 !== 0 || (points && values.length !== 3 * points)) {
        notes.push({ code: 'InconsistentContour', message: `${name}, ROI ${roi.name}: a contour with ${values.length} numbers for ${points} points (3 each) is skipped.`, file: name });
        continue;
      }
      if (!values.every(Number.isFinite)) { notes.push({ code: 'InconsistentContour', message: `${name}, ROI ${roi.name}: a contour with a value that is not a number is skipped.`, file: name }); continue; }
      total += values.length / 3;
      if (total > MAX_POINTS) return failure('UnsupportedFile', name, `${name} holds more than ${MAX_POINTS.toLocaleString('en-US')} contour points.`, { tag: 'x30060050' });
      roi.contours.push(values);
      roi.pointCount += values.length / 3;
    }
    const kinds = Object.entries(skipped);
    if (kinds.length) {
      notes.push({ code: 'ContoursSkipped', message: `${name}, ROI ${roi.name}: ${kinds.map(([k, n]) => `${n} ${k} contour${n > 1 ? 's' : ''}`).join(', ')} skipped (only CLOSED_PLANAR contours outline a region).`, file: name });
    }
  }
  const refs = [];
  for (const it of ds.elements.x30060010?.items ?? []) {
    const d = it.dataSet;
    const series = [];
    for (const st of d.elements.x30060012?.items ?? []) {
      for (const se of st.dataSet.elements.x30060014?.items ?? []) {
        const images = (se.dataSet.elements.x30060016?.items ?? []).map((im) => str(im.dataSet, 'x00081155') ?? '');
        series.push({ seriesInstanceUID: str(se.dataSet, 'x0020000e') ?? '', images });
      }
    }
    refs.push({ frameOfReferenceUID: str(d, 'x00200052') ?? '', series });
  }
  return {
    ok: true,
    value: {
      file: name, sopInstanceUID: str(ds, 'x00080018') ?? '', seriesInstanceUID: str(ds, 'x0020000e') ?? '',
      label: str(ds, 'x30060002') ?? '', referencedFrameOfReference: refs, rois: [...rois.values()], notes,
    },
  };
}

/**
 * Reads an RT structure set file.
 * @param {import('./parse.js').DicomFileInput} file
 * @returns {Promise<{ ok: true, value: RtStruct } | import('./problems.js').DicomFailure>}
 */
export async function readRtStruct(file) {
  const source = fileSource(file);
  if (!source) return failure('InvalidOption', '', 'readRtStruct takes a file ({ name, bytes } or a File).');
  try {
    const parsed = await parseFile(await readWhole(source), source.name);
    if (!parsed.ok) return parsed;
    if ((str(parsed.value.dataSet, 'x00080016') ?? '') !== '1.2.840.10008.5.1.4.1.1.481.3') {
      return failure('InvalidFile', source.name, `${source.name} is not an RT structure set (SOP class ${str(parsed.value.dataSet, 'x00080016') ?? 'not given'}).`, { tag: 'x00080016' });
    }
    return readRtStructParsed(parsed.value, source.name);
  } catch (e) {
    return failure('InvalidFile', source.name, `${source.name} could not be read as an RT structure set (${thrownText(e)}).`);
  }
}
