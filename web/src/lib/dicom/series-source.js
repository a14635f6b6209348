// Where a series' pixels come from, kept beside the series rather than in it: series objects
// stay plain data (JSON, structured clone), and their files are found through this WeakMap,
// which lets them go with the series.

import { parseFile, readWhole } from './parse.js';

/**
 * A series' files (each with its transfer syntax and pixel format), or a reader of its slices.
 * @typedef {{ files: { source: import('./parse.js').FileSource, ts: import('./transfer-syntax.js').TransferSyntax, format: import('./image.js').PixelFormat }[] }
 *   | { read: (index: number) => Promise<any> }} SeriesRecord
 */
/** @type {WeakMap<object, SeriesRecord>} */
const sources = new WeakMap();
/** @param {object} series */
export const seriesSource = (series) => sources.get(series);
/** @param {object} series @param {SeriesRecord} record */
export const setSeriesSource = (series, record) => { sources.set(series, record); };

/**
 * One-entry cache: the last multi-frame file parsed (its frames are read one after another).
 * @type {{ source: object | null, parsed: import('./parse.js').Parsed | null }}
 */
let lastParsed = { source: null, parsed: null };

/**
 * The parse of a slice's file (encapsulated pixel data: in full, to find its fragments).
 * @returns {Promise<{ ok: true, value: import('./parse.js').Parsed } | import('./problems.js').DicomFailure>}
 */
export async function parseForPixels(source, ts, multiFrame) {
  if (multiFrame && lastParsed.source === source && lastParsed.parsed) return { ok: true, value: lastParsed.parsed };
  const bytes = await readWhole(source);
  const parsed = await parseFile(bytes, source.name, { untilPixelData: !ts.encapsulated });
  if (parsed.ok && multiFrame) lastParsed = { source, parsed: parsed.value };
  return parsed;
}

/** Forgets the cached multi-frame file (its bytes go with it). */
export function releaseCache() { lastParsed = { source: null, parsed: null }; }
