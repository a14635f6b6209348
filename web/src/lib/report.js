// A fit result as a report: the record that JSON exports carry, a summary in words for people
// (by the page's one rounding rule, format.js), a CSV row per file for batches, and CSV cells that
// a spreadsheet cannot run. No DOM, no maths on the fit: every number comes from the result, and
// every word for a fit type or a mode's rows from the core's vocabulary (sf.vocabulary); the
// command line and the page share it. Types: report.d.ts.
import { formatWithUncertainty, formatNumber, formatIn, resultFormats, formatDegrees, withUnits, count } from './format.js';

/**
 * How many observations the fit used (slices, circles or points: its inliers).
 * @param {{ inlier: ArrayLike<number> }} result
 * @returns {number}
 */
export function usedCount(result) {
  let n = 0;
  for (let i = 0; i < result.inlier.length; ++i) n += result.inlier[i];
  return n;
}

/**
 * The core's noun for a mode's rows: { one, many } ('slice circle', 'point', 'contour circle').
 * @param {import('./spherefit.js').FitMode} mode
 * @param {import('./spherefit.js').Vocabulary} vocabulary
 * @returns {{ one: string, many: string }}
 */
export function rowNouns(mode, vocabulary) {
  const nouns = vocabulary?.nouns;
  if (!nouns) throw new TypeError('The report needs the core\'s vocabulary: pass sf.vocabulary.');
  return nouns[mode] ?? nouns.points;
}

/**
 * What the observations were, in words: "40 slice circles (39 used)", "252 points (240 used)".
 * @param {import('./spherefit.js').FitResult} result
 * @param {import('./spherefit.js').Vocabulary} vocabulary
 * @returns {string}
 */
export function observationsText(result, vocabulary) {
  const { one, many } = rowNouns(result.mode, vocabulary);
  const n = result.inlier.length, u = usedCount(result);
  let text = count(n, one, many) + (u < n ? ` (${u.toLocaleString('en')} used)` : '');
  if (result.mode === 'contours' && result.points) text += ` from ${count(result.points.x.length, 'point')}`;
  if (result.file) {
    const f = result.file;
    if (f.faces) text += `, a mesh of ${count(f.faces, 'face')}`;
    if (f.duplicatesMerged) text += ` (${f.duplicatesMerged.toLocaleString('en')} repeated vertices merged)`;
  }
  return text;
}

/**
 * The association a fit type names, as a summary's title ("least-squares sphere (Gaussian)").
 * @param {string} fitType
 * @param {import('./spherefit.js').Vocabulary} vocabulary
 * @returns {string}
 */
export const associationName = (fitType, vocabulary) => vocabulary.fitTypeWords[fitType]?.title ?? fitType;

/**
 * An ellipsoid without its per-point residuals.
 * @param {FitResult['ellipsoid'] | undefined} e
 * @returns {Omit<NonNullable<FitResult['ellipsoid']>, 'residuals'> | null}
 */
function ellipsoidRecord(e) {
  if (!e) return null;
  const rest = { ...e };
  delete rest.residuals;
  return rest;
}

/**
 * Semi-axes in words, descending: "26.500 ± 0.012, 25.001 ± 0.011, 24.999 ± 0.011 mm".
 * @param {NonNullable<FitResult['ellipsoid']>} e
 * @param {string} units
 * @returns {string}
 */
export function semiAxesText(e, units = '') {
  return e.semiAxes.map((a, k) => {
    const u = e.stdErr?.semiAxes[k];
    return u != null ? formatWithUncertainty(a, u, k === 2 ? units : '') : withUnits(formatNumber(a), k === 2 ? units : '');
  }).join(', ');
}

/** @typedef {import('./spherefit.js').FitResult} FitResult */
/** @typedef {FitResult & { version?: string }} ReportedResult a result, with the version the worker or the CLI stamps on it */

/**
 * A result as a record for JSON (every digit; no per-observation columns).
 * @typedef {object} ResultRecord
 * @property {string} software                 "spherefit <version>"
 * @property {string} created                  when the record was made (ISO 8601)
 * @property {string | null} source            the file fitted, if any
 * @property {true} ok                         fitted (a file that failed has a failureRecord)
 * @property {string} units                    the units label
 * @property {object} options                  the options, as the caller names them
 * @property {FitResult['mode']} mode
 * @property {FitResult['fitType']} fitType
 * @property {number} observations             slices, circles or points
 * @property {number} used                     of them, used by the fit
 * @property {{ center: FitResult['center'], radius: number, diameter: number, radiusFixed: boolean, frame?: string, centerLps?: number[] }} sphere  DICOM inputs: center is RAS, centerLps the same in DICOM's LPS
 * @property {FitResult['stdErr']} standardUncertainty
 * @property {FitResult['covariance']} covariance
 * @property {FitResult['confidenceEllipsoid']} confidenceEllipsoid
 * @property {FitResult['leastSquares']} leastSquares
 * @property {number} rms
 * @property {number} maxAbsResidual
 * @property {FitResult['coverage']} coverage
 * @property {FitResult['form']} form
 * @property {FitResult['knownRadiusCheck']} knownRadiusCheck
 * @property {number} iterations
 * @property {FitResult['shape']} shape      'sphere', or the shape asked for (then ellipsoid is its fit)
 * @property {FitResult['shapeVerdict']} shapeVerdict  sphere or not (null for slice circles)
 * @property {Omit<NonNullable<FitResult['ellipsoid']>, 'residuals'> | null} ellipsoid  the best ellipsoid, or the shape asked for
 * @property {FitResult['warnings']} warnings
 * @property {{ center: FitResult['center'], radius: number, standardUncertainty: FitResult['stdErr'], rms: number, maxAbsResidual: number, form: FitResult['form'], warnings: FitResult['warnings'] }} [pointFit]  contours: the direct fit to every point
 * @property {FitResult['agreement']} [agreement]  contours: how far apart the two fits are
 * @property {FitResult['file']} [file]        point and mesh files
 * @property {{ format: string, size: number[], spacing: number[], voxelType: string, affine: number[][], affineSource: string, selection: FitResult['selection'], centerVoxel: FitResult['centerVoxel'] }} [volume]  volumes
 */

/**
 * The record of a result, for JSON: everything but the per-observation columns (those go to the
 * tables' CSV exports), with every digit.
 * @param {ReportedResult} result
 * @param {{ units?: string, options?: object, source?: string | null }} [settings]
 *   units: the units label; options: the options as the caller names them; source: the file name
 * @returns {ResultRecord}
 */
export function resultRecord(result, { units = '', options = {}, source = null } = {}) {
  /** @type {ResultRecord} */
  const record = {
    software: `spherefit ${result.version ?? ''}`.trim(),
    created: new Date().toISOString(),
    source,
    ok: true,
    units,
    options,
    mode: result.mode,
    fitType: result.fitType,
    observations: result.inlier.length,
    used: usedCount(result),
    sphere: { center: result.center, radius: result.radius, diameter: 2 * result.radius, radiusFixed: result.radiusFixed,
      ...(result.centerLps ? { frame: 'RAS', centerLps: result.centerLps } : {}) },
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
    shape: result.shape ?? 'sphere',
    shapeVerdict: result.shapeVerdict ?? null,
    ellipsoid: ellipsoidRecord(result.ellipsoid),
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

/**
 * A summary for people: the sphere with its uncertainties, fit quality, coverage and warnings.
 * @param {ReportedResult} result
 * @param {{ vocabulary: import('./spherefit.js').Vocabulary, units?: string, name?: string }} settings
 *   vocabulary: sf.vocabulary (the words for the fit type and the rows); name: the file, as a title
 * @returns {string} lines ending in a newline
 */
export function summaryText(result, { vocabulary, units = '', name = '' }) {
  const se = result.stdErr;
  // Lengths without an uncertainty on the input's own scale (format.js, rule 3) when the result
  // carries what was read; else in their shortest form.
  const formats = result.slices || result.points ? resultFormats(result) : null;
  const plain = (v) => (formats ? formatIn(v, formats.length) : formatNumber(v));
  const scaled = (v) => (formats ? formatIn(v, formats.value) : formatNumber(v));
  /** @type {(v: number, s?: number | null) => string} */
  const value = (v, s) => (s != null && s >= 0 ? formatWithUncertainty(v, s, units) : withUnits(scaled(v), units));
  const centre = [0, 1, 2].map((k) => value(result.center[k], se?.center[k])).join(', ');
  const radius = result.radiusFixed ? `${withUnits(formatNumber(result.radius), units)} (known)` : value(result.radius, se?.radius);
  const diameter = result.radiusFixed ? withUnits(formatNumber(2 * result.radius), units) : value(2 * result.radius, se?.radius != null ? 2 * se.radius : null);
  const lines = [
    `${name ? `${name}: ` : ''}${observationsText(result, vocabulary)}; ${associationName(result.fitType, vocabulary)}`,
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
  if (result.pointFit && result.agreement) {
    const p = result.pointFit;
    lines.push(`  point fit: centre ${[0, 1, 2].map((k) => value(p.center[k], p.stdErr?.center[k])).join(', ')}, radius ${value(p.radius, p.stdErr?.radius)}` +
      ` (${withUnits(plain(result.agreement.centerDistance), units)} from the circles' centre)`);
  }
  const label = fittedLabel(result);
  if (label !== null) {
    const others = (result.labelFits ?? []).filter((l) => l.label !== label);
    const judged = others.map((l) => `${l.label} (${l.spherical ? 'spherical' : 'not a sphere'}, RMS ${withUnits(plain(l.rms), units)})`);
    lines.push(`  label     ${label}${judged.length ? `; the others: ${judged.join(', ')}` : ''}`);
  }
  if (result.centerLps) lines.push(`  centre in DICOM patient LPS ${result.centerLps.map((v, k) => value(v, se?.center[k])).join(', ')} (the centre above is RAS)`);
  if (result.centerVoxel) lines.push(`  centre in voxels (i, j, k) ${result.centerVoxel.map((v) => formatNumber(v, 2)).join(', ')}`);
  const e = result.ellipsoid;
  if (e && result.shape && result.shape !== 'sphere') {
    lines.push(`  ${result.shape.padEnd(9)} centre ${[0, 1, 2].map((k) => value(e.center[k], e.stdErr?.center[k])).join(', ')}`);
    lines.push(`  semi-axes ${semiAxesText(e, units)}; RMS distance ${withUnits(plain(e.rms), units)}`);
    for (const p of e.poorlyDetermined) lines.push(`  poorly determined: ${p.description} (± ${withUnits(formatNumber(p.stdErr, 2), units)})`);
  }
  const v = result.shapeVerdict;
  if (v && e) {
    // Not a sphere: the numbers here, the sentence in the warning below.
    lines.push(v.value === 'sphere' ? `  shape     sphere: ${v.sentence}`
      : `  shape     not a sphere: best ellipsoid semi-axes ${semiAxesText(e, units)}`);
  }
  const c = result.coverage;
  lines.push(`  coverage  latitudes ${formatDegrees(c.minLatitude)} to ${formatDegrees(c.maxLatitude)} (${(100 * c.areaFraction).toFixed(0)} % of the surface)${c.capOnly ? ', cap only' : ''}`);
  for (const w of result.warnings) lines.push(`  warning: ${w.message}`);
  return `${lines.join('\n')}\n`;
}

/**
 * The name of the label a volume's fit used (its segment name, else its value), or null.
 * @param {ReportedResult} result
 * @returns {string | null}
 */
export function fittedLabel(result) {
  const value = result.selection?.label;
  if (value == null || !result.volume) return null;
  const named = result.volume.labels?.find((l) => l.value === value)?.name;
  return named || String(value);
}

/** The headings of csvRow's cells. */
export const CSV_COLUMNS = ['file', 'ok', 'mode', 'fit_type', 'sphere', 'label', 'spherical', 'center_x', 'center_y', 'center_z', 'radius',
  'u_center_x', 'u_center_y', 'u_center_z', 'u_radius', 'rms', 'max_abs_residual', 'form_error',
  'shape', 'shape_verdict', 'ellipsoid_center_x', 'ellipsoid_center_y', 'ellipsoid_center_z',
  'semi_axis_1', 'semi_axis_2', 'semi_axis_3', 'u_semi_axis_1', 'u_semi_axis_2', 'u_semi_axis_3',
  'frame', 'center_lps_x', 'center_lps_y', 'center_lps_z',
  'observations', 'used', 'units', 'warnings', 'error'];

/** @typedef {{ ok: false, error: { code?: string, message: string, line?: number, column?: number, offset?: number } }} ReportedFailure */

/**
 * One CSV row of values (not yet escaped: csvLine does that) per file, in the order of
 * CSV_COLUMNS: the numbers with every digit; a failure fills only file, ok, units and error.
 * @param {string} file
 * @param {ReportedResult | ReportedFailure} result
 * @param {string} [units]
 * @returns {(string | number | boolean)[]}
 */
export function csvRow(file, result, units = '') {
  if (!result.ok) {
    const e = result.error;
    const where = e.line ? `line ${e.line}, column ${e.column}: ` : e.offset !== undefined && e.offset >= 0 ? `byte ${e.offset}: ` : '';
    return csvCells({ file, ok: false, units, error: `${e.code ? `${e.code}: ` : ''}${where}${e.message}` });
  }
  const se = result.stdErr;
  return csvCells({
    file, ok: true, mode: result.mode, fit_type: result.fitType, sphere: 1, label: fittedLabel(result) ?? '', spherical: true,
    ...xyz('center', result.center), radius: result.radius, ...xyz('u_center', se?.center), u_radius: se?.radius,
    rms: result.rms, max_abs_residual: result.maxAbsResidual, form_error: result.form.error, ...shapeCells(result),
    // DICOM inputs: the centre columns are RAS; the same centre in DICOM's LPS patient frame.
    frame: result.centerLps ? 'RAS' : '', ...xyz('center_lps', result.centerLps),
    observations: result.inlier.length, used: usedCount(result), units, warnings: result.warnings.map((w) => w.code).join(' '),
  });
}

// A row in the order of CSV_COLUMNS from its cells by column name ('' for a cell not given): the
// one-sphere and several-spheres rows cannot drift apart.
/** @param {Record<string, unknown>} named @returns {(string | number | boolean)[]} */
const csvCells = (named) => CSV_COLUMNS.map((c) => /** @type {string | number | boolean} */ (named[c] ?? ''));
/** @param {string} prefix @param {ArrayLike<number> | null | undefined} v */
const xyz = (prefix, v) => ({ [`${prefix}_x`]: v?.[0], [`${prefix}_y`]: v?.[1], [`${prefix}_z`]: v?.[2] });
// The shape, its verdict and the best ellipsoid (its centre, semi-axes and their uncertainties).
/** @param {Partial<import('./spherefit.js').FitResult> | null | undefined} r */
function shapeCells(r) {
  const el = r?.ellipsoid;
  const axes = (/** @type {string} */ prefix, /** @type {ArrayLike<number> | undefined} */ v) => ({ [`${prefix}_1`]: v?.[0], [`${prefix}_2`]: v?.[1], [`${prefix}_3`]: v?.[2] });
  return { shape: r?.shape ?? 'sphere', shape_verdict: r?.shapeVerdict?.value ?? '', ...xyz('ellipsoid_center', el?.center), ...axes('semi_axis', el?.semiAxes), ...axes('u_semi_axis', el?.stdErr?.semiAxes) };
}

/**
 * One CSV cell. A text cell starting with = + - @ (or a tab or CR, which some spreadsheets skip
 * before them) would be read as a formula: a leading apostrophe makes it text (OWASP "CSV
 * injection"). Numbers stay numbers. Quoted when it holds a quote, comma or line break.
 * @param {unknown} v
 * @returns {string}
 */
export function csvField(v) {
  let s = String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/**
 * One CSV line of cells (without its line break).
 * @param {readonly unknown[]} cells
 * @returns {string}
 */
export const csvLine = (cells) => cells.map(csvField).join(',');

/** @typedef {import('./spherefit.js').SpheresResult & { version?: string }} ReportedSpheres */

/**
 * A record of several spheres for JSON: each sphere (number, label, whether it is a sphere, centre,
 * radius and their standard uncertainties, observations, RMS, form error, cap angle) and each
 * pair's distance, with every digit.
 * @param {ReportedSpheres} result
 * @param {{ units?: string, options?: object, source?: string | null }} [settings]
 */
export function spheresRecord(result, { units = '', options = {}, source = null } = {}) {
  return {
    software: `spherefit ${result.version ?? ''}`.trim(),
    created: new Date().toISOString(),
    source,
    ok: true,
    units,
    options,
    spheres: result.spheres.map((s) => ({
      number: s.number, label: s.label, spherical: s.spherical, whyNot: s.whyNot,
      center: s.center, radius: s.radius, standardUncertainty: s.stdErr,
      observations: s.count, rms: s.rms, formError: s.formError, capAngle: s.capAngle,
      error: s.error, ...(s.centerVoxel ? { centerVoxel: s.centerVoxel } : {}),
    })),
    distances: result.distances.map((d) => ({ a: d.a, b: d.b, distance: d.distance, standardUncertainty: d.stdErr })),
    allPairs: result.allPairs,
    leftover: result.leftover,
    rejected: result.rejected,
    warnings: result.warnings,
  };
}

/**
 * The record of a file that could not be fitted: every file gets one, so a batch's JSON lines
 * match its files.
 * @param {ReportedFailure} failure
 * @param {{ units?: string, options?: object, source?: string | null, version?: string }} [settings]
 */
export function failureRecord(failure, { units = '', options = {}, source = null, version = '' } = {}) {
  return { software: `spherefit ${version}`.trim(), created: new Date().toISOString(), source, ok: false, units, options, error: failure.error };
}

/**
 * Several spheres for people: a line per sphere (a label that is not a sphere says why), then
 * the distances between them, then the warnings.
 * @param {ReportedSpheres} result
 * @param {{ vocabulary: import('./spherefit.js').Vocabulary, units?: string, name?: string }} settings
 * @returns {string} lines ending in a newline
 */
export function spheresSummaryText(result, { vocabulary, units = '', name = '' }) {
  const found = result.spheres.filter((s) => s.spherical).length;
  const value = (/** @type {number} */ v, /** @type {number | null | undefined} */ u) => (u != null && u >= 0 ? formatWithUncertainty(v, u, units) : withUnits(formatNumber(v), units));
  const extras = [];
  if (result.rejected) extras.push(`${count(result.rejected, 'surface')} not spherical`);
  const mode = result.spheres.find((s) => s.result)?.result?.mode ?? 'points';
  const { one, many } = rowNouns(mode, vocabulary);
  if (result.leftover) extras.push(`${count(result.leftover, one, many)} on no sphere`);
  const lines = [`${name ? `${name}: ` : ''}${count(found, 'sphere')}${extras.length ? ` (${extras.join('; ')})` : ''}`];
  for (const s of result.spheres) {
    const head = `  ${String(s.number).padStart(2)}${s.label ? ` (${result.volume ? 'label ' : ''}${s.label})` : ''}`;
    if (!s.center || s.radius === null) {
      lines.push(`${head}: not fitted: ${s.error?.message ?? s.whyNot ?? 'no result'}`);
      continue;
    }
    const se = s.stdErr;
    const centre = [0, 1, 2].map((k) => value(/** @type {number[]} */ (s.center)[k], se?.center[k])).join(', ');
    // Lengths without an uncertainty on the input's own scale (format.js, rule 3), as for one sphere.
    const formats = s.result && (s.result.slices || s.result.points) ? resultFormats({ ...s.result, volume: result.volume }) : null;
    const plain = (/** @type {number | null} */ v) => (v === null ? '—' : formats ? formatIn(v, formats.length) : formatNumber(v));
    const quality = `${count(s.count, one, many)}, RMS ${withUnits(plain(s.rms), units)}, form error ${withUnits(plain(s.formError), units)}, cap ${formatDegrees(s.capAngle)}`;
    lines.push(`${head}: ${s.spherical ? '' : `not a sphere (${s.whyNot}): `}centre ${centre}; radius ${value(s.radius, se?.radius)}; ${quality}`);
  }
  if (result.distances.length) {
    lines.push(`  distances between centres (${result.allPairs ? 'every pair' : 'nearest neighbours'}; ± one standard uncertainty, independent fits):`);
    for (const d of result.distances) lines.push(`    ${d.a}–${d.b}  ${value(d.distance, d.stdErr)}`);
  }
  for (const w of result.warnings) lines.push(`  warning: ${w.message}`);
  return `${lines.join('\n')}\n`;
}

/**
 * One CSV row per sphere, in the order of CSV_COLUMNS (file, number and label on each).
 * @param {string} file
 * @param {ReportedSpheres} result
 * @param {string} [units]
 * @returns {(string | number | boolean)[][]}
 */
export function spheresCsvRows(file, result, units = '') {
  return result.spheres.map((s) => csvCells({
    file, ok: s.center !== null, mode: s.result?.mode ?? '', fit_type: s.result?.fitType ?? '', sphere: s.number, label: s.label ?? '', spherical: s.spherical,
    ...xyz('center', s.center), radius: s.radius, ...xyz('u_center', s.stdErr?.center), u_radius: s.stdErr?.radius,
    rms: s.rms, max_abs_residual: s.result?.maxAbsResidual, form_error: s.formError, ...shapeCells(s.result),
    observations: s.result ? s.result.inlier.length : s.count, used: s.count, units, warnings: result.warnings.map((w) => w.code).join(' '),
    error: s.error ? `${s.error.code}: ${s.error.message}` : (s.spherical ? '' : `not a sphere: ${s.whyNot}`),
  }));
}
