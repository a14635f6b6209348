// Two SVG plots: the profile (each slice at its distance t along its normal from the sphere
// centre, against its radius r, with the fitted arc r = √(R² − t²)) and the residual of each
// slice at the same t. Hover and click report the slice index.
import { residualColor, cssColor, colourScale } from './geometry.js';

const SVG = 'http://www.w3.org/2000/svg';
const MAX_POINTS = 2000;

function el(name, attrs = {}, text) {
  const node = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

function ticks(lo, hi, count = 5) {
  const span = hi - lo || 1, raw = span / count, p = 10 ** Math.floor(Math.log10(raw)), f = raw / p;
  const step = (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * p;
  const out = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + 1e-9 * step; v += step) out.push(Math.abs(v) < 1e-12 * step ? 0 : v);
  return out;
}

const label = (v) => Number(v.toPrecision(4)).toString();

export function createProfilePlot(profileRoot, residualRoot, { onHover, onSelect }) {
  let marks = [];  // per drawn slice: [profile point, residual bar]

  function frame(width, height, xs, ys, xLabel, yLabel) {
    const m = { l: 48, r: 10, t: 18, b: 30 };
    const sx = (x) => m.l + ((x - xs[0]) / (xs[1] - xs[0] || 1)) * (width - m.l - m.r);
    const sy = (y) => height - m.b - ((y - ys[0]) / (ys[1] - ys[0] || 1)) * (height - m.t - m.b);
    const svg = el('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img' });
    svg.append(el('line', { class: 'axis', x1: m.l, x2: width - m.r, y1: height - m.b, y2: height - m.b }));
    svg.append(el('line', { class: 'axis', x1: m.l, x2: m.l, y1: m.t, y2: height - m.b }));
    for (const t of ticks(xs[0], xs[1])) svg.append(el('text', { x: sx(t), y: height - m.b + 13, 'text-anchor': 'middle' }, label(t)));
    for (const t of ticks(ys[0], ys[1], 4)) svg.append(el('text', { x: m.l - 4, y: sy(t) + 4, 'text-anchor': 'end' }, label(t)));
    svg.append(el('text', { x: (m.l + width - m.r) / 2, y: height - 2, 'text-anchor': 'middle' }, xLabel));
    svg.append(el('text', { x: 4, y: 11 }, yLabel));
    return { svg, sx, sy };
  }

  function wire(node, i) {
    node.dataset.slice = String(i);
    node.addEventListener('pointerenter', () => onHover(i));
    node.addEventListener('pointerleave', () => onHover(-1));
    node.addEventListener('click', () => onSelect(i));
    return node;
  }

  return {
    draw(slices, result, units) {
      const n = slices.x.length, R = result.radius;
      const t = result.heights;
      const stride = Math.ceil(n / MAX_POINTS);
      const maxR = Math.max(R, ...Array.from(slices.r).filter((_, i) => i % stride === 0));
      const xs = [-1.05 * R, 1.05 * R];
      const profile = frame(560, 240, xs, [0, 1.08 * maxR], `t: distance along the slice normal from the centre (${units})`, `r (${units})`);
      const arc = [];
      for (let k = 0; k <= 200; ++k) {
        const x = -R + (2 * R * k) / 200;
        arc.push(`${profile.sx(x).toFixed(2)},${profile.sy(Math.sqrt(Math.max(0, R * R - x * x))).toFixed(2)}`);
      }
      profile.svg.append(el('polyline', { class: 'arc', points: arc.join(' ') }));

      const scale = colourScale(result);
      const extreme = result.maxAbsResidual > 0 ? result.maxAbsResidual : 1;
      const resid = frame(560, 170, xs, [-1.1 * extreme, 1.1 * extreme], `t (${units})`, `residual (${units})`);
      resid.svg.append(el('line', { class: 'axis', x1: resid.sx(xs[0]), x2: resid.sx(xs[1]), y1: resid.sy(0), y2: resid.sy(0) }));
      const barWidth = Math.max(1.5, Math.min(8, 400 / Math.max(1, n / stride)));
      marks = new Array(n);
      for (let i = 0; i < n; i += stride) {
        const inlier = result.inlier[i] === 1;
        const color = cssColor(residualColor(result.residuals[i] / scale));
        const point = wire(el('circle', { class: `pt${inlier ? '' : ' rejected'}`, cx: profile.sx(t[i]), cy: profile.sy(slices.r[i]), r: 4, fill: color }), i);
        point.append(el('title', {}, `slice ${i + 1}: t = ${label(t[i])}, r = ${label(slices.r[i])}, residual ${label(result.residuals[i])}`));
        profile.svg.append(point);
        const y0 = resid.sy(0), y1 = resid.sy(result.residuals[i]);
        const bar = wire(el('rect', { class: 'bar', x: resid.sx(t[i]) - barWidth / 2, y: Math.min(y0, y1), width: barWidth, height: Math.max(1, Math.abs(y1 - y0)), fill: inlier ? color : '#9aa0aa' }), i);
        bar.append(el('title', {}, `slice ${i + 1}: residual ${label(result.residuals[i])}${inlier ? '' : ' (set aside)'}`));
        resid.svg.append(bar);
        marks[i] = [point, bar];
      }
      profileRoot.replaceChildren(profile.svg);
      residualRoot.replaceChildren(resid.svg);
    },
    highlight(hot, selected) {
      for (const m of profileRoot.querySelectorAll('.hot')) m.classList.remove('hot');
      for (const m of residualRoot.querySelectorAll('.hot')) m.classList.remove('hot');
      for (const i of [hot, selected]) for (const node of marks[i] ?? []) node.classList.add('hot');
    },
  };
}
