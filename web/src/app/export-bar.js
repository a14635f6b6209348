// The export buttons and the share box. Exports hand out the fit result, so they are on only
// while that result is the current input's: while the input has an error, a damaged link was
// opened, or a fit is pending, they are off and a note says why. The share box shows a link only
// for the input as it is now; it is emptied by any edit.
import { isCurrent } from './state.js';

const RESULT_EXPORTS = ['copy-result', 'export-json', 'export-csv', 'export-table', 'export-points', 'export-png'];
const TABLE_LABEL = { circles: 'Slice table CSV', contours: 'Contour table CSV', points: 'Point table CSV' };

export function createExportBar(root) {
  const $ = (id) => root.querySelector(`[data-testid="${id}"]`);
  const note = $('export-note');
  const row = $('share-row');
  const link = $('share-link');
  const shareNote = $('share-note');

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
