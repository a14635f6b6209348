// Wires the page: input events → the fit lane (fit-lane.js) and the solver worker → the one state
// object → the views. No maths here; every number shown comes from the solver's result, and every
// option name, limit and word for a fit type, a status or a mode's rows from the core's vocabulary,
// which the worker sends once its module has loaded: the page waits for it before anything else.
import { createState } from './state.js';
import { createSolverClient } from './solver-client.js';
import { createInputView, LARGE_TEXT, bytesText } from './input-view.js';
import { createVolumeOptions } from './volume-options.js';
import { createSeriesPicker } from './series-picker.js';
import { createResultsPanel, showBreakage } from './results-panel.js';
import { createLazySphereView } from './lazy-sphere-view.js';
import { createProfilePlot } from './profile-plot.js';
import { createSliceTable } from './slice-table.js';
import { createSlicePreview } from './slice-preview.js';
import { createExportBar } from './export-bar.js';
import { createStaleMarks } from './stale-marks.js';
import { createFitLane, refitKind, isVolumeName, showSphere } from './fit-lane.js';
import { createSphereList } from './sphere-list.js';
import { createResultDrawing } from './result-drawing.js';
import { createSharing, forgetLink } from './sharing.js';
import { pageOptionSpecs, defaultOptions, fitChanged } from './page-options.js';
import { legendLines, scaleText } from './legend.js';
import { resultFormats } from '../lib/format.js';
import { isFormFit, volumeSliceOfCircle, circleOfVolumeSlice, modeText } from './describe.js';

const DEFAULT_SAMPLE = 'femoral-head-ct';
const $ = (id) => document.querySelector(`[data-testid="${id}"]`);

const client = createSolverClient();
let vocabulary;
try {
  ({ vocabulary } = await client.vocabulary());
} catch (err) {
  showBreakage(document, `${err.message}. Reload the page to try again.`);
  throw err;
}
const specs = pageOptionSpecs(vocabulary, document);

const state = createState({
  text: '',
  file: null,
  options: defaultOptions(specs, document),
  volumeFile: false,
  volume: null,
  selection: null,
  series: null,
  result: null,
  spheres: null,
  sphere: -1,
  error: null,
  linkError: null,
  busy: false,
  progress: null,
  hot: -1,
  selected: -1,
  preview: -1,
  share: null,
});

let toastTimer = 0;
function toast(message) {
  const el = $('toast');
  el.textContent = message;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { el.textContent = ''; }, 5000);
}

const input = createInputView(document, {
  specs,
  vocabulary,
  onText(text, { immediate, origin }) {
    if (origin !== 'link') forgetLink();
    const progress = text.length > LARGE_TEXT ? { what: `Fitting ${bytesText(text.length)} of text`, loaded: 0, total: 0 } : null;
    state.set({ text, file: null, volumeFile: false, volume: null, selection: null, busy: true, progress, linkError: null, share: null, spheres: null, sphere: -1 });
    lane.schedule('text', immediate);
  },
  onFile(file) {
    forgetLink();
    // Several files (a DICOM series, a folder, a header with its data) are read together.
    const many = Array.isArray(file);
    const name = many ? `${file.length} files` : file.name;
    const size = many ? file.reduce((sum, f) => sum + f.size, 0) : file.size;
    state.set({
      text: '', file: { file, name, size }, volumeFile: many || isVolumeName(file.name) || /\.dcm$/i.test(file.name), volume: null, selection: null, series: null, spheres: null, sphere: -1,
      busy: true, progress: { what: `Opening ${name}`, loaded: 0, total: 0 }, linkError: null, share: null,
    });
    lane.schedule('open', true);
  },
  onOptions(options) {
    const s = state.get();
    const refit = fitChanged(specs, options, s.options);
    forgetLink();
    if (options.fitType !== s.options.fitType && isFormFit(options.fitType) && !isFormFit(s.options.fitType)) {
      $('layer-zone').checked = true;
      view.setLayer('zone', true);
    }
    state.set({ options, share: null, ...(refit ? { busy: true } : {}) });
    // A new known radius waits for the typing to pause; any other change refits at once.
    if (refit) lane.schedule(refitKind(s), specs.every((spec) => spec.kind !== 'length' || options[spec.name] === s.options[spec.name]));
  },
  onError: toast,
});
input.setOptions(state.get().options);  // the controls as the state says (a reload may have kept others)

const volumeOptions = createVolumeOptions(document, {
  onSelection(selection) {
    const s = state.get();
    forgetLink();
    state.set({ selection, busy: true, share: null });
    lane.schedule(refitKind(s), true);
  },
});

const seriesPicker = createSeriesPicker(document, {
  onSeries(series) {
    forgetLink();
    state.set({ series, selection: null, volume: null, busy: true, share: null, progress: { what: 'Reading the series', loaded: 0, total: 0 } });
    lane.schedule('open', true);
  },
});

const setHot = (i) => { if (state.get().hot !== i) state.set({ hot: i }); };
// A picked circle of a volume also shows its slice in the preview.
function setSelected(i) {
  const s = state.get();
  const selected = s.selected === i ? -1 : i;
  const slice = s.result ? volumeSliceOfCircle(s.result, selected) : -1;
  state.set({ selected, ...(slice >= 0 ? { preview: slice } : {}) });
}
// Stepping the preview picks that slice's circle (if it gave one) in the other views.
function setPreview(index) {
  const s = state.get();
  if (!s.result?.volumeSlices || index === s.preview) return;
  state.set({ preview: index, selected: circleOfVolumeSlice(s.result, index) });
}

// What the 3D view last drew, for its legend in the page and in the PNG.
let viewInfo = null;
function showLegend() {
  const { result, options } = state.get();
  if (!viewInfo || !result) return;
  $('viewer-legend').textContent = legendLines(viewInfo, options.units, resultFormats(result).length).join(' ');
  $('viewer-scale').textContent = scaleText(viewInfo, options.units);
}

const rowEvents = { vocabulary, onHover: setHot, onSelect: setSelected };
const results = createResultsPanel(document, { vocabulary, onRevealLine: (line, column) => input.revealLine(line, column) });
const view = createLazySphereView($('viewer'), { onHover: setHot, onSelect: setSelected, onLegend: (info) => { viewInfo = info; }, onLateDraw: showLegend });
const plot = createProfilePlot($('profile-plot'), $('residual-plot'), rowEvents);
const table = createSliceTable($('slice-table'), $('table-note'), rowEvents);
// With several spheres, the preview shows the shown sphere's label (its number in the core's list).
const shownSphere = () => { const s = state.get(); return s.spheres ? s.spheres.spheres[s.sphere]?.number : undefined; };
const preview = createSlicePreview(document, { vocabulary, onStep: setPreview, getPreview: (axis, index) => client.preview(axis, index, shownSphere()) });
const sphereList = createSphereList(document, { onPick: (index) => showSphere(state, index) });
const sharing = createSharing({ state, input, vocabulary, specs, toast });
const exportBar = createExportBar(document, { getState: state.get, vocabulary, specs, view, viewInfo: () => viewInfo, onShare: sharing.share, toast });
const staleMarks = createStaleMarks(document);
const drawing = createResultDrawing({ view, table, plot, getState: state.get, onViewDrawn: showLegend });
const lane = createFitLane({
  state,
  client,
  specs,
  showText: (text) => input.showText(text),
  whenDrawn: drawing.drawn,
  onFitted(fits) {
    document.body.dataset.fitCount = String(fits);
    if (fits === 1) input.prefetchSamples().then(() => { document.body.dataset.samplesReady = 'true'; });
  },
});

function showProgress(s) {
  const box = $('load-progress');
  const p = s.busy ? s.progress : null;
  box.hidden = !p;
  if (!p) return;
  const bar = $('load-progress-bar');
  const reading = p.total > 0 && p.loaded < p.total;
  if (reading) {
    bar.max = p.total;
    bar.value = p.loaded;
  } else bar.removeAttribute('value');
  $('load-progress-text').textContent = reading ? `Reading ${bytesText(p.loaded)} of ${bytesText(p.total)}…`
    : p.total > 0 ? 'Fitting…' : `${p.what}…`;
}

state.subscribe((s, prev) => {
  results.render(s, prev);
  sphereList.render(s, prev);
  exportBar.render(s, prev);
  staleMarks.render(s);
  volumeOptions.render(s, prev);
  seriesPicker.render(s, prev);
  if (s.progress !== prev.progress || s.busy !== prev.busy) showProgress(s);
  // What the worker read, beside the choice that overrides it: only for the current input.
  if (s.error !== prev.error || s.linkError !== prev.linkError || s.result !== prev.result) {
    $('mode-help').textContent = s.result && !s.error && !s.linkError ? `read as ${modeText(s.result, vocabulary)}` : '';
  }
  const units = s.options.units;
  if (s.result && s.result !== prev.result) {
    view.setSpheres(s.spheres, s.sphere);
    drawing.draw(s.result);
    $('version').textContent = `spherefit ${s.result.version}`;
    $('layer-circles').closest('label').hidden = s.result.mode === 'points';
    $('layer-points').closest('label').hidden = s.result.mode === 'circles';
  } else if (s.result && units !== prev.options.units) {
    showLegend();
    table.setUnits(units);
    plot.setUnits(units);
  }
  if (s.result === prev.result && (s.hot !== prev.hot || s.selected !== prev.selected)) drawing.highlight();
  preview.render(s, prev);
});

for (const layer of ['circles', 'points', 'sphere', 'wireframe', 'ellipsoid', 'axes', 'zone']) {
  view.setLayer(layer, $(`layer-${layer}`).checked);  // as the page shows them (a reload may keep them)
  $(`layer-${layer}`).addEventListener('change', (e) => {
    view.setLayer(layer, e.target.checked);
    showLegend();
  });
}
$('fit-view').addEventListener('click', () => view.fitView());

window.addEventListener('hashchange', () => { if (location.hash) sharing.openShared(); });
if (await sharing.openShared() === 'none') {
  input.loadSample(DEFAULT_SAMPLE).catch((err) => toast(err.message));
}
