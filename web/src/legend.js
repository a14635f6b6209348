// The words that go with the 3D view, on the page and in its PNG: what is drawn, the
// confidence ellipsoid's magnification, the grid's scale and the colour scale, in the user's units.
// DOM-free: the view reports what it drew (`info`), this says it.
//
// info: { drawnCircles, totalCircles, gridStep, colourScale,
//         ellipsoid: { level, semiAxes, magnification } | null, noEllipsoid: 'none' | 'exact' }
import { formatUncertainty, formatIn, withUnits } from './format.js';

export function magnificationText(m) {
  if (m === 1) return 'at true size';
  const shown = Number(m.toPrecision(1)).toLocaleString('en', { maximumFractionDigits: 20 });
  return m > 1 ? `magnified ×${shown}` : `shrunk ×${shown} (at true size it would cover the sphere)`;
}

// One short line for the corner of the view.
export function scaleText(info, units) {
  const parts = [];
  if (info.ellipsoid) parts.push(`ellipsoid ${info.ellipsoid.magnification === 1 ? 'true size' : `×${Number(info.ellipsoid.magnification.toPrecision(1)).toLocaleString('en', { maximumFractionDigits: 20 })}`}`);
  parts.push(`grid ${withUnits(formatIn(info.gridStep, { decimals: Math.max(0, -Math.floor(Math.log10(info.gridStep) + 1e-9)), exponent: info.gridStep >= 1e7 || info.gridStep < 1e-4 }), units)}`);
  return parts.join(' · ');
}

export function legendLines(info, units, lengthFormat) {
  const lines = [];
  if (info.drawnCircles < info.totalCircles) {
    lines.push(`Drawing ${info.drawnCircles.toLocaleString('en')} of ${info.totalCircles.toLocaleString('en')} circles (evenly spaced, and every rejected one).`);
  }
  if (info.ellipsoid) {
    const { level, semiAxes, magnification } = info.ellipsoid;
    lines.push(`Yellow: the centre's ${Math.round(100 * level)} % confidence ellipsoid, ${magnificationText(magnification)}; semi-axes ${withUnits(semiAxes.map(formatUncertainty).join(', '), units)}.`);
  } else {
    lines.push(info.noEllipsoid === 'exact'
      ? 'White dot: the centre; no confidence ellipsoid (the data leave no scatter).'
      : 'White dot: the centre; no confidence ellipsoid: this fit has no uncertainty (see the notes).');
  }
  lines.push(`Grid squares ${scaleText({ gridStep: info.gridStep }, units).replace(/^grid /, '')}.`);
  lines.push(`Circles: blue inside the sphere, orange outside (full colour at ±${withUnits(formatIn(info.colourScale, lengthFormat), units)}), grey set aside.`);
  return lines;
}
