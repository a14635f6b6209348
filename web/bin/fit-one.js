// One file of a `spherefit fit` batch: read, fitted and written as the output asks (a summary,
// a JSON record, CSV rows), returned as text rather than printed, so that the batch can run files
// on worker threads (fit-worker.js) and print each file's output whole, in the order it wants.
// Every file gets output in JSON and CSV, a failed one too (its error), so lines match files.
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import {
  summaryText, resultRecord, csvRow, csvLine, spheresRecord, spheresSummaryText, spheresCsvRows, failureRecord,
} from '../src/lib/report.js';

async function readInput(file) {
  if (file !== '-') return new Uint8Array(await readFile(file));
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return new Uint8Array(Buffer.concat(chunks));
}

// "ball.csv:4:7: InvalidNumber: …" or "scan.ply: byte 1 048 692: TruncatedFile: …".
export function describeFailure(file, error) {
  const where = error.line ? `:${error.line}:${error.column}` : '';
  const offset = error.offset >= 0 && !error.line ? ` byte ${error.offset}:` : '';
  const notes = (error.notes ?? []).map((n) => `\n  note: ${n}`).join('');
  return `${file}${where}:${offset} ${error.code}: ${error.message}${notes}`;
}

const READ_ERRORS = { ENOENT: 'no such file', EISDIR: 'a folder', EACCES: 'permission denied' };

// sf: the loaded library; file: a path or '-'; args: the parsed command line ({ options,
// selection, output }); onProgress(loaded, total): bytes read, for a progress line.
// Returns { stdout, stderr, failed }.
export async function fitOne(sf, file, args, { onProgress } = {}) {
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
  try {
    if (file !== '-' && (await stat(file)).isDirectory()) throw Object.assign(new Error('a folder'), { code: 'EISDIR' });
    const bytes = await readInput(file);
    result = await sf.fitFile(bytes, file === '-' ? '' : basename(file), args.options, { selection: args.selection, onProgress });
  } catch (err) {
    if (!READ_ERRORS[err.code]) throw err;
    const why = `cannot be read (${READ_ERRORS[err.code]})`;
    return failure({ ok: false, error: { message: `${name} ${why}.` } }, `${name}: ${why}.`);
  }
  if (result.volume) sf.releaseVolume(result.volume);
  result.version = sf.version;  // the record's `software`, as the page's worker sets it
  if (!result.ok) return failure(result, describeFailure(name, result.error));
  let stdout;
  if ('spheres' in result) {
    if (args.output === 'csv') stdout = spheresCsvRows(name, result, units).map((row) => `${csvLine(row)}\n`).join('');
    else if (args.output === 'json') stdout = `${JSON.stringify(spheresRecord(result, { units, options, source: name }))}\n`;
    else stdout = spheresSummaryText(result, { vocabulary: sf.vocabulary, units, name });
  } else if (args.output === 'csv') stdout = `${csvLine(csvRow(name, result, units))}\n`;
  else if (args.output === 'json') stdout = `${JSON.stringify(resultRecord(result, { units, options, source: name }))}\n`;
  else stdout = summaryText(result, { vocabulary: sf.vocabulary, units, name });
  return { stdout, stderr: '', failed: false };
}
