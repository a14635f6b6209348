// The words that go with the 3D view, on the page and in its PNG: what is drawn, the
// confidence ellipsoid's magnification, the grid's scale and the colour scale, in the user's units.
// DOM-free: the view reports what it drew (`info`), this says it.
//
// info: { mode, drawnCircles, totalCircles, gridStep, colourScale,
//         drawnPoints?, totalPoints?, pointStride?, pointColourScale?,
//         ellipsoid: { level, semiAxes, magnification } | null, noEllipsoid: 'none' | 'exact',
//         zone?: { inner, outer, contacts, outerContacts } | null, zoneShown?,
//         shape?: { shape, semiAxes, best } | null }
import { formatUncertainty, formatIn, withUnits } from '../lib/format.js';

// A 1-2-5 factor as people write it: 10, 1,000, 0.5.
const factor = (m) => Number(m.toPrecision(1)).toLocaleString('en', { maximumFractionDigits: 20 });

export function magnificationText(m) {
  if (m === 1) return 'at true size';
  return m > 1 ? `magnified ×${factor(m)}` : `shrunk ×${factor(m)} (at true size it would cover the sphere)`;
}

// The grid step (a 1-2-5 number) with its units: "5 mm", "0.02 µm".
function gridText(step, units) {
  const exponent = step >= 1e7 || step < 1e-4;
  return withUnits(formatIn(step, { decimals: exponent ? 0 : Math.max(0, -Math.floor(Math.log10(step) + 1e-9)), exponent }), units);
}

// One short line for the corner of the view: "ellipsoid ×10 · grid 5 mm".
export function scaleText(info, units) {
  const parts = [];
  if (info.ellipsoid) parts.push(`ellipsoid ${info.ellipsoid.magnification === 1 ? 'true size' : `×${factor(info.ellipsoid.magnification)}`}`);
  parts.push(`grid ${gridText(info.gridStep, units)}`);
  return parts.join(' · ');
}

export function legendLines(info, units, lengthFormat) {
  const lines = [];
  const length = (v) => withUnits(formatIn(v, lengthFormat), units);
  if (info.drawnCircles < info.totalCircles) {
    lines.push(`Drawing ${info.drawnCircles.toLocaleString('en')} of ${info.totalCircles.toLocaleString('en')} circles (evenly spaced, and every rejected one).`);
  }
  if (info.totalPoints && info.drawnPoints < info.totalPoints) {
    lines.push(`Drawing ${info.drawnPoints.toLocaleString('en')} of ${info.totalPoints.toLocaleString('en')} points (one in ${info.pointStride.toLocaleString('en')}, and those set aside), for display only: every point is fitted.`);
  }
  if (info.ellipsoid) {
    const { level, semiAxes, magnification } = info.ellipsoid;
    lines.push(`Yellow: the centre's ${Math.round(100 * level)} % confidence ellipsoid, ${magnificationText(magnification)}; semi-axes ${withUnits(semiAxes.map(formatUncertainty).join(', '), units)}.`);
  } else {
    lines.push(info.noEllipsoid === 'exact'
      ? 'White dot: the centre; no confidence ellipsoid (the data leave no scatter).'
      : 'White dot: the centre; no confidence ellipsoid: this fit has no uncertainty (see the notes).');
  }
  lines.push(`Grid squares ${gridText(info.gridStep, units)}.`);
  if (info.totalCircles || info.totalCircles === undefined) {
    lines.push(`Circles: blue inside the sphere, orange outside (full colour at ±${length(info.colourScale)}), grey set aside.`);
  }
  if (info.totalPoints) {
    const scale = info.mode === 'contours' ? info.pointColourScale : info.colourScale;
    lines.push(`${info.mode === 'contours' ? 'Contour points' : 'Points'}: blue inside the sphere, orange outside (full colour at ±${length(scale)}), grey set aside.`);
  }
  if (info.shape) {
    const { shape, semiAxes, best } = info.shape;
    lines.push(`Green: ${best ? 'the best ellipsoid (the points are not a sphere)' : `the fitted ${shape}`} at true size, semi-axes ${semiAxes.map((a) => length(a)).join(', ')}.`);
  }
  if (info.zone && info.zoneShown) {
    const { inner, outer, contacts, outerContacts } = info.zone;
    lines.push(`Zone at true size: inner sphere of radius ${length(inner)} (blue), outer ${length(outer)} (orange); ${contacts} contact ${contacts === 1 ? 'point' : 'points'} marked (${outerContacts} outer in orange, ${contacts - outerContacts} inner in blue).`);
  }
  return lines;
}
