// What leaves the page as files or on the clipboard: results as JSON and CSV, the slice table
// as CSV, and a plain-text summary. Built from the fit result only; no network.
//
// JSON and the numbers in CSV keep every digit (they are for machines). The summary is for
// people and follows the page's one formatting rule (format.js). Text cells of a CSV (units,
// names) are neutralised so a spreadsheet never runs them as a formula (OWASP "CSV injection").
import { sliceColumns, slicesUsed } from './slice-table.js';
import { formatWithUncertainty, formatIn, resultFormats, withUnits, typedDecimals, formatNumber } from './format.js';

// A text cell starting with = + - @ (or a tab or CR, which some spreadsheets skip before them)
// is read as a formula: a leading apostrophe makes it text. Numbers stay numbers.
export function csvField(v) {
  let s = String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

const csv = (rows) => `${rows.map((r) => r.map(csvField).join(',')).join('\n')}\n`;

export function resultJson(result, options) {
  const { slices } = result;
  const cols = sliceColumns(slices, result);
  return JSON.stringify({
    software: `spherefit ${result.version ?? ''}`.trim(),
    created: new Date().toISOString(),
    units: options.units ?? '',
    options: { weights: options.weights, robust: options.robust, knownRadius: options.radius === '' ? null : Number(String(options.radius).replace(',', '.')) },
    mode: result.mode,
    fitType: result.fitType,
    sphere: { center: result.center, radius: result.radius, diameter: 2 * result.radius, radiusFixed: result.radiusFixed },
    standardUncertainty: result.stdErr,
    covariance: result.covariance,
    confidenceEllipsoid: result.confidenceEllipsoid ?? null,
    rms: result.rms,
    maxAbsResidual: result.maxAbsResidual,
    coverage: result.coverage,
    form: result.form ?? null,
    knownRadiusCheck: result.knownRadiusCheck ?? null,
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

const exactlyDetermined = (result) => result.warnings.some((w) => w.code === 'ExactlyDetermined');

// The text shown for the centre's coordinate k, the radius and the diameter, with units: the
// same strings in the results panel, the copied summary and the PNG legend.
export function resultTexts(result, options) {
  const units = options.units ?? '';
  const se = result.stdErr;
  const length = resultFormats(result).length;
  const none = exactlyDetermined(result) ? 'exactly determined: no uncertainty' : 'no uncertainty: see the notes';
  const plain = (v) => `${withUnits(formatIn(v, length), units)} (${none})`;
  const centre = [0, 1, 2].map((k) => (se ? formatWithUncertainty(result.center[k], se.center[k], units) : plain(result.center[k])));
  let radius, diameter;
  if (result.radiusFixed) {
    const d = typedDecimals(options.radius);
    radius = `${withUnits(formatNumber(result.radius, d), units)} (known)`;
    diameter = `${withUnits(formatNumber(2 * result.radius, d), units)} (known)`;
  } else if (se && se.radius !== null) {
    radius = formatWithUncertainty(result.radius, se.radius, units);
    diameter = formatWithUncertainty(2 * result.radius, 2 * se.radius, units);
  } else {
    radius = plain(result.radius);
    diameter = plain(2 * result.radius);
  }
  return {
    centre, radius, diameter,
    rms: withUnits(formatIn(result.rms, length), units),
    max: withUnits(formatIn(result.maxAbsResidual, length), units),
  };
}

export function resultSummary(result, options) {
  const t = resultTexts(result, options);
  const lines = [
    `Sphere fit (${slicesUsed(result)} of ${result.inlier.length} slices)`,
    `centre x = ${t.centre[0]}`,
    `centre y = ${t.centre[1]}`,
    `centre z = ${t.centre[2]}`,
    `radius   = ${t.radius}`,
    `RMS distance = ${t.rms}; max |slice residual| = ${t.max}`,
    ...(result.stdErr ? ['(± one standard uncertainty)'] : []),
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
