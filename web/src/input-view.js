// The input side of the page: the text area, file upload, drag-and-drop anywhere, the sample
// menu and the options. It reports what the user did; it never fits or renders results.
const SAMPLE_URL = (name) => new URL(`../samples/${name}.csv`, import.meta.url);
// A text area holding megabytes takes seconds to lay out and freezes the page: above this size
// it shows the first PREVIEW_LINES lines, read-only, while the whole text is fitted.
const LARGE_TEXT = 1_000_000;
const PREVIEW_LINES = 1000;

export function createInputView(root, { onText, onOptions, onError }) {
  const $ = (id) => root.querySelector(`[data-testid="${id}"]`);
  const text = $('data-input');
  const file = $('file-input');
  const sample = $('sample-select');
  const weights = $('option-weights');
  const robust = $('option-robust');
  const radius = $('option-radius');
  const units = $('option-units');
  const overlay = $('drop-overlay');
  const largeNote = $('large-input-note');
  let fullText = null;  // the whole text while the text area shows a preview

  function show(value) {
    if (value.length <= LARGE_TEXT) {
      fullText = null;
      text.readOnly = false;
      text.value = value;
      largeNote.hidden = true;
      return;
    }
    fullText = value;
    let end = 0;
    for (let k = 0; k < PREVIEW_LINES && end !== -1; ++k) end = value.indexOf('\n', end + 1);
    text.value = value.slice(0, end === -1 ? value.length : end);
    text.readOnly = true;
    let lines = 1;
    for (let at = value.indexOf('\n'); at !== -1; at = value.indexOf('\n', at + 1)) lines += 1;
    largeNote.firstElementChild.textContent = `Showing the first ${PREVIEW_LINES} of ${lines.toLocaleString('en')} lines (${(value.length / 1e6).toFixed(1)} MB), read-only: all of them are fitted. Editing text this large in the page is slow.`;
    largeNote.hidden = false;
  }

  const readOptions = () => ({ weights: weights.value, robust: robust.checked, radius: radius.value.trim().replace(',', '.'), units: units.value.trim() });

  function setText(value, { fromSample = '' } = {}) {
    show(value);
    sample.value = fromSample;
    onText(value, { immediate: true });
  }

  // Samples are tiny: once fetched they stay in memory, so the menu works offline after loading.
  const samples = new Map();
  async function fetchSample(name) {
    if (!samples.has(name)) {
      const response = await fetch(SAMPLE_URL(name));
      if (!response.ok) throw new Error(`The sample '${name}' could not be loaded (${response.status}).`);
      samples.set(name, await response.text());
    }
    return samples.get(name);
  }

  async function loadSample(name) {
    setText(await fetchSample(name), { fromSample: name });
  }

  function prefetchSamples() {
    const names = [...sample.options].map((o) => o.value).filter(Boolean);
    return Promise.all(names.map((name) => fetchSample(name).catch(() => null)));
  }

  async function loadFile(f) {
    if (!f) return;
    if (f.size > 64 * 1024 * 1024) {
      onError(`${f.name} is ${(f.size / 1048576).toFixed(0)} MB; files up to 64 MB can be opened.`);
      return;
    }
    setText(await f.text());
  }

  $('edit-large-input').addEventListener('click', () => {
    if (fullText === null) return;
    const value = fullText;
    fullText = null;
    largeNote.hidden = true;
    text.readOnly = false;
    text.value = value;
  });
  text.addEventListener('input', () => {
    sample.value = '';
    onText(text.value, { immediate: false });
  });
  sample.addEventListener('change', () => {
    if (sample.value) loadSample(sample.value).catch((e) => onError(e.message));
  });
  file.addEventListener('change', () => {
    loadFile(file.files[0]).catch((e) => onError(e.message));
    file.value = '';
  });
  for (const control of [weights, robust, units]) control.addEventListener('change', () => onOptions(readOptions()));
  radius.addEventListener('input', () => onOptions(readOptions()));
  units.addEventListener('input', () => onOptions(readOptions()));

  // Drag and drop anywhere on the page.
  let depth = 0;
  const hasFiles = (e) => [...(e.dataTransfer?.types ?? [])].includes('Files');
  document.addEventListener('dragenter', (e) => { if (hasFiles(e)) { depth += 1; overlay.hidden = false; } });
  document.addEventListener('dragleave', () => { depth = Math.max(0, depth - 1); if (depth === 0) overlay.hidden = true; });
  document.addEventListener('dragover', (e) => { if (hasFiles(e)) e.preventDefault(); });
  document.addEventListener('drop', (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    depth = 0;
    overlay.hidden = true;
    loadFile(e.dataTransfer.files[0]).catch((err) => onError(err.message));
  });

  return {
    loadSample,
    prefetchSamples,
    setText,
    readOptions,
    setOptions(o) {
      if (o.weights) weights.value = o.weights;
      robust.checked = Boolean(o.robust);
      radius.value = o.radius ?? '';
      if (o.units !== undefined) units.value = o.units;
    },
    text: () => fullText ?? text.value,
    // Puts the caret on a line (and column) of the input, for "show in input".
    revealLine(line, column = 1) {
      const lines = text.value.split('\n');
      let start = 0;
      for (let k = 0; k < line - 1 && k < lines.length; ++k) start += lines[k].length + 1;
      const length = lines[line - 1]?.length ?? 0;
      text.focus();
      text.setSelectionRange(start + Math.min(column - 1, length), start + length);
      const lineHeight = parseFloat(getComputedStyle(text).lineHeight) || 16;
      text.scrollTop = Math.max(0, (line - 3) * lineHeight);
    },
  };
}
