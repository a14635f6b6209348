// Numbers as a person reads them, by one rule everywhere on the page (results, slice table, plot
// tooltips, view legend, copied text, the readable parts of exports):
//
//  1. A value with a standard uncertainty u is rounded to the decimal place of u's second
//     significant digit, and u with it (GUM, JCGM 100:2008 §7.2.6): 112.400 ± 0.019.
//  2. A value the user typed keeps the user's digits: each input column is shown with the most
//     decimals typed in it, and in exponent form if any of its values was (`slices.format`; when
//     the core could not tell, decimals −1, the digits are read back from the numbers themselves).
//  3. A derived length without an uncertainty of its own (residual, offset, RMS, height along the
//     normal) is shown to one decimal more than the finest input length column: on the input's
//     own scale, with one guard digit.
//  4. One notation per column: a column is in exponent form throughout or not at all.
//
// Machine exports (JSON, the numbers in CSV) do not come through here: they keep every digit.
// No maths on the fit happens here: this only decides how many digits to print.

// Decimal places that show `sigma` to two significant figures (negative: round to tens, …), or
// null when sigma is not a positive finite number.
export function decimalsFor(sigma) {
  if (!(sigma > 0) || !Number.isFinite(sigma)) return null;
  return Math.min(20, 1 - Math.floor(Math.log10(sigma)));
}

const noNegativeZero = (s) => (/^-0(\.0*)?(e[+-]?\d+)?$/.test(s) ? s.slice(1) : s);

// `value` rounded to `decimals` places; negative places round to tens, hundreds, …
function fixed(value, decimals) {
  if (decimals >= 0) return noNegativeZero(value.toFixed(Math.min(100, decimals)));
  const step = 10 ** -decimals;
  return noNegativeZero(String(Math.round(value / step) * step));
}

/**
 * A number alone: with `decimals` places, or else its shortest exact form (8 significant digits
 * at most), in exponent form when very large or small; '—' when not finite.
 * @param {number} value
 * @param {number | null} [decimals]
 * @returns {string}
 */
export function formatNumber(value, decimals = null) {
  if (!Number.isFinite(value)) return '—';
  if (decimals !== null) return fixed(value, decimals);
  const magnitude = Math.abs(value);
  if (magnitude !== 0 && (magnitude >= 1e7 || magnitude < 1e-4)) return value.toExponential(6);
  return Number(value.toPrecision(8)).toString();
}

const SUPERSCRIPT = { '-': '⁻', 0: '⁰', 1: '¹', 2: '²', 3: '³', 4: '⁴', 5: '⁵', 6: '⁶', 7: '⁷', 8: '⁸', 9: '⁹' };

// Two significant digits in scientific notation as a person writes it: 1.6 × 10⁵.
export function scientific(value, digits = 2) {
  const [mantissa, exponent] = value.toExponential(digits - 1).split('e');
  const power = String(Number(exponent)).replace(/./g, (c) => SUPERSCRIPT[c] ?? c);
  return `${noNegativeZero(mantissa)} × 10${power}`;
}

// Rule 1. An uncertainty at rounding level (exact data) would need a screenful of zeros, and a
// double has no digits there anyway: then the value keeps its shortest form and u is in exponent form.
// An uncertainty larger than the value, rounding to tens or coarser, would round the value's own
// digits away (a radius of 163 894 ± 1.8 × 10⁸ shown as 0): then both get two significant digits.
export function formatWithUncertainty(value, sigma, units = '') {
  const suffix = units ? ` ${units}` : '';
  const d = decimalsFor(sigma);
  // A standard uncertainty of exactly 0 (data without scatter in that direction) is shown, not dropped.
  if (sigma === 0 && Number.isFinite(value)) return `${formatNumber(value)} ± 0${suffix}`;
  if (d === null || !Number.isFinite(value)) return `${formatNumber(value)}${suffix}`;
  if (d > 9 || sigma < 1e-12 * Math.abs(value)) return `${formatNumber(value)} ± ${sigma.toExponential(1)}${suffix}`;
  if (d < 0 && Math.abs(value) < sigma) return `${value === 0 ? '0' : scientific(value)} ± ${scientific(sigma)}${suffix}`;
  return `${fixed(value, d)} ± ${fixed(sigma, d)}${suffix}`;
}

// An uncertainty-like length on its own (a semi-axis of a confidence ellipsoid): two significant digits.
export function formatUncertainty(sigma) {
  const d = decimalsFor(sigma);
  if (d === null) return formatNumber(sigma);
  return d > 9 ? sigma.toExponential(1) : fixed(sigma, d);
}

// A column format is { decimals, exponent }: every value of the column is printed with it.
export function formatIn(value, format) {
  if (!Number.isFinite(value)) return '—';
  return format.exponent ? noNegativeZero(value.toExponential(Math.min(100, Math.max(0, format.decimals)))) : fixed(value, format.decimals);
}

const SAMPLE = 20000;

function largest(values) {
  let m = 0;
  const stride = Math.max(1, Math.ceil(values.length / SAMPLE));
  for (let i = 0; i < values.length; i += stride) if (Number.isFinite(values[i])) m = Math.max(m, Math.abs(values[i]));
  return m;
}

// The shortest text that reads back as the float32 `v` (a binary PLY or STL stores float32: its
// 14.000000953674316 was written as 14.000001), or null when v is not a float32.
function float32Text(v) {
  if (Math.fround(v) !== v) return null;
  const plain = String(v);
  if (plain.replace(/^-?0*\.?0*|\.|e.*$/g, '').length <= 6) return plain;  // few digits: as typed
  for (let p = 6; p <= 9; ++p) {
    const t = Number(v.toPrecision(p));
    if (Math.fround(t) === v) return String(t);
  }
  return plain;
}

// Float32 columns (a binary STL or PLY) carry no typed digits, only the type's precision: 7
// significant digits of the largest magnitude, in fixed notation where it allows (1.15691814e+1
// is 11.56918; a 0.0001234567 beside it is 0.0001235, not 12 decimals).
function float32Format(magnitude) {
  if (!(magnitude > 0)) return { decimals: 0, exponent: false };
  if (magnitude >= 1e15 || magnitude < 1e-4) return { decimals: 6, exponent: true };
  return { decimals: Math.max(0, Math.min(20, 6 - Math.floor(Math.log10(magnitude)))), exponent: false };
}

// The digits of numbers read back from the numbers (an evenly spaced sample of at most 20 000):
// a typed number's shortest round-trip form is what was typed, less trailing zeros. Numbers that
// are all float32 (binary point files) are read back as float32.
function inferFormat(values) {
  let decimals = 0, mantissa = 0, exponent = false;
  const stride = Math.max(1, Math.ceil(values.length / SAMPLE));
  let single = values.length > 0;
  for (let i = 0; single && i < values.length; i += stride) if (Number.isFinite(values[i]) && Math.fround(values[i]) !== values[i]) single = false;
  // Float32 that was computed, not typed, shows it in its double form (14.000000953674316): such
  // a column is shown at the type's precision; short values (0.5, 0.25) are read back as typed.
  if (single) {
    let long = false;
    for (let i = 0; !long && i < values.length; i += stride) long = String(values[i]).replace(/^-?0*\.?0*|\.|e.*$/g, '').length > 9;
    if (long) return float32Format(largest(values));
  }
  // Float32 digits cost a few string conversions a value: a smaller sample tells them as well.
  const step = single ? Math.max(stride, Math.ceil(values.length / 4000)) : stride;
  for (let i = 0; i < values.length; i += step) {
    const v = single ? Number(float32Text(values[i]) ?? values[i]) : values[i];
    if (!Number.isFinite(v)) continue;
    const s = String(v);
    if (s.includes('e')) exponent = true;
    else {
      const dot = s.indexOf('.');
      if (dot >= 0) decimals = Math.max(decimals, s.length - dot - 1);
    }
    const e = v.toExponential();
    const m = e.indexOf('.');
    if (m >= 0) mantissa = Math.max(mantissa, e.indexOf('e') - m - 1);
  }
  return exponent ? { decimals: mantissa, exponent: true } : { decimals, exponent: false };
}

// Rule 2: an input column's format from what the core read (`declared`: { decimals, exponent }).
export function typedFormat(declared, values) {
  const format = declared && declared.decimals >= 0 ? { decimals: declared.decimals, exponent: Boolean(declared.exponent) } : inferFormat(values);
  // toFixed cannot print 1e21 and beyond: such a column is in exponent form throughout.
  if (!format.exponent && largest(values) >= 1e21) return inferFormat(values);
  return format;
}

// Rule 3: derived lengths, from the formats of the input length columns.
export function derivedFormat(lengthFormats) {
  if (lengthFormats.length === 0 || lengthFormats.some((f) => f.exponent)) return { decimals: 2, exponent: true };
  return { decimals: Math.min(12, Math.max(...lengthFormats.map((f) => f.decimals)) + 1), exponent: false };
}

// Rule 3 for values on the input's own scale without an uncertainty (a form fit's centre, radius
// and zone radii): as derived lengths when the input is in fixed notation; in exponent form, with
// one mantissa digit more than the input's longest (1.0000000e+1 for a radius typed as 1.000000e+1,
// where a residual's 2.01e-6 needs no more).
export function valueFormat(lengthFormats) {
  const exponents = lengthFormats.filter((f) => f.exponent);
  if (lengthFormats.length === 0) return { decimals: 2, exponent: true };
  if (exponents.length === 0) return derivedFormat(lengthFormats);
  return { decimals: Math.min(16, Math.max(...exponents.map((f) => f.decimals)) + 1), exponent: true };
}

// A volume's points are traced, not typed: lengths read on the voxel spacing's scale (its two
// significant digits and one guard digit: 0.7 mm voxels → 0.001 mm).
export function volumeFormat(spacing) {
  const finest = Math.min(...spacing.filter((s) => s > 0));
  const d = decimalsFor(finest);
  return { decimals: d === null ? 3 : Math.max(0, Math.min(12, d + 1)), exponent: false };
}

// Unit normals the core derived (a contour's plane): four decimals, a ten-thousandth of a radian.
const NORMAL = { decimals: 4, exponent: false };

const formatsByResult = new WeakMap();

// Every column format of a result, computed once: x, y, z, r, nx, ny, nz, w (those of the table
// present) and `length`, the format of derived lengths (residual, offset, RMS, height, form).
//   circles   the slice columns as typed (rule 2); lengths from them (rule 3)
//   points    the point columns as typed (or as stored, for a binary file)
//   contours  the points as typed; the derived circles are derived lengths (rule 3)
//   volume    every length on the voxel spacing's scale
// `point` holds the formats of the point coordinates (x, y, z) when the result has points.
export function resultFormats(result) {
  if (formatsByResult.has(result)) return formatsByResult.get(result);
  const formats = {};
  const { slices, points } = result;
  if (points) {
    const voxel = result.volume ? volumeFormat(result.volume.spacing) : null;
    formats.point = {};
    for (const key of ['x', 'y', 'z']) formats.point[key] = voxel ?? typedFormat(points.format?.[key], points[key]);
    formats.length = voxel ?? derivedFormat(Object.values(formats.point));
    formats.value = voxel ?? valueFormat(Object.values(formats.point));
    if (slices) {
      for (const key of ['x', 'y', 'z', 'r']) formats[key] = formats.length;
      for (const key of ['nx', 'ny', 'nz']) if (slices[key]) formats[key] = NORMAL;
    } else Object.assign(formats, formats.point);
  } else {
    for (const key of ['x', 'y', 'z', 'r', 'nx', 'ny', 'nz', 'w']) {
      if (slices[key]) formats[key] = typedFormat(slices.format?.[key], slices[key]);
    }
    const typed = ['x', 'y', 'z', 'r'].map((k) => formats[k]).filter(Boolean);
    formats.length = derivedFormat(typed);
    formats.value = valueFormat(typed);
  }
  formatsByResult.set(result, formats);
  return formats;
}

// Decimals of a number as the user typed it ('23,6' → 1), or null when it is not a plain decimal.
export function typedDecimals(text) {
  const m = /^\s*[+-]?\d*(?:[.,](\d*))?\s*$/.exec(String(text ?? ''));
  return m ? (m[1] ?? '').length : null;
}

export const formatDegrees = (deg) => `${deg.toFixed(1)}°`;
export const withUnits = (text, units) => (units ? `${text} ${units}` : text);
export const count = (n, noun, plural = `${noun}s`) => `${n.toLocaleString('en')} ${n === 1 ? noun : plural}`;
// A heading with its units: "Residual (mm)".
export const headed = (label, units) => (units ? `${label} (${units})` : label);
