// What a result is, in words: the data the core read (its mode and counts), the association the
// fit used in the words of the ISO standards, and a volume's slices counted by status. DOM-free
// (Node tests it); every count comes from the result, none is computed from the data here.
import { count, formatNumber } from '../lib/format.js';

// The four associations, as ISO 14405-1 (size of a sphere) and ISO 1101/12181 (form) name them.
// `form` says what the form error is for each: the width of the zone about that fit's centre.
export const FIT_TYPES = {
  'least-squares': {
    label: 'Least squares (Gaussian)',
    iso: 'Least-squares sphere (Gaussian association, ISO 14405-1 GG)',
    form: 'peak to valley of the distances from the least-squares centre',
  },
  'minimum-zone': {
    label: 'Minimum zone (Chebyshev)',
    iso: 'Minimum-zone spheres (Chebyshev association, ISO 14405-1 GC; sphericity, ISO 1101)',
    form: 'width of the thinnest shell between two concentric spheres that holds every point (sphericity)',
  },
  'minimum-circumscribed': {
    label: 'Minimum circumscribed',
    iso: 'Minimum circumscribed sphere (ISO 14405-1 GN)',
    form: 'peak to valley of the distances from the circumscribed sphere\'s centre',
  },
  'maximum-inscribed': {
    label: 'Maximum inscribed',
    iso: 'Maximum inscribed sphere (ISO 14405-1 GX)',
    form: 'peak to valley of the distances from the inscribed sphere\'s centre',
  },
};

export const isFormFit = (fitType) => Boolean(fitType) && fitType !== 'least-squares';

// Point file formats as people call them.
const FORMATS = {
  'ply-ascii': 'PLY, text', 'ply-binary-little-endian': 'PLY, binary', 'ply-binary-big-endian': 'PLY, binary big-endian',
  'stl-ascii': 'STL, text', 'stl-binary': 'STL, binary', obj: 'OBJ',
};
export const pointFileFormat = (name) => FORMATS[name] ?? name;

export const AXES = ['i', 'j', 'k'];

// The number of rows of the result's table: slices (circles, contours) or points.
export const rowCount = (result) => (result.mode === 'points' ? result.points.x.length : result.slices.x.length);

// What the core read, in one line: "40 slice circles", "252 points", "28 contours, 1,120 points",
// "1,043 points from 2,082 triangles (1,041 merged; STL, binary)", "26 slice contours along k,
// 5,684 points (label 1)".
export function modeText(result) {
  if (result.mode === 'circles') return count(result.slices.x.length, 'slice circle');
  const points = result.points.x.length;
  if (result.mode === 'points') {
    const file = result.file;
    if (!file) return count(points, 'point');
    const faces = file.faces > 0 ? ` from ${count(file.faces, file.format.startsWith('stl') ? 'triangle' : 'face')}` : '';
    const merged = file.duplicatesMerged > 0 ? `${count(file.duplicatesMerged, 'duplicate')} merged; ` : '';
    return `${count(points, 'point')}${faces} (${merged}${pointFileFormat(file.format)})`;
  }
  const contours = result.slices.x.length;
  if (result.volume) {
    const sel = result.selection ?? {};
    const what = sel.label !== undefined ? `label ${sel.label}` : sel.threshold !== undefined ? `threshold ${formatNumber(sel.threshold)}` : 'default';
    return `${count(contours, 'slice contour')} along ${AXES[sel.axis ?? 2]}, ${count(points, 'point')} (${what})`;
  }
  return `${count(contours, 'contour')}, ${count(points, 'point')}`;
}

// A volume's slices along the fitted axis counted by status: [{ status, count }] in the order of
// the vocabulary's sliceStatuses (0 is 'Kept'), only those present.
export function sliceStatusCounts(result, statuses) {
  const counts = new Map();
  for (const s of result.volumeSlices.status) counts.set(s, (counts.get(s) ?? 0) + 1);
  return [...counts.keys()].sort((a, b) => a - b).map((s) => ({ status: statuses[s] ?? String(s), count: counts.get(s) }));
}

// Why a slice was left out, in words, by status name.
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
