// Colours for the views (no DOM, no three.js), so Node can test them. Every number they colour
// comes from the core.

// Diverging colour for a residual scaled to [−1, 1]: blue inside, grey on, orange-red outside.
export function residualColor(t) {
  const x = Math.max(-1, Math.min(1, Number.isFinite(t) ? t : 0));
  const mid = [0.8, 0.82, 0.86];
  const end = x < 0 ? [0.15, 0.55, 1.0] : [1.0, 0.38, 0.12];
  const f = Math.abs(x);
  return mid.map((m, k) => m + (end[k] - m) * f);
}

// Residual colours saturate at a robust scale (the 90th percentile of |residual| over used
// slices or points, ×1.5), so one bad slice does not wash every other circle out to grey.
// Both the 3D view and the plots colour by it: computed once per result (from an evenly spaced
// sample of at most 100 000 for a million points: a colour scale needs no more).
const colourScales = new WeakMap();
const SCALE_SAMPLE = 100000;

export function colourScale(result) {
  if (!colourScales.has(result)) colourScales.set(result, robustColourScale(result.residuals, result.inlier, result.maxAbsResidual));
  return colourScales.get(result);
}

// The same scale for another set of residuals (a contour fit's points), cached by the array.
export function colourScaleOf(residuals, inlier) {
  if (!colourScales.has(residuals)) colourScales.set(residuals, robustColourScale(residuals, inlier, 0));
  return colourScales.get(residuals);
}

function robustColourScale(residuals, inlier, fallback) {
  const stride = Math.max(1, Math.ceil(residuals.length / SCALE_SAMPLE));
  const used = new Float64Array(Math.ceil(residuals.length / stride));
  let n = 0, largest = 0;
  for (let i = 0; i < residuals.length; i += stride) {
    if (!inlier[i]) continue;
    used[n++] = Math.abs(residuals[i]);
    largest = Math.max(largest, Math.abs(residuals[i]));
  }
  const sorted = used.subarray(0, n).sort();
  const p90 = n ? sorted[Math.floor(0.9 * (n - 1))] : 0;
  return p90 > 0 ? 1.5 * p90 : fallback > 0 ? fallback : largest > 0 ? largest : 1;
}

export const cssColor = ([r, g, b]) => `rgb(${Math.round(255 * r)}, ${Math.round(255 * g)}, ${Math.round(255 * b)})`;

// How much the 3D view scales the centre's confidence ellipsoid so it can be seen without
// dominating the sphere: the largest factor of the 1-2-5 series that keeps its largest drawn
// semi-axis within `share` of the radius. It is above 1 (magnified) for the usual tiny
// ellipsoid and below 1 (shrunk) only when the centre is so uncertain that even the true size
// would cover the sphere; the view states the factor either way.
export function ellipsoidMagnification(largestSemiAxis, radius, share = 0.15) {
  if (!(largestSemiAxis > 0) || !(radius > 0) || !Number.isFinite(largestSemiAxis / radius)) return 1;
  const limit = (share * radius) / largestSemiAxis;
  const decade = 10 ** Math.floor(Math.log10(limit));
  const factor = [5, 2, 1].map((f) => f * decade).find((f) => f <= limit * (1 + 1e-12));
  return limit >= 1 ? Math.max(1, factor) : factor;
}

// Grid spacing for a scene of size `span`: a 1-2-5 step giving about ten squares.
export function niceStep(span) {
  const raw = span / 10, p = 10 ** Math.floor(Math.log10(raw)), f = raw / p;
  return (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * p;
}
