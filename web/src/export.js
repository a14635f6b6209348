// What leaves the page as files or on the clipboard: results as JSON and CSV, the slice table
// as CSV, and a plain-text summary. Built from the fit result only; no network.
import { sliceColumns, slicesUsed } from './slice-table.js';

function csvField(v) {
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

const csv = (rows) => `${rows.map((r) => r.map(csvField).join(',')).join('\n')}\n`;

export function resultJson(result, options) {
  const { slices } = result;
  const cols = sliceColumns(slices, result);
  return JSON.stringify({
    software: `spherefit ${result.version ?? ''}`.trim(),
    created: new Date().toISOString(),
    units: options.units ?? '',
    options: { weights: options.weights, robust: options.robust, knownRadius: options.radius === '' ? null : Number(options.radius) },
    sphere: { center: result.center, radius: result.radius, diameter: 2 * result.radius, radiusFixed: result.radiusFixed },
    standardUncertainty: result.stdErr,
    covariance: result.covariance,
    rms: result.rms,
    maxAbsResidual: result.maxAbsResidual,
    coverage: result.coverage,
    iterations: result.iterations,
    warnings: result.warnings,
    slices: Array.from({ length: slices.x.length }, (_, i) => Object.fromEntries(cols.map((c) => [c.key, c.value(i)]))),
  }, null, 2);
}

export function resultCsv(result, options) {
  const u = options.units ?? '';
  const se = result.stdErr;
  const rows = [['quantity', 'value', 'standard_uncertainty', 'units'],
    ['center_x', result.center[0], se ? se.center[0] : '', u],
    ['center_y', result.center[1], se ? se.center[1] : '', u],
    ['center_z', result.center[2], se ? se.center[2] : '', u],
    ['radius', result.radius, se && se.radius !== null ? se.radius : '', u],
    ['diameter', 2 * result.radius, se && se.radius !== null ? 2 * se.radius : '', u],
    ['rms_distance', result.rms, '', u],
    ['max_abs_slice_residual', result.maxAbsResidual, '', u],
    ['min_latitude_deg', result.coverage.minLatitude, '', 'deg'],
    ['max_latitude_deg', result.coverage.maxLatitude, '', 'deg'],
    ['slices_used', slicesUsed(result), '', ''],
    ['slices_total', result.inlier.length, '', '']];
  return csv(rows);
}

export function sliceTableCsv(result) {
  const cols = sliceColumns(result.slices, result);
  const rows = [cols.map((c) => c.key)];
  for (let i = 0; i < result.slices.x.length; ++i) rows.push(cols.map((c) => c.value(i)));
  return csv(rows);
}

export function resultSummary(result, options) {
  const u = options.units ? ` ${options.units}` : '';
  const se = result.stdErr;
  const pm = (k) => (se ? ` ± ${se.center[k].toPrecision(2)}` : '');
  const lines = [
    `Sphere fit (${slicesUsed(result)} of ${result.inlier.length} slices)`,
    `centre x = ${result.center[0]}${pm(0)}${u}`,
    `centre y = ${result.center[1]}${pm(1)}${u}`,
    `centre z = ${result.center[2]}${pm(2)}${u}`,
    `radius   = ${result.radius}${se && se.radius !== null ? ` ± ${se.radius.toPrecision(2)}` : result.radiusFixed ? ' (known)' : ''}${u}`,
    `RMS distance = ${result.rms}${u}; max |slice residual| = ${result.maxAbsResidual}${u}`,
    ...result.warnings.map((w) => `note: ${w.message}`),
  ];
  return `${lines.join('\n')}\n`;
}

export function download(name, content, type) {
  const blob = content instanceof Blob ? content : new Blob([content], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
