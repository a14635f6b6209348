// One file of a `spherefit fit` batch: read, fitted and written as the output asks (a summary,
// a JSON record, CSV rows), returned as text rather than printed, so that the batch can run files
// on worker threads (fit-worker.js) and print each file's output whole, in the order it wants.
// Every file gets output in JSON and CSV, a failed one too (its error), so lines match files.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { printable } from './terminal-text.js';
import { readInput, openFailure } from './read-input.js';
import {
  summaryText, resultRecord, csvRow, csvLine, spheresRecord, spheresSummaryText, spheresCsvRows, failureRecord,
} from '../src/lib/report.js';

// "ball.csv:4:7: InvalidNumber: …" or "scan.ply: byte 1 048 692: TruncatedFile: …".
export function describeFailure(file, error) {
  const where = error.line ? `:${error.line}:${error.column}` : '';
  const offset = error.offset >= 0 && !error.line ? ` byte ${error.offset}:` : '';
  const notes = (error.notes ?? []).map((n) => `\n  note: ${n}`).join('');
  return printable(`${file}${where}:${offset} ${error.code}: ${error.message}${notes}`, { lines: true });
}

// What broke while fitting one file (the wasm module aborted: out of memory on a 250 MB line, or a
// bug): that file's error, typed, so the batch goes on with a fresh module.
const breakage = (err) => ({ ok: false, error: { code: 'UnsupportedFile', message: `The solver stopped on this file (${String(err?.message ?? err).split('\n')[0].slice(0, 200)}); the other files are fitted with a fresh one.` } });

// sf: the loaded library; input: a path, '-', or a group of files that are one dataset (a DICOM
// folder or series, a header with its data file: { name, paths }, inputs.js); args: the parsed command line ({ options,
// selection, output }); onProgress(loaded, total): bytes read, for a progress line.
// Returns { stdout, stderr, failed, broken } (broken: the module aborted; load a fresh one).
export async function fitOne(sf, input, args, { onProgress } = {}) {
  const file = typeof input === 'string' ? input : input.name;
  const name = file === '-' ? 'stdin' : file;
  const units = args.options.units ?? '';
  const options = { ...args.options, ...(Object.keys(args.selection).length ? { volume: args.selection } : {}) };
  const failure = (result, stderr) => ({
    stdout: args.output === 'csv' ? `${csvLine(csvRow(name, result, units))}\n`
      : args.output === 'json' ? `${JSON.stringify(failureRecord(result, { units, options, source: name, version: sf.version }))}\n` : '',
    stderr: `${stderr}\n`,
    failed: true,
  });
  let result;
  let bytes;
  try {
    bytes = typeof input === 'string' ? await readInput(file)
      : await Promise.all(input.paths.map(async (p) => ({ name: p, bytes: new Uint8Array(await readFile(p)) })));
  } catch (err) {
    const why = openFailure(err) ?? `cannot be read (${String(err?.code ?? err?.message ?? err)})`;
    return failure({ ok: false, error: { message: `${name} ${why}.` } }, `${printable(name)}: ${printable(why)}.`);
  }
  try {
    const settings = { selection: args.selection, onProgress, series: args.series };
    result = Array.isArray(bytes) ? await sf.fitFiles(bytes, args.options, settings)
      : await sf.fitFile(bytes, file === '-' ? '' : basename(file), args.options, settings);
  } catch (err) {
    return { ...failure(breakage(err), describeFailure(name, breakage(err).error)), broken: true };
  }
  if (result.volume) sf.releaseVolume(result.volume);
  result.version = sf.version;  // the record's `software`, as the page's worker sets it
  if (!result.ok) return failure(result, describeFailure(name, result.error));
  let stdout;
  if ('spheres' in result) {
    if (args.output === 'csv') stdout = spheresCsvRows(name, result, units).map((row) => `${csvLine(row)}\n`).join('');
    else if (args.output === 'json') stdout = `${JSON.stringify(spheresRecord(result, { units, options, source: name }))}\n`;
    else stdout = printable(spheresSummaryText(result, { vocabulary: sf.vocabulary, units, name }), { lines: true });
  } else if (args.output === 'csv') stdout = `${csvLine(csvRow(name, result, units))}\n`;
  else if (args.output === 'json') stdout = `${JSON.stringify(resultRecord(result, { units, options, source: name }))}\n`;
  else stdout = printable(summaryText(result, { vocabulary: sf.vocabulary, units, name }), { lines: true });
  return { stdout, stderr: '', failed: false };
}
