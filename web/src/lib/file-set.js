// Several files at once (a dropped folder, a DICOM series, a header with its data file) for the
// library (web/src/lib/spherefit.js): what they hold is listed — every DICOM image series,
// structure set and segmentation (web/src/lib/dicom/) — and one is fitted: the one asked for, else
// the largest image series. A DICOM series becomes a stack of slices in the core, each placed by
// its own position; an RT structure set's ROIs are contours, one sphere per ROI named by its
// ROIName; a SEG is a labelmap (each segment also listed alone). Results are in RAS mm, with the centres also in DICOM's LPS
// patient frame (centerLps). A detached MetaImage .mhd or NRRD .nhdr is read with the data file
// given beside it. Files that are neither go to fitFile one by one only when they are alone.
import { scanDicom } from './dicom/index.js';
import { addPatientFrame, dicomWarnings, readDicomVolume, rtStructTable, seriesSummary } from './dicom-volume.js';

const baseName = (name) => String(name ?? '').split(/[\\/]/).pop() ?? '';
const HEADER = /\.(mhd|nhdr)$/i;

/** @param {any} input @returns {{ name: string, source: any }} */
function entry(input) {
  // { name, bytes } (not a Blob's bytes() method, which File has too)
  if (input && typeof input === 'object' && (input.bytes instanceof Uint8Array || input.bytes instanceof ArrayBuffer)) {
    return { name: String(input.name ?? ''), source: input.bytes instanceof ArrayBuffer ? new Uint8Array(input.bytes) : input.bytes };
  }
  return { name: String(input?.name ?? ''), source: input };
}

/**
 * What a scan holds, as one list: image series, structure sets, segmentations, each with a
 * 1-based number, in the order scanDicom gives them.
 * @param {any} scan
 */
function datasets(scan) {
  /** @type {any[]} */
  const out = [];
  for (const s of scan.series) out.push({ kind: 'image', item: s, summary: seriesSummary(s) });
  for (const r of scan.structures) {
    out.push({ kind: 'rtstruct', item: r, summary: { id: r.sopInstanceUID || r.file, seriesInstanceUID: r.seriesInstanceUID, kind: 'rtstruct', ok: true,
      modality: 'RTSTRUCT', description: r.label || r.file, seriesNumber: null, slices: 0, size: null, rois: r.rois.map((x) => x.name) } });
  }
  // A SEG: its labelmap of every segment (where two overlap the higher number wins), and each
  // segment alone (whole where another overlaps it).
  for (const g of scan.segmentations) {
    const s = g.labelmap;
    out.push({ kind: 'seg', item: g, segments: g.segments, summary: { ...seriesSummary(s), kind: 'seg', modality: 'SEG', segments: g.segments.map((x) => x.label) } });
    g.series.forEach((one, k) => {
      const seg = g.segments.find((x) => x.number === one.segment) ?? g.segments[k];
      out.push({ kind: 'segment', item: g, series: one, segments: seg ? [seg] : null,
        summary: { ...seriesSummary(one), kind: 'segment', modality: 'SEG', description: `${s.description}: ${seg?.label ?? `segment ${k + 1}`}` } });
    });
  }
  out.forEach((d, i) => { d.summary.number = i + 1; });
  return out;
}

// The largest usable image series (slices × rows × columns), else the first structure set or
// segmentation.
function defaultDataset(list) {
  let best = null;
  for (const d of list) {
    if (d.kind !== 'image' || !d.item.ok) continue;
    const size = d.item.slices.length * d.item.rows * d.item.columns;
    if (!best || size > best.size) best = { d, size };
  }
  return best?.d ?? list.find((d) => d.kind !== 'image') ?? list[0];
}

/** The dataset `wanted` names: its number (1-based), its SeriesInstanceUID, id or description. */
function pickDataset(list, wanted) {
  if (wanted == null || wanted === '') return { ok: true, chosen: defaultDataset(list) };
  const w = String(wanted);
  const chosen = /^\d+$/.test(w) && Number(w) >= 1 && Number(w) <= list.length ? list[Number(w) - 1]
    : list.find((d) => d.summary.id === w) ?? list.find((d) => d.summary.seriesInstanceUID === w) ?? list.find((d) => d.summary.description === w);
  if (chosen) return { ok: true, chosen };
  const names = list.map((d) => `${d.summary.number}: ${d.summary.modality} ${d.summary.description || d.summary.seriesInstanceUID}`).join('; ');
  return { ok: false, error: { code: 'InvalidOption', message: `No series “${w}” among the files; give its number or SeriesInstanceUID (${names}).` } };
}

/**
 * @param {any} core  the wasm module's bindings
 * @param {ReturnType<typeof import('./file-reader.js').createFileReader>} files
 * @param {<T>(value: T) => T} freeze
 */
export function createFileSet(core, files, freeze) {
  /**
   * Lists what several files hold (DICOM series, structure sets, segmentations) without fitting.
   * @param {any[]} inputs
   */
  async function listSeries(inputs) {
    const scan = await scanDicom(inputs);
    if (!scan.ok) return scan;
    return { ok: true, series: datasets(scan).map((d) => d.summary), warnings: dicomWarnings(scan.notes) };
  }

  /**
   * Fits several files as one dataset (see the file's opening).
   * @param {any[]} inputs  [{ name, bytes }] or File objects
   * @param {import('./spherefit.js').FitOptions} [options]
   * @param {{ series?: string | number, selection?: any, onProgress?: any, keepVolume?: boolean }} [settings]
   */
  async function fitFiles(inputs, options = {}, settings = {}) {
    const list = Array.from(inputs ?? []).map(entry);
    if (!list.length) return { ok: false, error: { code: 'EmptyInput', message: 'No files were given.' } };
    const byName = new Map();
    for (const f of list) { byName.set(baseName(f.name), f.source); byName.set(baseName(f.name).toLowerCase(), f.source); }
    // A detached header and its data file.
    const header = list.find((f) => HEADER.test(f.name));
    if (header) return files.fitFile(header.source, header.name, options, { ...settings, dataFiles: byName });
    if (list.length === 1) {
      const opened = await files.open(list[0].source, list[0].name).catch(() => null);
      if (opened?.kind !== 'dicom') {
        if (opened && 'reader' in opened) await opened.reader.cancel();
        return files.fitFile(list[0].source, list[0].name, options, settings);
      }
      await opened.reader.cancel();
    }
    const scan = await scanDicom(list.map((f) => (f.source instanceof Uint8Array ? { name: f.name, bytes: f.source } : f.source)));
    if (!scan.ok && scan.error.code === 'EmptyInput' && !scan.error.message.startsWith('No files') && !(/** @type {any} */ (scan).errors?.length)) {
      // No DICOM among them: the first file is fitted, and a word says the others were not.
      const result = await files.fitFile(list[0].source, list[0].name, options, settings);
      if (result.ok) {
        result.warnings = [{ code: 'SkippedFile', message: `${list[0].name} was fitted; ${list.slice(1).map((f) => f.name).join(', ')} ${list.length > 2 ? 'are' : 'is'} not read with it (several files are read together only as a DICOM series or a header with its data file).` }, ...result.warnings];
      }
      return result;
    }
    if (!scan.ok) return { ok: false, error: { code: scan.error.code, message: scan.error.message } };
    const all = datasets(scan);
    const picked = pickDataset(all, settings.series);
    if (!picked.ok) return picked;
    const { chosen } = picked;
    const notes = [...dicomWarnings(scan.notes.length > 3 ? [{ code: 'SkippedFile', message: `${scan.notes.length} files were skipped (${scan.notes.slice(0, 2).map((n) => n.file).join(', ')}, …): not images of a series.` }] : scan.notes)];
    const listed = (r) => Object.assign(r, { series: all.map((d) => d.summary), seriesChosen: chosen.summary.number });
    let result;
    if (chosen.kind === 'rtstruct') {
      const label = settings.selection?.label;
      const table = rtStructTable(chosen.item, label == null ? null : label);
      if (!table.ok) return listed(table);
      result = core.fitText(table.text, options, chosen.item.file);
      if (result.ok) notes.push(...dicomWarnings(chosen.item.notes));
      // One sphere: which ROI the core fitted (the most sphere-like, or the one asked for), by the
      // lines its points came from.
      const line = result.ok ? result.points?.line?.[0] : undefined;
      if (line !== undefined) result.roi = table.ranges.find((r) => line >= r.first && line <= r.last)?.name ?? null;
    } else {
      const series = chosen.kind === 'seg' ? chosen.item.labelmap : chosen.kind === 'segment' ? chosen.series : chosen.item;
      const read = await readDicomVolume(core, series, settings.onProgress, chosen.segments ?? null);
      if (!read.ok) return listed(read);
      const volume = freeze(read.volume);
      result = core.volumeFit(volume.id, settings.selection ?? {}, options);
      if (result.ok || settings.keepVolume) result.volume = volume;
      else core.volumeRelease(volume.id);
      notes.push(...volume.dicom.warnings, ...(chosen.kind === 'seg' || chosen.kind === 'segment' ? dicomWarnings(chosen.item.notes) : []));
    }
    if (result.ok) result.warnings = [...notes, ...result.warnings];
    return addPatientFrame(listed(result));
  }

  /**
   * fitFile, with a DICOM file read as DICOM (a single-file series, an RT structure set, a SEG).
   * @param {any} source @param {string} fileName @param {any} [options] @param {any} [settings]
   */
  async function fitFile(source, fileName, options = {}, settings = {}) {
    const opened = await files.open(source, fileName).catch(() => null);
    if (opened && 'reader' in opened) await opened.reader.cancel();
    if (opened?.kind !== 'dicom') return files.fitFile(source, fileName, options, settings);
    const bytes = source instanceof ArrayBuffer ? new Uint8Array(source) : source;
    // A Blob without a name (the CLI reads files as Blobs) gets the file's name for messages.
    const named = bytes instanceof Uint8Array ? { name: fileName, bytes } : typeof File !== 'undefined' && !(bytes instanceof File) ? new File([bytes], fileName) : bytes;
    return fitFiles([named], options, settings);
  }

  return { fitFiles, listSeries, fitFile };
}
