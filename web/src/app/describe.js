// What a result is, in words: the data the core read (its mode and counts, with the core's nouns,
// vocabulary.nouns) and a volume's slices counted by status. The association's words are the
// core's (vocabulary.fitTypeWords). DOM-free (Node tests it); every count comes from the result,
// none is computed from the data here.
import { count, formatNumber } from '../lib/format.js';

export const isFormFit = (fitType) => Boolean(fitType) && fitType !== 'least-squares';

// Point file formats as people call them.
const FORMATS = {
  'ply-ascii': 'PLY, text', 'ply-binary-little-endian': 'PLY, binary', 'ply-binary-big-endian': 'PLY, binary big-endian',
  'stl-ascii': 'STL, text', 'stl-binary': 'STL, binary', obj: 'OBJ',
};
export const pointFileFormat = (name) => FORMATS[name] ?? name;

export const AXES = ['i', 'j', 'k'];

// The rows of a result's table in words, by the core's noun: "40 slice circles".
export const rowsText = (result, vocabulary, n = rowCount(result)) => count(n, vocabulary.nouns[result.mode].one, vocabulary.nouns[result.mode].many);

// The number of rows of the result's table: slices (circles, contours) or points.
export const rowCount = (result) => (result.mode === 'points' ? result.points.x.length : result.slices.x.length);

// What the core read, in one line: "40 slice circles", "252 points", "28 contours, 1,120 points",
// "1,043 points from 2,082 triangles (1,041 merged; STL, binary)", "26 slice contours along k,
// 5,684 points (label 1)".
export function modeText(result, vocabulary) {
  const { circles, points: point } = vocabulary.nouns;
  if (result.mode === 'circles') return count(result.slices.x.length, circles.one, circles.many);
  const points = result.points.x.length;
  const pointText = count(points, point.one, point.many);
  if (result.mode === 'points') {
    const file = result.file;
    if (!file) return pointText;
    const faces = file.faces > 0 ? ` from ${count(file.faces, file.format.startsWith('stl') ? 'triangle' : 'face')}` : '';
    const merged = file.duplicatesMerged > 0 ? `${count(file.duplicatesMerged, 'duplicate')} merged; ` : '';
    return `${pointText}${faces} (${merged}${pointFileFormat(file.format)})`;
  }
  const contours = result.slices.x.length;
  if (result.volume) {
    const sel = result.selection ?? {};
    const what = sel.label !== undefined ? `label ${sel.label}` : sel.threshold !== undefined ? `threshold ${formatNumber(sel.threshold)}` : 'default';
    return `${count(contours, 'slice contour')} along ${AXES[sel.axis ?? 2]}, ${pointText} (${what})`;
  }
  return `${count(contours, 'contour')}, ${pointText}`;
}

// A volume's slices along the fitted axis counted by status: [{ status, count }] in the order of
// the vocabulary's sliceStatuses (0 is 'Kept'), only those present.
export function sliceStatusCounts(result, statuses) {
  const counts = new Map();
  for (const s of result.volumeSlices.status) counts.set(s, (counts.get(s) ?? 0) + 1);
  return [...counts.keys()].sort((a, b) => a - b).map((s) => ({ status: statuses[s] ?? String(s), count: counts.get(s) }));
}

// Why a slice was left out, in words, by the core's status name (vocabulary.sliceStatuses).
export const STATUS_WORDS = {
  Kept: 'used',
  Empty: 'empty (nothing selected on it)',
  TouchesEdge: 'touching the volume\'s edge',
  SeveralPieces: 'in several pieces',
  Hole: 'with a hole',
};

// The volume slice (its index along the axis) that holds circle `c` of a volume's result, or −1.
export function volumeSliceOfCircle(result, c) {
  if (!result.volumeSlices || c < 0 || c >= result.slices.x.length) return -1;
  const contour = result.slices.contour[c];
  const { contour: of, index } = result.volumeSlices;
  for (let k = 0; k < of.length; ++k) if (of[k] === contour) return index[k];
  return -1;
}

// The circle of a volume's result on volume slice `sliceIndex`, or −1 when that slice gave none.
export function circleOfVolumeSlice(result, sliceIndex) {
  if (!result.volumeSlices) return -1;
  const { contour: of, index } = result.volumeSlices;
  let contour = -1;
  for (let k = 0; k < index.length; ++k) if (index[k] === sliceIndex) contour = of[k];
  if (contour < 0) return -1;
  return result.slices.contour.indexOf(contour);
}
