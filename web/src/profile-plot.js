// Two SVG plots: the profile (each slice at its distance t along its normal from the sphere
// centre, against its radius r, with the fitted arc r = √(R² − t²)) and the residual of each
// slice at the same t. Hover and click report the slice index.
//
// The axes span the data (and the arc where it is near the data), not the whole sphere: a cap of
// a sphere of radius 10⁶ is a few points at the edge of [−R, R], so it gets its own range, and the
// margin grows with the longest tick label.
import { residualColor, cssColor, colourScale } from './geometry.js';
import { formatIn, resultFormats, withUnits, headed } from './format.js';

const SVG = 'http://www.w3.org/2000/svg';
const MAX_POINTS = 2000;

function el(name, attrs = {}, text) {
  const node = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

// Nice ticks over [lo, hi] and the decimals that print them (one notation for the whole axis).
function ticks(lo, hi, count = 5) {
  const span = hi - lo || Math.abs(lo) || 1, raw = span / count, p = 10 ** Math.floor(Math.log10(raw)), f = raw / p;
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

export function createProfilePlot(profileRoot, residualRoot, { onHover, onSelect }) {
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
    return { svg, plotArea, sx, sy };
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
    draw(slices, result, units) {
      drawn = { slices, result, units, labels: [] };
      const n = slices.x.length, R = result.radius;
      const t = result.heights;
      const stride = Math.ceil(n / MAX_POINTS);
      const formats = resultFormats(result);
      const len = (v) => formatIn(v, formats.length);
      const ts = sampled(t, stride), rs = sampled(slices.r, stride);
      const xs = range(ts);
      // The arc where it crosses the t range: its highest and lowest r there join the data's range.
      const arcAt = (x) => (Math.abs(x) <= R ? Math.sqrt(R * R - x * x) : 0);
      const rRange = range(rs, [arcAt(Math.max(xs[0], Math.min(0, xs[1]))), arcAt(xs[0]), arcAt(xs[1])]);
      // r is a size: start the axis at 0 unless the data sit far from it.
      const ys = [rRange[0] < 0.35 * rRange[1] ? 0 : rRange[0], rRange[1]];
      const summary = (u) => `Profile of ${n.toLocaleString('en')} slices: radius r against distance t along the slice normal from the fitted centre, with the fitted sphere's arc of radius ${withUnits(len(R), u)}.`;
      const profile = frame(560, 240, xs, ys, (u) => `t: distance along the slice normal from the centre${u ? ` (${u})` : ''}`, (u) => headed('r', u), summary);
      const arc = [];
      for (let k = 0; k <= 240; ++k) {
        const x = xs[0] + ((xs[1] - xs[0]) * k) / 240;
        if (Math.abs(x) > R) continue;
        arc.push(`${profile.sx(x).toFixed(2)},${profile.sy(Math.sqrt(Math.max(0, R * R - x * x))).toFixed(2)}`);
      }
      if (arc.length > 1) profile.plotArea.append(el('polyline', { class: 'arc', points: arc.join(' ') }));

      const scale = colourScale(result);
      const extreme = result.maxAbsResidual > 0 ? result.maxAbsResidual : 1;
      const residSummary = (u) => `Residual of each of ${n.toLocaleString('en')} slices (its circle's mean distance from the sphere, positive outside) against t; largest ${withUnits(len(result.maxAbsResidual), u)}.`;
      const resid = frame(560, 170, xs, [-1.1 * extreme, 1.1 * extreme], (u) => headed('t', u), (u) => headed('residual', u), residSummary);
      resid.plotArea.append(el('line', { class: 'axis', x1: resid.sx(xs[0]), x2: resid.sx(xs[1]), y1: resid.sy(0), y2: resid.sy(0) }));
      const barWidth = Math.max(1.5, Math.min(8, 400 / Math.max(1, n / stride)));
      const rFormat = formats.r;
      marks = new Array(n);
      for (let i = 0; i < n; i += stride) {
        const inlier = result.inlier[i] === 1;
        const color = cssColor(residualColor(result.residuals[i] / scale));
        const point = wire(el('circle', { class: `pt${inlier ? '' : ' rejected'}`, cx: profile.sx(t[i]), cy: profile.sy(slices.r[i]), r: 4, fill: color }), i,
          (u) => `slice ${i + 1}: t = ${withUnits(len(t[i]), u)}, r = ${withUnits(formatIn(slices.r[i], rFormat), u)}, residual ${withUnits(len(result.residuals[i]), u)}${inlier ? '' : ' (set aside)'}`);
        profile.plotArea.append(point);
        const y0 = resid.sy(0), y1 = resid.sy(result.residuals[i]);
        const bar = wire(el('rect', { class: 'bar', x: resid.sx(t[i]) - barWidth / 2, y: Math.min(y0, y1), width: barWidth, height: Math.max(1, Math.abs(y1 - y0)), fill: inlier ? color : '#9aa0aa' }), i,
          (u) => `slice ${i + 1}: residual ${withUnits(len(result.residuals[i]), u)}${inlier ? '' : ' (set aside)'}`);
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
