// The export buttons and the share box. Exports hand out the fit result, so they are on only
// while that result is the current input's: while the input has an error, a damaged link was
// opened, or a fit is pending, they are off and a note says why (and a click that slips through
// says so too). The share box shows a link only for the input as it is now; it is emptied by any
// edit. The files themselves are made by export.js.
import { isCurrent } from './state.js';
import { resultJson, resultCsv, tableCsv, resultSummary, resultTexts, download, spheresJson, spheresCsv } from './export.js';
import { exportPointResiduals } from './point-export.js';
import { legendLines, scaleText } from './legend.js';
import { resultFormats } from '../lib/format.js';

const RESULT_EXPORTS = ['copy-result', 'export-json', 'export-csv', 'export-table', 'export-points', 'export-png'];
const TABLE_LABEL = { circles: 'Slice table CSV', contours: 'Contour table CSV', points: 'Point table CSV' };

const TABLE_FILE = { circles: 'slices.csv', contours: 'contours.csv', points: 'points.csv' };
// Exports of an opened file are named after it (ball.ply → ball-sphere-fit.json) and say where
// they came from; text typed, pasted or from a sample has no name to give.
const stem = (s) => (s.file ? `${s.file.name.replace(/\.gz$/i, '').replace(/(\.seg)?\.[^.]*$/i, '')}-` : '');
const source = (s) => s.file?.name ?? null;

// getState(): the page's state; vocabulary, specs: the core's vocabulary and the page's options;
// view: the 3D view (its PNG); viewInfo(): what it last drew (its legend); onShare(): make a link;
// toast(message): a passing note.
export function createExportBar(root, { getState, vocabulary, specs, view, viewInfo, onShare, toast }) {
  const $ = (id) => root.querySelector(`[data-testid="${id}"]`);
  const note = $('export-note');
  const row = $('share-row');
  const link = $('share-link');
  const shareNote = $('share-note');

  // An export acts only on a current result (the buttons are off otherwise; this holds even if a
  // click slips through while a fit is on its way).
  function withResult(action) {
    return async () => {
      const s = getState();
      if (!isCurrent(s)) return toast(s.result ? 'Not exported: the result shown is not the current input\'s.' : 'Nothing to export yet: fit some data first.');
      try {
        await action(s.result, s.options, s);
      } catch (err) {
        toast(`That did not work: ${err.message}`);
      }
      return undefined;
    };
  }

  function pngLegend(result, options) {
    const t = resultTexts(result, options);
    return {
      corner: scaleText(viewInfo(), options.units),
      title: `Sphere fit: radius ${t.radius}; centre ${t.centre.join(', ')}`,
      lines: legendLines(viewInfo(), options.units, resultFormats(result).length),
      software: `spherefit ${result.version ?? ''}`.trim(),
    };
  }

  // With several spheres, the results exports are of all of them; the tables stay the shown sphere's.
  const json = (r, o, s) => (s.spheres ? spheresJson(s.spheres, s.sphere, o, { source: source(s) }) : resultJson(r, o, { vocabulary, specs, source: source(s) }));
  const table = (r, o, s) => (s.spheres ? spheresCsv(s.spheres, o, source(s)) : resultCsv(r, o));
  $('export-json').addEventListener('click', withResult((r, o, s) => download(`${stem(s)}${s.spheres ? 'spheres' : 'sphere-fit'}.json`, json(r, o, s), 'application/json')));
  $('export-csv').addEventListener('click', withResult((r, o, s) => download(`${stem(s)}${s.spheres ? 'spheres' : 'sphere-fit'}.csv`, table(r, o, s), 'text/csv')));
  $('export-table').addEventListener('click', withResult((r, o, s) => download(`${stem(s)}${TABLE_FILE[r.mode]}`, tableCsv(r), 'text/csv')));
  // Off the page's thread, with progress and a Cancel button (point-export.js).
  const progress = $('export-progress');
  const progressText = $('export-progress-text');
  let cancel = null;
  $('export-cancel').addEventListener('click', () => cancel?.abort());
  $('export-points').addEventListener('click', withResult(async (r, o, s) => {
    if (cancel) return toast('An export is being written already.');
    cancel = new AbortController();
    $('export-points').disabled = true;
    const show = (text) => {
      progress.hidden = text === '';
      progressText.textContent = text;
    };
    try {
      await exportPointResiduals(r, `${stem(s)}point-residuals.csv`, { show, download: (name, blob) => download(name, blob, 'text/csv'), signal: cancel.signal });
    } finally {
      cancel = null;
      $('export-points').disabled = !isCurrent(getState());
    }
  }));
  $('export-png').addEventListener('click', withResult(async (r, o, s) => download(`${stem(s)}sphere-view.png`, await view.toBlob(pngLegend(r, o)), 'image/png')));
  $('copy-result').addEventListener('click', withResult(async (r, o) => {
    await navigator.clipboard.writeText(resultSummary(r, o, vocabulary));
    toast('Result copied to the clipboard.');
  }));
  $('share').addEventListener('click', onShare);

  return {
    render(s, prev = {}) {
      if (s.share === prev.share && s.result === prev.result && s.error === prev.error && s.linkError === prev.linkError
        && s.busy === prev.busy && s.text === prev.text && s.file === prev.file) return;  // hover and selection change nothing here
      const current = isCurrent(s);
      for (const id of RESULT_EXPORTS) $(id).disabled = !current;
      // Points: the point residuals are the table. Contours: both. Circles: the slice table only.
      const mode = s.result?.mode ?? 'circles';
      $('export-table').hidden = mode === 'points';
      $('export-table').textContent = TABLE_LABEL[mode];
      $('export-points').hidden = mode === 'circles';
      $('share').disabled = s.text.length === 0 && !s.file;
      note.textContent = current || !s.result ? ''
        : s.linkError || s.error ? 'Exports are off: the current input or options give an error, and the result shown is the last good one, for earlier data or options.'
          : 'Exports wait for the fit of the current input.';
      note.hidden = note.textContent === '';
      note.dataset.why = s.busy && !(s.linkError || s.error) ? 'busy' : 'error';
      if (s.share !== prev.share) {
        row.hidden = !s.share;
        link.value = s.share?.link ?? '';
        link.hidden = !s.share?.link;
        shareNote.textContent = s.share?.note ?? '';
        if (s.share?.link) link.select();
      }
    },
  };
}
