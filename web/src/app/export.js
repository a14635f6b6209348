// What leaves the page as files or on the clipboard: results as JSON and CSV, the table (slices,
// contour circles or points) as CSV, every point's residual as CSV, and a plain-text summary.
// Built from the fit result only; no network.
//
// JSON and the numbers in CSV keep every digit (they are for machines). The summary is for
// people and follows the page's one formatting rule (format.js). Text cells of a CSV (units,
// names) are neutralised so a spreadsheet never runs them as a formula (OWASP "CSV injection":
// the library's csvField, as the command line writes them). The words for the fit type and the
// rows are the core's (vocabulary.fitTypeWords, vocabulary.nouns).
import { tableColumns } from './table-columns.js';
import { formatWithUncertainty, formatIn, resultFormats, withUnits, typedDecimals, formatNumber, count } from '../lib/format.js';
import { rowCount, modeText, isFormFit } from './describe.js';
import { resultRecord, usedCount, csvField, csvLine } from '../lib/report.js';

const csv = (rows) => `${rows.map(csvLine).join('\n')}\n`;

// The counts of a result: slices, circles and points, used and in all.
export function resultCounts(result) {
  const used = usedCount(result), rows = rowCount(result);
  if (result.mode === 'circles') return { slices: rows, slicesUsed: used };
  if (result.mode === 'points') return { points: rows, pointsUsed: used };
  return { contours: rows, contoursUsed: used, points: result.points.x.length };
}

// A volume's own description and what the fit took from it (no voxels).
function volumeJson(result) {
  if (!result.volume) return undefined;
  const { format, size, spacing, affine, affineSource, space, voxelType, labelmap, labels, iso50, warnings } = result.volume;
  return {
    format, size, spacing, affine, affineSource, space, voxelType, labelmap, labels, iso50, warnings,
    selection: result.selection, centerVoxel: result.centerVoxel,
    slices: Array.from(result.volumeSlices.index, (index, k) => ({ index, status: result.volumeSlices.status[k], pointCount: result.volumeSlices.pointCount[k] })),
  };
}

// The library's record (report.js, also the command line's --json) with what the page adds: the
// data in words, the counts, the ISO name of the association, the volume's description and the
// slices by status, and the table's rows (points are in the point residuals CSV). The options
// under their core names (`specs`: the page's, page-options.js), lengths as numbers (null: not
// given); the units label is the record's `units`.
export function resultJson(result, options, { vocabulary, specs, source = null }) {
  const cols = tableColumns(result);
  const rows = result.mode === 'points' ? undefined
    : Array.from({ length: rowCount(result) }, (_, i) => Object.fromEntries(cols.map((c) => [c.key, c.value(i)])));
  const settings = Object.fromEntries(specs.filter((spec) => spec.kind !== 'text').map((spec) => {
    const v = options[spec.name];
    const number = spec.kind === 'length' || spec.kind === 'number';
    return [spec.name, number ? (v === '' || v === undefined ? null : Number(String(v).replace(',', '.'))) : v];
  }));
  return JSON.stringify({
    ...resultRecord(result, { units: options.units ?? '', options: settings, source }),
    data: modeText(result, vocabulary),
    counts: resultCounts(result),
    association: vocabulary.fitTypeWords[result.fitType]?.iso,
    volume: volumeJson(result),
    [result.mode === 'contours' ? 'contourCircles' : 'slices']: rows,
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
    [`max_abs_${result.mode === 'points' ? 'point' : 'slice'}_residual`, result.maxAbsResidual, '', u],
    ['min_latitude_deg', result.coverage.minLatitude, '', 'deg'],
    ['max_latitude_deg', result.coverage.maxLatitude, '', 'deg']];
  const counts = resultCounts(result);
  const name = { slices: 'slices_total', slicesUsed: 'slices_used', points: 'points_total', pointsUsed: 'points_used', contours: 'contours_total', contoursUsed: 'contours_used' };
  for (const key of ['slicesUsed', 'slices', 'contoursUsed', 'contours', 'pointsUsed', 'points']) if (key in counts) rows.push([name[key], counts[key], '', '']);
  rows.push(['mode', result.mode, '', ''], ['fit_type', result.fitType, '', '']);
  if (result.form) {
    rows.push(['form_error', result.form.error, '', u], ['zone_inner_radius', result.form.innerRadius, '', u], ['zone_outer_radius', result.form.outerRadius, '', u]);
    // Each contact: which point (or slice) touches which sphere of the zone, and where.
    result.form.contacts.forEach((c, k) => {
      const contact = `contact_${k + 1}_${c.side}`;
      rows.push([`${contact}_${result.mode === 'points' ? 'point' : 'slice'}`, c.index + 1, '', '']);
      ['x', 'y', 'z'].forEach((a, m) => rows.push([`${contact}_${a}`, c.point[m], '', u]));
    });
  }
  const ls = result.leastSquares;
  if (ls) {
    ['x', 'y', 'z'].forEach((a, k) => rows.push([`least_squares_center_${a}`, ls.center[k], ls.stdErr ? ls.stdErr.center[k] : '', u]));
    rows.push(['least_squares_radius', ls.radius, ls.stdErr && ls.stdErr.radius !== null ? ls.stdErr.radius : '', u]);
  }
  const pf = result.pointFit;
  if (pf) {
    ['x', 'y', 'z'].forEach((a, k) => rows.push([`point_fit_center_${a}`, pf.center[k], pf.stdErr ? pf.stdErr.center[k] : '', u]));
    rows.push(['point_fit_radius', pf.radius, pf.stdErr && pf.stdErr.radius !== null ? pf.stdErr.radius : '', u]);
    rows.push(['circles_vs_points_center_distance', result.agreement.centerDistance, '', u], ['circles_vs_points_radius_difference', result.agreement.radiusDifference, '', u]);
  }
  if (result.centerVoxel) ['i', 'j', 'k'].forEach((a, k) => rows.push([`center_voxel_${a}`, result.centerVoxel[k], '', 'voxel']));
  return csv(rows);
}

// The table as shown (every row, every digit).
export function tableCsv(result) {
  const cols = tableColumns(result);
  const rows = [cols.map((c) => c.key)];
  for (let i = 0, n = rowCount(result); i < n; ++i) rows.push(cols.map((c) => c.value(i)));
  return csv(rows);
}

// Every point with its distance from the sphere (positive outside) and whether the fit used it
// (for contours: whether its contour's circle was used). Rows are written as plain numbers (no
// text cell but a contour's name, which is neutralised): a million points in a second or so.
export function pointResidualsCsv(result) {
  const p = result.points;
  const contours = result.mode === 'contours';
  const residuals = contours ? result.pointResiduals : result.residuals;
  const names = contours ? p.sliceNames.map(csvField) : null;
  let used = result.inlier;
  if (contours) {
    const byContour = new Uint8Array(p.sliceNames.length);
    result.slices.contour.forEach((c, k) => { byContour[c] = result.inlier[k]; });
    used = Uint8Array.from(p.slice, (c) => byContour[c]);
  }
  const head = ['point', ...(contours ? ['slice'] : []), ...(p.line ? ['line'] : []), 'x', 'y', 'z', 'residual', contours ? 'circle_inlier' : 'inlier'];
  const parts = [`${head.join(',')}\n`];
  let chunk = '';
  for (let i = 0; i < p.x.length; ++i) {
    chunk += `${i + 1},${contours ? `${names[p.slice[i]]},` : ''}${p.line ? `${p.line[i]},` : ''}${p.x[i]},${p.y[i]},${p.z[i]},${residuals[i]},${used[i]}\n`;
    if (chunk.length > 1 << 16) { parts.push(chunk); chunk = ''; }
  }
  parts.push(chunk);
  return new Blob(parts, { type: 'text/csv' });
}

const exactlyDetermined = (result) => result.warnings.some((w) => w.code === 'ExactlyDetermined');

// The text shown for the centre's coordinate k, the radius and the diameter, with units: the
// same strings in the results panel, the copied summary and the PNG legend.
export function resultTexts(result, options) {
  const units = options.units ?? '';
  const se = result.stdErr;
  const { length, value } = resultFormats(result);
  const none = exactlyDetermined(result) ? 'exactly determined: no uncertainty'
    : isFormFit(result.fitType) ? 'no ± for a form fit' : 'no uncertainty: see the notes';
  const plain = (v) => `${withUnits(formatIn(v, value), units)} (${none})`;
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

export function resultSummary(result, options, vocabulary) {
  const t = resultTexts(result, options);
  const noun = vocabulary.nouns[result.mode];
  const units = options.units ?? '';
  const { length, value } = resultFormats(result);
  const n = result.inlier.length;
  const used = `${usedCount(result).toLocaleString('en')} of ${count(n, noun.one, noun.many)}`;
  const mode = modeText(result, vocabulary);
  const lines = [
    // Points typed or pasted have no more to say than their count ("60 of 60 points; 60 points" said it twice).
    `Sphere fit (${mode === count(n, noun.one, noun.many) ? used : `${used}; ${mode}`})`,
    `fit      = ${vocabulary.fitTypeWords[result.fitType]?.iso ?? result.fitType}`,
    `centre x = ${t.centre[0]}`,
    `centre y = ${t.centre[1]}`,
    `centre z = ${t.centre[2]}`,
    `radius   = ${t.radius}`,
    `RMS distance = ${t.rms}; max |${noun.one} residual| = ${t.max}`,
    ...(result.form ? [`form error = ${withUnits(formatIn(result.form.error, length), units)} (zone radii ${withUnits(`${formatIn(result.form.innerRadius, value)} to ${formatIn(result.form.outerRadius, value)}`, units)})`] : []),
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
