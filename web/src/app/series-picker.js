// Which of several DICOM series (and structure sets, segmentations) among the files read together
// is fitted: a select listing each with its description, modality, slices and size, shown when the
// files hold more than one. The worker fits the largest image series first and says which it
// chose (result.seriesChosen); picking another reads that one. It never fits by itself.
import { count } from '../lib/format.js';

/** "2: CT “Thorax 1 mm” — 120 slices, 512 × 512". */
export function seriesText(s) {
  const what = s.kind === 'rtstruct' ? `${count(s.rois?.length ?? 0, 'ROI')}${s.rois?.length ? ` (${s.rois.slice(0, 4).join(', ')}${s.rois.length > 4 ? ', …' : ''})` : ''}`
    : s.kind === 'seg' ? `${count(s.segments?.length ?? 0, 'segment')}, ${count(s.slices, 'plane')}`
      : `${count(s.slices, 'slice')}${s.size ? `, ${s.size[0]} × ${s.size[1]}` : ''}`;
  return `${s.number}: ${s.modality || '?'} “${s.description || s.seriesInstanceUID || s.id}” — ${what}${s.ok === false ? ' (cannot be used)' : ''}`;
}

export function createSeriesPicker(root, { onSeries }) {
  const $ = (id) => root.querySelector(`[data-testid="${id}"]`);
  const row = $('series-row');
  const select = $('option-series');
  let listed = null;

  select.addEventListener('change', () => onSeries(select.value));

  return {
    // s.result.series: what the files hold; s.result.seriesChosen: the one fitted.
    render(s, prev = {}) {
      if (s.result === prev.result && s.file === prev.file) return;
      if (!Array.isArray(s.file?.file)) {
        row.hidden = true;
        listed = null;
        return;
      }
      const list = s.result?.series;
      if (!list) return;  // a failure before the files were listed keeps the last list
      if (list !== listed) {
        listed = list;
        select.replaceChildren(...list.map((item) => {
          const option = document.createElement('option');
          option.value = String(item.number);
          option.textContent = seriesText(item);
          option.disabled = item.ok === false;
          return option;
        }));
      }
      if (s.result.seriesChosen) select.value = String(s.result.seriesChosen);
      row.hidden = list.length < 2;
    },
  };
}
