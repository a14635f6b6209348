// Two SVG plots. For slices and contours: the profile (each circle at its distance t along its
// normal from the sphere centre, against its radius r, with the fitted arc r = √(R² − t²)) and the
// residual of each circle at the same t. For points: each point's distance from the sphere
// (positive outside) against its height z, and a histogram of those distances. A form fit adds its
// zone: the inner and outer arcs, and the band between them in the residual plots. Hover and
// click report the slice, circle or point index.
//
// The axes span the data (and the arc where it is near the data), not the whole sphere: a cap of
// a sphere of radius 10⁶ is a few points at the edge of [−R, R], so it gets its own range, and the
// margin grows with the longest tick label.
import { residualColor, cssColor, colourScale } from './geometry.js';
import { showsEllipsoid } from './shape-panel.js';
import { formatIn, resultFormats, withUnits, headed, count } from '../lib/format.js';
import { isFormFit } from './describe.js';

const SVG = 'http://www.w3.org/2000/svg';
const MAX_POINTS = 2000;

function el(name, attrs = {}, text) {
  const node = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

// Nice ticks over [lo, hi] and the decimals that print them (one notation for the whole axis).
function ticks(lo, hi, wanted = 5) {
  const span = hi - lo || Math.abs(lo) || 1, raw = span / wanted, p = 10 ** Math.floor(Math.log10(raw)), f = raw / p;
  const step = (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * p;
  const values = [];
  for (let k = Math.ceil(lo / step); k * step <= hi + 1e-9 * step; ++k) values.push(k === 0 ? 0 : k * step);
  const big = Math.max(Math.abs(lo), Math.abs(hi));
  const format = big >= 1e7 || big < 1e-4 ? { decimals: Math.max(0, Math.ceil(Math.log10(big / step))), exponent: true }
    : { decimals: Math.max(0, -Math.floor(Math.log10(step) + 1e-9)), exponent: false };
  return values.map((v) => ({ v, text: formatIn(v, format) }));
}

// [lo, hi] of the values, padded by 6 % (a single value gets a span of its own size).
function range(values, include = []) {
  let lo = Infinity, hi = -Infinity;
  for (const v of [...values, ...include]) if (Number.isFinite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
  if (!(lo <= hi)) return [0, 1];
  const pad = 0.06 * (hi - lo || Math.abs(hi) || 1);
  return [lo - pad, hi + pad];
}

function sampled(values, stride) {
  const out = [];
  for (let i = 0; i < values.length; i += stride) out.push(values[i]);
  return out;
}

// The zone's band in residual terms (distance from the fitted sphere), for a form fit: [lo, hi].
function zoneBand(result) {
  if (!result.form || !isFormFit(result.fitType)) return null;
  return [result.form.innerRadius - result.radius, result.form.outerRadius - result.radius];
}

// A shaded band across the plot between y0 and y1 (horizontal) or x0 and x1 (vertical).
function band(plot, box, [a, b], vertical, tip) {
  const [p, q] = vertical ? [plot.sx(a), plot.sx(b)] : [plot.sy(a), plot.sy(b)];
  const rect = vertical
    ? el('rect', { class: 'zone', x: Math.min(p, q), y: box.t, width: Math.max(1, Math.abs(q - p)), height: box.h })
    : el('rect', { class: 'zone', x: box.l, y: Math.min(p, q), width: box.w, height: Math.max(1, Math.abs(q - p)) });
  rect.append(el('title', {}, tip));
  plot.plotArea.append(rect);
}

// vocabulary: the core's (the noun for the rows).
export function createProfilePlot(profileRoot, residualRoot, { vocabulary, onHover, onSelect }) {
  let marks = [];  // per drawn slice: [profile point, residual bar]
  let drawnMarks = { hot: -1, selected: -1 };
  let drawn = null;  // { slices, result, units, labels: [[text node, (units) => text]] }

  function frame(width, height, xs, ys, xLabel, yLabel, summary) {
    const xt = ticks(xs[0], xs[1]), yt = ticks(ys[0], ys[1], 4);
    const m = { l: 10 + 6.6 * Math.max(...yt.map((t) => t.text.length), 3), r: 12 + 3.3 * (xt.at(-1)?.text.length ?? 0), t: 18, b: 32 };
    const sx = (x) => m.l + ((x - xs[0]) / (xs[1] - xs[0] || 1)) * (width - m.l - m.r);
    const sy = (y) => height - m.b - ((y - ys[0]) / (ys[1] - ys[0] || 1)) * (height - m.t - m.b);
    const svg = el('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img' });
    svg.append(el('title'));
    const clipId = `clip-${Math.random().toString(36).slice(2)}`;
    const defs = el('defs');
    const clip = el('clipPath', { id: clipId });
    clip.append(el('rect', { x: m.l, y: m.t, width: width - m.l - m.r, height: height - m.t - m.b }));
    defs.append(clip);
    svg.append(defs);
    svg.append(el('line', { class: 'axis', x1: m.l, x2: width - m.r, y1: height - m.b, y2: height - m.b }));
    svg.append(el('line', { class: 'axis', x1: m.l, x2: m.l, y1: m.t, y2: height - m.b }));
    for (const t of xt) svg.append(el('text', { x: sx(t.v), y: height - m.b + 13, 'text-anchor': 'middle' }, t.text));
    for (const t of yt) svg.append(el('text', { x: m.l - 4, y: sy(t.v) + 4, 'text-anchor': 'end' }, t.text));
    const xText = el('text', { x: (m.l + width - m.r) / 2, y: height - 5, 'text-anchor': 'middle' });
    const yText = el('text', { x: 4, y: 11 });
    svg.append(xText, yText);
    drawn.labels.push([xText, xLabel], [yText, yLabel], [svg, summary]);
    const plotArea = el('g', { 'clip-path': `url(#${clipId})` });
    svg.append(plotArea);
    return { svg, plotArea, sx, sy, box: { l: m.l, t: m.t, w: width - m.l - m.r, h: height - m.t - m.b } };
  }

  // Points: the residual of (an evenly spaced sample of) the points against z, and a histogram
  // of the residuals of the points used.
  function drawPoints(result, units) {
    const p = result.points, n = p.x.length;
    const formats = resultFormats(result);
    const len = (v) => formatIn(v, formats.length);
    const zone = zoneBand(result);
    const stride = Math.max(1, Math.ceil(n / MAX_POINTS));
    const shown = [];
    for (let i = 0; i < n; i += stride) shown.push(i);
    let setAside = 0;
    for (let i = 0; i < n; ++i) {
      if (result.inlier[i]) continue;
      setAside += 1;
      if (stride > 1 && i % stride && setAside <= MAX_POINTS / 10) shown.push(i);
    }
    const zs = shown.map((i) => p.z[i]);
    // The range of the points used: set-aside ones far off (a stem, a fixture) would flatten the
    // rest, so they sit at the edge, hollow, with their true distance in their tooltip.
    const rs = shown.filter((i) => result.inlier[i]).map((i) => result.residuals[i]);
    const xs = range(zs, [result.center[2]]);
    const ys = range(rs.length ? rs : shown.map((i) => result.residuals[i]), zone ?? [0]);
    const clamp = (r) => Math.max(ys[0], Math.min(ys[1], r));
    const sample = shown.length < n ? ` (${count(shown.length, 'point')} shown, evenly spaced, and those set aside)` : '';
    // The ellipsoid's residuals beside the sphere's (it was fitted to every point, or to points
    // 0, k, 2k, …), when every point was used: the parabola the sphere leaves, and what is left.
    const e = showsEllipsoid(result) && result.ellipsoid.residuals && setAside === 0 ? result.ellipsoid : null;
    const eStep = e ? Math.max(1, Math.ceil(e.residuals.length / MAX_POINTS)) : 1;
    const eWords = e ? `; green rings: the distance of ${e.stride > 1 || eStep > 1 ? 'evenly spaced points' : 'each point'} from the ${result.shape === 'sphere' ? 'best ellipsoid' : `fitted ${result.shape}`}` : '';
    const summary = () => `Distance from the fitted sphere of each of ${count(n, 'point')}${sample}, positive outside, against the point's z; the dashed line is the centre's z${setAside ? '; points set aside beyond the range sit at its edge' : ''}${eWords}.`;
    const profile = frame(560, 240, xs, ys, (u) => headed('z', u), (u) => headed('residual', u), summary);
    if (zone) band(profile, profile.box, zone, false, `zone: radii ${formatIn(result.form.innerRadius, formats.value)} to ${withUnits(formatIn(result.form.outerRadius, formats.value), units)}`);
    profile.plotArea.append(el('line', { class: 'axis', x1: profile.sx(xs[0]), x2: profile.sx(xs[1]), y1: profile.sy(0), y2: profile.sy(0) }));
    profile.plotArea.append(el('line', { class: 'centre', x1: profile.sx(result.center[2]), x2: profile.sx(result.center[2]), y1: profile.box.t, y2: profile.box.t + profile.box.h }));
    const scale = colourScale(result);
    const zFormat = formats.point.z;
    marks = [];
    const radius = shown.length > 1000 ? 2 : 3;
    for (const i of shown) {
      const inlier = result.inlier[i] === 1;
      const dot = wire(el('circle', {
        class: `pt${inlier ? '' : ' rejected'}`, cx: profile.sx(p.z[i]), cy: profile.sy(clamp(result.residuals[i])), r: radius,
        fill: cssColor(residualColor(result.residuals[i] / scale)),
      }), i, (u) => `point ${i + 1}: z = ${withUnits(formatIn(p.z[i], zFormat), u)}, residual ${withUnits(len(result.residuals[i]), u)}${inlier ? '' : ' (set aside)'}`);
      profile.plotArea.append(dot);
      marks[i] = [dot];
    }
    if (e) {
      const ring = Math.max(1, radius - 0.5);
      for (let k = 0; k < e.residuals.length; k += eStep) {
        const i = k * e.stride;
        if (i >= n) break;
        profile.plotArea.append(el('circle', { class: 'pt shape', cx: profile.sx(p.z[i]), cy: profile.sy(clamp(e.residuals[k])), r: ring, fill: 'none', stroke: '#51cf66' }));
      }
    }

    // The histogram of the used points' residuals.
    let lo = Infinity, hi = -Infinity, used = 0;
    for (let i = 0; i < n; ++i) {
      if (!result.inlier[i]) continue;
      const r = result.residuals[i];
      if (r < lo) lo = r;
      if (r > hi) hi = r;
      used += 1;
    }
    if (zone) { lo = Math.min(lo, zone[0]); hi = Math.max(hi, zone[1]); }
    const bins = Math.max(8, Math.min(40, Math.ceil(Math.sqrt(used))));
    const width = (hi - lo) / bins || Math.abs(hi) || 1;
    const counts = new Uint32Array(bins);
    for (let i = 0; i < n; ++i) {
      if (!result.inlier[i]) continue;
      counts[Math.min(bins - 1, Math.floor((result.residuals[i] - lo) / width))] += 1;
    }
    const most = Math.max(1, ...counts);
    const hx = [lo - 0.04 * (hi - lo || 1), hi + 0.04 * (hi - lo || 1)];
    const histSummary = (u) => `Histogram of the distances of the ${count(used, 'point')} used from the fitted sphere, in ${bins} bins of ${withUnits(len(width), u)}${setAside ? `; ${setAside.toLocaleString('en')} set aside, not counted` : ''}.`;
    const hist = frame(560, 170, hx, [0, most * 1.08], (u) => headed('residual', u), () => 'points', histSummary);
    if (zone) band(hist, hist.box, zone, true, `zone: radii ${len(result.form.innerRadius)} to ${withUnits(len(result.form.outerRadius), units)}`);
    for (let b = 0; b < bins; ++b) {
      if (!counts[b]) continue;
      const x0 = hist.sx(lo + b * width), x1 = hist.sx(lo + (b + 1) * width), y = hist.sy(counts[b]);
      const mid = lo + (b + 0.5) * width;
      const bar = el('rect', { class: 'hist', x: x0, y, width: Math.max(1, x1 - x0 - 0.5), height: hist.sy(0) - y, fill: cssColor(residualColor(mid / scale)) });
      bar.append(el('title', {}, `${count(counts[b], 'point')} between ${len(lo + b * width)} and ${withUnits(len(lo + (b + 1) * width), drawn.units)}`));
      hist.plotArea.append(bar);
    }
    hist.plotArea.append(el('line', { class: 'centre', x1: hist.sx(0), x2: hist.sx(0), y1: hist.box.t, y2: hist.box.t + hist.box.h }));
    profileRoot.replaceChildren(profile.svg);
    residualRoot.replaceChildren(hist.svg);
  }

  // The tooltip is written when the pointer arrives (in the units of the moment): thousands of
  // <title> elements would make every redraw slower.
  function wire(node, i, tip) {
    node.dataset.slice = String(i);
    node.addEventListener('pointerenter', () => {
      const title = node.firstElementChild ?? node.appendChild(el('title'));
      title.textContent = tip(drawn.units);
      onHover(i);
    });
    node.addEventListener('pointerleave', () => onHover(-1));
    node.addEventListener('click', () => onSelect(i));
    return node;
  }

  return {
    draw(result, units) {
      drawn = { result, units, labels: [] };
      drawnMarks = { hot: -1, selected: -1 };
      if (result.mode === 'points') {
        drawPoints(result, units);
        this.setUnits(units);
        return;
      }
      const slices = result.slices;
      const n = slices.x.length, R = result.radius;
      const zone = zoneBand(result);
      const noun = vocabulary.nouns[result.mode];
      const rows = count(n, noun.one, noun.many);
      const t = result.heights;
      const stride = Math.ceil(n / MAX_POINTS);
      const formats = resultFormats(result);
      const len = (v) => formatIn(v, formats.length);
      const ts = sampled(t, stride), rs = sampled(slices.r, stride);
      const xs = range(ts);
      // The arc where it crosses the t range: its highest and lowest r there join the data's range.
      const arcAt = (x) => (Math.abs(x) <= R ? Math.sqrt(R * R - x * x) : 0);
      const outer = zone ? result.form.outerRadius : R;
      const arcOf = (radius, x) => (Math.abs(x) <= radius ? Math.sqrt(radius * radius - x * x) : 0);
      const rRange = range(rs, [arcOf(outer, Math.max(xs[0], Math.min(0, xs[1]))), arcAt(xs[0]), arcAt(xs[1])]);
      // r is a size: start the axis at 0 unless the data sit far from it.
      const ys = [rRange[0] < 0.35 * rRange[1] ? 0 : rRange[0], rRange[1]];
      const zoneWords = (u) => (zone ? `, and the zone's inner and outer arcs (radii ${len(result.form.innerRadius)} and ${withUnits(len(result.form.outerRadius), u)}, dashed)` : '');
      const summary = (u) => `Profile of ${rows}: radius r against distance t along the ${result.mode === 'circles' ? 'slice' : 'circle'} normal from the fitted centre, with the fitted sphere's arc of radius ${withUnits(len(R), u)}${zoneWords(u)}.`;
      const profile = frame(560, 240, xs, ys, (u) => `t: distance along the slice normal from the centre${u ? ` (${u})` : ''}`, (u) => headed('r', u), summary);
      const arcLine = (radius, cls) => {
        const arc = [];
        for (let k = 0; k <= 240; ++k) {
          const x = xs[0] + ((xs[1] - xs[0]) * k) / 240;
          if (Math.abs(x) > radius) continue;
          arc.push(`${profile.sx(x).toFixed(2)},${profile.sy(Math.sqrt(Math.max(0, radius * radius - x * x))).toFixed(2)}`);
        }
        if (arc.length > 1) profile.plotArea.append(el('polyline', { class: cls, points: arc.join(' ') }));
      };
      if (zone) {
        arcLine(result.form.innerRadius, 'arc zone-arc');
        arcLine(result.form.outerRadius, 'arc zone-arc');
      }
      arcLine(R, 'arc');

      const scale = colourScale(result);
      const extreme = Math.max(result.maxAbsResidual, ...(zone ? zone.map(Math.abs) : [])) || 1;
      const residSummary = (u) => `Residual of each of ${rows} (its circle's mean distance from the sphere, positive outside) against t; largest ${withUnits(len(result.maxAbsResidual), u)}${zone ? '; the shaded band is the form zone' : ''}.`;
      const resid = frame(560, 170, xs, [-1.1 * extreme, 1.1 * extreme], (u) => headed('t', u), (u) => headed('residual', u), residSummary);
      if (zone) band(resid, resid.box, zone, false, `zone: radii ${len(result.form.innerRadius)} to ${withUnits(len(result.form.outerRadius), units)}`);
      resid.plotArea.append(el('line', { class: 'axis', x1: resid.sx(xs[0]), x2: resid.sx(xs[1]), y1: resid.sy(0), y2: resid.sy(0) }));
      const barWidth = Math.max(1.5, Math.min(8, 400 / Math.max(1, n / stride)));
      const rFormat = formats.r;
      const name = (i) => (slices.name ? `contour ${slices.name[i]}` : `slice ${i + 1}`);
      marks = new Array(n);
      for (let i = 0; i < n; i += stride) {
        const inlier = result.inlier[i] === 1;
        const color = cssColor(residualColor(result.residuals[i] / scale));
        const point = wire(el('circle', { class: `pt${inlier ? '' : ' rejected'}`, cx: profile.sx(t[i]), cy: profile.sy(slices.r[i]), r: 4, fill: color }), i,
          (u) => `${name(i)}: t = ${withUnits(len(t[i]), u)}, r = ${withUnits(formatIn(slices.r[i], rFormat), u)}, residual ${withUnits(len(result.residuals[i]), u)}${inlier ? '' : ' (set aside)'}`);
        profile.plotArea.append(point);
        const y0 = resid.sy(0), y1 = resid.sy(result.residuals[i]);
        const bar = wire(el('rect', { class: 'bar', x: resid.sx(t[i]) - barWidth / 2, y: Math.min(y0, y1), width: barWidth, height: Math.max(1, Math.abs(y1 - y0)), fill: inlier ? color : '#9aa0aa' }), i,
          (u) => `${name(i)}: residual ${withUnits(len(result.residuals[i]), u)}${inlier ? '' : ' (set aside)'}`);
        resid.plotArea.append(bar);
        marks[i] = [point, bar];
      }
      profileRoot.replaceChildren(profile.svg);
      residualRoot.replaceChildren(resid.svg);
      drawnMarks = { hot: -1, selected: -1 };
      this.setUnits(units);
    },
    // Units are a label: only the words change, not the drawing.
    setUnits(units) {
      if (!drawn) return;
      drawn.units = units;
      for (const [node, text] of drawn.labels) {
        if (node.tagName === 'svg') {
          node.setAttribute('aria-label', text(units));
          node.querySelector(':scope > title').textContent = text(units);
        } else node.textContent = text(units);
      }
    },
    highlight(hot, selected) {
      for (const node of marks[drawnMarks.hot] ?? []) node.classList.remove('hot');
      for (const node of marks[drawnMarks.selected] ?? []) node.classList.remove('selected');
      for (const node of marks[hot] ?? []) node.classList.add('hot');
      for (const node of marks[selected] ?? []) node.classList.add('selected');
      drawnMarks = { hot, selected };
    },
  };
}
