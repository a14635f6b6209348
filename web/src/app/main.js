// Wires the page: input events → the solver worker → the one state object → the views.
// No maths here; every number shown comes from the solver's result.
//
// Three ways to ask for a fit, one lane (a newer request supersedes an older one):
//   text   typed, pasted, sample or link text                     → client.fit
//   open   a dropped or opened file, or a sample that is a file     → client.open (the worker reads it)
//   refit  new options or a new volume selection on the open file  → client.refit (not read again)
import { createState, isCurrent } from './state.js';
import { createSolverClient } from './solver-client.js';
import { createInputView, LARGE_TEXT, MAX_SHOWN_FILE, bytesText } from './input-view.js';
import { createVolumeOptions } from './volume-options.js';
import { createResultsPanel } from './results-panel.js';
import { createSphereView } from './sphere-view.js';
import { createProfilePlot } from './profile-plot.js';
import { createSliceTable } from './slice-table.js';
import { createSlicePreview } from './slice-preview.js';
import { createExportBar } from './export-bar.js';
import { createStaleMarks } from './stale-marks.js';
import { resultJson, resultCsv, tableCsv, pointResidualsCsv, resultSummary, resultTexts, download } from './export.js';
import { encodeShare, decodeShare, MAX_LINK_LENGTH } from './share-link.js';
import { legendLines, scaleText } from './legend.js';
import { resultFormats } from '../lib/format.js';
import { isFormFit, volumeSliceOfCircle, circleOfVolumeSlice, modeText, rowCount } from './describe.js';

const DEFAULT_SAMPLE = 'femoral-head-ct';
const EDIT_DEBOUNCE_MS = 250;
const $ = (id) => document.querySelector(`[data-testid="${id}"]`);

const state = createState({
  text: '',
  file: null,
  options: { weights: 'uniform', mode: 'auto', fitType: 'least-squares', robust: false, radius: '', units: 'mm' },
  volumeFile: false,
  volume: null,
  selection: null,
  result: null,
  error: null,
  linkError: null,
  busy: false,
  progress: null,
  hot: -1,
  selected: -1,
  preview: -1,
  share: null,
});
const client = createSolverClient();

let toastTimer = 0;
function toast(message) {
  const el = $('toast');
  el.textContent = message;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { el.textContent = ''; }, 5000);
}

// An edit makes the link in the address bar outdated: drop it, so a reload cannot bring back
// data the user has since changed.
function forgetLink() {
  if (location.hash) history.replaceState(null, '', location.pathname + location.search);
}

// The options the worker takes. The units are a label, but the core's messages carry it ("the
// known radius 12.5 mm …", "the header gives lengths in in, but the units label is mm"), so a new
// label is a refit too: no message keeps the old one.
const workerOptions = ({ weights, mode, fitType, robust, radius, units }) => ({ weights, mode, fitType, robust, radius, units });
const fitChanged = (a, b) => a.weights !== b.weights || a.mode !== b.mode || a.fitType !== b.fitType || a.robust !== b.robust ||
  a.radius !== b.radius || a.units !== b.units;

// Files the worker may read as a table, whose text the page then shows; the others (point files,
// meshes, volumes) are never text.
const BINARY_NAME = /\.(ply|stl|obj|nii|nrrd)(\.gz)?$/i;
const VOLUME_NAME = /\.(nii|nrrd)(\.gz)?$/i;
async function readText(file) {
  if (file.size > MAX_SHOWN_FILE) return '';
  if (/\.gz$/i.test(file.name)) return new Response(file.stream().pipeThrough(new DecompressionStream('gzip'))).text();
  return file.text();
}

// The slice the preview shows for a new volume result: the one it showed, if the slices are the
// same ones, else the middle of those used.
function previewFor(result, s) {
  if (!result.volumeSlices) return -1;
  const { index, status } = result.volumeSlices;
  const old = s.result;
  if (s.preview >= 0 && old?.volume?.id === result.volume.id && old.selection?.axis === result.selection?.axis
      && [...index].includes(s.preview)) return s.preview;
  const kept = [...index].filter((_, k) => status[k] === 0);
  const among = kept.length ? kept : [...index];
  return among.length ? among[Math.floor(among.length / 2)] : -1;
}

// Every request that needs a fit bumps `edits`; a fit's answer counts only if no request came after it.
let edits = 0;
let fits = 0;
async function runFit(kind) {
  const edit = edits;
  const s = state.get();
  const options = workerOptions(s.options);
  const selection = s.selection ?? undefined;
  let result;
  let textRead = null;
  try {
    if (kind === 'text') {
      result = await client.fit(s.text, options);
    } else if (kind === 'open') {
      // A table's text is read beside the fit, to show it once the worker says it is a table.
      textRead = BINARY_NAME.test(s.file.name) ? null : readText(s.file.file).catch(() => '');
      result = await client.open(s.file.file, options, {
        selection,
        onProgress(loaded, total) {
          if (edit === edits) state.set({ progress: { ...state.get().progress, loaded, total } });
        },
      });
    } else {
      result = await client.refit(options, selection);
      // The worker no longer holds the file (it was restarted): read it again.
      if (result === null && edit === edits) return runFit('open');
    }
  } catch (err) {
    // Not a data error: the worker itself broke. Shown as such, with no code of our own.
    if (edit === edits) state.set({ busy: false, progress: null, error: { kind: 'breakage', message: `${err.message}. Reload the page to try again.` } });
    return;
  }
  if (result.superseded || edit !== edits) return;  // a newer request's fit is on its way
  const patch = {};
  if (kind === 'open') {
    const table = result.ok ? !(result.volume || result.file) : result.error.line > 0;
    if (table) {
      patch.text = await (textRead ?? readText(s.file.file).catch(() => ''));
      if (edit !== edits) return;
      input.showText(patch.text);
    }
  }
  const now = state.get();
  if (result.ok) {
    const volume = result.volume ? (now.volume?.id === result.volume.id ? now.volume : result.volume) : null;
    state.set({ ...patch, busy: false, progress: null, result, error: null, hot: -1, selected: -1, volume, preview: previewFor(result, now) });
  } else {
    // A volume read whose fit failed is held all the same: its labels are offered for a refit.
    const volume = result.volume && now.volume?.id !== result.volume.id ? { volume: result.volume } : {};
    state.set({ ...patch, ...volume, busy: false, progress: null, error: result.error });
  }
  await drawn;  // every view shows it (a large result is drawn over a few tasks)
  if (edit !== edits) return;
  fits += 1;
  document.body.dataset.fitCount = String(fits);
  if (fits === 1) input.prefetchSamples().then(() => { document.body.dataset.samplesReady = 'true'; });
}

let debounce = 0;
function scheduleFit(kind, immediate) {
  edits += 1;
  clearTimeout(debounce);
  debounce = setTimeout(() => runFit(kind), immediate ? 0 : EDIT_DEBOUNCE_MS);
}

// The fit for new options or a new selection on what is open: text is fitted again; an open file
// is refitted (a volume that could not be read, and so is not held, is opened again).
const refitKind = (s) => (!s.file ? 'text' : s.volumeFile && !s.volume ? 'open' : 'refit');

const input = createInputView(document, {
  onText(text, { immediate, origin }) {
    if (origin !== 'link') forgetLink();
    const progress = text.length > LARGE_TEXT ? { what: `Fitting ${bytesText(text.length)} of text`, loaded: 0, total: 0 } : null;
    state.set({ text, file: null, volumeFile: false, volume: null, selection: null, busy: true, progress, linkError: null, share: null });
    scheduleFit('text', immediate);
  },
  onFile(file) {
    forgetLink();
    state.set({
      text: '', file: { file, name: file.name, size: file.size }, volumeFile: VOLUME_NAME.test(file.name), volume: null, selection: null,
      busy: true, progress: { what: `Opening ${file.name}`, loaded: 0, total: 0 }, linkError: null, share: null,
    });
    scheduleFit('open', true);
  },
  onOptions(options) {
    const s = state.get();
    const refit = fitChanged(options, s.options);
    forgetLink();
    if (options.fitType !== s.options.fitType && isFormFit(options.fitType) && !isFormFit(s.options.fitType)) {
      $('layer-zone').checked = true;
      view.setLayer('zone', true);
    }
    state.set({ options, share: null, ...(refit ? { busy: true } : {}) });
    if (refit) scheduleFit(refitKind(s), options.radius === s.options.radius);
  },
  onError: toast,
});

const volumeOptions = createVolumeOptions(document, {
  onSelection(selection) {
    const s = state.get();
    forgetLink();
    state.set({ selection, busy: true, share: null });
    scheduleFit(refitKind(s), true);
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

const results = createResultsPanel(document, { onRevealLine: (line, column) => input.revealLine(line, column) });
const view = createSphereView($('viewer'), { onHover: setHot, onSelect: setSelected, onLegend: (info) => { viewInfo = info; } });
const plot = createProfilePlot($('profile-plot'), $('residual-plot'), { onHover: setHot, onSelect: setSelected });
const table = createSliceTable($('slice-table'), $('table-note'), { onHover: setHot, onSelect: setSelected });
const preview = createSlicePreview(document, { onStep: setPreview, getPreview: (axis, index) => client.preview(axis, index) });
const exportBar = createExportBar(document);
const staleMarks = createStaleMarks(document);

function measure(name, draw) {
  const start = performance.now();
  draw();
  performance.measure(name, { start, end: performance.now() });
}

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

// A large result is drawn one view a task (3D view, table, plot), so that no task holds the page
// for long; `drawn` settles once every view shows the latest result. A small one is drawn at once.
// Each view's drawing is measured (performance entries 'draw-view', 'draw-table', 'draw-plot').
const STAGED_ROWS = 20000;
let drawn = Promise.resolve();
let drawing = 0;
const nextTask = () => new Promise((resolve) => { setTimeout(resolve, 0); });
function highlightViews() {
  const { hot, selected } = state.get();
  view.highlight(hot, selected);
  plot.highlight(hot, selected);
  table.highlight(hot, selected);
}
function drawResult(result) {
  const token = ++drawing;
  const steps = [
    ['draw-view', () => { view.draw(result); showLegend(); }],
    ['draw-table', () => table.draw(result, state.get().options.units)],
    ['draw-plot', () => plot.draw(result, state.get().options.units)],
  ];
  if (rowCount(result) < STAGED_ROWS) {
    for (const [name, step] of steps) measure(name, step);
    highlightViews();
    drawn = Promise.resolve();
    return;
  }
  drawn = (async () => {
    for (const [name, step] of steps) {
      await nextTask();
      if (token !== drawing) return;
      measure(name, step);
    }
    highlightViews();
  })();
}

state.subscribe((s, prev) => {
  results.render(s, prev);
  exportBar.render(s, prev);
  staleMarks.render(s);
  volumeOptions.render(s, prev);
  if (s.progress !== prev.progress || s.busy !== prev.busy) showProgress(s);
  // What the worker read, beside the choice that overrides it: only for the current input.
  if (s.error !== prev.error || s.linkError !== prev.linkError || s.result !== prev.result) {
    $('mode-help').textContent = s.result && !s.error && !s.linkError ? `read as ${modeText(s.result)}` : '';
  }
  const units = s.options.units;
  if (s.result && s.result !== prev.result) {
    drawResult(s.result);
    $('version').textContent = `spherefit ${s.result.version}`;
    $('layer-circles').closest('label').hidden = s.result.mode === 'points';
    $('layer-points').closest('label').hidden = s.result.mode === 'circles';
  } else if (s.result && units !== prev.options.units) {
    showLegend();
    table.setUnits(units);
    plot.setUnits(units);
  }
  if (s.result === prev.result && (s.hot !== prev.hot || s.selected !== prev.selected)) highlightViews();
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

// Result exports act only on a current result (the buttons are off otherwise; this holds even
// if a click slips through while a fit is on its way).
function withResult(action) {
  return async () => {
    const s = state.get();
    if (!isCurrent(s)) return toast(s.result ? 'Not exported: the result shown is not the current input\'s.' : 'Nothing to export yet: fit some data first.');
    try {
      await action(s.result, s.options, s);
    } catch (err) {
      toast(`That did not work: ${err.message}`);
    }
  };
}

function pngLegend(result, options) {
  const t = resultTexts(result, options);
  return {
    corner: scaleText(viewInfo, options.units),
    title: `Sphere fit: radius ${t.radius}; centre ${t.centre.join(', ')}`,
    lines: legendLines(viewInfo, options.units, resultFormats(result).length),
    software: `spherefit ${result.version ?? ''}`.trim(),
  };
}

const TABLE_FILE = { circles: 'slices.csv', contours: 'contours.csv', points: 'points.csv' };
// Exports of an opened file are named after it (ball.ply → ball-sphere-fit.json) and say where
// they came from; text typed, pasted or from a sample has no name to give.
const stem = (s) => (s.file ? `${s.file.name.replace(/\.gz$/i, '').replace(/(\.seg)?\.[^.]*$/i, '')}-` : '');
const source = (s) => s.file?.name ?? null;
$('export-json').addEventListener('click', withResult((r, o, s) => download(`${stem(s)}sphere-fit.json`, resultJson(r, o, source(s)), 'application/json')));
$('export-csv').addEventListener('click', withResult((r, o, s) => download(`${stem(s)}sphere-fit.csv`, resultCsv(r, o), 'text/csv')));
$('export-table').addEventListener('click', withResult((r, o, s) => download(`${stem(s)}${TABLE_FILE[r.mode]}`, tableCsv(r), 'text/csv')));
$('export-points').addEventListener('click', withResult((r, o, s) => download(`${stem(s)}point-residuals.csv`, pointResidualsCsv(r), 'text/csv')));
$('export-png').addEventListener('click', withResult(async (r, o, s) => download(`${stem(s)}sphere-view.png`, await view.toBlob(pngLegend(r, o)), 'image/png')));
$('copy-result').addEventListener('click', withResult(async (r, o) => {
  await navigator.clipboard.writeText(resultSummary(r, o));
  toast('Result copied to the clipboard.');
}));

$('share').addEventListener('click', async () => {
  const s = state.get();
  // A link carries text. An opened table's text is the data itself; any other file is not text.
  if (s.file && !s.text) {
    state.set({ share: { link: '', note: `No link: a link cannot carry a file, and ${s.file.name} is not text. It stays on this computer; send the file itself.` } });
    return;
  }
  const { weights, mode, fitType, robust, radius, units } = s.options;
  const link = `${location.href.split('#')[0]}#${await encodeShare({ v: 1, text: s.text, options: { weights, mode, fitType, robust, radius, units } })}`;
  if (state.get().text !== s.text || state.get().options !== s.options || state.get().file !== s.file) return;  // edited meanwhile
  if (link.length > MAX_LINK_LENGTH) {
    state.set({ share: { link: '', note: `No link: this data makes a link of ${(link.length / 1e6).toFixed(1)} MB, and browsers keep links of about 2 MB at most. Send the file or the slice table instead.` } });
    return;
  }
  const error = s.error && s.error.line ? ` The data has an error on line ${s.error.line}; the link carries it as it is.` : s.error ? ' The data has an error; the link carries it as it is.' : '';
  const fromFile = s.file ? ` The link carries the text of ${s.file.name}.` : '';
  let copied = false;
  try {
    await navigator.clipboard.writeText(link);
    copied = true;
  } catch { /* the box below holds it */ }
  state.set({ share: { link, note: `${copied ? 'Copied to the clipboard.' : 'Copy the link above.'}${fromFile}${error}` } });
});

// Opens the data in the address bar's fragment, if any. A damaged link is a lasting error that
// says so; nothing else is loaded in its place, and the bad fragment leaves the address bar.
async function openShared() {
  let shared;
  try {
    shared = await decodeShare(location.hash, { limits: input.limits() });
  } catch (err) {
    forgetLink();
    input.setSource('');
    state.set({ linkError: { kind: 'link', message: err.message }, busy: false, share: null });
    return 'damaged';
  }
  if (!shared) return 'none';
  const options = input.setOptions({ ...state.get().options, ...shared.options });
  state.set({ options });
  input.setText(shared.text, { origin: 'link', label: 'From a share link.' });
  if (shared.notes.length) toast(shared.notes.join(' '));
  return 'opened';
}

window.addEventListener('hashchange', () => { if (location.hash) openShared(); });
if (await openShared() === 'none') {
  input.loadSample(DEFAULT_SAMPLE).catch((err) => toast(err.message));
}
