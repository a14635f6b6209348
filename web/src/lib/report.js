// A fit result as a report: the record that JSON exports carry, a summary in words for people
// (by the page's one rounding rule, format.js), and a CSV row per file for batches. No DOM, no
// maths on the fit: every number comes from the result; the command line and the page share it.
import { formatWithUncertainty, formatNumber, formatIn, resultFormats, formatDegrees, withUnits, count } from './format.js';

const used = (result) => result.inlier.reduce((n, v) => n + v, 0);

const NOUNS = { circles: ['slice circle', 'slice circles'], points: ['point', 'points'], contours: ['contour circle', 'contour circles'] };

const ASSOCIATIONS = {
  'least-squares': 'least-squares sphere (Gaussian)',
  'minimum-zone': 'minimum-zone spheres (Chebyshev; ISO sphericity)',
  'minimum-circumscribed': 'minimum circumscribed sphere',
  'maximum-inscribed': 'maximum inscribed sphere',
};

// What the observations were, in words: "40 slice circles (39 used)", "252 points (240 used)".
export function observationsText(result) {
  const [one, many] = NOUNS[result.mode] ?? NOUNS.points;
  const n = result.inlier.length, u = used(result);
  let text = count(n, one, many) + (u < n ? ` (${u.toLocaleString('en')} used)` : '');
  if (result.mode === 'contours' && result.points) text += ` from ${count(result.points.x.length, 'point')}`;
  if (result.file) {
    const f = result.file;
    if (f.faces) text += `, a mesh of ${count(f.faces, 'face')}`;
    if (f.duplicatesMerged) text += ` (${f.duplicatesMerged.toLocaleString('en')} repeated vertices merged)`;
  }
  return text;
}

export const associationName = (fitType) => ASSOCIATIONS[fitType] ?? fitType;

// The record of a result, for JSON: everything but the per-observation columns (those go to the
// tables' CSV exports), with every digit.
export function resultRecord(result, { units = '', options = {}, source = null } = {}) {
  const record = {
    software: `spherefit ${result.version ?? ''}`.trim(),
    created: new Date().toISOString(),
    source,
    units,
    options,
    mode: result.mode,
    fitType: result.fitType,
    observations: result.inlier.length,
    used: used(result),
    sphere: { center: result.center, radius: result.radius, diameter: 2 * result.radius, radiusFixed: result.radiusFixed },
    standardUncertainty: result.stdErr,
    covariance: result.covariance,
    confidenceEllipsoid: result.confidenceEllipsoid ?? null,
    leastSquares: result.leastSquares ?? null,
    rms: result.rms,
    maxAbsResidual: result.maxAbsResidual,
    coverage: result.coverage,
    form: result.form,
    knownRadiusCheck: result.knownRadiusCheck ?? null,
    iterations: result.iterations,
    warnings: result.warnings,
  };
  if (result.pointFit) {
    const p = result.pointFit;
    record.pointFit = { center: p.center, radius: p.radius, standardUncertainty: p.stdErr, rms: p.rms, maxAbsResidual: p.maxAbsResidual, form: p.form, warnings: p.warnings };
    record.agreement = result.agreement;
  }
  if (result.file) record.file = result.file;
  if (result.volume) {
    const v = result.volume;
    record.volume = {
      format: v.format, size: v.size, spacing: v.spacing, voxelType: v.voxelType, affine: v.affine,
      affineSource: v.affineSource, selection: result.selection, centerVoxel: result.centerVoxel,
    };
  }
  return record;
}

// A summary for people: the sphere with its uncertainties, fit quality, coverage and warnings.
export function summaryText(result, { units = '', name = '' } = {}) {
  const se = result.stdErr;
  // Lengths without an uncertainty on the input's own scale (format.js, rule 3) when the result
  // carries what was read; else in their shortest form.
  const formats = result.slices || result.points ? resultFormats(result) : null;
  const plain = (v) => (formats ? formatIn(v, formats.length) : formatNumber(v));
  const scaled = (v) => (formats ? formatIn(v, formats.value) : formatNumber(v));
  const value = (v, s) => (s != null && s >= 0 ? formatWithUncertainty(v, s, units) : withUnits(scaled(v), units));
  const centre = [0, 1, 2].map((k) => value(result.center[k], se?.center[k])).join(', ');
  const radius = result.radiusFixed ? `${withUnits(formatNumber(result.radius), units)} (known)` : value(result.radius, se?.radius);
  const diameter = result.radiusFixed ? withUnits(formatNumber(2 * result.radius), units) : value(2 * result.radius, se?.radius != null ? 2 * se.radius : null);
  const lines = [
    `${name ? `${name}: ` : ''}${observationsText(result)}; ${associationName(result.fitType)}`,
    `  centre    ${centre}`,
    `  radius    ${radius}   (diameter ${diameter})`,
  ];
  if (result.fitType === 'minimum-zone') {
    lines.push(`  zone      inner ${withUnits(scaled(result.form.innerRadius), units)}, outer ${withUnits(scaled(result.form.outerRadius), units)}`);
  }
  lines.push(`  form error ${withUnits(plain(result.form.error), units)}; RMS distance ${withUnits(plain(result.rms), units)}; ` +
    `max |residual| ${withUnits(plain(result.maxAbsResidual), units)}`);
  if (!se && !result.leastSquares) lines.push('  (exactly determined: no uncertainty)');
  if (se) lines.push('  (± one standard uncertainty)');
  if (result.leastSquares) {
    const ls = result.leastSquares;
    lines.push(`  least squares: centre ${[0, 1, 2].map((k) => value(ls.center[k], ls.stdErr?.center[k])).join(', ')}, radius ${value(ls.radius, ls.stdErr?.radius)}`);
  }
  if (result.pointFit) {
    const p = result.pointFit;
    lines.push(`  point fit: centre ${[0, 1, 2].map((k) => value(p.center[k], p.stdErr?.center[k])).join(', ')}, radius ${value(p.radius, p.stdErr?.radius)}` +
      ` (${withUnits(plain(result.agreement.centerDistance), units)} from the circles' centre)`);
  }
  if (result.centerVoxel) lines.push(`  centre in voxels (i, j, k) ${result.centerVoxel.map((v) => formatNumber(v, 2)).join(', ')}`);
  const c = result.coverage;
  lines.push(`  coverage  latitudes ${formatDegrees(c.minLatitude)} to ${formatDegrees(c.maxLatitude)} (${(100 * c.areaFraction).toFixed(0)} % of the surface)${c.capOnly ? ', cap only' : ''}`);
  for (const w of result.warnings) lines.push(`  warning: ${w.message}`);
  return `${lines.join('\n')}\n`;
}

export const CSV_COLUMNS = ['file', 'ok', 'mode', 'fit_type', 'center_x', 'center_y', 'center_z', 'radius',
  'u_center_x', 'u_center_y', 'u_center_z', 'u_radius', 'rms', 'max_abs_residual', 'form_error',
  'observations', 'used', 'units', 'warnings', 'error'];

// One CSV row of values (not yet escaped) per file: the numbers with every digit.
export function csvRow(file, result, units = '') {
  if (!result.ok) {
    const e = result.error;
    const where = e.line ? `line ${e.line}, column ${e.column}: ` : e.offset >= 0 ? `byte ${e.offset}: ` : '';
    return [file, false, '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', units, '', `${e.code ? `${e.code}: ` : ''}${where}${e.message}`];
  }
  const se = result.stdErr;
  return [file, true, result.mode, result.fitType, ...result.center, result.radius,
    ...(se ? se.center : ['', '', '']), se?.radius ?? '', result.rms, result.maxAbsResidual, result.form.error,
    result.inlier.length, used(result), units, result.warnings.map((w) => w.code).join(' '), ''];
}
