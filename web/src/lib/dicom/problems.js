// Errors and notes of the DICOM reader as values. Every failure is { ok: false, error } with a
// code from the core's vocabulary (wasm/core/model/status.hpp) where one fits and a message that
// names the file, the byte offset and the tag ("(0028,0030) PixelSpacing") where there is one,
// and says what to do. Nothing here throws: readers catch what the parsers and codecs throw and
// turn it into one of these.

/**
 * @typedef {object} DicomError
 * @property {string} code      InvalidFile | TruncatedFile | UnsupportedFile | MissingTag |
 *                              InconsistentContour | DuplicateSlices | CodecFailed | EmptyInput
 *                              | InvalidOption
 * @property {string} message   one sentence or two, naming the file (and tag, offset)
 * @property {string} file      the file's name as given
 * @property {number} [offset]  byte offset in the file, where one applies
 * @property {string} [tag]     "(gggg,eeee) Keyword", where one applies
 * @property {{ uid: string, name: string }} [transferSyntax]  for UnsupportedFile of pixel data
 * @property {string[]} [files] every file concerned (duplicate slices)
 */
/**
 * @typedef {object} DicomNote
 * @property {string} code     SkippedFile | MissingSlices | ContoursSkipped | OverlappingSegments | DefaultRescale
 * @property {string} message
 * @property {string} [file]
 * @property {string[]} [files]
 */
/** @typedef {{ ok: false, error: DicomError }} DicomFailure */

/** Keywords of the tags the reader uses, for messages. */
export const TAG_NAMES = {
  x00020010: 'TransferSyntaxUID', x00080016: 'SOPClassUID', x00080018: 'SOPInstanceUID',
  x00080060: 'Modality', x0008103e: 'SeriesDescription', x0020000d: 'StudyInstanceUID',
  x0020000e: 'SeriesInstanceUID', x00200011: 'SeriesNumber', x00200013: 'InstanceNumber',
  x00200032: 'ImagePositionPatient', x00200037: 'ImageOrientationPatient',
  x00200052: 'FrameOfReferenceUID', x00280002: 'SamplesPerPixel',
  x00280004: 'PhotometricInterpretation', x00280006: 'PlanarConfiguration',
  x00280008: 'NumberOfFrames', x00280010: 'Rows', x00280011: 'Columns', x00280030: 'PixelSpacing',
  x00280100: 'BitsAllocated', x00280101: 'BitsStored', x00280102: 'HighBit',
  x00280103: 'PixelRepresentation', x00281052: 'RescaleIntercept', x00281053: 'RescaleSlope',
  x7fe00010: 'PixelData', x52009229: 'SharedFunctionalGroupsSequence',
  x52009230: 'PerFrameFunctionalGroupsSequence', x00209113: 'PlanePositionSequence',
  x00209116: 'PlaneOrientationSequence', x00289110: 'PixelMeasuresSequence',
  x30060020: 'StructureSetROISequence', x30060039: 'ROIContourSequence',
  x30060040: 'ContourSequence', x30060042: 'ContourGeometricType', x30060046: 'NumberOfContourPoints',
  x30060050: 'ContourData', x30060080: 'RTROIObservationsSequence', x00620002: 'SegmentSequence',
  x00620005: 'SegmentLabel', x00620004: 'SegmentNumber', x0062000b: 'ReferencedSegmentNumber',
  x00620001: 'SegmentationType', x00620010: 'SegmentationFractionalType',
  x0062000e: 'MaximumFractionalValue', x00620008: 'SegmentAlgorithmType',
};

/** "(0028,0030) PixelSpacing" for dicom-parser's "x00280030". */
export function tagLabel(tag) {
  const t = String(tag).replace(/^x/, '').toUpperCase().padStart(8, '0');
  const name = TAG_NAMES[`x${t.toLowerCase()}`];
  return `(${t.slice(0, 4)},${t.slice(4)})${name ? ` ${name}` : ''}`;
}

/**
 * A failure value.
 * @param {string} code
 * @param {string} file
 * @param {string} message
 * @param {{ offset?: number, tag?: string, transferSyntax?: { uid: string, name: string }, files?: string[] }} [where]
 * @returns {DicomFailure}
 */
export function failure(code, file, message, where = {}) {
  /** @type {DicomError} */
  const error = { code, message, file };
  if (where.offset !== undefined && Number.isFinite(where.offset)) error.offset = where.offset;
  if (where.tag) error.tag = tagLabel(where.tag);
  if (where.transferSyntax) error.transferSyntax = where.transferSyntax;
  if (where.files) error.files = where.files;
  return { ok: false, error };
}

/** A thrown value (dicom-parser throws strings and { exception, dataSet }) as text. */
export function thrownText(e) {
  if (e && typeof e === 'object' && 'exception' in e) return thrownText(e.exception);
  if (e instanceof Error) return e.message;
  return String(e);
}

/** Thousands separators, as the rest of the library writes byte offsets. */
export const grouped = (n) => Math.round(n).toLocaleString('en-US');
