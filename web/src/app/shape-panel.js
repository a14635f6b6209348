// Is it a sphere? The core's verdict on the points (sphere or not, its sentence) and, when the
// points are not a sphere or a spheroid or ellipsoid was asked for, that surface: its semi-axes
// (descending, with standard uncertainties; data-value carries every digit, space separated), its
// centre, axis directions, RMS distance and the combinations the data determine poorly. Slice
// circles have no verdict: the block is hidden. Every number is the result's, printed by format.js.
import { formatNumber, formatWithUncertainty, withUnits } from '../lib/format.js';
import { semiAxesText } from '../lib/report.js';

// Whether the page shows an ellipsoid (panel numbers, the 3D view's surface, the residuals).
export const showsEllipsoid = (result) => Boolean(result?.ellipsoid && (result.shape !== 'sphere' || result.shapeVerdict?.value === 'not-sphere'));

export function renderShape(root, result, units) {
  const $ = (id) => root.querySelector(`[data-testid="${id}"]`);
  const box = $('result-shape');
  const v = result.shapeVerdict, e = result.ellipsoid;
  box.hidden = !v && !(e && result.shape !== 'sphere');
  if (box.hidden) return;
  $('result-shape-heading').textContent = result.shape === 'sphere' ? 'Shape: is it a sphere?' : `Shape: the best ${result.shape}`;
  const verdict = $('result-shape-verdict');
  if (v) {
    verdict.dataset.value = v.value;
    verdict.textContent = v.sentence;
  } else {
    delete verdict.dataset.value;
    verdict.textContent = '';
  }
  const numbers = $('result-shape-numbers');
  numbers.hidden = !showsEllipsoid(result);
  const poor = $('result-shape-poor');
  if (numbers.hidden) {
    $('result-semi-axes').removeAttribute('data-value');
    poor.replaceChildren();
    return;
  }
  const semi = $('result-semi-axes');
  semi.dataset.value = e.semiAxes.map(String).join(' ');
  semi.textContent = `${semiAxesText(e, units)}${result.shape === 'sphere' ? ' (the best ellipsoid)' : ''}`;
  const center = $('result-shape-center');
  center.dataset.value = e.center.map(String).join(' ');
  center.textContent = e.center.map((c, k) => (e.stdErr ? formatWithUncertainty(c, e.stdErr.center[k], units) : withUnits(formatNumber(c), units))).join(', ');
  $('result-shape-axes').textContent = e.axes.map((axis, k) => {
    const tilt = e.stdErr?.axes[k];
    const direction = `(${axis.map((c) => formatNumber(c, 4)).join(', ')})`;
    return tilt == null ? `${direction}, direction undefined` : `${direction} ± ${formatNumber((tilt * 180) / Math.PI, 2)}°`;
  }).join('; ');
  const rms = $('result-shape-rms');
  rms.dataset.value = String(e.rms);
  rms.textContent = `${withUnits(formatNumber(e.rms), units)}${e.stride > 1 ? ` (on ${e.pointsFitted.toLocaleString('en')} evenly spaced points)` : ''}`;
  poor.replaceChildren(...e.poorlyDetermined.map((p) => {
    const li = root.ownerDocument.createElement('li');
    li.textContent = `Poorly determined: ${p.description} (± ${withUnits(formatNumber(p.stdErr, 2), units)}).`;
    return li;
  }));
}
