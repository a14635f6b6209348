// The input side of the page: the text area, file upload, drag-and-drop anywhere, paste, the
// sample menu and the options. It reports what the user did; it never fits or renders results.
// A line under the text area says where the data came from (sample, file, link, paste).
//
// Text that is typed, pasted or picked from the text samples is reported as text (onText); a file
// that is opened or dropped (and a sample that is a file, such as the volume) is reported as a
// File (onFile), for the solver's worker to read: tables, point clouds, meshes and volumes alike;
// several files (chosen together, or a dropped folder) as one array of Files.
// The page shows an opened table's text once the worker has said it is a table (showText).
// The option controls are the core's options (page-options.js): each is read, set and limited by
// its spec (vocabulary.options), and a choice offers the core's list of names, in its order.
import { controlId } from './page-options.js';
import { droppedFiles } from './dropped-files.js';

const sampleFile = (option) => option?.dataset.file ?? `${option?.value}.csv`;
const SAMPLE_URL = (file) => new URL(`../../samples/${file}`, import.meta.url);
// A text area holding megabytes takes seconds to lay out and freezes the page on every key: above
// this size (opened, dropped or pasted) it shows PREVIEW_LINES lines, read-only, while the whole
// text is fitted. The preview starts at the top, or around a line the user asks to see.
export const LARGE_TEXT = 1_000_000;
const PREVIEW_LINES = 1000;
const MAX_PREVIEW_CHARS = 200_000;
// An opened table larger than this is fitted but not shown as text.
export const MAX_SHOWN_FILE = 64 * 1024 * 1024;
export const bytesText = (n) => (n >= 1e6 ? `${(n / 1e6).toFixed(1)} MB` : n >= 1e3 ? `${(n / 1e3).toFixed(1)} KB` : `${n} bytes`);
const size = (n) => (n >= 1e6 ? `${(n / 1e6).toFixed(1)} MB` : `${n.toLocaleString('en')} characters`);

// The offsets at which each line of `text` starts (a typed array: 200 000 lines in a few ms).
function lineStarts(text) {
  let n = 1;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) n += 1;
  const starts = new Uint32Array(n);
  let k = 1;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) starts[k++] = at + 1;
  return starts;
}

// A choice's <option>s: the core's names in its order, labelled by the page's words for them
// (a fit type by the core's own label); a name the page has no words for is offered by its name.
function fillChoice(select, names, labelOf) {
  const words = new Map([...select.options].map((o) => [o.value, o.textContent]));
  select.replaceChildren(...names.map((name) => {
    const option = select.ownerDocument.createElement('option');
    option.value = name;
    option.textContent = labelOf(name) ?? words.get(name) ?? name;
    return option;
  }));
}

// specs: the page's options (page-options.js); vocabulary: the core's (for the choices' names).
export function createInputView(root, { specs, vocabulary, onText, onFile, onOptions, onError }) {
  const $ = (id) => root.querySelector(`[data-testid="${id}"]`);
  const text = $('data-input');
  const file = $('file-input');
  const sample = $('sample-select');
  const controls = specs.map((spec) => ({ spec, control: $(controlId(spec.name)) }));
  for (const { spec, control } of controls) {
    if (spec.kind === 'choice') fillChoice(control, vocabulary[spec.choices], (name) => (spec.choices === 'fitTypes' ? vocabulary.fitTypeWords[name]?.label : undefined));
    if (spec.kind === 'text') control.maxLength = spec.maxLength;
  }
  const overlay = $('drop-overlay');
  const largeNote = $('large-input-note');
  const source = $('input-source');
  let large = null;  // { text, starts, first } while the text area shows a preview of `text`

  // Shows lines [first, first + PREVIEW_LINES) of the large text (first counted from 0).
  function showWindow(first) {
    const { text: full, starts } = large;
    const lines = starts.length - (starts.length > 1 && full.endsWith('\n') ? 1 : 0);  // a final newline ends the last line
    first = Math.max(0, Math.min(first, lines - PREVIEW_LINES));
    const last = Math.min(lines, first + PREVIEW_LINES);
    const end = last < lines ? starts[last] - 1 : full.length;
    // A window of lines, and never more than MAX_PREVIEW_CHARS (a file may be one long line).
    text.value = full.slice(starts[first], Math.min(end, starts[first] + MAX_PREVIEW_CHARS));
    large.first = first;
    const where = first === 0 ? `the first ${(last - first).toLocaleString('en')}` : `lines ${(first + 1).toLocaleString('en')}–${last.toLocaleString('en')}`;
    largeNote.firstElementChild.textContent = `Showing ${where} of ${lines.toLocaleString('en')} lines (${(full.length / 1e6).toFixed(1)} MB), read-only: all of them are fitted. Editing text this large in the page is slow.`;
  }

  function show(value) {
    if (value.length <= LARGE_TEXT) {
      large = null;
      text.readOnly = false;
      text.value = value;
      largeNote.hidden = true;
      return;
    }
    large = { text: value, starts: lineStarts(value), first: 0 };
    text.readOnly = true;
    showWindow(0);
    largeNote.hidden = false;
  }

  const setSource = (message) => { source.textContent = message; };

  const readOne = ({ spec, control }) => (spec.kind === 'flag' ? control.checked : spec.kind === 'choice' ? control.value : control.value.trim());
  const readOptions = () => Object.fromEntries(controls.map((c) => [c.spec.name, readOne(c)]));

  // `origin` says where the text came from, for the source line and for the page ('link' keeps
  // the link in the address bar; anything else is an edit).
  function setText(value, { fromSample = '', origin = 'typed', label = '' } = {}) {
    show(value);
    sample.value = fromSample;
    setSource(label);
    onText(value, { immediate: true, origin });
  }

  // An opened file: the text area is emptied (a table's text comes once the worker has read it,
  // through showText) and the line says which file it is.
  function showFile(f, label) {
    show('');
    text.placeholder = `${f.name} is open. Type or paste here to fit text instead.`;
    setSource(label);
  }

  // Samples are small: once fetched they stay in memory (text as text, a volume as its bytes), so
  // the menu works offline after loading.
  const samples = new Map();
  const optionOf = (name) => [...sample.options].find((o) => o.value === name);
  async function fetchSample(name) {
    if (!samples.has(name)) {
      const option = optionOf(name);
      const fileName = sampleFile(option);
      const response = await fetch(SAMPLE_URL(fileName));
      if (!response.ok) throw new Error(`The sample '${name}' could not be loaded (${response.status}).`);
      samples.set(name, option?.dataset.file ? new File([await response.arrayBuffer()], fileName) : await response.text());
    }
    return samples.get(name);
  }

  async function loadSample(name) {
    const title = optionOf(name)?.textContent ?? name;
    const data = await fetchSample(name);
    // A sample of several spheres (data-spheres="all") is shown with every sphere found.
    const spheres = controls.find((c) => c.spec.name === 'spheres')?.control;
    const wanted = optionOf(name)?.dataset.spheres;
    if (spheres && wanted && spheres.value !== wanted) {
      spheres.value = wanted;
      onOptions(readOptions());
    }
    if (typeof data === 'string') {
      setText(data, { fromSample: name, origin: 'sample', label: `Sample: ${title}.` });
      return;
    }
    showFile(data, `Sample: ${title} (${data.name}, ${bytesText(data.size)}).`);
    sample.value = name;
    onFile(data, { origin: 'sample' });
  }

  function prefetchSamples() {
    const names = [...sample.options].map((o) => o.value).filter(Boolean);
    return Promise.all(names.map((name) => fetchSample(name).catch(() => null)));
  }

  // One file, or several read together when they may be a DICOM series (a folder, .dcm files,
  // files with "DICM" at byte 128 or no extension) or a header with its data file (.mhd, .nhdr):
  // the worker says what they hold. Other files are opened one at a time: the first is used and
  // the line says so.
  async function together(files) {
    if (files.some((g) => /\.(mhd|nhdr)$/i.test(g.name))) return true;
    for (const g of files) {
      if (/\.(dcm|ima)$/i.test(g.name) || !/\.[a-z0-9]{1,5}$/i.test(g.name.split('/').pop())) return true;
      if (await g.slice(128, 132).text() === 'DICM') return true;
    }
    return false;
  }
  async function loadFiles(list, how) {
    const files = [...(list ?? [])];
    const f = files[0];
    if (!f) return;
    sample.value = '';
    if (files.length === 1 || !(await together(files))) {
      const others = files.slice(1).map((o) => o.name);
      showFile(f, others.length
        ? `${how} ${files.length} files: using ${f.name}; not opened: ${others.join(', ')} (one file is fitted at a time).`
        : `File: ${f.name} (${bytesText(f.size)}).`);
      onFile(f, { origin: 'file' });
      return;
    }
    const total = files.reduce((sum, g) => sum + g.size, 0);
    showFile({ name: `${files.length} files` }, `${how} ${files.length} files (${bytesText(total)}), read together: ${files.slice(0, 3).map((g) => g.name).join(', ')}${files.length > 3 ? ', …' : ''}.`);
    onFile(files, { origin: 'file' });
  }

  $('edit-large-input').addEventListener('click', () => {
    if (large === null) return;
    const value = large.text;
    large = null;
    largeNote.hidden = true;
    text.readOnly = false;
    text.value = value;
  });
  // A large paste never enters the text area: the pasted text goes straight to the preview.
  // A paste into the read-only preview replaces the whole input (it cannot be edited in part).
  text.addEventListener('paste', (e) => {
    const pasted = e.clipboardData?.getData('text/plain') ?? '';
    if (large) {
      e.preventDefault();
      setText(pasted, { origin: 'paste', label: `Pasted ${size(pasted.length)} in place of the large input.` });
      return;
    }
    const before = text.value.slice(0, text.selectionStart), after = text.value.slice(text.selectionEnd);
    if (before.length + pasted.length + after.length <= LARGE_TEXT) return;
    e.preventDefault();
    setText(before + pasted + after, { origin: 'paste', label: `Pasted ${size(pasted.length)}.` });
  });
  text.addEventListener('input', () => {
    sample.value = '';
    text.placeholder = '';
    setSource('');
    onText(text.value, { immediate: false, origin: 'typed' });
  });
  sample.addEventListener('change', () => {
    if (sample.value) loadSample(sample.value).catch((e) => onError(e.message));
  });
  file.addEventListener('change', () => {
    loadFiles(file.files, 'Chose').catch((e) => onError(e.message));
    file.value = '';
  });
  // A choice or a flag when it changes; a field at every key.
  for (const { spec, control } of controls) {
    control.addEventListener(spec.kind === 'choice' || spec.kind === 'flag' ? 'change' : 'input', () => onOptions(readOptions()));
  }

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
    droppedFiles(e.dataTransfer).then((files) => loadFiles(files, 'Dropped')).catch((err) => onError(err.message));
  });

  return {
    loadSample,
    prefetchSamples,
    setText,
    setSource,
    readOptions,
    // An opened table's text, once the worker has read the file as a table: shown (read-only in
    // preview when large) but not fitted again.
    showText(value) {
      text.placeholder = '';
      show(value);
    },
    // Sets the controls to `o` (a name not in it: a flag off, a field emptied, a choice or text
    // kept); text is held to its spec's length, as the field holds it. Returns what was set.
    setOptions(o) {
      for (const { spec, control } of controls) {
        const v = o[spec.name];
        if (spec.kind === 'flag') control.checked = Boolean(v);
        else if (spec.kind === 'choice') { if (v) control.value = v; }
        else if (spec.kind === 'text') { if (v !== undefined) control.value = [...String(v)].slice(0, spec.maxLength).join(''); }
        else control.value = v ?? '';
      }
      return readOptions();
    },
    text: () => large?.text ?? text.value,
    // Puts the caret on a line (and column) of the input, for "show in input". In preview mode
    // the preview moves to show that line first.
    revealLine(line, column = 1) {
      let local = line;
      if (large) {
        if (line - 1 < large.first || line - 1 >= large.first + PREVIEW_LINES) showWindow(line - PREVIEW_LINES / 2);
        local = line - large.first;
      }
      const lines = text.value.split('\n');
      let start = 0;
      for (let k = 0; k < local - 1 && k < lines.length; ++k) start += lines[k].length + 1;
      const length = lines[local - 1]?.length ?? 0;
      text.focus();
      text.setSelectionRange(start + Math.min(column - 1, length), start + length);
      const lineHeight = parseFloat(getComputedStyle(text).lineHeight) || 16;
      text.scrollTop = Math.max(0, (local - 3) * lineHeight);
    },
  };
}
