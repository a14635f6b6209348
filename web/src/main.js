// Wires the page: input events → the solver worker → the one state object → the views.
// No maths here; every number shown comes from the solver's result.
import { createState, isCurrent } from './state.js';
import { createSolverClient } from './solver-client.js';
import { createInputView } from './input-view.js';
import { createResultsPanel } from './results-panel.js';
import { createSphereView } from './sphere-view.js';
import { createProfilePlot } from './profile-plot.js';
import { createSliceTable } from './slice-table.js';
import { createExportBar } from './export-bar.js';
import { createStaleMarks } from './stale-marks.js';
import { resultJson, resultCsv, sliceTableCsv, resultSummary, resultTexts, download } from './export.js';
import { encodeShare, decodeShare, MAX_LINK_LENGTH } from './share-link.js';
import { legendLines, scaleText } from './legend.js';
import { resultFormats } from './format.js';

const DEFAULT_SAMPLE = 'femoral-head-ct';
const EDIT_DEBOUNCE_MS = 250;
const $ = (id) => document.querySelector(`[data-testid="${id}"]`);

const state = createState({
  text: '',
  options: { weights: 'uniform', robust: false, radius: '', units: 'mm' },
  result: null,
  error: null,
  linkError: null,
  busy: false,
  hot: -1,
  selected: -1,
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

// Every edit that needs a fit bumps `edits`; a fit's answer counts only if no edit came after it.
let edits = 0;
let fits = 0;
async function runFit() {
  const edit = edits;
  const { text, options } = state.get();
  let result;
  try {
    result = await client.fit(text, { weights: options.weights, robust: options.robust, radius: options.radius, units: options.units });
  } catch (err) {
    // Not a data error: the worker itself broke. Shown as such, with no code of our own.
    if (edit === edits) state.set({ busy: false, error: { kind: 'breakage', message: `${err.message}. Reload the page to try again.` } });
    return;
  }
  if (result.superseded || edit !== edits) return;  // a newer edit's fit is on its way
  if (result.ok) state.set({ busy: false, result, error: null, hot: -1, selected: -1 });
  else state.set({ busy: false, error: result.error });
  fits += 1;
  document.body.dataset.fitCount = String(fits);
  if (fits === 1) input.prefetchSamples().then(() => { document.body.dataset.samplesReady = 'true'; });
}

let debounce = 0;
function scheduleFit(immediate) {
  edits += 1;
  clearTimeout(debounce);
  debounce = setTimeout(runFit, immediate ? 0 : EDIT_DEBOUNCE_MS);
}

const input = createInputView(document, {
  onText(text, { immediate, origin }) {
    if (origin !== 'link') forgetLink();
    state.set({ text, busy: true, linkError: null, share: null });
    scheduleFit(immediate);
  },
  onOptions(options) {
    const previous = state.get().options;
    const refit = options.weights !== previous.weights || options.robust !== previous.robust || options.radius !== previous.radius;
    forgetLink();
    state.set({ options, share: null, ...(refit ? { busy: true } : {}) });
    if (refit) scheduleFit(options.radius === previous.radius);
  },
  onError: toast,
});

const setHot = (i) => { if (state.get().hot !== i) state.set({ hot: i }); };
const setSelected = (i) => state.set({ selected: state.get().selected === i ? -1 : i });

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
const exportBar = createExportBar(document);
const staleMarks = createStaleMarks(document);

state.subscribe((s, prev) => {
  results.render(s, prev);
  exportBar.render(s, prev);
  staleMarks.render(s);
  const units = s.options.units;
  if (s.result && s.result !== prev.result) {
    view.draw(s.result.slices, s.result);
    showLegend();
    table.draw(s.result.slices, s.result, units);
    plot.draw(s.result.slices, s.result, units);
    $('version').textContent = `spherefit ${s.result.version}`;
  } else if (s.result && units !== prev.options.units) {
    showLegend();
    table.setUnits(units);
    plot.setUnits(units);
  }
  if (s.hot !== prev.hot || s.selected !== prev.selected || s.result !== prev.result) {
    view.highlight(s.hot, s.selected);
    plot.highlight(s.hot, s.selected);
    table.highlight(s.hot, s.selected);
  }
});

for (const layer of ['circles', 'sphere', 'wireframe', 'ellipsoid', 'axes']) {
  $(`layer-${layer}`).addEventListener('change', (e) => view.setLayer(layer, e.target.checked));
}
$('fit-view').addEventListener('click', () => view.fitView());

// Result exports act only on a current result (the buttons are off otherwise; this holds even
// if a click slips through while a fit is on its way).
function withResult(action) {
  return async () => {
    const s = state.get();
    if (!isCurrent(s)) return toast(s.result ? 'Not exported: the result shown is not the current input\'s.' : 'Nothing to export yet: fit some slices first.');
    try {
      await action(s.result, s.options);
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

$('export-json').addEventListener('click', withResult((r, o) => download('sphere-fit.json', resultJson(r, o), 'application/json')));
$('export-csv').addEventListener('click', withResult((r, o) => download('sphere-fit.csv', resultCsv(r, o), 'text/csv')));
$('export-table').addEventListener('click', withResult((r) => download('slices.csv', sliceTableCsv(r), 'text/csv')));
$('export-png').addEventListener('click', withResult(async (r, o) => download('sphere-view.png', await view.toBlob(pngLegend(r, o)), 'image/png')));
$('copy-result').addEventListener('click', withResult(async (r, o) => {
  await navigator.clipboard.writeText(resultSummary(r, o));
  toast('Result copied to the clipboard.');
}));

$('share').addEventListener('click', async () => {
  const s = state.get();
  const { weights, robust, radius, units } = s.options;
  const link = `${location.href.split('#')[0]}#${await encodeShare({ v: 1, text: s.text, options: { weights, robust, radius, units } })}`;
  if (state.get().text !== s.text || state.get().options !== s.options) return;  // edited meanwhile
  if (link.length > MAX_LINK_LENGTH) {
    state.set({ share: { link: '', note: `No link: this data makes a link of ${(link.length / 1e6).toFixed(1)} MB, and browsers keep links of about 2 MB at most. Send the file or the slice table instead.` } });
    return;
  }
  const error = s.error && s.error.line ? ` The data has an error on line ${s.error.line}; the link carries it as it is.` : s.error ? ' The data has an error; the link carries it as it is.' : '';
  let copied = false;
  try {
    await navigator.clipboard.writeText(link);
    copied = true;
  } catch { /* the box below holds it */ }
  state.set({ share: { link, note: `${copied ? 'Copied to the clipboard.' : 'Copy the link above.'}${error}` } });
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
