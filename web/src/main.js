// Wires the page: input events → the solver worker → the one state object → the views.
// No maths here; every number shown comes from the solver's result.
import { createState } from './state.js';
import { createSolverClient } from './solver-client.js';
import { createInputView } from './input-view.js';
import { createResultsPanel } from './results-panel.js';
import { createSphereView } from './sphere-view.js';
import { createProfilePlot } from './profile-plot.js';
import { createSliceTable } from './slice-table.js';
import { resultJson, resultCsv, sliceTableCsv, resultSummary, download } from './export.js';
import { encodeShare, decodeShare } from './share-link.js';

const DEFAULT_SAMPLE = 'femoral-head-ct';
const EDIT_DEBOUNCE_MS = 250;
const $ = (id) => document.querySelector(`[data-testid="${id}"]`);

const state = createState({
  text: '',
  options: { weights: 'uniform', robust: false, radius: '', units: 'mm' },
  result: null,
  error: null,
  busy: false,
  hot: -1,
  selected: -1,
});
const client = createSolverClient();

let toastTimer = 0;
function toast(message) {
  const el = $('toast');
  el.textContent = message;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { el.textContent = ''; }, 5000);
}

let fits = 0;
async function runFit() {
  const { text, options } = state.get();
  state.set({ busy: true });
  let result;
  try {
    result = await client.fit(text, { weights: options.weights, robust: options.robust, radius: options.radius, units: options.units });
  } catch (err) {
    // Not a data error: the worker itself broke. Shown as such, with no code of our own.
    state.set({ busy: false, error: { message: `${err.message}. Reload the page to try again.` } });
    return;
  }
  if (result.superseded) return;
  if (result.ok) state.set({ busy: false, result, error: null, hot: -1, selected: -1 });
  else state.set({ busy: false, error: result.error });
  fits += 1;
  document.body.dataset.fitCount = String(fits);
  if (fits === 1) input.prefetchSamples().then(() => { document.body.dataset.samplesReady = 'true'; });
}

let debounce = 0;
function scheduleFit(immediate) {
  clearTimeout(debounce);
  debounce = setTimeout(runFit, immediate ? 0 : EDIT_DEBOUNCE_MS);
}

const input = createInputView(document, {
  onText(text, { immediate }) {
    state.set({ text });
    scheduleFit(immediate);
  },
  onOptions(options) {
    const previous = state.get().options;
    state.set({ options });
    const refit = options.weights !== previous.weights || options.robust !== previous.robust || options.radius !== previous.radius;
    if (refit) scheduleFit(options.radius === previous.radius);
  },
  onError: toast,
});

const setHot = (i) => { if (state.get().hot !== i) state.set({ hot: i }); };
const setSelected = (i) => state.set({ selected: state.get().selected === i ? -1 : i });

const results = createResultsPanel(document, { onRevealLine: (line, column) => input.revealLine(line, column) });
const view = createSphereView($('viewer'), { onHover: setHot, onSelect: setSelected, onLegend: (text) => { $('viewer-legend').textContent = text; } });
const plot = createProfilePlot($('profile-plot'), $('residual-plot'), { onHover: setHot, onSelect: setSelected });
const table = createSliceTable($('slice-table'), $('table-note'), { onHover: setHot, onSelect: setSelected });

state.subscribe((s, prev) => {
  results.render(s);
  const units = s.options.units;
  if (s.result && (s.result !== prev.result || units !== prev.options.units)) {
    if (s.result !== prev.result) {
      view.draw(s.result.slices, s.result);
      table.draw(s.result.slices, s.result);
      $('version').textContent = `spherefit ${s.result.version}`;
    }
    plot.draw(s.result.slices, s.result, units);
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

function withResult(action) {
  return async () => {
    const { result, options } = state.get();
    if (!result) return toast('Nothing to export yet: fit some slices first.');
    try {
      await action(result, options);
    } catch (err) {
      toast(`That did not work: ${err.message}`);
    }
  };
}
$('export-json').addEventListener('click', withResult((r, o) => download('sphere-fit.json', resultJson(r, o), 'application/json')));
$('export-csv').addEventListener('click', withResult((r, o) => download('sphere-fit.csv', resultCsv(r, o), 'text/csv')));
$('export-table').addEventListener('click', withResult((r) => download('slices.csv', sliceTableCsv(r), 'text/csv')));
$('export-png').addEventListener('click', withResult(async () => download('sphere-view.png', await view.toBlob(), 'image/png')));
$('copy-result').addEventListener('click', withResult(async (r, o) => {
  await navigator.clipboard.writeText(resultSummary(r, o));
  toast('Result copied to the clipboard.');
}));
$('share').addEventListener('click', async () => {
  const { text, options } = state.get();
  const link = `${location.href.split('#')[0]}#${await encodeShare({ v: 1, text, options })}`;
  $('share-row').hidden = false;
  $('share-link').value = link;
  $('share-link').select();
  const size = link.length > 2e6 ? ` It is ${(link.length / 1e6).toFixed(1)} MB long; some browsers cut links over 2 MB.` : '';
  try {
    await navigator.clipboard.writeText(link);
    toast(`Share link copied.${size}`);
  } catch {
    toast(`Share link ready below: copy it.${size}`);
  }
});

async function openShared() {
  let shared = null;
  try {
    shared = await decodeShare(location.hash);
  } catch {
    toast('The link\'s data is damaged and could not be read; showing a sample instead.');
  }
  if (!shared) return false;
  const options = { ...state.get().options, ...shared.options };
  input.setOptions(options);
  state.set({ options });
  input.setText(String(shared.text ?? ''));
  return true;
}

window.addEventListener('hashchange', openShared);
if (!(await openShared())) {
  input.loadSample(DEFAULT_SAMPLE).catch((err) => toast(err.message));
}
