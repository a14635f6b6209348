// A volume's choices: which label (a labelmap) or which threshold (a grey volume) makes the
// surface, and which voxel axis the slices are cut across. Filled from the volume's description
// in the result (labels with their names and voxel counts, the ISO-50 threshold); it reports the
// user's choice and never fits. Changing a choice refits the volume the worker holds.
import { formatNumber, count } from '../lib/format.js';
import { AXES } from './describe.js';

export function createVolumeOptions(root, { onSelection }) {
  const $ = (id) => root.querySelector(`[data-testid="${id}"]`);
  const box = $('volume-options');
  const labelRow = $('label-row');
  const label = $('option-label');
  const thresholdRow = $('threshold-row');
  const threshold = $('option-threshold');
  const thresholdHelp = $('threshold-help');
  const axis = $('option-axis');
  let shown = null;      // the volume description the controls were filled from
  let edited = false;    // the threshold field holds the user's number, not the ISO-50 default
  let rois = null;       // an RT structure set's ROI names, when one is fitted (no volume)

  // The selection the controls say: the label or (edited) threshold, and the axis.
  function read() {
    const selection = { axis: Number(axis.value) };
    if (rois && label.value !== '') return { label: label.value };  // an ROI by its name
    if (shown?.labelmap && label.value !== '') selection.label = Number(label.value);
    else if (!shown?.labelmap && edited && threshold.value.trim() !== '') selection.threshold = threshold.value.trim();
    return selection;
  }

  function fill(volume) {
    shown = volume;
    edited = false;
    labelRow.hidden = !volume?.labelmap;
    thresholdRow.hidden = !volume || volume.labelmap;
    if (volume?.labelmap) {
      label.replaceChildren(...volume.labels.filter((l) => l.value !== 0).map((l) => {
        const option = document.createElement('option');
        option.value = String(l.value);
        option.textContent = `${l.value}${l.name ? ` — ${l.name}` : ''} (${count(l.count, 'voxel')})`;
        return option;
      }));
    }
    if (volume && !volume.labelmap) {
      const iso = volume.iso50;
      threshold.value = iso ? formatNumber(iso.threshold) : '';
      thresholdHelp.textContent = iso
        ? `ISO-50: halfway between the background (${formatNumber(iso.background)}) and the material (${formatNumber(iso.material)})`
        : 'a grey value: voxels above it are inside';
    }
    // A new volume is first fitted with the core's defaults (the largest label, slices across k):
    // the controls say so until a fit reports what it used, also when that first fit fails.
    if (volume?.labelmap && volume.defaultLabel !== null) label.value = String(volume.defaultLabel);
    axis.value = '2';
    const size = volume?.size;
    [...axis.options].forEach((option, k) => {
      option.textContent = size ? `${AXES[k]} (${count(size[k], 'slice')})` : AXES[k];
    });
  }

  label.addEventListener('change', () => onSelection(read()));
  axis.addEventListener('change', () => onSelection(read()));
  let debounce = 0;
  threshold.addEventListener('input', () => {
    edited = true;
    clearTimeout(debounce);
    debounce = setTimeout(() => onSelection(read()), 400);
  });
  threshold.addEventListener('change', () => {
    clearTimeout(debounce);
    onSelection(read());
  });

  return {
    // s.volume: the open volume's description (kept through errors), s.volumeFile: a volume file
    // is open (even one whose first fit failed), s.result.selection: what the last fit used.
    render(s, prev = {}) {
      box.hidden = !s.volumeFile;
      if (!s.volumeFile) {
        shown = null;
        return;
      }
      // An RT structure set among the files, fitted: its ROIs by name (the core's choice shown).
      const chosen = s.result?.series?.find((x) => x.number === s.result.seriesChosen);
      if (!s.volume && chosen?.kind === 'rtstruct') {
        if (rois !== chosen.rois) {
          rois = chosen.rois;
          label.replaceChildren(...rois.map((name) => Object.assign(document.createElement('option'), { value: name, textContent: name })));
        }
        labelRow.hidden = false;
        thresholdRow.hidden = true;
        if (s.result.roi && rois.includes(s.result.roi)) label.value = s.result.roi;
        shown = null;
        return;
      }
      rois = null;
      if (s.volume !== shown) fill(s.volume);
      if (s.result !== prev.result && s.result?.volume && s.result.volume.id === s.volume?.id) {
        const used = s.result.selection ?? {};
        if (used.label !== undefined) label.value = String(used.label);
        if (used.axis !== undefined) axis.value = String(used.axis);
        if (used.threshold !== undefined && !edited) threshold.value = formatNumber(used.threshold);
      }
    },
  };
}
