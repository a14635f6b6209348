// A small picture of one slice of the open volume: its voxels in grey (the selection white), the
// contour the core traced on it and the fitted sphere's circle on its plane, drawn at the voxels'
// true aspect (spacingU : spacingV). The picture and both outlines come from the worker
// (preview(axis, index)), in pixel coordinates with pixel centres at integers; this only draws.
// The slice shown follows the selection in the table and the 3D view; the slider, the buttons
// and the arrow keys on the picture step through the slices.
//
// The worker draws from its last fit, so a picture is asked for only while the result on show is
// the current one; otherwise the picture is marked as not current.
import { isCurrent } from './state.js';
import { AXES, STATUS_WORDS } from './describe.js';
import { count } from '../lib/format.js';

const SIDE = 512;                 // the longer side of the picture, in canvas pixels
const CONTOUR = '#00e5ff';
const CIRCLE = '#ff8a3d';

function path(ctx, points, toX, toY, closed) {
  if (points.length < 4) return;
  ctx.beginPath();
  ctx.moveTo(toX(points[0]), toY(points[1]));
  for (let k = 2; k < points.length; k += 2) ctx.lineTo(toX(points[k]), toY(points[k + 1]));
  if (closed) ctx.closePath();
  ctx.stroke();
}

// vocabulary: the core's (its slice statuses).
export function createSlicePreview(root, { vocabulary, onStep, getPreview }) {
  const $ = (id) => root.querySelector(`[data-testid="${id}"]`);
  const panel = $('preview-panel');
  const canvas = $('slice-preview');
  const slider = $('preview-slice');
  const caption = $('preview-caption');
  const stale = $('preview-stale');
  let result = null;       // the volume result whose slices are stepped through
  let wanted = null;       // { result, index } the picture asked for and not yet drawn
  let drawn = null;        // { result, index } the picture on show

  const slices = () => result.volumeSlices.index;
  const position = (index) => slices().indexOf(index);
  function step(by) {
    if (!result) return;
    const list = slices();
    const k = Math.max(0, Math.min(list.length - 1, position(Number(slider.value)) + by));
    onStep(list[k]);
  }

  function draw(preview, index) {
    const { width, height, spacingU, spacingV, pixels } = preview;
    const w = width * spacingU, h = height * spacingV, scale = SIDE / Math.max(w, h);
    canvas.width = Math.max(1, Math.round(w * scale));
    canvas.height = Math.max(1, Math.round(h * scale));
    const grey = new ImageData(width, height);
    for (let i = 0; i < pixels.length; ++i) {
      const g = pixels[i];
      grey.data[4 * i] = g; grey.data[4 * i + 1] = g; grey.data[4 * i + 2] = g; grey.data[4 * i + 3] = 255;
    }
    const image = document.createElement('canvas');
    image.width = width;
    image.height = height;
    image.getContext('2d').putImageData(grey, 0, 0);
    const ctx = canvas.getContext('2d');
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(image, 0, 0, canvas.width, canvas.height);
    const toX = (u) => ((u + 0.5) * canvas.width) / width;
    const toY = (v) => ((v + 0.5) * canvas.height) / height;
    ctx.lineWidth = 2;
    ctx.strokeStyle = CONTOUR;
    path(ctx, preview.contour, toX, toY, true);
    ctx.strokeStyle = CIRCLE;
    ctx.setLineDash([6, 4]);
    path(ctx, preview.circle, toX, toY, true);
    ctx.setLineDash([]);
    canvas.dataset.slice = String(index);
    canvas.dataset.contourPoints = String(preview.contour.length / 2);
    canvas.dataset.circlePoints = String(preview.circle.length / 2);
    canvas.dataset.aspect = String(canvas.width / canvas.height);
  }

  function describe(index) {
    const k = position(index);
    const axis = AXES[result.selection?.axis ?? 2];
    const status = vocabulary.sliceStatuses[result.volumeSlices.status[k]] ?? '';
    const points = result.volumeSlices.pointCount[k];
    const what = status === 'Kept' ? `used, its contour has ${count(points, 'point')}` : `left out: ${STATUS_WORDS[status] ?? status}`;
    return `Slice ${axis} = ${index} (${k + 1} of ${slices().length}): ${what}.`;
  }

  const same = (a, s) => a && a.result === s.result && a.index === s.preview;

  async function request(s) {
    const index = s.preview;
    wanted = { result: s.result, index };
    let preview;
    try {
      preview = await getPreview(s.result.selection?.axis ?? 2, index);
    } catch {
      preview = null;
    }
    if (wanted?.result !== s.result || wanted.index !== index) return;  // another picture is wanted now
    wanted = null;
    if (!preview || !preview.ok) {
      caption.textContent = `${describe(index)} No picture: ${preview?.error?.message ?? 'the volume is no longer open.'}`;
      drawn = { result: s.result, index };  // asked once, not again on every change of the page
      return;
    }
    draw(preview, index);
    drawn = { result: s.result, index };
    canvas.setAttribute('aria-label', `Slice preview, ${describe(index)} White: the selection; cyan: the traced contour; orange, dashed: the fitted sphere's circle.`);
  }

  canvas.addEventListener('keydown', (e) => {
    const moves = { ArrowRight: 1, ArrowUp: 1, ArrowLeft: -1, ArrowDown: -1, PageUp: 10, PageDown: -10, Home: -Infinity, End: Infinity };
    if (!(e.key in moves)) return;
    e.preventDefault();
    const by = moves[e.key];
    step(Number.isFinite(by) ? by : by > 0 ? slices().length : -slices().length);
  });
  slider.addEventListener('input', () => { if (result) onStep(slices()[Number(slider.value)]); });
  $('preview-previous').addEventListener('click', () => step(-1));
  $('preview-next').addEventListener('click', () => step(1));

  return {
    render(s) {
      const volume = s.result?.volumeSlices ? s.result : null;
      panel.hidden = !volume;
      if (!volume) {
        result = null;
        return;
      }
      if (volume !== result) {
        result = volume;
        slider.max = String(slices().length - 1);
      }
      if (s.preview < 0) return;
      slider.value = String(position(s.preview));
      slider.setAttribute('aria-valuetext', describe(s.preview));
      caption.textContent = describe(s.preview);
      const current = isCurrent(s);
      stale.hidden = current;
      stale.textContent = current ? '' : s.error || s.linkError ? 'Stale: the picture is of the last good fit; the current input or options give an error.' : 'Updating for the new choice…';
      stale.dataset.why = s.busy && !(s.error || s.linkError) ? 'busy' : 'error';
      if (current) delete panel.dataset.stale; else panel.dataset.stale = stale.dataset.why;
      if (current && !same(drawn, s) && !same(wanted, s)) request(s);
    },
  };
}
