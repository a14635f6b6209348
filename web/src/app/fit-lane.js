// The one lane of fit requests: text, an opened file, or a refit of what is open with new options
// or a new volume selection. A newer request supersedes an older one: every request bumps
// `edits`, and an answer counts only if no request came after it. An answer goes into the state
// (result or error, the open volume, the slice to preview); the lane then waits until every view
// has drawn it (a large result is drawn over a few tasks) before it counts the fit as done.
//
//   text   typed, pasted, sample or link text                     → client.fit
//   open   a dropped or opened file, or a sample that is a file     → client.open (the worker reads it)
//   refit  new options or a new volume selection on the open file  → client.refit (not read again)
import { MAX_SHOWN_FILE } from './input-view.js';
import { pickOptions } from './page-options.js';
import { entryResult, firstShown } from './sphere-list.js';

const EDIT_DEBOUNCE_MS = 250;

// Files the worker may read as a table, whose text the page then shows; the others (point files,
// meshes, volumes) are never text.
const BINARY_NAME = /\.(ply|stl|obj|nii|nrrd|dcm|mha)(\.gz)?$/i;
const VOLUME_NAME = /\.(nii|nrrd)(\.gz)?$/i;
export const isVolumeName = (name) => VOLUME_NAME.test(name);

async function readText(file) {
  if (file.size > MAX_SHOWN_FILE) return '';
  if (/\.gz$/i.test(file.name)) return inflatedText(file.stream(), MAX_SHOWN_FILE);
  return file.text();
}

// A .gz table's text for the text box, inflated piecewise on this thread and given up ('') past
// `cap` inflated bytes: the compressed size says nothing of a bomb's (970 kB → 4 GB of zeros).
export async function inflatedText(stream, cap) {
  const reader = stream.pipeThrough(new DecompressionStream('gzip')).getReader();
  const chunks = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > cap) {
      reader.cancel().catch(() => {});
      return '';
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(await new Blob(chunks).arrayBuffer());
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

// The fit for new options or a new selection on what is open: text is fitted again; an open file
// is refitted (a volume that could not be read, and so is not held, is opened again).
// The sphere `index` of the list on show becomes the one the views show.
export function showSphere(state, index) {
  const s = state.get();
  if (!s.spheres || index === s.sphere) return;
  const shown = entryResult(s.spheres, index);
  if (!shown) return;
  const result = { ...shown, version: s.spheres.version };
  state.set({ result, sphere: index, hot: -1, selected: -1, preview: previewFor(result, { ...s, preview: -1 }) });
}

export const refitKind = (s) => (!s.file ? 'text' : s.volumeFile && !s.volume ? 'open' : 'refit');

// state: the page's state; client: the solver client; specs: the page's options (page-options.js);
// showText(text): shows an opened table's text; whenDrawn(): settles once the views show the
// state's result; onFitted(n): the n-th fit is shown.
export function createFitLane({ state, client, specs, showText, whenDrawn, onFitted }) {
  let edits = 0;
  let fits = 0;
  let debounce = 0;

  async function run(kind) {
    const edit = edits;
    const s = state.get();
    const options = pickOptions(specs, s.options);
    const selection = s.selection ?? undefined;
    let result;
    let textRead = null;
    try {
      if (kind === 'text') {
        result = await client.fit(s.text, options);
      } else if (kind === 'open') {
        // A table's text is read beside the fit, to show it once the worker says it is a table.
        const many = Array.isArray(s.file.file);
        textRead = many || BINARY_NAME.test(s.file.name) ? null : readText(s.file.file).catch(() => '');
        result = await client.open(s.file.file, options, {
          selection,
          series: s.series ?? undefined,
          onProgress(loaded, total) {
            if (edit === edits) state.set({ progress: { ...state.get().progress, loaded, total } });
          },
        });
      } else {
        result = await client.refit(options, selection);
        // The worker no longer holds the file (it was restarted): read it again.
        if (result === null && edit === edits) return run('open');
      }
    } catch (err) {
      // Not a data error: the worker itself broke. Shown as such, with no code of our own.
      if (edit === edits) state.set({ busy: false, progress: null, error: { kind: 'breakage', message: `${err.message}. Reload the page to try again.` } });
      return undefined;
    }
    if (result.superseded || edit !== edits) return undefined;  // a newer request's fit is on its way
    const patch = {};
    if (kind === 'open') {
      // Several files, or DICOM (the result lists its series), are never a table to show as text.
      const table = Array.isArray(s.file.file) || result.series ? false : result.ok ? !(result.volume || result.file) : result.error.line > 0;
      if (table) {
        patch.text = await (textRead ?? readText(s.file.file).catch(() => ''));
        if (edit !== edits) return undefined;
        showText(patch.text);
      }
    }
    const now = state.get();
    // Several spheres: the list goes into the state, and the first sphere's own result is the one
    // the other views show (a row of the list picks another).
    let spheres = null, sphere = -1;
    if (result.ok && 'spheres' in result) {
      spheres = result;
      sphere = firstShown(result);
      const shown = sphere >= 0 ? entryResult(result, sphere) : null;
      if (shown) result = { ...shown, version: spheres.version, elapsedMs: spheres.elapsedMs };
      else result = { ok: false, error: { code: 'NoSphereFound', message: 'No label, object or surface of these data could be fitted.' }, ...(spheres.volume ? { volume: spheres.volume } : {}) };
    }
    if (result.ok) {
      const volume = result.volume ? (now.volume?.id === result.volume.id ? now.volume : result.volume) : null;
      state.set({ ...patch, busy: false, progress: null, result, spheres, sphere, error: null, hot: -1, selected: -1, volume, preview: previewFor(result, now) });
    } else {
      // A volume read whose fit failed is held all the same: its labels are offered for a refit.
      const volume = result.volume && now.volume?.id !== result.volume.id ? { volume: result.volume } : {};
      state.set({ ...patch, ...volume, busy: false, progress: null, error: result.error, ...(spheres ? { spheres } : {}) });
    }
    await whenDrawn();
    if (edit !== edits) return undefined;
    fits += 1;
    onFitted(fits);
    return undefined;
  }

  return {
    // Asks for a fit of `kind` ('text', 'open', 'refit'): at once, or after the edit debounce.
    schedule(kind, immediate) {
      edits += 1;
      clearTimeout(debounce);
      debounce = setTimeout(() => run(kind), immediate ? 0 : EDIT_DEBOUNCE_MS);
    },
  };
}
